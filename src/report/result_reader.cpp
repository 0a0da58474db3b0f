// The inverse of json_renderer.cpp: every key the renderer writes is read back here, in the
// same order, into the same struct field. The checked JSON access with error paths is
// json_node.hpp.
#include <aftershock/calendar/date.hpp>
#include <aftershock/calendar/trading_calendar.hpp>
#include <aftershock/models/model_kind.hpp>
#include <aftershock/report/json_renderer.hpp>
#include <aftershock/report/result_reader.hpp>
#include <aftershock/series/returns.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "convention_fields.hpp"
#include "json_node.hpp"

namespace aftershock::report {
namespace {

using json_reading::Json;
using json_reading::Node;

constexpr std::string_view k_hint =
    "report reads the JSON written by 'aftershock study --format json' (schema_version 1)";

std::optional<study::FirmStatus> parse_status(std::string_view code) {
  using S = study::FirmStatus;
  for (const auto status : {S::ok, S::unit_missing, S::wrong_span, S::edata_missing,
                            S::wdata_missing, S::constant_returns, S::source_failed,
                            S::event_outside, S::window_overlap, S::event_overlap})
    if (study::status_code(status) == code)
      return status;
  return std::nullopt;
}

std::optional<series::PriceBasis> parse_basis(std::string_view name) {
  if (name == "adjusted")
    return series::PriceBasis::adjusted_if_present;
  if (name == "close")
    return series::PriceBasis::close;
  return std::nullopt;
}

// The first word of the p_adjust convention text, e.g. "holm (across the tests of ...)".
std::optional<study::PAdjust> parse_adjust(std::string_view text) {
  return study::parse_adjust_name(text.substr(0, text.find(' ')));
}

study::TestMap read_tests(const Node& node) {
  study::TestMap out;
  for (const auto& [name, value] : node.members())
    out.emplace_back(name, stats::TestValue{value.key("statistic").number(),
                                            value.key("p_value").number(), value.key("df").number(),
                                            value.key("p_adjusted").number()});
  return out;
}

void read_conventions(const Node& node, study::Conventions& v) {
  for (const auto& [name, member] : k_convention_fields)
    v.*member = node.key(name).text();
}

void read_config(const Node& node, SavedResult& saved) {
  auto& c = saved.result.config;
  auto& inputs = saved.inputs;
  inputs.data_paths = node.key("data").texts();
  inputs.shares_path = node.key("shares").optional_text();
  inputs.date_format = node.key("date_format").text();
  inputs.on_bad_row = node.key("on_bad_row").text();
  c.event_id = node.key("event").text();
  if (node.has("events_file")) { // batch runs: event_date is null
    c.events_file = node.key("events_file").text();
  } else {
    c.event_date = node.key("event_date").date();
  }
  if (node.has("group_by")) {
    const auto group_by = node.key("group_by");
    const std::string name = group_by.text();
    if (name == "group")
      c.group_by = study::GroupBy::group;
    else if (name == "date")
      c.group_by = study::GroupBy::date;
    else
      group_by.fail("\"group\" or \"date\"");
    c.groups_file = node.key("groups_file").optional_text();
  }
  c.market = node.key("market").text();
  c.tickers = node.key("tickers").texts();
  c.estimation = node.key("estimation_window").window();
  c.event_window = node.key("event_window").window();
  c.car_windows.clear();
  for (const auto& w : node.key("car_windows").items())
    c.car_windows.push_back(w.window());
  c.model = node.key("model").choice<models::ModelKind>(models::parse_model_name, "a model name");
  c.returns = node.key("returns").choice<series::ReturnType>(series::parse_return_type,
                                                             "\"simple\" or \"log\"");
  c.gaps = node.key("gaps").choice<series::GapPolicy>(series::parse_gap_policy,
                                                      "\"missing\" or \"span\"");
  c.basis = node.key("prices").choice<series::PriceBasis>(parse_basis, "\"adjusted\" or \"close\"");
  c.convention =
      node.key("convention")
          .choice<models::Convention>(models::parse_convention_name, "\"textbook\" or \"estudy2\"");
  c.policy = node.key("policy").choice<calendar::NonTradingPolicy>(
      calendar::parse_policy_name, "\"next\", \"previous\" or \"skip\"");
  c.min_estimation = node.key("min_estimation").int_value();
  c.dimson_lags = node.key("dimson_lags").int_value();
  c.inference.bootstrap = node.key("bootstrap").int_value();
  c.inference.seed = static_cast<std::uint64_t>(
      node.key("seed").integer(0, std::numeric_limits<long long>::max()));
  c.inference.adjust =
      node.key("adjust").choice<study::PAdjust>(parse_adjust, "\"none\", \"holm\" or \"bh\"");
  read_conventions(node.key("conventions"), saved.result.conventions);
  // The selected tests (--tests); absent in files written before the option: all.
  if (node.has("tests")) {
    c.inference.tests = study::TestSelection::none();
    for (const auto& item : node.key("tests").items()) {
      const auto id = study::find_test_id(item.text());
      if (!id)
        item.fail(fmt::format("a test name ({})", fmt::join(study::k_test_names, ", ")));
      c.inference.tests.add(*id);
    }
    if (c.inference.tests.empty())
      node.key("tests").fail("a non-empty array of test names");
  }
}

study::FirmResult read_firm(const Node& node) {
  study::FirmResult f;
  f.ticker = node.key("ticker").text();
  if (node.has("event_id")) { // batch runs only
    study::FirmEventInfo info;
    info.id = node.key("event_id").text();
    info.requested_date = node.key("requested_date").date();
    if (const auto day0 = node.key("event_date"); !day0.is_null())
      info.event_date = day0.date();
    info.market = node.key("market").text();
    info.group = node.key("group").optional_text();
    info.line = static_cast<std::size_t>(
        node.key("line").integer(0, std::numeric_limits<long long>::max()));
    if (node.has("event_window")) // the firm-event's own windows (when not the study's)
      info.event_window = node.key("event_window").window();
    if (node.has("estimation_window"))
      info.estimation = node.key("estimation_window").window();
    f.event = std::move(info);
  }
  f.status = node.key("status").choice<study::FirmStatus>(parse_status, "a firm status code");
  f.reason = node.key("reason").optional_text();
  // alpha and beta are repeated from `coefficients`, where they are read.
  node.key("alpha").number();
  node.key("beta").number();
  f.fit.sigma = node.key("sigma").number();
  f.fit.r2 = node.key("r2").number();
  f.fit.n_estimation = node.key("n_estimation").int_value();
  for (const auto& k : node.key("coefficients").items())
    f.fit.coefficients.push_back(
        {k.key("name").text(), k.key("value").number(), k.key("se").number()});
  for (const auto& d : node.key("days").items())
    f.days.push_back({d.key("offset").int_value(),
                      d.key("date").is_null() ? std::optional<calendar::Date>{}
                                              : std::optional<calendar::Date>{d.key("date").date()},
                      d.key("return").number(), d.key("market_return").number(),
                      d.key("expected_return").number(), d.key("abnormal_return").number(),
                      d.key("se").number(), d.key("t").number()});
  for (const auto& c : node.key("cars").items()) {
    study::CarRow row;
    row.window = c.key("window").window();
    row.car = c.key("car").number();
    row.se = c.key("se").number();
    row.t = c.key("t").number();
    row.p_value = c.key("p_value").number();
    row.bhar = c.key("bhar").number();
    row.market_cap_change = c.key("market_cap_change").number();
    row.abnormal_dollar_change = c.key("abnormal_dollar_change").number();
    row.normal_dollar_change = c.key("normal_dollar_change").number();
    row.abnormal_dollar_se = c.key("abnormal_dollar_se").number();
    row.abnormal_dollar_t = c.key("abnormal_dollar_t").number();
    std::tie(row.abnormal_dollar_ci_low, row.abnormal_dollar_ci_high) =
        c.key("abnormal_dollar_ci").interval();
    f.cars.push_back(row);
  }
  f.market_cap_before = node.key("market_cap_before").number();
  f.shares = node.key("shares").optional_number();
  if (const auto as_of = node.key("shares_as_of"); !as_of.optional_text().empty())
    f.shares_as_of = as_of.date();
  if (node.has("shares_source"))
    f.shares_source = node.key("shares_source").optional_text();
  if (node.has("car_path"))
    for (const auto& v : node.key("car_path").items())
      f.car_path.push_back(v.number());
  return f;
}

study::Aggregate read_aggregate(const Node& node) {
  study::Aggregate a;
  a.n_firms = node.key("n_firms").int_value();
  for (const auto& d : node.key("days").items()) {
    study::AggregateDay day;
    day.offset = d.key("offset").int_value();
    if (const auto date = d.key("date"); date.is_null())
      day.mixed_dates = true; // pooled firm-events on different dates
    else
      day.date = date.date();
    day.n = d.key("n").int_value();
    day.aar = d.key("aar").number();
    day.tests = read_tests(d.key("tests"));
    a.days.push_back(std::move(day));
  }
  for (const auto& c : node.key("cars").items()) {
    study::AggregateCar row;
    row.window = c.key("window").window();
    row.n = c.key("n").int_value();
    row.caar = c.key("caar").number();
    std::tie(row.caar_ci_low, row.caar_ci_high) = c.key("caar_ci").interval();
    row.tests = read_tests(c.key("tests"));
    row.market_cap_change = c.key("market_cap_change").number();
    row.abnormal_dollar_change = c.key("abnormal_dollar_change").number();
    row.value_weighted_caar = c.key("value_weighted_caar").number();
    row.normal_dollar_change = c.key("normal_dollar_change").number();
    row.gross_abnormal_loss = c.key("gross_abnormal_loss").number();
    row.gross_abnormal_gain = c.key("gross_abnormal_gain").number();
    row.gross_market_cap_loss = c.key("gross_market_cap_loss").number();
    row.gross_market_cap_gain = c.key("gross_market_cap_gain").number();
    row.abnormal_dollar_se = c.key("abnormal_dollar_se").number();
    row.abnormal_dollar_t = c.key("abnormal_dollar_t").number();
    std::tie(row.abnormal_dollar_ci_low, row.abnormal_dollar_ci_high) =
        c.key("abnormal_dollar_ci").interval();
    const auto bootstrap = c.key("bootstrap");
    if (!bootstrap.is_null()) {
      row.bootstrap.replications = bootstrap.key("replications").int_value();
      row.bootstrap.seed = static_cast<std::uint64_t>(
          bootstrap.key("seed").integer(0, std::numeric_limits<long long>::max()));
      row.bootstrap.p_value = bootstrap.key("p_value").number();
      std::tie(row.bootstrap.ci_low, row.bootstrap.ci_high) = bootstrap.key("caar_ci").interval();
    }
    a.cars.push_back(std::move(row));
  }
  a.market_cap_before = node.key("market_cap_before").number();
  a.n_without_shares = node.key("n_without_shares").int_value();
  if (node.has("tickers_without_shares"))
    a.tickers_without_shares = node.key("tickers_without_shares").texts();
  if (node.has("caar_path"))
    for (const auto& p : node.key("caar_path").items()) {
      study::CaarPathPoint point;
      point.offset = p.key("offset").int_value();
      if (const auto date = p.key("date"); !date.is_null())
        point.date = date.date();
      point.n = p.key("n").int_value();
      point.caar = p.key("caar").number();
      std::tie(point.ci_low, point.ci_high) = p.key("caar_ci").interval();
      a.caar_path.push_back(point);
    }
  return a;
}

study::EventResult read_event(const Node& node) {
  study::EventResult e;
  e.id = node.key("id").text();
  e.pooled = node.has("n_firm_events"); // batch runs only
  if (e.pooled) {
    e.n_event_dates = node.key("n_event_dates").int_value();
  } else {
    e.requested_date = node.key("requested_date").date();
    e.event_date = node.key("event_date").date();
  }
  e.estimation = node.key("estimation_window").window();
  e.event_window = node.key("event_window").window();
  if (node.has("estimation_dates") && !node.key("estimation_dates").is_null()) {
    const auto dates = node.key("estimation_dates").items(2);
    e.estimation_first = dates[0].date();
    e.estimation_last = dates[1].date();
  }
  e.market = node.key("market").optional_text();
  for (const auto& f : node.key("firms").items())
    e.firms.push_back(read_firm(f));
  e.aggregate = read_aggregate(node.key("aggregate"));
  if (node.has("groups"))
    for (const auto& g : node.key("groups").items()) {
      study::GroupResult group;
      group.name = g.key("name").text();
      group.n_firm_events = g.key("n_firm_events").int_value();
      if (const auto aggregate = g.key("aggregate"); !aggregate.is_null())
        group.aggregate = read_aggregate(aggregate);
      e.groups.push_back(std::move(group));
    }
  return e;
}

} // namespace

SavedResult read_result_json(std::string_view text, const std::string& source) {
  Json document;
  try {
    document = Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& error) {
    throw Error(fmt::format("{}: not valid JSON (byte {}): {}", source, error.byte,
                            util::quote_for_message(error.what())),
                std::string(k_hint));
  }
  const Node root(document, "", source, k_hint);
  SavedResult saved;
  const auto version = root.key("schema_version");
  if (version.integer(std::numeric_limits<long long>::min(),
                      std::numeric_limits<long long>::max()) != k_json_schema_version)
    version.fail(fmt::format("{} (this aftershock reads schema_version {} only)",
                             k_json_schema_version, k_json_schema_version));
  if (root.key("tool").key("name").text() != "aftershock")
    root.key("tool").key("name").fail("\"aftershock\"");
  read_config(root.key("config"), saved);
  for (const auto& e : root.key("events").items())
    saved.result.events.push_back(read_event(e));
  if (root.has("notes"))
    saved.result.notes = root.key("notes").texts();
  return saved;
}

SavedResult read_result_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error(fmt::format("cannot read {}", util::quote_for_message(path.string())),
                "give the JSON file written by 'aftershock study --format json -o FILE'");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return read_result_json(buffer.str(), path.string());
}

} // namespace aftershock::report
