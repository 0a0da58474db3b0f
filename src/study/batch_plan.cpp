// The pre-pass of the batch engine (batch_plan.hpp): per-row windows, calendar positions,
// statuses that need no returns, and overlaps of one firm's events, all before any firm-event
// is computed.
#include "batch_plan.hpp"

#include <aftershock/util/error.hpp>
#include <aftershock/util/parallel_for.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "event_frame.hpp"

namespace aftershock::study {
namespace {

std::string line_ref(const StudyConfig& config, std::size_t line) {
  return config.events_file.empty() ? fmt::format("line {}", line)
                                    : fmt::format("{}:{}", config.events_file, line);
}

void fail(PlannedEvent& p, FirmStatus status, std::string reason) {
  p.status = status;
  p.reason = std::move(reason);
}

// The row's windows, market and calendar position (statuses in the order study_one used to
// check them, with the same reasons).
// `cfg`: scratch, reused across rows: the pooled config without CAR windows (the pooled ones
// inside the row's window), of which locate() sets the row's market, date and windows (issue 6:
// a StudyConfig copy per row). `columns`: each market's own column (Panel::find once, not per
// row).
PlannedEvent locate(const events::FirmEvent& e, const std::map<std::string, MarketData>& markets,
                    const std::map<std::string, const series::PanelColumn*>& columns,
                    const StudyConfig& config, StudyConfig& cfg) {
  PlannedEvent p;
  p.market = e.market.empty() ? config.market : e.market;
  p.event_window = e.event_window.value_or(config.event_window);
  p.estimation = events::estimation_window(e, config.estimation);
  const auto market = markets.find(p.market);
  if (market == markets.end()) {
    fail(p, FirmStatus::unit_missing,
         "market " + util::quote_for_message(p.market) + " is not in the loaded data");
    return p;
  }
  if (p.estimation.last >= p.event_window.first) {
    fail(p, FirmStatus::window_overlap,
         fmt::format("estimation window {} does not end before the event window {}",
                     events::format_window(p.estimation), events::format_window(p.event_window)));
    return p;
  }
  const auto& cal = market->second.panel.calendar;
  if (cal.empty() || e.date < cal.front() || e.date > cal.back()) {
    fail(p, FirmStatus::event_outside,
         cal.empty() ? std::string("the market has no dates")
                     : fmt::format("event date {} is outside the market data ({} to {})",
                                   calendar::format_iso(e.date), calendar::format_iso(cal.front()),
                                   calendar::format_iso(cal.back())));
    return p;
  }
  cfg.market = p.market;
  cfg.event_date = e.date;
  cfg.event_window = p.event_window;
  cfg.estimation = p.estimation;
  try {
    const EventFrame frame =
        locate_event_frame(market->second.panel, cfg, columns.at(market->first));
    p.span =
        Span{0, frame.evt_first, frame.evt_last, cal.at(frame.day0), p.event_window, p.estimation};
  } catch (const Error& error) {
    // A window that does not fit the market calendar around this event (or a non-trading day
    // under --policy skip): this firm-event only.
    fail(p, FirmStatus::event_outside, error.what());
  }
  return p;
}

// Events of one firm (ticker and market) whose event windows share a trading day. Among the
// located firm-events whose ticker is in the data, sorted by window start then id, each event
// is compared with the kept event reaching furthest. trim: the later event's window starts the
// trading day after that event's window ends (the earlier is kept whole); when the trimmed
// window no longer contains day 0 the later event gets status eventoverlap.
void resolve_overlaps(const std::vector<events::FirmEvent>& events,
                      const std::map<std::string, MarketData>& markets, const StudyConfig& config,
                      OverlapPolicy policy, BatchPlan& plan) {
  std::vector<std::size_t> rank(events.size());
  for (std::size_t p = 0; p < plan.order.size(); ++p)
    rank[plan.order[p]] = p;
  std::map<std::string_view, TickerIndex> tickers; // per market: by hash, not Panel::find
  for (const auto& [name, data] : markets)
    tickers.emplace(name, TickerIndex(data.panel, nullptr));
  std::vector<std::size_t> located;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& row = plan.rows[i];
    if (row.status == FirmStatus::ok && row.span &&
        tickers.at(row.market).column(events[i].ticker) != nullptr)
      located.push_back(i);
  }
  // One firm is one (ticker, market); sorted by it, then window start, then output order.
  const auto compare_key = [&](std::size_t a, std::size_t b) {
    const int c = events[a].ticker.compare(events[b].ticker);
    return c != 0 ? c : plan.rows[a].market.compare(plan.rows[b].market);
  };
  std::sort(located.begin(), located.end(), [&](std::size_t a, std::size_t b) {
    if (const int c = compare_key(a, b); c != 0)
      return c < 0;
    if (plan.rows[a].span->first != plan.rows[b].span->first)
      return plan.rows[a].span->first < plan.rows[b].span->first;
    return rank[a] < rank[b];
  });
  std::size_t holder = 0; // the kept event reaching furthest in the current firm
  for (std::size_t k = 0; k < located.size(); ++k) {
    const std::size_t i = located[k];
    auto& span = *plan.rows[i].span;
    const auto& held = *plan.rows[holder].span;
    if (k == 0 || compare_key(i, holder) != 0 || span.first > held.last) {
      holder = i;
      continue;
    }
    const auto& earlier = events[holder];
    const auto& later = events[i];
    const auto text =
        fmt::format("events {} ({}) and {} ({}) of {} have overlapping event windows", earlier.id,
                    line_ref(config, earlier.line), later.id, line_ref(config, later.line),
                    util::quote_for_message(later.ticker));
    if (policy == OverlapPolicy::error)
      throw Error(text, "drop one of the events, shorten --window, or pass --overlap warn "
                        "(keep both) or --overlap trim (keep the earlier)");
    if (policy == OverlapPolicy::warn) {
      plan.notes.push_back(text + " (--overlap warn: both kept)");
      if (span.last >= held.last)
        holder = i;
      continue;
    }
    // trim: the later window starts the trading day after the earlier one ends.
    const long long day0_index =
        static_cast<long long>(span.first) - static_cast<long long>(span.event_window.first);
    const long long new_first = static_cast<long long>(held.last) + 1 - day0_index;
    auto& row = plan.rows[i];
    if (new_first > 0) {
      fail(row, FirmStatus::event_overlap,
           fmt::format("event window {} overlaps event {} of the same firm (line {}) and, "
                       "trimmed to start the trading day after that event's window, would no "
                       "longer contain day 0 (--overlap trim)",
                       events::format_window(row.event_window), earlier.id, earlier.line));
      plan.notes.push_back(
          text + fmt::format(" (--overlap trim: {} dropped, status eventoverlap)", later.id));
      continue;
    }
    const events::Window trimmed{static_cast<int>(new_first), row.event_window.last};
    plan.notes.push_back(text + fmt::format(" (--overlap trim: the event window of {} is {} "
                                            "instead of {})",
                                            later.id, events::format_window(trimmed),
                                            events::format_window(row.event_window)));
    row.event_window = trimmed;
    span.event_window = trimmed;
    span.first = held.last + 1;
    if (span.last >= held.last)
      holder = i;
  }
}

} // namespace

StudyConfig pool_config(const std::vector<events::FirmEvent>& events, const StudyConfig& config) {
  if (events.empty())
    throw Error("the events file " + util::quote_for_message(config.events_file) +
                    " has no firm-events",
                "add rows with at least ticker and event_date");
  if (config.min_estimation < 1)
    throw Error("minimum estimation returns " + std::to_string(config.min_estimation) +
                    " is below 1",
                "use --min-estimation with a positive count");
  StudyConfig pooled = config;
  // Event time (Brown & Warner 1985; MacKinlay 1997 s.4.4): the pooled event window is the
  // union of the rows' windows; the estimation series are aligned on each row's last
  // estimation day, so the pooled estimation is the longest length, ending at the latest end.
  events::Window& window = pooled.event_window;
  window = events.front().event_window.value_or(config.event_window);
  int longest = 0;
  int latest_end = 0;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto w = events[i].event_window.value_or(config.event_window);
    const auto est = events::estimation_window(events[i], config.estimation);
    window = {std::min(window.first, w.first), std::max(window.last, w.last)};
    longest = i == 0 ? est.length() : std::max(longest, est.length());
    latest_end = i == 0 ? est.last : std::max(latest_end, est.last);
  }
  pooled.estimation = {latest_end - longest + 1, latest_end};
  std::vector<events::Window> car_windows = pooled.car_windows;
  for (const auto& w : car_windows)
    if (w.first > w.last || !window.contains(w))
      throw Error("CAR window " + events::format_window(w) + " is not inside the event window " +
                      events::format_window(window),
                  "give --car-window inside the events file's event window");
  if (std::find(car_windows.begin(), car_windows.end(), window) == car_windows.end())
    car_windows.push_back(window);
  pooled.car_windows = car_windows;
  return pooled;
}

BatchPlan plan_batch(const std::vector<events::FirmEvent>& events,
                     const std::map<std::string, MarketData>& markets, const StudyConfig& config,
                     OverlapPolicy overlap) {
  BatchPlan plan;
  plan.pooled = pool_config(events, config);
  // Each row is located on its own (a pure function of the row and the calendars): in parallel,
  // one scratch config per thread; the rows land in file order whatever the thread count.
  plan.rows.resize(events.size());
  std::map<std::string, const series::PanelColumn*> columns; // each market's own column
  for (const auto& [name, data] : markets)
    columns.emplace(name, data.panel.find(name));
  util::parallel_for(events.size(), config.threads, [&](std::size_t begin, std::size_t end) {
    StudyConfig scratch = plan.pooled;
    scratch.car_windows.clear(); // each row's CAR windows: the pooled ones inside its window
    for (std::size_t i = begin; i < end; ++i) {
      plan.rows[i] = locate(events[i], markets, columns, config, scratch);
      if (plan.rows[i].span)
        plan.rows[i].span->index = i;
    }
  });
  plan.order = id_order(events);
  resolve_overlaps(events, markets, config, overlap, plan);
  return plan;
}

} // namespace aftershock::study
