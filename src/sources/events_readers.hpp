#pragma once
// The two readers of an events file, private to sources: the general reader (events_file.cpp:
// csv::parse_table, then the layout checks, with every message) and the fast reader of a
// well-formed named-column file (simple_events_file.cpp; issue 6: the general reader spent
// ~2 us a row building a csv::Table, sniffing every column and parsing every date several
// times). read_events_text tries the fast one first. Also what both share.

#include <aftershock/calendar/date.hpp>
#include <aftershock/sources/events_file.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace aftershock::sources {

// The column names of the named-column layout (events_file.hpp), lower case.
inline constexpr std::array<std::string_view, 9> k_event_columns{
    "event_id",           "ticker",           "event_date",     "market",           "group",
    "event_window_start", "event_window_end", "estimation_end", "estimation_length"};

// The bounds of a window offset or estimation length in an events file.
inline constexpr long long k_max_event_offset = 100000;

// Row ids when the file has none: the 1-based data row, zero-padded so ids sort in file order.
inline std::string events_row_id(std::size_t row, std::size_t rows) {
  const auto width = std::to_string(rows).size();
  auto text = std::to_string(row + 1);
  return std::string(width - std::min(width, text.size()), '0') + text;
}

// The general reader: read_events_text without the fast path (either layout, every error).
EventsFile read_events_general(std::string_view bytes, std::string file,
                               std::optional<calendar::DateFormat> date_format);

// The events of `bytes` (the file `file`) when it is a named-column events file with a header,
// no quotes, LF or CRLF line ends and no error of any kind: exactly what read_events_general
// returns for it. nullopt for anything else, and for every file the general reader would
// refuse, so that it gives the message. Parses each date once and allocates no more per row
// than the strings a FirmEvent owns.
std::optional<EventsFile> read_simple_events(std::string_view bytes, const std::string& file,
                                             std::optional<calendar::DateFormat> date_format);

} // namespace aftershock::sources
