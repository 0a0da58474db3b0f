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
#include <functional>
#include <limits>
#include <set>
#include <string_view>

#include "aggregate.hpp"
#include "batch_engine.hpp"
#include "batch_plan.hpp"
#include "conventions.hpp"
#include "event_frame.hpp"
#include "firm_study.hpp"
#include "groups.hpp"
#include "residual_store.hpp"

namespace aftershock::study {
namespace {

bool all_digits(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// An event id's sort key: whole numbers compare numerically (so 2 < 10), by their digits
// without leading zeros (length first, then text); ties and other ids compare as text.
struct IdKey {
  bool numeric = false;
  std::string_view digits; // without leading zeros ("0" for zero); numeric ids only
};

IdKey id_key(const std::string& id) {
  IdKey key;
  key.numeric = all_digits(id);
  if (key.numeric) {
    const auto nonzero = id.find_first_not_of('0');
    key.digits =
        nonzero == std::string::npos ? std::string_view("0") : std::string_view(id).substr(nonzero);
  }
  return key;
}

std::vector<std::string> batch_notes(const std::vector<const FirmComputation*>& computations,
                                     const Aggregate& aggregate) {
  std::vector<std::string> notes;
  int ok = 0;
  for (const auto* c : computations)
    ok += c->result.status == FirmStatus::ok ? 1 : 0;
  notes.push_back(fmt::format("{} of {} firm-events ok, {} dropped (see the status list; "
                              "--dropped FILE writes them as CSV)",
                              ok, computations.size(),
                              computations.size() - static_cast<std::size_t>(ok)));
  for (const auto* c : computations)
    if (c->result.status != FirmStatus::ok)
      notes.push_back(fmt::format("event {} ({}) excluded ({}): {}", c->result.event->id,
                                  c->result.ticker, status_code(c->result.status),
                                  c->result.reason));
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

std::vector<std::size_t> id_order(const std::vector<events::FirmEvent>& events) {
  // The keys once per id (issue 6: the comparisons re-scanned and copied the ids, ~3 ms for
  // 10,000 rows), and no sort when the file is already in id order (the usual case).
  std::vector<IdKey> keys(events.size());
  for (std::size_t i = 0; i < events.size(); ++i)
    keys[i] = id_key(events[i].id);
  const auto less = [&](std::size_t a, std::size_t b) {
    const IdKey& x = keys[a];
    const IdKey& y = keys[b];
    if (x.numeric && y.numeric) {
      if (x.digits.size() != y.digits.size())
        return x.digits.size() < y.digits.size();
      if (x.digits != y.digits)
        return x.digits < y.digits;
    }
    return events[a].id < events[b].id;
  };
  std::vector<std::size_t> order(events.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  if (!std::is_sorted(order.begin(), order.end(), less))
    std::stable_sort(order.begin(), order.end(), less);
  return order;
}

namespace {

// Where firm-event `e` came from, on its computation (ids, dates, market, group, own windows).
void annotate(const events::FirmEvent& e, FirmComputation& c, const std::optional<Span>& span,
              const StudyConfig& pooled) {
  FirmEventInfo info;
  info.id = e.id;
  info.requested_date = e.date;
  info.market = e.market.empty() ? pooled.market : e.market;
  info.line = e.line;
  if (span) {
    info.event_date = span->day0;
    if (span->event_window != pooled.event_window || span->estimation != pooled.estimation) {
      info.event_window = span->event_window; // its own windows (additive JSON keys)
      info.estimation = span->estimation;
    }
  }
  info.group = mapped_group(e.ticker, e.group, pooled);
  c.result.event = std::move(info);
}

// What the result says before its firms (StudyStart): config with the tickers, conventions, and
// the pooled event's id, windows and market (the one market of every row, else "").
StudyResult batch_head(const std::vector<events::FirmEvent>& events, const StudyConfig& pooled) {
  StudyResult result;
  result.config = pooled;
  std::set<std::string> tickers; // sorted, so the echo does not depend on the row order
  std::set<std::string> markets_used;
  for (const auto& e : events) {
    tickers.insert(e.ticker);
    markets_used.insert(e.market.empty() ? pooled.market : e.market); // as annotate
  }
  result.config.tickers.assign(tickers.begin(), tickers.end());
  result.conventions = describe_conventions(pooled);
  EventResult event;
  event.id = pooled.event_id;
  event.pooled = true;
  event.estimation = pooled.estimation;
  event.event_window = pooled.event_window;
  event.market = markets_used.size() == 1 ? *markets_used.begin() : std::string();
  result.events.push_back(std::move(event));
  return result;
}

// Everything after the annotated computations. `computations[order[k]]` is the k-th firm-event
// in output order (issue 6: listed through pointers, each result moved once, into event.firms).
// `streamed` > 0: the firms were already handed out (run_batch_study_streaming); event.firms
// stays empty.
StudyResult finish(const std::vector<events::FirmEvent>& events,
                   std::vector<FirmComputation>& computations,
                   const std::vector<std::size_t>& order, const StudyConfig& pooled,
                   const std::vector<std::string>& plan_notes, std::size_t streamed) {
  const std::vector<events::Window>& car_windows = pooled.car_windows;
  const StudyConfig& config = pooled;
  StudyResult result = batch_head(events, pooled);
  EventResult event = std::move(result.events.front());
  result.events.clear();
  std::set<std::string> markets_used; // from the annotated firm-events (shard merges too)
  std::set<calendar::Date> dates;
  std::vector<const FirmComputation*> sorted; // output order
  sorted.reserve(order.size());
  const std::string* last_market = nullptr;
  for (const auto i : order) {
    const FirmComputation& c = computations[i];
    sorted.push_back(&c);
    const std::string& market = c.result.event->market;
    if (last_market == nullptr || *last_market != market) // runs of one market: one insert
      markets_used.insert(market);
    last_market = &market;
    if (c.result.status == FirmStatus::ok && c.result.event->event_date)
      dates.insert(*c.result.event->event_date);
  }
  event.market = markets_used.size() == 1 ? *markets_used.begin() : std::string();
  event.n_event_dates = static_cast<int>(dates.size());
  event.aggregate = aggregate_firms(sorted, pooled, car_windows);
  if (event.aggregate.n_firms == 0) {
    std::string list;
    for (std::size_t i = 0; i < sorted.size() && i < 5; ++i)
      list += (list.empty() ? "" : "; ") + sorted[i]->result.event->id + " " +
              sorted[i]->result.ticker + ": " + sorted[i]->result.reason;
    throw Error("no firm-event of " + util::quote_for_message(config.events_file) +
                    " can be studied (" + list + (sorted.size() > 5 ? "; ..." : "") + ")",
                "check the tickers, markets, dates, windows and --min-estimation");
  }
  if (pooled.group_by != GroupBy::none) {
    std::vector<std::string> names;
    names.reserve(sorted.size());
    for (const auto* c : sorted)
      names.push_back(pooled.group_by == GroupBy::date
                          ? group_of(c->result, c->result.event->group, pooled)
                          : c->result.event->group);
    event.groups = group_aggregates(sorted, names, pooled, car_windows);
  }
  result.notes = batch_notes(sorted, event.aggregate);
  for (const auto& note : plan_notes)
    result.notes.push_back(note);
  if (streamed > 0) {
    // The firms were written already: only the CAAR path, read in place (no move, no per-firm
    // path kept).
    std::vector<const FirmResult*> results;
    results.reserve(sorted.size());
    for (const auto* c : sorted)
      results.push_back(&c->result);
    add_caar_path(event.aggregate, results);
    event.streamed_firm_events = streamed;
  } else {
    event.firms.reserve(order.size());
    for (const auto i : order)
      event.firms.push_back(std::move(computations[i].result));
    add_caar_paths(event); // CAR / CAAR paths over the event window (charts, sparklines)
  }
  result.events.push_back(std::move(event));
  return result;
}

} // namespace

StudyResult assemble_batch(const std::vector<events::FirmEvent>& events,
                           std::vector<FirmComputation> computations,
                           std::vector<std::optional<Span>> event_spans, const StudyConfig& pooled,
                           const std::vector<std::string>& plan_notes) {
  for (std::size_t i = 0; i < events.size(); ++i)
    annotate(events[i], computations[i], event_spans[i], pooled);
  // Output order: event id (numeric when all digits), then file order.
  return finish(events, computations, id_order(events), pooled, plan_notes, 0);
}

StudyResult run_batch_study(const std::vector<events::FirmEvent>& events,
                            const std::map<std::string, MarketData>& markets,
                            const series::SharesTable* shares, const StudyConfig& config,
                            const BatchOptions& options) {
  // The pre-pass: windows, calendar positions, statuses without returns, overlaps.
  BatchPlan plan = plan_batch(events, markets, config, options.overlap);
  // Each firm-event is a pure function of (inputs, its plan row): safe to run in parallel.
  std::vector<FirmComputation> computations(events.size());
  const MarketFrames frames = market_frames(markets, shares, plan.pooled); // once per market
  util::parallel_for(events.size(), plan.pooled.threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i)
      computations[i] = study_one(events[i], plan.rows[i], markets, shares, plan.pooled, &frames);
  });
  std::vector<std::optional<Span>> spans(events.size());
  for (std::size_t i = 0; i < events.size(); ++i)
    spans[i] = plan.rows[i].span;
  return assemble_batch(events, std::move(computations), std::move(spans), plan.pooled, plan.notes);
}

StudyResult run_batch_study_streaming(const std::vector<events::FirmEvent>& events,
                                      const std::map<std::string, MarketData>& markets,
                                      const series::SharesTable* shares, const StudyConfig& config,
                                      const BatchOptions& options, const FirmSink& sink,
                                      std::size_t chunk_size, const StudyStart& start) {
  // The pre-pass decides every overlap and trim before the first firm-event is computed, so
  // each firm-event is final as soon as it is computed.
  const BatchPlan plan = plan_batch(events, markets, config, options.overlap);
  if (start)
    start(batch_head(events, plan.pooled));
  const std::vector<std::size_t>& order = plan.order;
  chunk_size = std::max<std::size_t>(chunk_size, 1);
  std::vector<FirmComputation> sorted;
  sorted.reserve(events.size());
  const MarketFrames frames = market_frames(markets, shares, plan.pooled); // once per market
  // The residuals and event ARs of the ok firm-events, in output order: the aggregate's AR
  // panel without a copy (residual_store.hpp).
  const auto n_event = static_cast<std::size_t>(plan.pooled.event_window.length());
  PanelRows panel_rows(events.size(), static_cast<std::size_t>(plan.pooled.estimation.length()),
                       n_event);
  for (std::size_t begin = 0; begin < order.size(); begin += chunk_size) {
    const std::size_t n = std::min(chunk_size, order.size() - begin);
    std::vector<FirmComputation> chunk(n);
    util::parallel_for(n, plan.pooled.threads, [&](std::size_t first, std::size_t last) {
      for (std::size_t k = first; k < last; ++k) {
        const std::size_t i = order[begin + k];
        const PanelRows::Target row(panel_rows, k);
        chunk[k] = study_one(events[i], plan.rows[i], markets, shares, plan.pooled, &frames);
        annotate(events[i], chunk[k], plan.rows[i].span, plan.pooled);
      }
    });
    for (auto& c : chunk) {
      const auto& days = c.result.days;
      const bool ok = c.result.status == FirmStatus::ok && days.size() == n_event;
      if (double* ars = panel_rows.settle(c.residuals, ok))
        for (std::size_t j = 0; j < n_event; ++j)
          ars[j] = days[j].abnormal_return;
    }
    EventResult done; // the chunk's firms as run_batch_study lists them (CAR paths included)
    done.firms.reserve(n);
    for (auto& c : chunk) // moved out for the sink and back after it (no copies)
      done.firms.push_back(std::move(c.result));
    add_caar_paths(done);
    sink(done.firms);
    for (std::size_t k = 0; k < n; ++k)
      chunk[k].result = std::move(done.firms[k]);
    // Keep only what the aggregation needs (finish recomputes the CAAR path).
    for (auto& c : chunk) {
      c.result.fit.coefficients.clear();
      c.result.fit.coefficients.shrink_to_fit();
      c.result.shares_source.clear();
      c.result.car_path.clear();
      sorted.push_back(std::move(c));
    }
  }
  std::vector<std::size_t> in_order(sorted.size());
  for (std::size_t k = 0; k < in_order.size(); ++k)
    in_order[k] = k;
  return finish(events, sorted, in_order, plan.pooled, plan.notes, events.size());
}

StudyConfig pooled_batch_config(const std::vector<events::FirmEvent>& events,
                                const StudyConfig& config) {
  return pool_config(events, config);
}

} // namespace aftershock::study
