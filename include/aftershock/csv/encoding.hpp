#pragma once
// Sniffer phase 1: the byte encoding. aftershock reads UTF-8 (and its ASCII subset) only; a
// UTF-8 byte-order mark is stripped, anything else (UTF-16/32, NUL bytes, binary data) is
// refused with a message naming the line and a hint how to convert the file.

#include <aftershock/csv/row_error.hpp>
#include <aftershock/util/result.hpp>

#include <string_view>

namespace aftershock::csv {

enum class Encoding {
  utf8,     // UTF-8 or plain ASCII, no byte-order mark
  utf8_bom, // UTF-8 with the EF BB BF byte-order mark (stripped)
};

struct DecodedText {
  std::string_view text; // the bytes after the byte-order mark
  Encoding encoding = Encoding::utf8;
};

// Checks `bytes` (the whole file `file`) and returns the text to parse, or a RowError naming the
// first offending line and byte.
util::Result<DecodedText, RowError> check_encoding(std::string_view bytes, std::string_view file);

// "UTF-8" or "UTF-8 with BOM".
std::string_view encoding_name(Encoding encoding) noexcept;

} // namespace aftershock::csv
