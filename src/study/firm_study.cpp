#include "firm_study.hpp"

#include <aftershock/calendar/date.hpp>
#include <aftershock/impact/dollar_impact.hpp>
#include <aftershock/impact/dollar_inference.hpp>
#include <aftershock/models/design_model.hpp>
#include <aftershock/models/normal_model.hpp>
#include <aftershock/models/variance_options.hpp>
#include <aftershock/series/returns.hpp>
#include <aftershock/stats/distributions.hpp>
#include <aftershock/util/parse.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>
#include <utility>

namespace aftershock::study {

namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

// A return in simple form: log returns are converted with exp(r) - 1 (methods.md s.2).
double to_simple(double r, series::ReturnType type) {
  return type == series::ReturnType::log ? std::expm1(r) : r;
}

void set_status(FirmComputation& out, FirmStatus status, std::string reason) {
  out.result.status = status;
  out.result.reason = std::move(reason);
}

ModelFitSummary summarize(const models::FittedModel& model) {
  ModelFitSummary fit;
  fit.coefficients.reserve(model.names.size() + (model.kind == models::ModelKind::dimson ? 1 : 0));
  for (std::size_t j = 0; j < model.names.size(); ++j) {
    const auto i = static_cast<Eigen::Index>(j);
    fit.coefficients.push_back({model.names[j], model.coefficients(i), model.standard_errors(i)});
  }
  if (model.kind == models::ModelKind::dimson) {
    // Dimson (1979) beta = sum of the lag, same-day and lead slopes; SE from 1'V1 with
    // V = s^2 (X'X)^-1 over the slope block.
    const auto k = model.coefficients.size() - 1;
    const Eigen::VectorXd ones = Eigen::VectorXd::Ones(k);
    const double var = model.sigma * model.sigma *
                       ones.dot(model.prediction_matrix.bottomRightCorner(k, k) * ones);
    fit.coefficients.push_back({"beta_sum", model.coefficients.tail(k).sum(), std::sqrt(var)});
  }
  fit.sigma = model.sigma;
  fit.r2 = model.r2;
  fit.n_estimation = model.n;
  fit.df = model.df;
  return fit;
}

ModelFitSummary empty_fit(int n_estimation) {
  ModelFitSummary fit;
  fit.sigma = k_nan;
  fit.r2 = k_nan;
  fit.n_estimation = n_estimation;
  fit.df = 0;
  return fit;
}

// The design rows x_t of a firm-event's event days, in per-thread storage reused from one
// firm-event to the next (issue 6: an Eigen vector per day and per CAR window was a heap block
// each). present[j] = 0 where an input of day j is missing.
struct DesignRows {
  std::vector<models::DesignRow> rows;
  std::vector<char> present;
};

// The CAR row of `window` from the day rows. Missing days are left out: the CAR, its variance
// (L = available days) and the BHAR use the days with an AR.
CarRow car_row(const FirmComputation& out, const models::FittedModel& model,
               const DesignRows& design_rows, const StudyConfig& config,
               const events::Window& window, double& scar) {
  CarRow row;
  row.window = window;
  thread_local Eigen::VectorXd total; // 1'X*: the sum of the event-day design rows
  total.setZero(model.prediction_matrix.rows());
  std::size_t length = 0;
  double car = 0.0;
  double firm_growth = 1.0;
  double normal_growth = 1.0;
  for (std::size_t j = 0; j < out.result.days.size(); ++j) {
    const auto& day = out.result.days[j];
    if (!window.contains(day.offset) || std::isnan(day.abnormal_return))
      continue;
    car += day.abnormal_return; // CAR = sum_t AR_t (Campbell, Lo & MacKinlay 1997, s.4.4)
    total += design_rows.rows[j].x;
    ++length;
    // BHAR = prod(1 + R) - prod(1 + E[R]) in simple returns (Barber & Lyon 1997; methods s.1).
    firm_growth *= 1.0 + to_simple(day.firm_return, config.returns);
    normal_growth *= 1.0 + to_simple(day.expected_return, config.returns);
  }
  if (length == 0) {
    row.car = row.se = row.t = row.p_value = row.bhar = k_nan;
    scar = k_nan;
    return row;
  }
  row.car = car;
  row.se = std::sqrt(model.car_variance_of_sum(total, length));
  row.t = row.car / row.se;
  // Reference t(M - k) (CLM 1997 s.4.4; methods.md s.4). With the population divisor (ddof 0,
  // the Python eventstudy 0.1a10 convention) that package's df = M - 1 is used instead
  // (lemaire_aapl_iphone_2007 README: "df = L1 - 1 = 299"); printed in the conventions.
  const int df =
      config.variance.divisor == models::ResidualDivisor::population ? model.n - 1 : model.df;
  row.p_value = stats::two_sided_t_p(row.t, df);
  row.bhar = firm_growth - normal_growth;
  scar = row.t; // SCAR = CAR / sqrt(Var(CAR)) (Kolari & Pynnonen 2010)
  return row;
}

void add_dollar_figures(FirmComputation& out, const series::PanelColumn& column,
                        const series::SharesRecord* record, const StudyConfig& config,
                        const EventFrame& frame, const models::FittedModel& model,
                        const DesignRows& design_rows) {
  out.window_market_cap_before.assign(frame.car_windows.size(), k_nan);
  if (record == nullptr) {
    out.result.market_cap_before = k_nan;
    for (auto& car : out.result.cars)
      car.market_cap_change = car.abnormal_dollar_change = car.normal_dollar_change =
          car.abnormal_dollar_se = car.abnormal_dollar_t = car.abnormal_dollar_ci_low =
              car.abnormal_dollar_ci_high = k_nan;
    return;
  }
  out.result.shares = record->shares;
  out.result.shares_as_of = record->as_of;
  out.result.shares_source = record->source;
  // Close, not adj_close: close is split-adjusted and dividend-unadjusted, the basis of the
  // share count (methods.md s.10).
  const std::span<const double> close = column.close;
  out.result.market_cap_before = impact::market_value(close[frame.evt_first - 1], record->shares);
  for (std::size_t w = 0; w < frame.car_windows.size(); ++w) {
    const auto& window = frame.car_windows[w];
    std::vector<double> abnormal_simple;
    for (const auto& day : out.result.days)
      if (window.contains(day.offset))
        abnormal_simple.push_back(to_simple(day.abnormal_return, config.returns));
    const std::size_t first = frame.index(window.first);
    const auto impact = impact::dollar_impact(close, first, abnormal_simple, record->shares);
    auto& car = out.result.cars[w];
    car.market_cap_change = impact.market_cap_change;
    car.abnormal_dollar_change = impact.abnormal_dollar_change;
    car.normal_dollar_change = impact.normal_dollar_change;
    out.window_market_cap_before[w] = impact::market_value(close[first - 1], record->shares);
    // Saha & Ferrell (2011): weights MV_{t-1} on the days with an AR.
    std::vector<Eigen::VectorXd> rows;
    std::vector<double> weights;
    for (std::size_t j = 0; j < out.result.days.size(); ++j) {
      const auto& day = out.result.days[j];
      if (!window.contains(day.offset) || std::isnan(day.abnormal_return))
        continue;
      rows.push_back(design_rows.present[j] != 0 ? design_rows.rows[j].x : Eigen::VectorXd());
      weights.push_back(impact::market_value(close[frame.index(day.offset) - 1], record->shares));
    }
    const auto inference =
        impact::firm_dollar_inference(model, rows, weights, car.abnormal_dollar_change);
    car.abnormal_dollar_se = inference.se;
    car.abnormal_dollar_t = inference.t;
    car.abnormal_dollar_ci_low = inference.ci_low;
    car.abnormal_dollar_ci_high = inference.ci_high;
  }
}

// Status check before fitting; empty string when the span is fine.
std::string span_problem(std::span<const double> prices, const series::Panel& panel,
                         const EventFrame& frame) {
  // The first and the last finite price, scanning in from each end (not O(T) per firm-event).
  std::size_t first = 0;
  while (first < prices.size() && !std::isfinite(prices[first]))
    ++first;
  std::size_t last = prices.size();
  while (last > first && !std::isfinite(prices[last - 1]))
    --last;
  last = last == 0 ? 0 : last - 1;
  const auto& cal = panel.calendar;
  if (first == prices.size())
    return "no prices on the market calendar";
  if (last >= frame.day0 && first < frame.est_last)
    return {}; // no text built for the usual case (issue 6: two strings per firm-event)
  const std::string span = "prices run from " + calendar::format_iso(cal.at(first)) + " to " +
                           calendar::format_iso(cal.at(last));
  if (last < frame.day0)
    return span + ", ending before day 0 " + calendar::format_iso(cal.at(frame.day0));
  return span + ", starting after the estimation window ends " +
         calendar::format_iso(cal.at(frame.est_last));
}

// The firm's returns on calendar days [first, last], in a per-thread buffer as long as the
// calendar that is NaN everywhere else, so a firm-event costs O(window) instead of
// series::compute_returns' O(T) (issue 6). The values are compute_returns' exactly: the same
// formula on the same "previous price" (the price of day first - 1 under GapPolicy::missing,
// the last price before `first` under GapPolicy::span). The destructor restores the NaNs.
class WindowReturns {
public:
  WindowReturns(std::span<const double> prices, std::size_t first, std::size_t last,
                series::ReturnType type, series::GapPolicy gaps)
      : m_first(first), m_last(last) {
    thread_local std::vector<double> buffer;
    if (buffer.size() != prices.size())
      buffer.assign(prices.size(), k_nan);
    m_buffer = &buffer;
    double previous = k_nan;
    if (gaps == series::GapPolicy::missing) {
      previous = first > 0 ? prices[first - 1] : k_nan;
    } else {
      for (std::size_t d = first; d > 0; --d)
        if (!std::isnan(prices[d - 1])) {
          previous = prices[d - 1];
          break;
        }
    }
    for (std::size_t d = first; d <= last; ++d) { // series::compute_returns' loop
      const double price = prices[d];
      if (std::isnan(price)) {
        if (gaps == series::GapPolicy::missing)
          previous = k_nan;
        continue;
      }
      if (!std::isnan(previous))
        // Simple: P_t/P_{t-1} - 1; log: ln(P_t/P_{t-1}) (Campbell, Lo & MacKinlay 1997, 1.4).
        buffer[d] = type == series::ReturnType::simple ? price / previous - 1.0
                                                       : std::log(price / previous);
      previous = price;
    }
  }
  WindowReturns(const WindowReturns&) = delete;
  WindowReturns& operator=(const WindowReturns&) = delete;
  ~WindowReturns() {
    std::fill(m_buffer->begin() + static_cast<std::ptrdiff_t>(m_first),
              m_buffer->begin() + static_cast<std::ptrdiff_t>(m_last + 1), k_nan);
  }
  [[nodiscard]] const std::vector<double>& values() const noexcept { return *m_buffer; }

private:
  std::vector<double>* m_buffer = nullptr;
  std::size_t m_first = 0;
  std::size_t m_last = 0;
};

} // namespace

FirmComputation study_firm(const series::Panel& panel, const series::SharesTable* shares,
                           const StudyConfig& config, const EventFrame& frame,
                           const models::Design& design, const std::string& ticker,
                           const TickerIndex* index) {
  FirmComputation out;
  out.result.ticker = ticker;
  const std::size_t n_estimation = frame.est_last - frame.est_first + 1;
  // A view of the market's shared series (EstimationMarket), no copy.
  out.estimation_market =
      frame.market_storage != nullptr
          ? EstimationMarket(frame.market_storage, frame.est_first, n_estimation)
          : EstimationMarket(std::vector<double>(
                frame.market_returns.begin() + static_cast<std::ptrdiff_t>(frame.est_first),
                frame.market_returns.begin() +
                    static_cast<std::ptrdiff_t>(frame.est_first + n_estimation)));
  out.market_key = config.market + "@" + calendar::format_iso(panel.calendar.at(frame.day0));
  out.result.fit = empty_fit(0);
  out.result.market_cap_before = k_nan;
  const series::PanelColumn* column = index != nullptr ? index->column(ticker) : panel.find(ticker);
  if (column == nullptr) {
    set_status(out, FirmStatus::unit_missing,
               util::quote_for_message(ticker) + " is not in the loaded data");
    return out;
  }
  const auto selected = series::select_prices(*column, config.basis);
  out.result.adjusted_prices = selected.adjusted;
  if (auto problem = span_problem(selected.prices, panel, frame); !problem.empty()) {
    set_status(out, FirmStatus::wrong_span, std::move(problem));
    return out;
  }
  // Only the estimation and event windows' returns are read (the fit, the design rows, day 0).
  const WindowReturns window_returns(selected.prices, std::min(frame.est_first, frame.evt_first),
                                     std::max(frame.est_last, frame.evt_last), config.returns,
                                     config.gaps);
  const std::vector<double>& returns = window_returns.values();
  const std::size_t n_est = frame.est_last - frame.est_first + 1;
  const models::EstimationData data{
      std::span<const double>(returns).subspan(frame.est_first, n_est),
      std::span<const double>(frame.market_returns).subspan(frame.est_first, n_est)};
  const int m = models::usable_days(data);
  if (m < config.min_estimation) {
    out.result.fit = empty_fit(m);
    set_status(out, FirmStatus::edata_missing,
               std::to_string(m) + " estimation returns, fewer than the minimum " +
                   std::to_string(config.min_estimation) + " (--min-estimation)");
    return out;
  }
  const models::CalendarInputs inputs{returns, frame.market_returns};
  auto fitted = models::is_design_model(config.model)
                    ? models::fit_design_model(design, inputs, frame.est_first, frame.est_last)
                    : models::fit_normal_model(config.model, config.convention, data);
  if (!fitted) {
    out.result.fit = empty_fit(m);
    const auto failure = fitted.error().failure;
    set_status(out,
               failure == models::FitFailure::too_few_returns ? FirmStatus::edata_missing
                                                              : FirmStatus::constant_returns,
               fitted.error().reason);
    return out;
  }
  models::apply_variance_options(*fitted, config.variance);
  // Kept for the pooled aggregate, in the thread's huge-page chunk (residual_store.hpp).
  out.residuals = ResidualSeries::from_thread_chunk(0, fitted->residuals);
  const models::FittedModel& model = *fitted;
  out.result.fit = summarize(model);

  thread_local DesignRows design_rows; // x_t per event day (present 0 = input missing)
  const auto n_days = static_cast<std::size_t>(config.event_window.length());
  if (design_rows.rows.size() < n_days)
    design_rows.rows.resize(n_days);
  design_rows.present.assign(n_days, 0);
  out.standardized.reserve(n_days);
  out.result.days.reserve(n_days);
  out.result.cars.reserve(frame.car_windows.size());
  out.scar.reserve(frame.car_windows.size());
  for (int offset = config.event_window.first; offset <= config.event_window.last; ++offset) {
    const std::size_t d = frame.index(offset);
    DayRow row;
    row.offset = offset;
    row.date = panel.calendar.at(d);
    row.firm_return = returns[d];
    row.market_return = frame.market_returns[d];
    const std::size_t j = static_cast<std::size_t>(offset - config.event_window.first);
    models::DesignRow& x = design_rows.rows[j];
    const bool present = design.row_into(inputs, d, x);
    design_rows.present[j] = present ? 1 : 0;
    row.expected_return = present ? model.expected_return_at(x.x, x.offset) : k_nan;
    row.abnormal_return = row.firm_return - row.expected_return; // AR = R - E[R]
    // SE with the prediction-error correction using the full design row (Patell 1976; CLM
    // 1997 s.4.4; methods.md s.4).
    row.se = present ? std::sqrt(model.ar_variance_at(x.x)) : k_nan;
    row.t = row.abnormal_return / row.se;
    out.standardized.push_back(row.t);
    out.result.days.push_back(row);
  }
  for (const auto& window : frame.car_windows) {
    double scar = k_nan;
    out.result.cars.push_back(car_row(out, model, design_rows, config, window, scar));
    out.scar.push_back(scar);
  }
  const series::SharesRecord* record = index != nullptr    ? index->shares(ticker)
                                       : shares == nullptr ? nullptr
                                                           : shares->find(ticker);
  add_dollar_figures(out, *column, record, config, frame, model, design_rows);

  if (std::isnan(returns[frame.day0]))
    set_status(out, FirmStatus::wdata_missing,
               "no return on day 0 (" + calendar::format_iso(panel.calendar.at(frame.day0)) + ")");
  else if (std::isnan(frame.market_returns[frame.day0]))
    set_status(out, FirmStatus::wdata_missing,
               "no market return on day 0 (" + calendar::format_iso(panel.calendar.at(frame.day0)) +
                   ")");
  return out;
}

} // namespace aftershock::study
