// to_json: the JSON result as an nlohmann tree (schema 1). render_json writes the same bytes
// without a tree (json_document.cpp, json_sections.cpp; issue 6); this builder is kept as the
// independent form the tests compare those bytes with, and for callers that want a document.
#include <aftershock/calendar/date.hpp>
#include <aftershock/events/window.hpp>
#include <aftershock/models/model_kind.hpp>
#include <aftershock/report/json_renderer.hpp>
#include <aftershock/series/returns.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::report {
namespace {

using Json = nlohmann::ordered_json;

// A number, or null when it is missing (NaN) or not finite.
Json number(double value) {
  if (!std::isfinite(value))
    return nullptr;
  return value;
}

Json number(const std::optional<double>& value) {
  return value ? number(*value) : Json(nullptr);
}

// A list of numbers, each null when missing.
Json path_numbers(const std::vector<double>& values) {
  Json out = Json::array();
  for (const double v : values)
    out.push_back(number(v));
  return out;
}

Json window(const events::Window& w) {
  return Json::array({w.first, w.last});
}

Json tests(const study::TestMap& map) {
  Json out = Json::object();
  for (const auto& [name, value] : map)
    out[name] = Json{{"statistic", number(value.statistic)},
                     {"p_value", number(value.p_value)},
                     {"df", number(value.df)},
                     {"p_adjusted", number(value.p_adjusted)}};
  return out;
}

std::string_view basis_name(series::PriceBasis basis) {
  return basis == series::PriceBasis::close ? "close" : "adjusted";
}

Json selected_test_names(const study::TestSelection& tests) {
  Json out = Json::array();
  for (const auto name : tests.names())
    out.push_back(std::string(name));
  return out;
}

Json config(const study::StudyResult& result, const RunInputs& inputs) {
  const auto& c = result.config;
  Json car_windows = Json::array();
  for (const auto& w : c.car_windows)
    car_windows.push_back(window(w));
  const auto& v = result.conventions;
  Json out{
      {"data", inputs.data_paths},
      {"shares", inputs.shares_path.empty() ? Json(nullptr) : Json(inputs.shares_path)},
      {"date_format", inputs.date_format},
      {"on_bad_row", inputs.on_bad_row},
      {"event", c.event_id},
      {"event_date", calendar::format_iso(c.event_date)},
      {"market", c.market},
      {"tickers", c.tickers},
      {"estimation_window", window(c.estimation)},
      {"event_window", window(c.event_window)},
      {"car_windows", car_windows},
      {"model", models::model_name(c.model)},
      {"returns", series::return_type_name(c.returns)},
      {"gaps", series::gap_policy_name(c.gaps)},
      {"prices", basis_name(c.basis)},
      {"convention", models::convention_name(c.convention)},
      {"policy", calendar::policy_name(c.policy)},
      {"min_estimation", c.min_estimation},
      {"dimson_lags", c.dimson_lags},
      {"bootstrap", c.inference.bootstrap},
      {"seed", c.inference.seed},
      {"adjust", v.p_adjust},
      {"tests", selected_test_names(c.inference.tests)},
      {"conventions", Json{{"convention", v.convention},
                           {"return_type", v.return_type},
                           {"gap_policy", v.gap_policy},
                           {"price_basis", v.price_basis},
                           {"variance_divisor", v.variance_divisor},
                           {"prediction_error", v.prediction_error},
                           {"market_mean_basis", v.market_mean_basis},
                           {"car_variance", v.car_variance},
                           {"p_values", v.p_values},
                           {"non_trading_policy", v.non_trading_policy},
                           {"dollar_measure", v.dollar_measure},
                           {"market_cap", v.market_cap},
                           {"sign_counting", v.sign_counting},
                           {"gen_sign_p_hat", v.gen_sign_p_hat},
                           {"rank_method", v.rank_method},
                           {"grank_indexing", v.grank_indexing},
                           {"skewness_gamma", v.skewness_gamma},
                           {"wilcoxon_method", v.wilcoxon_method},
                           {"bw1980_df", v.bw1980_df},
                           {"window_tests", v.window_tests},
                           {"bootstrap", v.bootstrap},
                           {"p_adjust", v.p_adjust}}},
  };
  // Batch and group runs (issue 5): additive keys, absent from single-date output.
  if (!c.events_file.empty()) {
    out["event_date"] = nullptr;
    out["events_file"] = c.events_file;
  }
  if (c.group_by != study::GroupBy::none) {
    out["group_by"] = c.group_by == study::GroupBy::date ? "date" : "group";
    out["groups_file"] = c.groups_file.empty() ? Json(nullptr) : Json(c.groups_file);
  }
  return out;
}

Json firm(const study::FirmResult& f) {
  Json days = Json::array();
  for (const auto& d : f.days)
    days.push_back(Json{{"offset", d.offset},
                        {"date", d.date ? Json(calendar::format_iso(*d.date)) : Json(nullptr)},
                        {"return", number(d.firm_return)},
                        {"market_return", number(d.market_return)},
                        {"expected_return", number(d.expected_return)},
                        {"abnormal_return", number(d.abnormal_return)},
                        {"se", number(d.se)},
                        {"t", number(d.t)}});
  Json cars = Json::array();
  for (const auto& c : f.cars)
    cars.push_back(Json{{"window", window(c.window)},
                        {"car", number(c.car)},
                        {"se", number(c.se)},
                        {"t", number(c.t)},
                        {"p_value", number(c.p_value)},
                        {"bhar", number(c.bhar)},
                        {"market_cap_change", number(c.market_cap_change)},
                        {"abnormal_dollar_change", number(c.abnormal_dollar_change)},
                        {"normal_dollar_change", number(c.normal_dollar_change)},
                        {"abnormal_dollar_se", number(c.abnormal_dollar_se)},
                        {"abnormal_dollar_t", number(c.abnormal_dollar_t)},
                        {"abnormal_dollar_ci", Json::array({number(c.abnormal_dollar_ci_low),
                                                            number(c.abnormal_dollar_ci_high)})}});
  Json coefficients = Json::array();
  for (const auto& k : f.fit.coefficients)
    coefficients.push_back(
        Json{{"name", k.name}, {"value", number(k.value)}, {"se", number(k.standard_error)}});
  const bool ok = f.status == study::FirmStatus::ok;
  Json out{
      {"ticker", f.ticker},
      {"status", study::status_code(f.status)},
      {"reason", ok ? Json(nullptr) : Json(f.reason)},
      {"alpha", number(f.fit.alpha())},
      {"beta", number(f.fit.beta())},
      {"sigma", ok ? number(f.fit.sigma) : Json(nullptr)},
      {"r2", ok ? number(f.fit.r2) : Json(nullptr)},
      {"n_estimation", f.fit.n_estimation},
      {"coefficients", coefficients},
      {"days", days},
      {"cars", cars},
      {"market_cap_before", number(f.market_cap_before)},
      {"shares", number(f.shares)},
      {"shares_as_of",
       f.shares_as_of ? Json(calendar::format_iso(*f.shares_as_of)) : Json(nullptr)},
      {"shares_source", f.shares ? Json(f.shares_source) : Json(nullptr)},
      {"car_path", path_numbers(f.car_path)},
  };
  if (f.event) { // batch runs only (additive)
    const auto& e = *f.event;
    out["event_id"] = e.id;
    out["requested_date"] = calendar::format_iso(e.requested_date);
    out["event_date"] = e.event_date ? Json(calendar::format_iso(*e.event_date)) : Json(nullptr);
    out["market"] = e.market;
    out["group"] = e.group.empty() ? Json(nullptr) : Json(e.group);
    out["line"] = e.line;
    // Its own windows, only when they differ from the study's (per-row windows, trim).
    if (e.event_window)
      out["event_window"] = window(*e.event_window);
    if (e.estimation)
      out["estimation_window"] = window(*e.estimation);
  }
  return out;
}

Json aggregate(const study::Aggregate& a) {
  Json days = Json::array();
  for (const auto& d : a.days)
    days.push_back(
        Json{{"offset", d.offset},
             {"date", d.mixed_dates ? Json(nullptr) : Json(calendar::format_iso(d.date))},
             {"n", d.n},
             {"aar", number(d.aar)},
             {"tests", tests(d.tests)}});
  Json cars = Json::array();
  for (const auto& c : a.cars)
    cars.push_back(
        Json{{"window", window(c.window)},
             {"n", c.n},
             {"caar", number(c.caar)},
             {"caar_ci", Json::array({number(c.caar_ci_low), number(c.caar_ci_high)})},
             {"tests", tests(c.tests)},
             {"market_cap_change", number(c.market_cap_change)},
             {"abnormal_dollar_change", number(c.abnormal_dollar_change)},
             {"value_weighted_caar", number(c.value_weighted_caar)},
             {"normal_dollar_change", number(c.normal_dollar_change)},
             {"gross_abnormal_loss", number(c.gross_abnormal_loss)},
             {"gross_abnormal_gain", number(c.gross_abnormal_gain)},
             {"gross_market_cap_loss", number(c.gross_market_cap_loss)},
             {"gross_market_cap_gain", number(c.gross_market_cap_gain)},
             {"abnormal_dollar_se", number(c.abnormal_dollar_se)},
             {"abnormal_dollar_t", number(c.abnormal_dollar_t)},
             {"abnormal_dollar_ci",
              Json::array({number(c.abnormal_dollar_ci_low), number(c.abnormal_dollar_ci_high)})},
             {"bootstrap", c.bootstrap.replications == 0
                               ? Json(nullptr)
                               : Json{{"replications", c.bootstrap.replications},
                                      {"seed", c.bootstrap.seed},
                                      {"p_value", number(c.bootstrap.p_value)},
                                      {"caar_ci", Json::array({number(c.bootstrap.ci_low),
                                                               number(c.bootstrap.ci_high)})}}}});
  Json caar_path = Json::array();
  for (const auto& p : a.caar_path)
    caar_path.push_back(Json{{"offset", p.offset},
                             {"date", p.date ? Json(calendar::format_iso(*p.date)) : Json(nullptr)},
                             {"n", p.n},
                             {"caar", number(p.caar)},
                             {"caar_ci", Json::array({number(p.ci_low), number(p.ci_high)})}});
  return Json{{"n_firms", a.n_firms},
              {"days", days},
              {"cars", cars},
              {"market_cap_before", number(a.market_cap_before)},
              {"n_without_shares", a.n_without_shares},
              {"tickers_without_shares", a.tickers_without_shares},
              {"caar_path", caar_path}};
}

Json event(const study::EventResult& e, bool result_has_groups) {
  Json firms = Json::array();
  for (const auto& f : e.firms)
    firms.push_back(firm(f));
  const auto date = [&](calendar::Date d) {
    return e.pooled ? Json(nullptr) : Json(calendar::format_iso(d));
  };
  Json out{{"id", e.id},
           {"requested_date", date(e.requested_date)},
           {"event_date", date(e.event_date)},
           {"estimation_window", window(e.estimation)},
           {"event_window", window(e.event_window)},
           {"estimation_dates", e.pooled ? Json(nullptr)
                                         : Json::array({calendar::format_iso(e.estimation_first),
                                                        calendar::format_iso(e.estimation_last)})},
           {"market", e.pooled && e.market.empty() ? Json(nullptr) : Json(e.market)},
           {"firms", firms},
           {"aggregate", aggregate(e.aggregate)}};
  if (e.pooled) { // batch runs only (additive)
    out["n_firm_events"] = e.firms.size() + e.streamed_firm_events;
    out["n_event_dates"] = e.n_event_dates;
  }
  if (!e.groups.empty() || result_has_groups) {
    Json groups = Json::array();
    for (const auto& g : e.groups)
      groups.push_back(
          Json{{"name", g.name},
               {"n_firm_events", g.n_firm_events},
               {"aggregate", g.aggregate.n_firms == 0 ? Json(nullptr) : aggregate(g.aggregate)}});
    out["groups"] = groups;
  }
  return out;
}

Json document(const study::StudyResult& result, const RunInputs& inputs) {
  Json events = Json::array();
  for (const auto& e : result.events)
    events.push_back(event(e, result.config.group_by != study::GroupBy::none));
  return Json{{"schema_version", k_json_schema_version},
              {"tool", Json{{"name", "aftershock"}, {"version", AFTERSHOCK_VERSION}}},
              {"config", config(result, inputs)},
              {"events", events},
              {"notes", result.notes}};
}

} // namespace

nlohmann::ordered_json to_json(const study::StudyResult& result, const RunInputs& inputs) {
  return document(result, inputs);
}

} // namespace aftershock::report
