// Phase 2 of the sniffer, after DuckDB's dialect detection (duckdb/duckdb,
// src/execution/operator/csv_scanner/sniffer/dialect_detection.cpp): each candidate delimiter
// splits a sample and is scored on how many records share the most common field count.
#include <aftershock/csv/dialect.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <limits>
#include <map>

namespace aftershock::csv {
namespace {

constexpr std::size_t k_sniff_sample_records = 64;
constexpr std::size_t k_max_fields = 10000; // far beyond any price panel; refuses 10^6 columns
constexpr std::array<char, 4> k_candidate_delimiters{',', ';', '\t', '|'};

bool is_blank_record(const std::vector<std::string>& fields) {
  if (fields.size() != 1)
    return false;
  for (const char c : fields.front())
    if (c != ' ' && c != '\t')
      return false;
  return true;
}

LineEnding detect_line_ending(std::string_view text) {
  std::size_t crlf = 0;
  std::size_t lf = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n')
      continue;
    if (i > 0 && text[i - 1] == '\r')
      ++crlf;
    else
      ++lf;
  }
  if (crlf > 0 && lf > 0)
    return LineEnding::mixed;
  if (crlf > 0)
    return LineEnding::crlf;
  if (lf > 0)
    return LineEnding::lf;
  return LineEnding::none;
}

struct Score {
  std::size_t consistent = 0; // records with the most common field count
  std::size_t fields = 0;     // that field count
  std::size_t sampled = 0;
};

Score score_delimiter(std::string_view text, char delimiter) {
  const auto records = split_records(text, delimiter, "", 1, k_sniff_sample_records);
  if (!records)
    return {};
  std::map<std::size_t, std::size_t> counts;
  for (const auto& record : *records)
    ++counts[record.fields.size()];
  Score best;
  best.sampled = records->size();
  for (const auto& [fields, count] : counts) {
    if (count > best.consistent || (count == best.consistent && fields > best.fields)) {
      best.consistent = count;
      best.fields = fields;
    }
  }
  return best;
}

} // namespace

util::Result<std::vector<Record>, RowError> split_records(std::string_view text, char delimiter,
                                                          std::string_view file,
                                                          std::size_t first_line,
                                                          std::size_t max_records) {
  std::vector<Record> records;
  if (max_records == std::numeric_limits<std::size_t>::max()) // a whole file: about a record a line
    records.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
  std::size_t line = first_line;
  std::size_t pos = 0;
  const std::size_t size = text.size();
  std::size_t width = 0; // fields of the last record: the next one's likely width
  while (pos < size && records.size() < max_records) {
    Record record;
    record.line = line;
    record.fields.reserve(width); // one allocation per record instead of one per doubling
    std::string field;
    bool at_field_start = true;
    bool record_done = false;
    while (!record_done) {
      if (pos == size) {
        record_done = true;
        break;
      }
      const char c = text[pos];
      if (at_field_start && c == '"') {
        const std::size_t quote_line = line;
        ++pos;
        while (true) {
          if (pos == size)
            return util::unexpected(
                RowError{std::string(file),
                         quote_line,
                         {},
                         "quoted field is never closed",
                         "a field that starts with \" must end with \"; write a quote inside "
                         "a quoted field as \"\""});
          const char q = text[pos];
          if (q == '"') {
            if (pos + 1 < size && text[pos + 1] == '"') {
              field += '"';
              pos += 2;
              continue;
            }
            ++pos;
            break;
          }
          if (q == '\n') {
            ++line;
            field += q;
            ++pos;
            continue;
          }
          // Copy the run up to the next quote or line break in one piece.
          const auto stop = std::min(text.find_first_of("\"\n", pos), size);
          field.append(text.substr(pos, stop - pos));
          pos = stop;
        }
        while (pos < size && text[pos] == ' ' && delimiter != ' ')
          ++pos;
        if (pos < size && text[pos] != delimiter && text[pos] != '\n' && text[pos] != '\r')
          return util::unexpected(RowError{
              std::string(file),
              line,
              {},
              fmt::format("unexpected character '{}' after the closing quote of a field",
                          text[pos]),
              "a quoted field must be followed by the delimiter or the end of the line; double "
              "any quote inside it (\"\")"});
        at_field_start = false;
        continue;
      }
      if (c == delimiter) {
        if (record.fields.size() + 1 == k_max_fields)
          return util::unexpected(RowError{
              std::string(file),
              record.line,
              {},
              fmt::format("the record has more than {} fields", k_max_fields),
              "aftershock reads at most 10000 columns; split the file, or check the delimiter"});
        record.fields.push_back(std::move(field));
        field.clear();
        at_field_start = true;
        ++pos;
        continue;
      }
      if (c == '\n' || c == '\r') {
        pos += (c == '\r' && pos + 1 < size && text[pos + 1] == '\n') ? std::size_t{2}
                                                                      : std::size_t{1};
        ++line;
        record_done = true;
        break;
      }
      // Copy the run up to the next delimiter or line break in one piece.
      const char stops[] = {delimiter, '\n', '\r', '\0'};
      const auto stop = std::min(text.find_first_of(std::string_view(stops, 3), pos), size);
      field.append(text.substr(pos, stop - pos));
      pos = stop;
      at_field_start = false;
    }
    record.fields.push_back(std::move(field));
    width = record.fields.size();
    if (!is_blank_record(record.fields))
      records.push_back(std::move(record));
  }
  return records;
}

Dialect sniff_dialect(std::string_view text, std::optional<char> forced) {
  Dialect dialect;
  dialect.line_ending = detect_line_ending(text);
  if (forced) {
    dialect.delimiter = *forced;
    dialect.reason = "given by --delimiter";
    return dialect;
  }
  Score best;
  char best_delimiter = ',';
  for (const char candidate : k_candidate_delimiters) {
    const Score score = score_delimiter(text, candidate);
    if (score.fields < 2)
      continue;
    if (score.consistent > best.consistent ||
        (score.consistent == best.consistent && score.fields > best.fields)) {
      best = score;
      best_delimiter = candidate;
    }
  }
  dialect.delimiter = best_delimiter;
  if (best.fields < 2)
    dialect.reason = "no candidate delimiter splits the records; read as a single column";
  else
    dialect.reason =
        fmt::format("{} of {} sampled records have {} fields with the {}", best.consistent,
                    best.sampled, best.fields, delimiter_name(best_delimiter));
  return dialect;
}

std::string_view line_ending_name(LineEnding ending) noexcept {
  switch (ending) {
  case LineEnding::none:
    return "none";
  case LineEnding::lf:
    return "LF";
  case LineEnding::crlf:
    return "CRLF";
  case LineEnding::mixed:
    return "mixed";
  }
  return "?";
}

std::string delimiter_name(char delimiter) {
  switch (delimiter) {
  case ',':
    return "comma";
  case ';':
    return "semicolon";
  case '\t':
    return "tab";
  case '|':
    return "pipe";
  default:
    return fmt::format("'{}'", delimiter);
  }
}

} // namespace aftershock::csv
