#pragma once
// The plain result structs of a study. The engine fills them; `report` renders them. Missing
// numbers are NaN (rendered as null / empty / "-"), never a sentinel like 0 or -999.

#include <aftershock/calendar/date.hpp>
#include <aftershock/events/window.hpp>
#include <aftershock/stats/bootstrap.hpp>
#include <aftershock/stats/test_value.hpp>
#include <aftershock/study/config.hpp>

#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace aftershock::study {

// Per firm-event outcome (codes in the style of xKDR eventstudies, design/methods.md s.2).
enum class FirmStatus {
  ok,
  unit_missing,     // ticker not in the data
  wrong_span,       // the estimation or event window falls outside the firm's data
  edata_missing,    // fewer than min_estimation estimation returns
  wdata_missing,    // no return on day 0 (other missing event days are reported as NaN)
  constant_returns, // zero residual variance: no test is defined
  source_failed,    // the quote API gave no usable series (study --source); reason = provider's
  // Batch (study --events) statuses, appended so the codes above keep their meaning:
  event_outside,  // the event date, or a window around it, falls outside the market's calendar
  window_overlap, // the row's estimation window does not end before its event window
  event_overlap,  // the event window overlaps an earlier event of the same firm (--overlap trim)
};

std::string_view status_code(FirmStatus status) noexcept; // "ok", "unitmissing", ...

using stats::TestMap;
using stats::TestValue;

struct Coefficient {
  std::string name; // "alpha", "beta", ...
  double value = 0.0;
  double standard_error = 0.0; // NaN when the model has none (market-adjusted)
};

struct ModelFitSummary {
  std::vector<Coefficient> coefficients;
  double sigma = 0.0;   // residual s.d. (divisor by convention, see Conventions)
  double r2 = 0.0;      // NaN where undefined
  int n_estimation = 0; // M: non-missing estimation returns used
  int df = 0;           // residual degrees of freedom (M - k)
  std::optional<double> alpha() const;
  std::optional<double> beta() const;
};

struct DayRow {
  int offset = 0;
  // The trading day; nullopt for a padded batch day outside the market's calendar (a short
  // own window pooled over a longer union window near the data's first or last date).
  std::optional<calendar::Date> date;
  double firm_return = 0.0;
  double market_return = 0.0;
  double expected_return = 0.0;
  double abnormal_return = 0.0;
  double se = 0.0; // prediction-error corrected s.d. of AR
  double t = 0.0;
};

struct CarRow {
  events::Window window;
  double car = 0.0;
  double se = 0.0; // sqrt of the exact Var(CAR) (MacKinlay 1997)
  double t = 0.0;
  double p_value = 0.0;
  double bhar = 0.0;
  double market_cap_change = 0.0;      // MV(t2) - MV(t1-1), dollars; NaN without shares
  double abnormal_dollar_change = 0.0; // sum_t AR_t(simple) MV_{t-1}; NaN without shares
  double normal_dollar_change = 0.0;   // market_cap_change - abnormal_dollar_change
  // Saha & Ferrell (2011) inference on abnormal_dollar_change (impact/dollar_inference.hpp):
  // SE with the estimation-error term, t, and 95% interval from t(M - k). NaN without shares.
  double abnormal_dollar_se = 0.0;
  double abnormal_dollar_t = 0.0;
  double abnormal_dollar_ci_low = 0.0;
  double abnormal_dollar_ci_high = 0.0;
};

// Where a firm-event of an events file came from (study --events); absent in single-date runs.
struct FirmEventInfo {
  std::string id;                           // the event id (the key of a firm-event)
  calendar::Date requested_date{};          // the row's event date
  std::optional<calendar::Date> event_date; // effective day 0; nullopt when not located
  std::string market;
  std::string group;    // the group used by --group-by group ("" = none)
  std::size_t line = 0; // 1-based line in the events file
  // The firm-event's own windows (offsets) when they differ from the study's (per-row windows
  // of the events file, --overlap trim); nullopt = the study's event window / estimation.
  std::optional<events::Window> event_window;
  std::optional<events::Window> estimation;
};

struct FirmResult {
  std::string ticker;
  std::optional<FirmEventInfo> event; // set by the batch engine only
  FirmStatus status = FirmStatus::ok;
  std::string reason; // empty when ok
  ModelFitSummary fit;
  bool adjusted_prices = false; // returns from adj_close (true) or close (false)
  std::vector<DayRow> days;
  std::vector<CarRow> cars; // one per reported window, the full event window included
  std::optional<double> shares;
  std::optional<calendar::Date> shares_as_of;
  std::string shares_source;
  double market_cap_before = 0.0; // close(t1-1) x shares; NaN without shares
  // CAR from the event window's first day to each event day, one per `days` entry; NaN before
  // the first day with an AR (study/caar_path.hpp).
  std::vector<double> car_path;
};

struct AggregateDay {
  int offset = 0;
  calendar::Date date{};
  int n = 0;
  double aar = 0.0;
  TestMap tests; // the selected tests (config.inference.tests), in the battery order
  // Firm-events on different calendar dates, or a firm-event without a date on this day
  // (DayRow::date nullopt): `date` is meaningless (rendered null / empty).
  bool mixed_dates = false;
};

struct AggregateCar {
  events::Window window;
  int n = 0;
  double caar = 0.0;
  TestMap tests; // the selected tests, in the battery order
  // Totals over firms with shares:
  double market_cap_change = 0.0;
  double abnormal_dollar_change = 0.0;
  double normal_dollar_change = 0.0;
  double gross_abnormal_loss = 0.0; // sum of negative firm abnormal dollar changes (<= 0)
  double gross_abnormal_gain = 0.0; // sum of positive ones (>= 0)
  double gross_market_cap_loss = 0.0;
  double gross_market_cap_gain = 0.0;
  double value_weighted_caar = 0.0; // sum_i DAR_i / sum_i MV_i,t1-1
  // Portfolio inference on abnormal_dollar_change (firms with shares): SE = sqrt(L var(D_t)),
  // D_t = sum_i MV_i,t1-1 AR_it over the complete estimation days; 95% interval from t(days-1).
  double abnormal_dollar_se = 0.0;
  double abnormal_dollar_t = 0.0;
  double abnormal_dollar_ci_low = 0.0;
  double abnormal_dollar_ci_high = 0.0;
  // Day-resampling bootstrap of the CAAR t (config.inference.bootstrap > 0; otherwise
  // replications = 0 and NaN values): p-value and percentile interval of the CAAR.
  stats::BootstrapResult bootstrap{0, 0, std::numeric_limits<double>::quiet_NaN(),
                                   std::numeric_limits<double>::quiet_NaN(),
                                   std::numeric_limits<double>::quiet_NaN()};
  // 95% Student-t interval of the CAAR from the cross-section of CAR_i (xKDR "classic",
  // R t.test); NaN for N < 2 or zero dispersion.
  double caar_ci_low = 0.0;
  double caar_ci_high = 0.0;
};

// One event day of the CAAR path (study/caar_path.hpp): the mean of CAR_i(first..t) over the
// ok firms with a value, and its 95% cross-sectional t interval (NaN for n < 2).
struct CaarPathPoint {
  int offset = 0;
  std::optional<calendar::Date> date; // nullopt when the aggregate day has none (mixed_dates)
  int n = 0;
  double caar = 0.0;
  double ci_low = 0.0;
  double ci_high = 0.0;
};

struct Aggregate {
  int n_firms = 0; // firms with status ok
  std::vector<AggregateDay> days;
  std::vector<AggregateCar> cars;
  double market_cap_before = 0.0; // sum over ok firms with shares
  int n_without_shares = 0;
  std::vector<std::string> tickers_without_shares;
  // KP 2010 rbar over estimation residuals; NaN when no selected test needs it (--tests).
  double mean_residual_correlation = 0.0;
  int n_estimation_days = 0;            // days in the CDA estimation-window AAR series
  std::vector<CaarPathPoint> caar_path; // one per event day (study/caar_path.hpp)
};

// One group's cross-section (--group-by group|date, --groups FILE).
struct GroupResult {
  std::string name;
  int n_firm_events = 0; // all firm-events of the group, any status
  Aggregate aggregate;   // over its ok firm-events; n_firms = 0 means no aggregate
};

struct EventResult {
  std::string id;
  calendar::Date requested_date{};
  calendar::Date event_date{}; // effective day 0
  events::Window estimation;
  events::Window event_window;
  calendar::Date estimation_first{}; // calendar dates of the window ends
  calendar::Date estimation_last{};
  std::string market;
  std::vector<FirmResult> firms;
  Aggregate aggregate;
  // Batch runs (study --events): firm-events pooled in event time. Then requested_date,
  // event_date and the estimation dates are meaningless, and market is "" when rows differ.
  bool pooled = false;
  int n_event_dates = 0; // distinct effective day-0 dates among the located firm-events
  // Firm-events already handed out by a streaming run (run_batch_study_streaming): `firms` is
  // then empty and the JSON's n_firm_events counts these.
  std::size_t streamed_firm_events = 0;
  std::vector<GroupResult> groups; // --group-by / --groups cross-sections, sorted by name
};

// Every convention in effect, echoed in the report header and JSON config.
struct Conventions {
  std::string convention;        // "textbook" | "estudy2"
  std::string return_type;       // "simple" | "log"
  std::string gap_policy;        // "missing" | "span"
  std::string price_basis;       // "adj_close when complete, else close" | "close"
  std::string variance_divisor;  // e.g. "M-2 (market model), M-1 (mean/market-adjusted)"
  std::string prediction_error;  // e.g. "full: s^2(1 + x'(X'X)^-1 x)"
  std::string market_mean_basis; // "firm's own estimation days" | "whole estimation window"
  std::string car_variance;      // "s^2(L + 1'X*(X'X)^-1X*'1) (MacKinlay 1997)"
  std::string p_values;          // "two-sided"
  std::string non_trading_policy;
  std::string dollar_measure; // "sum_t AR_t MV_{t-1}, AR in simple form"
  std::string market_cap;     // "close(t1-1) x shares (split-adjusted close)"
  // Test-specific choices (issue 3):
  std::string sign_counting;   // "AR > 0 (zeros count as not positive)"
  std::string gen_sign_p_hat;  // "per firm (Cowan 1992)" | "pooled firm-days (estudy2)"
  std::string rank_method;     // Corrado-type aggregation, textbook or estudy2 quirks Q1/Q2
  std::string grank_indexing;  // "T = L1 + 1, U = rank/(T+1) - 1/2, t(T-2), KP-adjusted"
  std::string skewness_gamma;  // estimator of gamma in skew_adj_t
  std::string wilcoxon_method; // "exact (N <= 50, conditional on ties), normal above"
  std::string bw1980_df;       // "mean(M_i - k)" | "mean(M_i) - 1 (estudy2)"
  std::string window_tests;    // how CAR windows are tested
  std::string bootstrap;       // "off" | "N replications, seed S, calendar days resampled"
  std::string p_adjust;        // "none" | "holm" | "bh"
};

struct StudyResult {
  StudyConfig config;
  Conventions conventions;
  std::vector<EventResult> events;
  std::vector<std::string> notes; // data-quality remarks for the report (counts, exclusions)
};

} // namespace aftershock::study
