// The methodological options of `aftershock study` (windows, model, inference, returns,
// calendar policy) and the price-loading options, read into StudyConfig and LoadOptions; the
// small parsers the study paths share.
#include "study_settings.hpp"

#include <aftershock/calendar/date.hpp>
#include <aftershock/calendar/trading_calendar.hpp>
#include <aftershock/models/design_model.hpp>
#include <aftershock/models/model_kind.hpp>
#include <aftershock/series/returns.hpp>
#include <aftershock/stats/skewness.hpp>
#include <aftershock/study/test_selection.hpp>
#include <aftershock/util/parse.hpp>

#include <cstdint>
#include <filesystem>
#include <system_error>

namespace aftershock::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

events::Window parse_window_option(std::string_view option, const std::string& value) {
  const auto window = events::parse_window(value);
  if (!window)
    bad_value(option, value, "expected A:B in trading days with A <= B, e.g. -1:1");
  return *window;
}

std::vector<std::string> split_tickers(const std::string& text) {
  std::vector<std::string> tickers;
  for (const auto& part : util::split(text, ',')) {
    const auto ticker = util::trim(part);
    if (ticker.empty())
      bad_value("tickers", text, "expected a comma-separated list such as NVDA,AMD");
    tickers.push_back(util::to_upper(ticker));
  }
  return tickers;
}

// The price paths to load: a folder with a `prices/` subfolder (the bundled data/ layout, where
// the shares and factor files sit beside prices/) stands for that subfolder.
std::vector<std::string> resolve_data_paths(const std::vector<std::string>& data) {
  std::vector<std::string> out;
  for (const auto& path : data) {
    std::error_code ignored;
    const fs::path prices = fs::path(path) / "prices";
    out.push_back(fs::is_directory(prices, ignored) ? prices.generic_string() : path);
  }
  return out;
}

void parse_study_methods(const po::variables_map& map, study::StudyConfig& config) {
  if (const auto text = get_string(map, "estimation"))
    config.estimation = parse_window_option("estimation", *text);
  if (const auto text = get_string(map, "window"))
    config.event_window = parse_window_option("window", *text);
  const auto car_windows = get_strings(map, "car-window");
  if (!car_windows.empty()) {
    config.car_windows.clear();
    for (const auto& text : car_windows)
      config.car_windows.push_back(parse_window_option("car-window", text));
  }
  config.model = parse_choice(map, "model", models::parse_model_name, models::ModelKind::market,
                              "expected market, market-adjusted, mean-adjusted, capm, ff3, "
                              "carhart, ff5, scholes-williams or dimson");
  if (const auto text = get_string(map, "dimson-lags")) {
    const auto value = util::parse_int(*text);
    if (!value || *value < 1 || *value > 10)
      bad_value("dimson-lags", *text, "expected a whole number from 1 to 10");
    config.dimson_lags = static_cast<int>(*value);
  }
  if (const auto text = get_string(map, "bootstrap")) {
    const auto value = util::parse_int(*text);
    if (!value || *value < 1 || *value > 1000000)
      bad_value("bootstrap", *text, "expected a whole number of replications from 1 to 1000000");
    config.inference.bootstrap = static_cast<int>(*value);
  }
  if (const auto text = get_string(map, "seed")) {
    const auto value = util::parse_int(*text);
    if (!value || *value < 0)
      bad_value("seed", *text, "expected a non-negative whole number");
    config.inference.seed = static_cast<std::uint64_t>(*value);
  }
  config.threads = get_threads(map);
  config.inference.adjust = parse_choice(map, "adjust", study::parse_adjust_name,
                                         study::PAdjust::none, "expected none, holm or bh");
  if (const auto text = get_string(map, "tests")) {
    auto selection = study::parse_test_list(*text);
    if (!selection)
      bad_value("tests", *text,
                selection.error().kind == study::TestListError::Kind::empty
                    ? "expected a comma-separated list without empty items: " +
                          study::valid_test_list_values()
                    : "unknown test " + util::quote_for_message(selection.error().item) +
                          "; expected " + study::valid_test_list_values());
    config.inference.tests = *selection;
  }
  config.inference.grank = parse_named_choice<study::GrankAdjustment>(
      map, "grank-adjust",
      {{"kp", study::GrankAdjustment::kp}, {"none", study::GrankAdjustment::none}},
      study::GrankAdjustment::kp, "expected kp or none");
  config.variance.divisor = parse_named_choice<models::ResidualDivisor>(
      map, "variance-divisor",
      {{"model", models::ResidualDivisor::model_default},
       {"population", models::ResidualDivisor::population}},
      models::ResidualDivisor::model_default, "expected model or population");
  config.variance.prediction = parse_named_choice<models::PredictionError>(
      map, "prediction-error",
      {{"full", models::PredictionError::full}, {"none", models::PredictionError::none}},
      models::PredictionError::full, "expected full or none");
  config.inference.skewness = parse_named_choice<stats::SkewnessEstimator>(
      map, "skewness",
      {{"lbt", stats::SkewnessEstimator::lyon_barber_tsai},
       {"bias-adjusted", stats::SkewnessEstimator::bias_adjusted}},
      stats::SkewnessEstimator::lyon_barber_tsai, "expected lbt or bias-adjusted");
  config.convention = parse_choice(map, "convention", models::parse_convention_name,
                                   models::Convention::textbook, "expected textbook or estudy2");
  const bool estudy2 = config.convention == models::Convention::estudy2;
  config.returns = parse_choice(map, "returns", series::parse_return_type,
                                estudy2 ? series::ReturnType::log : series::ReturnType::simple,
                                "expected simple or log");
  config.gaps = parse_choice(map, "gaps", series::parse_gap_policy,
                             estudy2 ? series::GapPolicy::span : series::GapPolicy::missing,
                             "expected missing or span");
  config.policy = parse_choice(map, "policy", calendar::parse_policy_name,
                               calendar::NonTradingPolicy::next, "expected next, previous or skip");
  config.basis = parse_named_choice<series::PriceBasis>(
      map, "prices",
      {{"adjusted", series::PriceBasis::adjusted_if_present}, {"close", series::PriceBasis::close}},
      series::PriceBasis::adjusted_if_present, "expected adjusted or close");
  if (const auto text = get_string(map, "min-estimation")) {
    const auto value = util::parse_int(*text);
    if (!value || *value < 3 || *value > 100000)
      bad_value("min-estimation", *text, "expected a whole number from 3 to 100000");
    config.min_estimation = static_cast<int>(*value);
  }
}

sources::LoadOptions parse_load_options(const po::variables_map& map,
                                        report::RenderOptions& render_options) {
  sources::LoadOptions load_options;
  if (const auto text = get_string(map, "date-format")) {
    const auto format = calendar::parse_format_name(*text);
    if (!format)
      bad_value("date-format", *text, "expected iso, yyyymmdd, mdy, dmy or dmy.");
    load_options.date_format = *format;
    render_options.inputs.date_format = std::string(calendar::format_name(*format));
  }
  load_options.on_bad_row = parse_named_choice<sources::BadRowPolicy>(
      map, "on-bad-row",
      {{"fail", sources::BadRowPolicy::fail},
       {"skip", sources::BadRowPolicy::skip},
       {"report", sources::BadRowPolicy::report}},
      sources::BadRowPolicy::fail, "expected fail, skip or report");
  render_options.inputs.on_bad_row = get_string(map, "on-bad-row").value_or("fail");
  return load_options;
}

} // namespace aftershock::cli
