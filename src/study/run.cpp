// The study orchestrator: validation, per-firm computation and aggregation of one event.
#include <aftershock/calendar/date.hpp>
#include <aftershock/study/caar_path.hpp>
#include <aftershock/study/run.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/parallel_for.hpp>

#include <cmath>
#include <string>

#include "aggregate.hpp"
#include "conventions.hpp"
#include "event_frame.hpp"
#include "firm_study.hpp"
#include "groups.hpp"

namespace aftershock::study {

namespace {

std::vector<std::string> build_notes(const std::vector<FirmResult>& firms,
                                     const Aggregate& aggregate, const StudyConfig& config) {
  std::vector<std::string> notes;
  for (const auto& f : firms)
    if (f.status != FirmStatus::ok)
      notes.push_back(f.ticker + " excluded (" + std::string(status_code(f.status)) +
                      "): " + f.reason);
  int missing_days = 0;
  for (const auto& f : firms)
    if (f.status == FirmStatus::ok)
      for (const auto& d : f.days)
        missing_days += std::isnan(d.abnormal_return) ? 1 : 0;
  if (missing_days > 0)
    notes.push_back(std::to_string(missing_days) +
                    " firm-day(s) in the event window have no return: their AR is empty and "
                    "left out of the AAR; CAR, Var(CAR) (L = available days) and BHAR use the "
                    "available days");
  if (aggregate.n_without_shares > 0) {
    std::string list;
    for (const auto& t : aggregate.tickers_without_shares)
      list += (list.empty() ? "" : ", ") + t;
    notes.push_back(std::to_string(aggregate.n_without_shares) +
                    " firm(s) without shares outstanding, excluded from dollar totals: " + list);
  }
  notes.push_back("Window tests use CAR_i and SCAR_i = CAR_i / sqrt(Var(CAR_i)) (Kolari & "
                  "Pynnonen 2010 form); Patell Z uses residual df M_i - k");
  if (config.convention == models::Convention::estudy2)
    notes.push_back("convention estudy2: reproduces the R package estudy2 (residual divisor "
                    "M-1, market mean and S_xx over the whole estimation window)");
  return notes;
}

} // namespace

StudyResult run_study(const series::Panel& panel, const series::SharesTable* shares,
                      const StudyConfig& config) {
  const EventFrame frame = make_event_frame(panel, config);
  // Throws when a factor model lacks its factor columns (naming them and the files read).
  const models::Design design({config.model, config.dimson_lags}, config.factors);

  // Firms are independent: split them over the threads, each writing only its own slot, so the
  // results do not depend on the thread count.
  const TickerIndex index(panel, shares); // hash lookups: Panel::find is a linear scan
  std::vector<FirmComputation> computations(config.tickers.size());
  util::parallel_for(
      config.tickers.size(), config.threads, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i)
          computations[i] =
              study_firm(panel, shares, config, frame, design, config.tickers[i], &index);
      });

  StudyResult result;
  result.config = config;
  result.config.car_windows = frame.car_windows;
  result.conventions = describe_conventions(config);

  EventResult event;
  event.id = config.event_id;
  event.requested_date = config.event_date;
  event.event_date = panel.calendar.at(frame.day0);
  event.estimation = config.estimation;
  event.event_window = config.event_window;
  event.estimation_first = panel.calendar.at(frame.est_first);
  event.estimation_last = panel.calendar.at(frame.est_last);
  event.market = config.market;
  std::vector<const FirmComputation*> all;
  all.reserve(computations.size());
  for (const auto& c : computations)
    all.push_back(&c);
  event.aggregate = aggregate_firms(all, config, frame.car_windows);
  if (event.aggregate.n_firms == 0) {
    std::string list;
    for (const auto& c : computations)
      list += (list.empty() ? "" : "; ") + c.result.ticker + ": " + c.result.reason;
    throw Error("no firm can be studied for the event on " +
                    calendar::format_iso(event.event_date) +
                    (list.empty() ? std::string(" (no tickers given)") : " (" + list + ")"),
                "check the tickers, the windows and --min-estimation");
  }
  if (config.group_by != GroupBy::none) {
    std::vector<std::string> names;
    names.reserve(computations.size());
    for (const auto& c : computations)
      names.push_back(group_of(c.result, std::string(), config));
    event.groups = group_aggregates(computations, names, config, frame.car_windows);
  }
  for (auto& c : computations)
    event.firms.push_back(std::move(c.result));
  add_caar_paths(event); // CAR / CAAR paths over the event window (charts, sparklines)
  result.notes = build_notes(event.firms, event.aggregate, config);
  result.events.push_back(std::move(event));
  return result;
}

} // namespace aftershock::study
