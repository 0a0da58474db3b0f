#pragma once
// Events files (`study --events FILE`): one row per firm-event, in one of two layouts detected
// automatically:
//  (a) named columns with a header: event_id, ticker, event_date, market, group,
//      event_window_start, event_window_end, estimation_end, estimation_length (names
//      case-insensitive, any order; only ticker and event_date required; dialect and date
//      format sniffed by the csv module);
//  (b) the EventStudyTools ARC request file: 9 positional columns without a header, `;`,
//      DD.MM.YYYY: event ID; firm ID; market ID; event date; grouping variable; event window
//      start; event window end; estimation window end; estimation window length. Its prices
//      come in separate long files `ID;DD.MM.YYYY;price` without a header (read_arc_prices).

#include <aftershock/calendar/date.hpp>
#include <aftershock/events/firm_event.hpp>
#include <aftershock/series/price_series.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::sources {

enum class EventsLayout {
  named_columns, // (a) header with named columns
  arc_request,   // (b) EventStudyTools request file
};

// "named columns" or "EventStudyTools request file".
std::string_view events_layout_name(EventsLayout layout) noexcept;

struct EventsFile {
  std::string file; // as named by the caller
  EventsLayout layout = EventsLayout::named_columns;
  std::vector<events::FirmEvent> events; // in file order
};

// Reads an events file. Throws aftershock::Error naming file, line, column and value (with a
// hint) on: an unknown or repeated column, a missing ticker or event_date column, an empty
// ticker, a bad date, a non-integer or reversed window, an estimation window that is not
// before the event window, a non-positive estimation length, a duplicate event_id (naming both
// lines), and a file with no rows. `date_format` forces the date layout (sniffed when empty).
// An absent event_id becomes the 1-based data row number, zero-padded to the width of the row
// count ("001", "002", ...) so that ids sort in file order.
EventsFile read_events_file(const std::filesystem::path& path,
                            std::optional<calendar::DateFormat> date_format);

// read_events_file on bytes already in memory; `file` names them in messages (fuzz target).
EventsFile read_events_text(std::string_view bytes, std::string file,
                            std::optional<calendar::DateFormat> date_format);

struct ArcPriceFile {
  std::vector<series::PriceSeries> series; // one per ID, sorted by ID
  std::size_t bid_ask_prices = 0;          // negative prices read as CRSP bid/ask midpoints
};

// Reads an ARC long price file (`ID;DD.MM.YYYY;price`, no header). IDs are taken verbatim
// (trailing spaces kept, as ARC matches them exactly); rows sorted by date. A negative price is
// CRSP's mark of a bid/ask average when there was no closing trade (CRSP PRC field): its
// absolute value is used and it is counted. Throws aftershock::Error naming file, line, column
// and value on a bad date, a zero or non-numeric price, a wrong field count, or a date repeated
// for one ID.
ArcPriceFile read_arc_prices(const std::filesystem::path& path);

// read_arc_prices on bytes already in memory; `file` names them in messages (fuzz target).
ArcPriceFile read_arc_prices_text(std::string_view bytes, std::string file);

// The ARC firm and market price files next to an ARC request file: the files in the same
// folder whose names contain "FirmData" and "MarketData" (as EventStudyTools names them:
// 02_FirmData.csv, 03_MarketData.csv); nullopt for a file that is not found or not unique.
struct ArcSiblings {
  std::optional<std::filesystem::path> firm_data;
  std::optional<std::filesystem::path> market_data;
};
ArcSiblings find_arc_siblings(const std::filesystem::path& request_file);

} // namespace aftershock::sources
