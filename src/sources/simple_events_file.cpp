// Equivalence with the general reader, step by step (csv/table.cpp parse_table, then
// events_file.cpp read_named); every place where they could differ returns nullopt instead:
//  - records: without any '"' and with no lone CR, csv::split_records cuts fields at the
//    delimiter and records at LF or CRLF, skips records of one blank field and counts lines as
//    here; a record wider than the header is a width error (general reader);
//  - header: a first record whose cells are all known column names holds no number or date, so
//    the sniffer's phase 3 takes it as the header (and the ARC layout needs no header);
//  - phase 4 (column types, date column): none of the column names is a date-column name, so
//    its only error is the MM/DD vs DD/MM ambiguity of a column whose every value fits both;
//    a column whose first value fits both goes to the general reader;
//  - the event-date format: the one format (of the sniffer's five) that reads the first date,
//    when only one does and it reads every date, is the format the sniffer picks (any format
//    that reads every date reads the first one); forced by --date-format, it is that format.
#include <aftershock/csv/dialect.hpp>
#include <aftershock/csv/encoding.hpp>
#include <aftershock/util/parse.hpp>

#include <bit>
#include <cstdint>
#include <cstring>
#include <functional>
#include <vector>

#include "events_readers.hpp"

namespace aftershock::sources {
namespace {

using calendar::DateFormat;

constexpr std::size_t k_width = k_event_columns.size();
// The sniffer's date formats, in its order of preference (csv/date_sniffer.cpp).
constexpr std::array<DateFormat, 5> k_formats{DateFormat::iso, DateFormat::yyyymmdd,
                                              DateFormat::mdy_slash, DateFormat::dmy_slash,
                                              DateFormat::dmy_dot};

enum class Next { record, end, unusual };

// Splits records off `text` from `pos` (csv::split_records semantics for text without quotes).
class Records {
public:
  Records(std::string_view text, char delimiter) : m_text(text), m_delimiter(delimiter) {}

  // The next non-blank record: its fields (untrimmed) and 1-based line. `unusual` for a lone CR
  // or more than k_width fields.
  Next next(std::array<std::string_view, k_width>& fields, std::size_t& count, std::size_t& line) {
    while (m_pos < m_text.size()) {
      const char* begin = m_text.data() + m_pos;
      const std::size_t left = m_text.size() - m_pos;
      const auto* newline = static_cast<const char*>(std::memchr(begin, '\n', left));
      const std::size_t length =
          newline != nullptr ? static_cast<std::size_t>(newline - begin) : left;
      std::string_view content(begin, length);
      if (!content.empty() && content.back() == '\r')
        content.remove_suffix(1);
      if (content.find('\r') != std::string_view::npos)
        return Next::unusual;
      line = m_line;
      m_pos += newline != nullptr ? length + 1 : length;
      ++m_line;
      count = 0;
      std::size_t start = 0;
      while (true) {
        const auto stop = content.find(m_delimiter, start);
        if (count == k_width)
          return Next::unusual;
        fields[count++] =
            content.substr(start, stop == std::string_view::npos ? stop : stop - start);
        if (stop == std::string_view::npos)
          break;
        start = stop + 1;
      }
      const bool blank = count == 1 && fields[0].find_first_not_of(" \t") == std::string_view::npos;
      if (!blank)
        return Next::record;
    }
    return Next::end;
  }

private:
  std::string_view m_text;
  char m_delimiter;
  std::size_t m_pos = 0;
  std::size_t m_line = 1;
};

// An optional whole number in [-k_max_event_offset, k_max_event_offset]; false when the cell
// holds anything else (events_file.cpp optional_int).
bool read_offset(std::string_view cell, std::optional<int>& out) {
  if (cell.empty()) {
    out.reset();
    return true;
  }
  const auto value = util::parse_int(cell);
  if (!value || *value < -k_max_event_offset || *value > k_max_event_offset)
    return false;
  out = static_cast<int>(*value);
  return true;
}

// Whether every id differs: an open-addressing table of (hash, event index) finds repeats
// without an allocation per id and reads an id again only when the hashes match.
bool ids_unique(const std::vector<events::FirmEvent>& events) {
  if (events.size() >= (std::size_t{1} << 32) - 1)
    return false; // the general reader checks
  const std::size_t capacity = std::bit_ceil(2 * events.size() + 1);
  const std::size_t mask = capacity - 1;
  std::vector<std::uint64_t> slots(capacity, 0); // hash high half << 32 | event index + 1
  const std::hash<std::string_view> hash;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const std::string_view id = events[i].id;
    const std::uint64_t h = hash(id);
    const std::uint64_t tag = h >> 32 << 32;
    std::size_t slot = static_cast<std::size_t>(h) & mask;
    while (slots[slot] != 0) {
      if ((slots[slot] >> 32 << 32) == tag && events[(slots[slot] & 0xffffffffU) - 1].id == id)
        return false;
      slot = (slot + 1) & mask;
    }
    slots[slot] = tag | (i + 1);
  }
  return true;
}

// Whether csv::check_encoding accepts `bytes` as they are: printable ASCII, tab, LF, CR and form
// feed only (no byte-order mark, no UTF-8 sequence, no control byte). One branch-free pass.
bool plain_ascii(std::string_view bytes) {
  unsigned bad = 0;
  for (const char byte : bytes) {
    const auto c = static_cast<unsigned char>(byte);
    bad |= static_cast<unsigned>((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ||
                                 c >= 0x7F);
  }
  return bad == 0;
}

// The delimiter csv::sniff_dialect picks for `text` (without quotes). It scores the candidates on
// the first 64 records only (csv/dialect.cpp k_sniff_sample_records), so it is given the lines up
// to the 64th that is not blank under any candidate (a character other than space, tab, CR):
// the first 64 records of that prefix are those of the whole text, for every candidate. This
// spares its whole-text line-ending count, which this reader does not use.
char sniff_delimiter(std::string_view text) {
  constexpr std::size_t k_sample_records = 64;
  std::size_t end = 0;
  for (std::size_t lines = 0; end < text.size() && lines < k_sample_records;) {
    const auto newline = text.find('\n', end);
    const auto line = text.substr(end, newline == std::string_view::npos ? newline : newline - end);
    if (line.find_first_not_of(" \t\r") != std::string_view::npos)
      ++lines;
    end = newline == std::string_view::npos ? text.size() : newline + 1;
  }
  return csv::sniff_dialect(text.substr(0, end), std::nullopt).delimiter;
}

// The one sniffer format that reads `text`, or nullopt when none or several do.
std::optional<DateFormat> only_format(std::string_view text) {
  std::optional<DateFormat> found;
  for (const auto format : k_formats) {
    if (!calendar::parse_date(text, format))
      continue;
    if (found)
      return std::nullopt;
    found = format;
  }
  return found;
}

bool fits_both_day_orders(std::string_view text) {
  return calendar::parse_date(text, DateFormat::mdy_slash) &&
         calendar::parse_date(text, DateFormat::dmy_slash);
}

} // namespace

std::optional<EventsFile> read_simple_events(std::string_view bytes, const std::string& file,
                                             std::optional<DateFormat> date_format) {
  if (std::memchr(bytes.data(), '"', bytes.size()) != nullptr)
    return std::nullopt;
  std::string_view text = bytes;
  if (!plain_ascii(bytes)) {
    const auto decoded = csv::check_encoding(bytes, file);
    if (!decoded)
      return std::nullopt;
    text = decoded->text;
  }
  Records records(text, sniff_delimiter(text));

  std::array<std::string_view, k_width> fields{};
  std::size_t count = 0;
  std::size_t line = 0;
  if (records.next(fields, count, line) != Next::record)
    return std::nullopt;
  // The header: every cell a known name, once (k_width bounds count).
  std::array<std::optional<std::size_t>, k_width> column{}; // by k_event_columns index
  const std::size_t width = count;
  for (std::size_t c = 0; c < width; ++c) {
    const auto name = util::to_lower(util::trim(fields[c]));
    const auto known = std::find(k_event_columns.begin(), k_event_columns.end(), name);
    if (known == k_event_columns.end())
      return std::nullopt;
    auto& slot = column[static_cast<std::size_t>(known - k_event_columns.begin())];
    if (slot)
      return std::nullopt;
    slot = c;
  }
  const auto [id_column, ticker_column, date_column, market_column, group_column, start_column,
              end_column, estimation_end_column, estimation_length_column] = column;
  if (!ticker_column || !date_column || start_column.has_value() != end_column.has_value())
    return std::nullopt;

  EventsFile out;
  out.file = file;
  out.layout = EventsLayout::named_columns;
  out.events.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));
  std::optional<DateFormat> format = date_format;
  std::array<bool, k_width> first_seen{};
  bool ids_increasing = true; // then they differ (generated files number their events)
  while (true) {
    const Next next = records.next(fields, count, line);
    if (next == Next::unusual)
      return std::nullopt;
    if (next == Next::end)
      break;
    if (count != width)
      return std::nullopt;
    std::array<std::string_view, k_width> cell{};
    for (std::size_t c = 0; c < width; ++c) {
      cell[c] = util::trim(fields[c]);
      // Phase 4 of the sniffer refuses a column whose every value fits MM/DD and DD/MM.
      if (!date_format && !first_seen[c] && !cell[c].empty()) {
        first_seen[c] = true;
        if (fits_both_day_orders(cell[c]))
          return std::nullopt;
      }
    }
    events::FirmEvent event;
    event.line = line;
    const auto date_text = cell[*date_column];
    if (!format)
      format = only_format(date_text);
    if (!format)
      return std::nullopt;
    const auto date = calendar::parse_date(date_text, *format);
    if (!date)
      return std::nullopt;
    event.date = *date;
    if (id_column) {
      if (cell[*id_column].empty())
        return std::nullopt;
      if (ids_increasing && !out.events.empty())
        ids_increasing = out.events.back().id < cell[*id_column];
      event.id = std::string(cell[*id_column]);
    }
    event.ticker = util::to_upper(cell[*ticker_column]);
    if (event.ticker.empty())
      return std::nullopt;
    if (market_column)
      event.market = util::to_upper(cell[*market_column]);
    if (group_column)
      event.group = std::string(cell[*group_column]);
    std::optional<int> first;
    std::optional<int> last;
    if (start_column &&
        (!read_offset(cell[*start_column], first) || !read_offset(cell[*end_column], last) ||
         first.has_value() != last.has_value()))
      return std::nullopt;
    if (first) {
      if (*first > *last)
        return std::nullopt;
      event.event_window = events::Window{*first, *last};
    }
    if (estimation_end_column && !read_offset(cell[*estimation_end_column], event.estimation_end))
      return std::nullopt;
    if (estimation_length_column &&
        (!read_offset(cell[*estimation_length_column], event.estimation_length) ||
         (event.estimation_length && *event.estimation_length < 1)))
      return std::nullopt;
    out.events.push_back(std::move(event));
  }
  if (out.events.empty()) // a header without data rows: the general reader says so
    return std::nullopt;
  if (!id_column)
    for (std::size_t row = 0; row < out.events.size(); ++row)
      out.events[row].id = events_row_id(row, out.events.size());
  else if (!ids_increasing && !ids_unique(out.events))
    return std::nullopt;
  return out;
}

} // namespace aftershock::sources
