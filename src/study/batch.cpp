// The batch engine (issue 5, "Batch input"): firm-events on different dates and markets, each
// on its own market's calendar, pooled in event time. The per-firm-event computation is the
// single-date one (study_firm); only the aggregation changes, and it already works from
// per-firm-event quantities in event time (aggregate.hpp).
#include <aftershock/calendar/date.hpp>
#include <aftershock/study/batch.hpp>
#include <aftershock/study/caar_path.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/parallel_for.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "aggregate.hpp"
#include "batch_engine.hpp"
#include "conventions.hpp"
#include "event_frame.hpp"
#include "firm_study.hpp"
#include "groups.hpp"

namespace aftershock::study {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

bool all_digits(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Event ids in order: numerically when both are whole numbers (so 2 < 10), else as text.
bool id_less(const std::string& a, const std::string& b) {
  if (all_digits(a) && all_digits(b)) {
    const auto trimmed = [](const std::string& s) {
      const auto nonzero = s.find_first_not_of('0');
      return nonzero == std::string::npos ? std::string("0") : s.substr(nonzero);
    };
    const auto x = trimmed(a);
    const auto y = trimmed(b);
    if (x.size() != y.size())
      return x.size() < y.size();
    if (x != y)
      return x < y;
  }
  return a < b;
}

FirmComputation failed(const std::string& ticker, FirmStatus status, std::string reason) {
  FirmComputation out;
  out.result.ticker = ticker;
  out.result.status = status;
  out.result.reason = std::move(reason);
  out.result.fit.sigma = k_nan;
  out.result.fit.r2 = k_nan;
  out.result.market_cap_before = k_nan;
  return out;
}

std::string line_ref(const StudyConfig& config, std::size_t line) {
  return config.events_file.empty() ? fmt::format("line {}", line)
                                    : fmt::format("{}:{}", config.events_file, line);
}

// The pooled cross-section needs one event window and one estimation length: every row must
// agree with the first.
void check_common_windows(const std::vector<events::FirmEvent>& events, const StudyConfig& config,
                          events::Window& event_window, events::Window& estimation) {
  const auto& first = events.front();
  event_window = first.event_window.value_or(config.event_window);
  estimation = events::estimation_window(first, config.estimation);
  for (const auto& e : events) {
    const auto w = e.event_window.value_or(config.event_window);
    const auto est = events::estimation_window(e, config.estimation);
    if (w != event_window || est.length() != estimation.length())
      throw Error(fmt::format("{}: event {} has event window {} and a {}-day estimation window, "
                              "but line {} has {} and {} days; events pooled in event time need "
                              "one event window and one estimation length",
                              line_ref(config, e.line), util::quote_for_message(e.id),
                              events::format_window(w), est.length(), first.line,
                              events::format_window(event_window), estimation.length()),
                  "give every row the same windows (or leave them empty to use --window and "
                  "--estimation), or split the file and run one study per window");
  }
}

// Events of one firm (ticker and market) whose event windows share a trading day.
void resolve_overlaps(std::vector<FirmComputation>& computations, std::vector<Span> spans,
                      const std::vector<events::FirmEvent>& events, const StudyConfig& config,
                      OverlapPolicy policy, std::vector<std::string>& notes) {
  const auto key = [&](const Span& s) {
    const auto& info = *computations[s.index].result.event;
    return std::tie(computations[s.index].result.ticker, info.market);
  };
  std::sort(spans.begin(), spans.end(), [&](const Span& a, const Span& b) {
    if (key(a) != key(b))
      return key(a) < key(b);
    if (a.first != b.first)
      return a.first < b.first;
    return id_less(events[a.index].id, events[b.index].id);
  });
  for (std::size_t i = 1, kept = 0; i < spans.size(); ++i) {
    if (key(spans[i]) != key(spans[kept]) || spans[i].first > spans[kept].last) {
      kept = i;
      continue;
    }
    const auto& earlier = events[spans[kept].index];
    const auto& later = events[spans[i].index];
    const auto text =
        fmt::format("events {} ({}) and {} ({}) of {} have overlapping event windows", earlier.id,
                    line_ref(config, earlier.line), later.id, line_ref(config, later.line),
                    util::quote_for_message(computations[spans[i].index].result.ticker));
    if (policy == OverlapPolicy::error)
      throw Error(text, "drop one of the events, shorten --window, or pass --overlap warn "
                        "(keep both) or --overlap trim (keep the earlier)");
    if (policy == OverlapPolicy::warn) {
      notes.push_back(text + " (--overlap warn: both kept)");
      kept = i; // windows share one length: the later one reaches further
      continue;
    }
    auto& result = computations[spans[i].index].result;
    result.status = FirmStatus::event_overlap;
    result.reason = fmt::format("event window overlaps event {} of the same firm (line {}); "
                                "--overlap trim keeps the earlier event",
                                earlier.id, earlier.line);
  }
}

} // namespace

FirmComputation study_one(const events::FirmEvent& e,
                          const std::map<std::string, MarketData>& markets,
                          const series::SharesTable* shares, StudyConfig cfg,
                          std::optional<Span>& span, const MarketFrames* frames) {
  cfg.event_id = e.id;
  cfg.event_date = e.date;
  if (!e.market.empty())
    cfg.market = e.market;
  cfg.estimation = events::estimation_window(e, cfg.estimation);
  cfg.tickers = {e.ticker};
  const auto market = markets.find(cfg.market);
  if (market == markets.end())
    return failed(e.ticker, FirmStatus::unit_missing,
                  "market " + util::quote_for_message(cfg.market) + " is not in the loaded data");
  if (cfg.estimation.last >= cfg.event_window.first)
    return failed(e.ticker, FirmStatus::window_overlap,
                  fmt::format("estimation window {} does not end before the event window {}",
                              events::format_window(cfg.estimation),
                              events::format_window(cfg.event_window)));
  const auto& panel = market->second.panel;
  const auto& cal = panel.calendar;
  if (cal.empty() || e.date < cal.front() || e.date > cal.back())
    return failed(e.ticker, FirmStatus::event_outside,
                  cal.empty()
                      ? std::string("the market has no dates")
                      : fmt::format("event date {} is outside the market data ({} to {})",
                                    calendar::format_iso(e.date), calendar::format_iso(cal.front()),
                                    calendar::format_iso(cal.back())));
  cfg.factors = market->second.factors ? &*market->second.factors : nullptr;
  const MarketFrame* shared = nullptr;
  if (frames != nullptr)
    if (const auto found = frames->find(cfg.market); found != frames->end())
      shared = &found->second;
  EventFrame frame;
  try {
    frame = make_event_frame(panel, cfg, shared != nullptr ? shared->returns : nullptr);
  } catch (const Error& error) {
    // A window that does not fit the market calendar around this event (or a non-trading day
    // under --policy skip): this firm-event only.
    return failed(e.ticker, FirmStatus::event_outside, error.what());
  }
  const models::Design design({cfg.model, cfg.dimson_lags}, cfg.factors);
  auto out = study_firm(panel, shares, cfg, frame, design, e.ticker,
                        shared != nullptr ? &shared->index : nullptr);
  span = Span{0, frame.evt_first, frame.evt_last, cal.at(frame.day0)};
  return out;
}

namespace {

std::vector<std::string> batch_notes(const std::vector<FirmComputation>& computations,
                                     const Aggregate& aggregate) {
  std::vector<std::string> notes;
  int ok = 0;
  for (const auto& c : computations)
    ok += c.result.status == FirmStatus::ok ? 1 : 0;
  notes.push_back(fmt::format("{} of {} firm-events ok, {} dropped (see the status list; "
                              "--dropped FILE writes them as CSV)",
                              ok, computations.size(),
                              computations.size() - static_cast<std::size_t>(ok)));
  for (const auto& c : computations)
    if (c.result.status != FirmStatus::ok)
      notes.push_back(fmt::format("event {} ({}) excluded ({}): {}", c.result.event->id,
                                  c.result.ticker, status_code(c.result.status), c.result.reason));
  notes.push_back("firm-events on different dates are pooled in event time: AAR_t and CAAR over "
                  "the firm-events, and the estimation-window series of the CDA, Lamb, KP rbar, "
                  "the portfolio dollar SE and the bootstrap are aligned on estimation day k "
                  "(Brown & Warner 1985: event-time estimation period; docs/batch.md)");
  if (aggregate.n_without_shares > 0) {
    std::set<std::string> tickers(aggregate.tickers_without_shares.begin(),
                                  aggregate.tickers_without_shares.end());
    std::string list;
    for (const auto& t : tickers)
      list += (list.empty() ? "" : ", ") + t;
    notes.push_back(fmt::format("{} firm-event(s) without shares outstanding, excluded from "
                                "dollar totals: {}",
                                aggregate.n_without_shares, list));
  }
  return notes;
}

} // namespace

StudyConfig pool_config(const std::vector<events::FirmEvent>& events, const StudyConfig& config) {
  if (events.empty())
    throw Error("the events file " + util::quote_for_message(config.events_file) +
                    " has no firm-events",
                "add rows with at least ticker and event_date");
  StudyConfig pooled = config;
  check_common_windows(events, config, pooled.event_window, pooled.estimation);
  if (pooled.min_estimation < 1)
    throw Error("minimum estimation returns " + std::to_string(pooled.min_estimation) +
                    " is below 1",
                "use --min-estimation with a positive count");
  std::vector<events::Window> car_windows = pooled.car_windows;
  for (const auto& w : car_windows)
    if (w.first > w.last || !pooled.event_window.contains(w))
      throw Error("CAR window " + events::format_window(w) + " is not inside the event window " +
                      events::format_window(pooled.event_window),
                  "give --car-window inside the events file's event window");
  if (std::find(car_windows.begin(), car_windows.end(), pooled.event_window) == car_windows.end())
    car_windows.push_back(pooled.event_window);
  pooled.car_windows = car_windows;
  return pooled;
}

std::vector<std::size_t> id_order(const std::vector<events::FirmEvent>& events) {
  std::vector<std::size_t> order(events.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return id_less(events[a].id, events[b].id);
  });
  return order;
}

StudyResult assemble_batch(const std::vector<events::FirmEvent>& events,
                           std::vector<FirmComputation> computations,
                           std::vector<std::optional<Span>> event_spans, const StudyConfig& pooled,
                           const BatchOptions& options) {
  const std::vector<events::Window>& car_windows = pooled.car_windows;
  const StudyConfig& config = pooled;
  std::vector<Span> spans;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i];
    auto& span = event_spans[i];
    auto& c = computations[i];
    FirmEventInfo info;
    info.id = e.id;
    info.requested_date = e.date;
    info.market = e.market.empty() ? pooled.market : e.market;
    info.group = e.group;
    info.line = e.line;
    if (span) {
      info.event_date = span->day0;
      span->index = i;
      if (c.result.status == FirmStatus::ok)
        spans.push_back(*span);
    }
    info.group = mapped_group(e.ticker, e.group, pooled);
    c.result.event = info;
  }
  std::vector<std::string> overlap_notes;
  resolve_overlaps(computations, spans, events, pooled, options.overlap, overlap_notes);

  // Output order: event id (numeric when all digits), then file order.
  const std::vector<std::size_t> order = id_order(events);
  std::vector<FirmComputation> sorted;
  sorted.reserve(computations.size());
  for (const auto i : order)
    sorted.push_back(std::move(computations[i]));

  StudyResult result;
  result.config = pooled;
  std::set<std::string> tickers; // sorted, so the echo does not depend on the row order
  for (const auto& e : events)
    tickers.insert(e.ticker);
  result.config.tickers.assign(tickers.begin(), tickers.end());
  result.conventions = describe_conventions(pooled);
  EventResult event;
  event.id = pooled.event_id;
  event.pooled = true;
  event.estimation = pooled.estimation;
  event.event_window = pooled.event_window;
  std::set<std::string> markets_used;
  std::set<calendar::Date> dates;
  std::vector<const FirmComputation*> all;
  for (const auto& c : sorted) {
    all.push_back(&c);
    markets_used.insert(c.result.event->market);
    if (c.result.status == FirmStatus::ok && c.result.event->event_date)
      dates.insert(*c.result.event->event_date);
  }
  event.market = markets_used.size() == 1 ? *markets_used.begin() : std::string();
  event.n_event_dates = static_cast<int>(dates.size());
  event.aggregate = aggregate_firms(all, pooled, car_windows);
  if (event.aggregate.n_firms == 0) {
    std::string list;
    for (std::size_t i = 0; i < sorted.size() && i < 5; ++i)
      list += (list.empty() ? "" : "; ") + sorted[i].result.event->id + " " +
              sorted[i].result.ticker + ": " + sorted[i].result.reason;
    throw Error("no firm-event of " + util::quote_for_message(config.events_file) +
                    " can be studied (" + list + (sorted.size() > 5 ? "; ..." : "") + ")",
                "check the tickers, markets, dates, windows and --min-estimation");
  }
  if (pooled.group_by != GroupBy::none) {
    std::vector<std::string> names;
    names.reserve(sorted.size());
    for (const auto& c : sorted)
      names.push_back(pooled.group_by == GroupBy::date
                          ? group_of(c.result, c.result.event->group, pooled)
                          : c.result.event->group);
    event.groups = group_aggregates(sorted, names, pooled, car_windows);
  }
  result.notes = batch_notes(sorted, event.aggregate);
  for (auto& note : overlap_notes)
    result.notes.push_back(std::move(note));
  for (auto& c : sorted)
    event.firms.push_back(std::move(c.result));
  add_caar_paths(event); // CAR / CAAR paths over the event window (charts, sparklines)
  result.events.push_back(std::move(event));
  return result;
}

StudyResult run_batch_study(const std::vector<events::FirmEvent>& events,
                            const std::map<std::string, MarketData>& markets,
                            const series::SharesTable* shares, const StudyConfig& config,
                            const BatchOptions& options) {
  const StudyConfig pooled = pool_config(events, config);
  // Each firm-event is a pure function of (inputs, its row): safe to run in parallel.
  std::vector<FirmComputation> computations(events.size());
  std::vector<std::optional<Span>> event_spans(events.size());
  const MarketFrames frames = market_frames(markets, shares, pooled); // once per market
  util::parallel_for(events.size(), pooled.threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i)
      computations[i] = study_one(events[i], markets, shares, pooled, event_spans[i], &frames);
  });
  return assemble_batch(events, std::move(computations), std::move(event_spans), pooled, options);
}

} // namespace aftershock::study
