#pragma once
// Everything one study run needs to know, passed by reference (no global settings).

#include <aftershock/calendar/trading_calendar.hpp>
#include <aftershock/events/window.hpp>
#include <aftershock/models/design_model.hpp>
#include <aftershock/models/model_kind.hpp>
#include <aftershock/models/variance_options.hpp>
#include <aftershock/series/returns.hpp>
#include <aftershock/stats/skewness.hpp>
#include <aftershock/study/test_selection.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aftershock::study {

// Multiple-testing adjustment of the p-values of one day / window (across its reported tests).
enum class PAdjust {
  none,
  holm, // Holm (1979) step-down, family-wise error rate
  bh,   // Benjamini & Hochberg (1995) step-up, false discovery rate
};

// GRANK's cross-correlation adjustment (KP 2011 fn. 6; stats/grank.hpp step 6):
// kp: the re-standardized SCAR*_i is scaled by sqrt(1 - rbar), undoing the (1 - rbar) bias of
//     the cross-sectional sd under correlation (KP 2010); the (1 + (N-1) rbar) part of the KP
//     factor is not applied because GRANK's time-series S_Ubar already carries it
//     (docs/size-check.md);
// none: SCAR*_i = SCAR_i / S_SCAR as for independent firms.
enum class GrankAdjustment { kp, none };

// Test-level choices that are not implied by the convention set.
struct InferenceOptions {
  // Skewness gamma of skew_adj_t (Hall 1992 transform; design/methods.md T7).
  stats::SkewnessEstimator skewness = stats::SkewnessEstimator::lyon_barber_tsai;
  int bootstrap = 0;      // replications of the day-resampling bootstrap; 0 = off
  std::uint64_t seed = 1; // seed of the bootstrap (printed in the report)
  PAdjust adjust = PAdjust::none;
  GrankAdjustment grank = GrankAdjustment::kp;
  // The tests computed and reported (--tests); the others, and every intermediate only they
  // need, are skipped. --adjust adjusts across the selected tests of each day / window.
  TestSelection tests = TestSelection::all();
};

// Cross-sections reported next to the overall one (--group-by, --groups).
enum class GroupBy {
  none,
  group, // by the events file's group column, or the --groups FILE mapping ticker -> group
  date,  // by effective event date (batch runs)
};

struct StudyConfig {
  std::string event_id = "event"; // id of the event in the result
  calendar::Date event_date{};    // the requested event date
  calendar::NonTradingPolicy policy = calendar::NonTradingPolicy::next;
  std::string market;                      // market ticker in the panel, e.g. "SPY"
  std::vector<std::string> tickers;        // firms, in report order
  events::Window estimation{-260, -11};    // trading-day offsets, inclusive (250 days)
  events::Window event_window{-5, 5};      // inclusive
  std::vector<events::Window> car_windows; // reported CAR windows; the full event window is
                                           // always reported too (appended if absent)
  models::ModelKind model = models::ModelKind::market;
  series::ReturnType returns = series::ReturnType::simple;
  series::GapPolicy gaps = series::GapPolicy::missing;
  series::PriceBasis basis = series::PriceBasis::adjusted_if_present;
  models::Convention convention = models::Convention::textbook;
  int min_estimation = 100; // minimum non-missing estimation returns M
  InferenceOptions inference;
  int dimson_lags = 1; // K of the Dimson (1979) model
  // Residual divisor / prediction-error switches (defaults: as the convention says).
  models::VarianceOptions variance;
  // Factor returns aligned on the panel's calendar (factor models and CAPM's RF); not owned,
  // may be null. Must outlive run_study.
  const models::FactorColumns* factors = nullptr;
  // Threads for the per-firm loop and the panel ranking (0 = hardware concurrency). Results are
  // identical for any count (work is split by firm, each firm writes only its own slots).
  std::size_t threads = 0;
  // Groups (issue 5): the grouping and the ticker -> group mapping of --groups FILE (sorted by
  // ticker; a ticker missing from it is in group ""). Not echoed when group_by is none.
  GroupBy group_by = GroupBy::none;
  std::vector<std::pair<std::string, std::string>> ticker_groups;
  std::string groups_file; // the --groups path, for the report ("" = none)
  std::string events_file; // study --events FILE ("" = a single-date study)
};

// The CAR windows reported by default: 0:0 and -1:1 (the full event window is added by the
// engine).
std::vector<events::Window> default_car_windows();

// "none", "holm" or "bh" (the --adjust spellings); nullopt otherwise.
std::optional<PAdjust> parse_adjust_name(std::string_view name) noexcept;

} // namespace aftershock::study
