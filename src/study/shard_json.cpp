// The JSON form of a shard file's structs (shard_json.hpp): the pooled configuration, the
// events-file rows, the per-firm-event computations and the run's inputs, each written and read
// back field by field (a merge must rebuild exactly what a single run computed).
#include "shard_json.hpp"

#include <aftershock/calendar/date.hpp>
#include <aftershock/calendar/trading_calendar.hpp>
#include <aftershock/models/model_kind.hpp>
#include <aftershock/series/returns.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

namespace aftershock::study::shard_json {
namespace {

// Doubles: JSON numbers (nlohmann writes the shortest text that reads back to the same
// double); non-finite values as strings so that they round-trip too.
Json num(double v) {
  if (std::isnan(v))
    return "nan";
  if (std::isinf(v))
    return v > 0 ? "inf" : "-inf";
  return v;
}

double get_num(const Json& j) {
  if (j.is_string()) {
    const auto& s = j.get_ref<const std::string&>();
    if (s == "nan")
      return std::numeric_limits<double>::quiet_NaN();
    if (s == "inf")
      return std::numeric_limits<double>::infinity();
    if (s == "-inf")
      return -std::numeric_limits<double>::infinity();
    throw Error("bad number " + util::quote_for_message(s), "");
  }
  return j.get<double>();
}

Json nums(const std::vector<double>& values) {
  Json out = Json::array();
  for (const double v : values)
    out.push_back(num(v));
  return out;
}

std::vector<double> get_nums(const Json& j) {
  std::vector<double> out;
  for (const auto& v : j)
    out.push_back(get_num(v));
  return out;
}

Json date(calendar::Date d) {
  return calendar::format_iso(d);
}

calendar::Date get_date(const Json& j) {
  const auto& text = j.get_ref<const std::string&>();
  const auto d = calendar::parse_iso_date(text);
  if (!d)
    throw Error("bad date " + util::quote_for_message(text), "");
  return *d;
}

Json window(const events::Window& w) {
  return Json::array({w.first, w.last});
}

events::Window get_window(const Json& j) {
  return {j.at(0).get<int>(), j.at(1).get<int>()};
}

// Enums by name. `name_of` maps every value of E (codes 0..last, contiguous) to its name; the
// reader accepts exactly those names.
template <typename E, typename Namer> Json enum_json(E value, Namer name_of) {
  return std::string(name_of(value));
}

template <typename E, typename Namer>
E get_enum(const Json& j, E last, Namer name_of, std::string_view field) {
  const auto& text = j.get_ref<const std::string&>();
  std::string valid;
  for (int code = 0; code <= static_cast<int>(last); ++code) {
    const auto value = static_cast<E>(code);
    if (name_of(value) == text)
      return value;
    valid += (valid.empty() ? "" : ", ") + std::string(name_of(value));
  }
  throw Error(
      fmt::format("unknown {} {} (expected {})", field, util::quote_for_message(text), valid), "");
}

// Names for the enums that have none elsewhere: the words of the command-line options.
std::string_view basis_name(series::PriceBasis basis) noexcept {
  return basis == series::PriceBasis::close ? "close" : "adjusted";
}

std::string_view skewness_name(stats::SkewnessEstimator estimator) noexcept {
  return estimator == stats::SkewnessEstimator::bias_adjusted ? "bias-adjusted" : "lbt";
}

std::string_view adjust_name(PAdjust adjust) noexcept {
  switch (adjust) {
  case PAdjust::holm:
    return "holm";
  case PAdjust::bh:
    return "bh";
  case PAdjust::none:
    break;
  }
  return "none";
}

std::string_view grank_name(GrankAdjustment grank) noexcept {
  return grank == GrankAdjustment::none ? "none" : "kp";
}

std::string_view divisor_name(models::ResidualDivisor divisor) noexcept {
  return divisor == models::ResidualDivisor::population ? "population" : "model";
}

std::string_view prediction_name(models::PredictionError prediction) noexcept {
  return prediction == models::PredictionError::none ? "none" : "full";
}

std::string_view group_by_name(GroupBy group_by) noexcept {
  switch (group_by) {
  case GroupBy::group:
    return "group";
  case GroupBy::date:
    return "date";
  case GroupBy::none:
    break;
  }
  return "none";
}

std::string_view overlap_name(OverlapPolicy overlap) noexcept {
  switch (overlap) {
  case OverlapPolicy::error:
    return "error";
  case OverlapPolicy::trim:
    return "trim";
  case OverlapPolicy::warn:
    break;
  }
  return "warn";
}

template <typename T> Json optional_json(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}

} // namespace

Json config_json(const StudyConfig& c, OverlapPolicy overlap) {
  Json windows = Json::array();
  for (const auto& w : c.car_windows)
    windows.push_back(window(w));
  Json tests = Json::array();
  for (const auto name : c.inference.tests.names())
    tests.push_back(std::string(name));
  Json groups = Json::array();
  for (const auto& [ticker, group] : c.ticker_groups)
    groups.push_back(Json::array({ticker, group}));
  return Json{{"event_id", c.event_id},
              {"event_date", date(c.event_date)},
              {"policy", enum_json(c.policy, calendar::policy_name)},
              {"market", c.market},
              {"tickers", c.tickers},
              {"estimation", window(c.estimation)},
              {"event_window", window(c.event_window)},
              {"car_windows", windows},
              {"model", enum_json(c.model, models::model_name)},
              {"returns", enum_json(c.returns, series::return_type_name)},
              {"gaps", enum_json(c.gaps, series::gap_policy_name)},
              {"basis", enum_json(c.basis, basis_name)},
              {"convention", enum_json(c.convention, models::convention_name)},
              {"min_estimation", c.min_estimation},
              {"skewness", enum_json(c.inference.skewness, skewness_name)},
              {"bootstrap", c.inference.bootstrap},
              {"seed", c.inference.seed},
              {"adjust", enum_json(c.inference.adjust, adjust_name)},
              {"grank", enum_json(c.inference.grank, grank_name)},
              {"tests", tests},
              {"dimson_lags", c.dimson_lags},
              {"variance_divisor", enum_json(c.variance.divisor, divisor_name)},
              {"prediction_error", enum_json(c.variance.prediction, prediction_name)},
              {"group_by", enum_json(c.group_by, group_by_name)},
              {"ticker_groups", groups},
              {"groups_file", c.groups_file},
              {"events_file", c.events_file},
              {"overlap", enum_json(overlap, overlap_name)}};
}

StudyConfig get_config(const Json& j) {
  StudyConfig c;
  c.event_id = j.at("event_id").get<std::string>();
  c.event_date = get_date(j.at("event_date"));
  c.policy =
      get_enum(j.at("policy"), calendar::NonTradingPolicy::skip, calendar::policy_name, "policy");
  c.market = j.at("market").get<std::string>();
  c.tickers = j.at("tickers").get<std::vector<std::string>>();
  c.estimation = get_window(j.at("estimation"));
  c.event_window = get_window(j.at("event_window"));
  c.car_windows.clear();
  for (const auto& w : j.at("car_windows"))
    c.car_windows.push_back(get_window(w));
  c.model = get_enum(j.at("model"), models::ModelKind::dimson, models::model_name, "model");
  c.returns =
      get_enum(j.at("returns"), series::ReturnType::log, series::return_type_name, "returns");
  c.gaps = get_enum(j.at("gaps"), series::GapPolicy::span, series::gap_policy_name, "gaps");
  c.basis = get_enum(j.at("basis"), series::PriceBasis::close, basis_name, "basis");
  c.convention = get_enum(j.at("convention"), models::Convention::estudy2, models::convention_name,
                          "convention");
  c.min_estimation = j.at("min_estimation").get<int>();
  c.inference.skewness = get_enum(j.at("skewness"), stats::SkewnessEstimator::bias_adjusted,
                                  skewness_name, "skewness");
  c.inference.bootstrap = j.at("bootstrap").get<int>();
  c.inference.seed = j.at("seed").get<std::uint64_t>();
  c.inference.adjust = get_enum(j.at("adjust"), PAdjust::bh, adjust_name, "adjust");
  c.inference.grank = get_enum(j.at("grank"), GrankAdjustment::none, grank_name, "grank");
  if (j.contains("tests")) { // absent in shard files written before --tests: all
    c.inference.tests = TestSelection::none();
    for (const auto& name : j.at("tests")) {
      const auto id = find_test_id(name.get<std::string>());
      if (!id)
        throw Error(fmt::format("shard file: unknown test {} in config.tests",
                                util::quote_for_message(name.get<std::string>())),
                    "write the shards again with this aftershock");
      c.inference.tests.add(*id);
    }
    if (c.inference.tests.empty())
      throw Error("shard file: config.tests is empty",
                  "write the shards again with this aftershock");
  }
  c.dimson_lags = j.at("dimson_lags").get<int>();
  c.variance.divisor = get_enum(j.at("variance_divisor"), models::ResidualDivisor::population,
                                divisor_name, "variance_divisor");
  c.variance.prediction = get_enum(j.at("prediction_error"), models::PredictionError::none,
                                   prediction_name, "prediction_error");
  c.group_by = get_enum(j.at("group_by"), GroupBy::date, group_by_name, "group_by");
  for (const auto& g : j.at("ticker_groups"))
    c.ticker_groups.emplace_back(g.at(0).get<std::string>(), g.at(1).get<std::string>());
  c.groups_file = j.at("groups_file").get<std::string>();
  c.events_file = j.at("events_file").get<std::string>();
  return c;
}

Json row_json(const events::FirmEvent& e) {
  return Json{{"id", e.id},
              {"ticker", e.ticker},
              {"date", date(e.date)},
              {"market", e.market},
              {"group", e.group},
              {"event_window", e.event_window ? window(*e.event_window) : Json(nullptr)},
              {"estimation_end", optional_json(e.estimation_end)},
              {"estimation_length", optional_json(e.estimation_length)},
              {"line", e.line}};
}

events::FirmEvent get_row(const Json& j) {
  events::FirmEvent e;
  e.id = j.at("id").get<std::string>();
  e.ticker = j.at("ticker").get<std::string>();
  e.date = get_date(j.at("date"));
  e.market = j.at("market").get<std::string>();
  e.group = j.at("group").get<std::string>();
  if (!j.at("event_window").is_null())
    e.event_window = get_window(j.at("event_window"));
  if (!j.at("estimation_end").is_null())
    e.estimation_end = j.at("estimation_end").get<int>();
  if (!j.at("estimation_length").is_null())
    e.estimation_length = j.at("estimation_length").get<int>();
  e.line = j.at("line").get<std::size_t>();
  return e;
}

Json computation_json(const FirmComputation& c) {
  const auto& f = c.result;
  Json coefficients = Json::array();
  for (const auto& k : f.fit.coefficients)
    coefficients.push_back(Json::array({k.name, num(k.value), num(k.standard_error)}));
  Json days = Json::array();
  for (const auto& d : f.days)
    days.push_back(Json::array({d.offset, d.date ? date(*d.date) : Json(nullptr),
                                num(d.firm_return), num(d.market_return), num(d.expected_return),
                                num(d.abnormal_return), num(d.se), num(d.t)}));
  Json cars = Json::array();
  for (const auto& r : f.cars)
    cars.push_back(Json::array({r.window.first, r.window.last, num(r.car), num(r.se), num(r.t),
                                num(r.p_value), num(r.bhar), num(r.market_cap_change),
                                num(r.abnormal_dollar_change), num(r.normal_dollar_change),
                                num(r.abnormal_dollar_se), num(r.abnormal_dollar_t),
                                num(r.abnormal_dollar_ci_low), num(r.abnormal_dollar_ci_high)}));
  return Json{{"ticker", f.ticker},
              {"status", enum_json(f.status, status_code)},
              {"reason", f.reason},
              {"coefficients", coefficients},
              {"sigma", num(f.fit.sigma)},
              {"r2", num(f.fit.r2)},
              {"n_estimation", f.fit.n_estimation},
              {"df", f.fit.df},
              {"adjusted_prices", f.adjusted_prices},
              {"days", days},
              {"cars", cars},
              {"shares", f.shares ? num(*f.shares) : Json(nullptr)},
              {"shares_as_of", f.shares_as_of ? date(*f.shares_as_of) : Json(nullptr)},
              {"shares_source", f.shares_source},
              {"market_cap_before", num(f.market_cap_before)},
              {"residuals", nums(c.residuals.values())},
              {"standardized", nums(c.standardized)},
              {"scar", nums(c.scar)},
              {"window_market_cap_before", nums(c.window_market_cap_before)},
              {"estimation_market", nums(c.estimation_market.values())},
              {"market_key", c.market_key}};
}

FirmComputation get_computation(const Json& j) {
  FirmComputation c;
  auto& f = c.result;
  f.ticker = j.at("ticker").get<std::string>();
  f.status = get_enum(j.at("status"), FirmStatus::event_overlap, status_code, "status");
  f.reason = j.at("reason").get<std::string>();
  for (const auto& k : j.at("coefficients"))
    f.fit.coefficients.push_back({k.at(0).get<std::string>(), get_num(k.at(1)), get_num(k.at(2))});
  f.fit.sigma = get_num(j.at("sigma"));
  f.fit.r2 = get_num(j.at("r2"));
  f.fit.n_estimation = j.at("n_estimation").get<int>();
  f.fit.df = j.at("df").get<int>();
  f.adjusted_prices = j.at("adjusted_prices").get<bool>();
  for (const auto& d : j.at("days"))
    f.days.push_back({d.at(0).get<int>(),
                      d.at(1).is_null() ? std::optional<calendar::Date>{} : get_date(d.at(1)),
                      get_num(d.at(2)), get_num(d.at(3)), get_num(d.at(4)), get_num(d.at(5)),
                      get_num(d.at(6)), get_num(d.at(7))});
  for (const auto& r : j.at("cars")) {
    CarRow row;
    row.window = {r.at(0).get<int>(), r.at(1).get<int>()};
    double* fields[] = {&row.car,
                        &row.se,
                        &row.t,
                        &row.p_value,
                        &row.bhar,
                        &row.market_cap_change,
                        &row.abnormal_dollar_change,
                        &row.normal_dollar_change,
                        &row.abnormal_dollar_se,
                        &row.abnormal_dollar_t,
                        &row.abnormal_dollar_ci_low,
                        &row.abnormal_dollar_ci_high};
    std::size_t k = 2;
    for (double* field : fields)
      *field = get_num(r.at(k++));
    f.cars.push_back(row);
  }
  if (!j.at("shares").is_null())
    f.shares = get_num(j.at("shares"));
  if (!j.at("shares_as_of").is_null())
    f.shares_as_of = get_date(j.at("shares_as_of"));
  f.shares_source = j.at("shares_source").get<std::string>();
  f.market_cap_before = get_num(j.at("market_cap_before"));
  c.residuals = ResidualSeries(get_nums(j.at("residuals")));
  c.standardized = get_nums(j.at("standardized"));
  c.scar = get_nums(j.at("scar"));
  c.window_market_cap_before = get_nums(j.at("window_market_cap_before"));
  c.estimation_market = EstimationMarket(get_nums(j.at("estimation_market")));
  c.market_key = j.at("market_key").get<std::string>();
  return c;
}

Json run_json(const ShardRunInfo& run) {
  return Json{{"data_paths", run.data_paths},
              {"shares_path", run.shares_path},
              {"date_format", run.date_format},
              {"on_bad_row", run.on_bad_row},
              {"notes", run.notes}};
}

ShardRunInfo get_run(const Json& j) {
  ShardRunInfo run;
  run.data_paths = j.at("data_paths").get<std::vector<std::string>>();
  run.shares_path = j.at("shares_path").get<std::string>();
  run.date_format = j.at("date_format").get<std::string>();
  run.on_bad_row = j.at("on_bad_row").get<std::string>();
  run.notes = j.at("notes").get<std::vector<std::string>>();
  return run;
}

// FNV-1a (64 bit) of the rows of the whole events list in file order: shards of different

OverlapPolicy get_overlap(const Json& config) {
  return get_enum(config.at("overlap"), OverlapPolicy::trim, overlap_name, "overlap");
}

Json span_json(const Span& span) {
  return Json::array(
      {span.first, span.last, date(span.day0), window(span.event_window), window(span.estimation)});
}

Span get_span(const Json& j, std::size_t index) {
  return Span{index,
              j.at(0).get<std::size_t>(),
              j.at(1).get<std::size_t>(),
              get_date(j.at(2)),
              get_window(j.at(3)),
              get_window(j.at(4))};
}

} // namespace aftershock::study::shard_json
