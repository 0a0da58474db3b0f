// Phase 1 of the sniffer. UTF-8 validation follows RFC 3629 section 4 (the byte-sequence
// grammar): overlongs, surrogates and code points above U+10FFFF are refused.
#include <aftershock/csv/encoding.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <string>

namespace aftershock::csv {
namespace {

constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";
constexpr std::size_t k_utf16_sample_bytes = 512;
constexpr std::string_view k_convert_hint =
    "save the file as UTF-8 (in a spreadsheet: \"CSV UTF-8\"; on the command line: "
    "iconv -f UTF-16 -t UTF-8 in.csv > out.csv)";

std::size_t line_of(std::string_view bytes, std::size_t offset) {
  return 1 + static_cast<std::size_t>(std::count(
                 bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

// Length of the valid UTF-8 sequence starting at `pos`, or 0 when it is invalid (RFC 3629 s4).
std::size_t utf8_sequence_length(std::string_view bytes, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  const unsigned char lead = byte(pos);
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0)
      low = 0xA0; // no overlongs
    if (lead == 0xED)
      high = 0x9F; // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0)
      low = 0x90;
    if (lead == 0xF4)
      high = 0x8F; // <= U+10FFFF
  } else {
    return 0;
  }
  if (pos + length > bytes.size())
    return 0;
  if (byte(pos + 1) < low || byte(pos + 1) > high)
    return 0;
  for (std::size_t i = 2; i < length; ++i)
    if (byte(pos + i) < 0x80 || byte(pos + i) > 0xBF)
      return 0;
  return length;
}

RowError file_error(std::string_view file, std::size_t line, std::string problem,
                    std::string_view hint) {
  return RowError{std::string(file), line, {}, std::move(problem), std::string(hint)};
}

} // namespace

util::Result<DecodedText, RowError> check_encoding(std::string_view bytes, std::string_view file) {
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF"))
    return util::unexpected(file_error(file, 0,
                                       "the file is UTF-16 (or UTF-32) encoded; aftershock reads "
                                       "UTF-8 text only",
                                       k_convert_hint));
  DecodedText decoded{bytes, Encoding::utf8};
  if (bytes.starts_with(k_utf8_bom)) {
    decoded.text = bytes.substr(k_utf8_bom.size());
    decoded.encoding = Encoding::utf8_bom;
  }
  const std::string_view text = decoded.text;
  const std::size_t offset_base = bytes.size() - text.size();
  for (std::size_t pos = 0; pos < text.size();) {
    const auto c = static_cast<unsigned char>(text[pos]);
    if (c == 0) {
      // UTF-16 text of mostly ASCII characters has a NUL in every other byte.
      const auto sample = text.substr(0, k_utf16_sample_bytes);
      const auto nuls = static_cast<std::size_t>(std::count(sample.begin(), sample.end(), '\0'));
      const bool utf16_like = 4 * nuls >= sample.size();
      return util::unexpected(file_error(
          file, line_of(bytes, offset_base + pos),
          fmt::format("NUL byte at byte offset {}{}", offset_base + pos,
                      utf16_like ? " (the file looks UTF-16 encoded without a byte-order mark)"
                                 : ""),
          utf16_like ? k_convert_hint
                     : std::string_view("the file is not a text file, or it is corrupted; "
                                        "re-export it as CSV")));
    }
    if (c < 0x80) {
      const bool control =
          (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F;
      if (control)
        return util::unexpected(
            file_error(file, line_of(bytes, offset_base + pos),
                       fmt::format("binary data: control byte 0x{:02x} at byte offset {}", c,
                                   offset_base + pos),
                       "the file is not a CSV text file; check that you passed the right path"));
      ++pos;
      continue;
    }
    const std::size_t length = utf8_sequence_length(text, pos);
    if (length == 0)
      return util::unexpected(file_error(
          file, line_of(bytes, offset_base + pos),
          fmt::format("byte 0x{:02x} at byte offset {} is not valid UTF-8 (binary data or a "
                      "legacy encoding such as Windows-1252)",
                      c, offset_base + pos),
          "save the file as UTF-8 (iconv -f WINDOWS-1252 -t UTF-8 in.csv > out.csv)"));
    pos += length;
  }
  return decoded;
}

std::string_view encoding_name(Encoding encoding) noexcept {
  switch (encoding) {
  case Encoding::utf8:
    return "UTF-8";
  case Encoding::utf8_bom:
    return "UTF-8 with BOM";
  }
  return "?";
}

} // namespace aftershock::csv
