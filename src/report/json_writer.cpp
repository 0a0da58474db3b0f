#include <aftershock/report/json_writer.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <bit>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>

namespace aftershock::report {
namespace {

// nlohmann's shortest round-trip double text (Grisu2 in dtoa_impl, with its own exponent and
// ".0" rules): the very function nlohmann's serializer calls, so the bytes cannot differ.
char* write_double(char* first, char* last, double value) {
  return nlohmann::detail::to_chars(first, last, value);
}

// True for the bytes nlohmann's serializer does not copy as they are: control characters,
// quote, backslash, and every byte of a multi-byte UTF-8 sequence (validated by nlohmann).
bool needs_care(unsigned char c) {
  return c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
}

// Appends `text` as a JSON string (quotes included), as nlohmann's dump_escaped with
// ensure_ascii off: \b \t \n \f \r \" \\, other control characters as \u00xx (lower-case hex),
// everything else copied. Text with non-ASCII bytes is passed to nlohmann itself (it validates
// the UTF-8 and throws type_error 316 on invalid bytes, as the tree renderer did).
void append_string(std::string& out, std::string_view text) {
  std::size_t plain = 0;
  while (plain < text.size() && !needs_care(static_cast<unsigned char>(text[plain])))
    ++plain;
  if (plain == text.size()) { // the usual case: tickers, keys, dates, notes
    out += '"';
    out.append(text);
    out += '"';
    return;
  }
  for (std::size_t i = plain; i < text.size(); ++i)
    if (static_cast<unsigned char>(text[i]) >= 0x80) {
      out += nlohmann::json(std::string(text)).dump();
      return;
    }
  out += '"';
  out.append(text.substr(0, plain));
  static constexpr char k_hex[] = "0123456789abcdef";
  for (std::size_t i = plain; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    switch (c) {
    case '\b':
      out += "\\b";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\f':
      out += "\\f";
      break;
    case '\r':
      out += "\\r";
      break;
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    default:
      if (c < 0x20) {
        out += "\\u00";
        out += k_hex[c >> 4];
        out += k_hex[c & 0xF];
      } else {
        out += static_cast<char>(c);
      }
    }
  }
  out += '"';
}

// A newline and up to 31 levels of indentation: the pretty separators are copied from it.
constexpr std::string_view k_line = "\n                                                  "
                                    "             ";

// The length of `text` when it can be copied between quotes as it is (nothing to escape) and
// is short enough to be staged, else npos.
std::size_t plain_length(std::string_view text, std::size_t limit) {
  if (text.size() > limit)
    return std::string_view::npos;
  for (const char c : text)
    if (needs_care(static_cast<unsigned char>(c)))
      return std::string_view::npos;
  return text.size();
}

} // namespace

std::string json_number_text(double value) {
  if (!std::isfinite(value))
    return "null";
  std::array<char, 64> buffer{};
  char* end = write_double(buffer.data(), buffer.data() + buffer.size(), value);
  return std::string(buffer.data(), end);
}

JsonWriter::JsonWriter(Layout layout) : m_layout(layout) {}

JsonWriter::JsonWriter(Layout layout, std::size_t open_containers, Innermost innermost)
    : m_layout(layout), m_has_elements(open_containers, 1) {
  if (!m_has_elements.empty())
    m_has_elements.back() = innermost == Innermost::has_elements ? 1 : 0;
}

void JsonWriter::newline_and_indent(std::size_t depth) {
  const std::size_t n = 1 + 2 * depth;
  if (n <= k_line.size()) {
    char* p = room(k_line.size());
    std::memcpy(p, k_line.data(), n);
    staged(p + n);
    return;
  }
  flush(); // deeper than the constant line: rare, written directly
  m_out += '\n';
  m_out.append(2 * depth, ' ');
}

void JsonWriter::put(std::string_view text) {
  if (text.size() <= k_staged_max) {
    char* p = room(text.size());
    std::memcpy(p, text.data(), text.size());
    staged(p + text.size());
    return;
  }
  flush();
  m_out.append(text);
}

void JsonWriter::before_value() {
  if (m_after_key) {
    m_after_key = false;
    return;
  }
  if (m_has_elements.empty())
    return; // the top-level value
  char& has = m_has_elements.back();
  if (has != 0) {
    char* p = room(1);
    *p = ',';
    staged(p + 1);
  }
  has = 1;
  if (m_layout == Layout::pretty)
    newline_and_indent(m_has_elements.size());
}

void JsonWriter::open(char bracket) {
  before_value();
  char* p = room(1);
  *p = bracket;
  staged(p + 1);
  m_has_elements.push_back(0);
}

void JsonWriter::close(char bracket) {
  const bool had_elements = m_has_elements.back() != 0;
  m_has_elements.pop_back();
  if (had_elements && m_layout == Layout::pretty)
    newline_and_indent(m_has_elements.size());
  char* p = room(1);
  *p = bracket;
  staged(p + 1);
}

void JsonWriter::begin_object() {
  open('{');
}
void JsonWriter::end_object() {
  close('}');
}
void JsonWriter::begin_array() {
  open('[');
}
void JsonWriter::end_array() {
  close(']');
}

void JsonWriter::key(std::string_view name) {
  before_value();
  const bool pretty = m_layout == Layout::pretty;
  const std::size_t n = plain_length(name, k_staged_max - 4);
  if (n != std::string_view::npos) { // the usual case: a literal key
    char* p = room(n + 4);
    *p++ = '"';
    std::memcpy(p, name.data(), n);
    p += n;
    *p++ = '"';
    *p++ = ':';
    if (pretty)
      *p++ = ' ';
    staged(p);
  } else {
    flush();
    append_string(m_out, name);
    m_out += pretty ? ": " : ":";
  }
  m_after_key = true;
}

void JsonWriter::string(std::string_view text) {
  before_value();
  const std::size_t n = plain_length(text, k_staged_max - 2);
  if (n != std::string_view::npos) { // tickers, statuses, dates, short notes
    char* p = room(n + 2);
    *p++ = '"';
    std::memcpy(p, text.data(), n);
    p += n;
    *p++ = '"';
    staged(p);
    return;
  }
  flush();
  append_string(m_out, text);
}

// Direct-mapped by a multiplicative hash of the bits; an entry with size 0 is empty.
struct JsonWriter::NumberCache {
  static constexpr std::size_t k_entries = 256;
  struct Entry {
    std::uint64_t bits = 0;
    std::array<char, 31> text{}; // nlohmann's longest double is 24 bytes (-1.2345678901234567e-308)
    std::uint8_t size = 0;
  };
  std::array<Entry, k_entries> entries{};
};

void JsonWriter::NumberCacheDeleter::operator()(NumberCache* cache) const noexcept {
  delete cache;
}

void JsonWriter::number(double value) {
  before_value();
  if (!std::isfinite(value)) {
    put("null");
    return;
  }
  if (!m_numbers)
    m_numbers.reset(new NumberCache);
  const auto bits = std::bit_cast<std::uint64_t>(value);
  auto& entry = m_numbers->entries[(bits * 0x9E3779B97F4A7C15ULL) >> 56U]; // 256 entries
  if (entry.size == 0 || entry.bits != bits) {
    char* end = write_double(entry.text.data(), entry.text.data() + entry.text.size(), value);
    entry.bits = bits;
    entry.size = static_cast<std::uint8_t>(end - entry.text.data());
  }
  char* p = room(entry.text.size());
  std::memcpy(p, entry.text.data(),
              entry.text.size()); // a fixed-size copy; the size is what counts
  staged(p + entry.size);
}

void JsonWriter::integer(std::int64_t value) {
  before_value();
  char* p = room(24);
  staged(std::to_chars(p, p + 24, value).ptr);
}

void JsonWriter::unsigned_integer(std::uint64_t value) {
  before_value();
  char* p = room(24);
  staged(std::to_chars(p, p + 24, value).ptr);
}

void JsonWriter::boolean(bool value) {
  before_value();
  put(value ? "true" : "false");
}

void JsonWriter::null() {
  before_value();
  put("null");
}

void JsonWriter::date(calendar::Date date) {
  const std::chrono::year_month_day ymd{date};
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) { // not reached for parsed dates (1000..9999)
    string(calendar::format_iso(date));
    return;
  }
  before_value();
  const auto month = static_cast<unsigned>(ymd.month());
  const auto day = static_cast<unsigned>(ymd.day());
  const auto y = static_cast<unsigned>(year);
  const char text[] = {'"',
                       static_cast<char>('0' + y / 1000),
                       static_cast<char>('0' + y / 100 % 10),
                       static_cast<char>('0' + y / 10 % 10),
                       static_cast<char>('0' + y % 10),
                       '-',
                       static_cast<char>('0' + month / 10),
                       static_cast<char>('0' + month % 10),
                       '-',
                       static_cast<char>('0' + day / 10),
                       static_cast<char>('0' + day % 10),
                       '"'};
  put(std::string_view(text, sizeof text));
}

void JsonWriter::raw(std::string_view text) {
  put(text);
}

void JsonWriter::set_innermost(Innermost innermost) {
  if (!m_has_elements.empty())
    m_has_elements.back() = innermost == Innermost::has_elements ? 1 : 0;
}

void JsonWriter::use_buffer(std::string buffer) {
  buffer.clear();
  m_out = std::move(buffer);
  m_staged = 0;
}

std::string JsonWriter::take() {
  flush();
  std::string out = std::move(m_out);
  m_out.clear();
  return out;
}

} // namespace aftershock::report
