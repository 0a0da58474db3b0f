#pragma once
// Reading the options of `aftershock study` into the engine's configuration: the methodological
// options (windows, model, inference, returns, calendar policy), the price-loading options, and
// the small parsers the single-event and batch paths share.

#include <aftershock/events/named_event.hpp>
#include <aftershock/events/window.hpp>
#include <aftershock/report/render.hpp>
#include <aftershock/sources/price_loader.hpp>
#include <aftershock/study/config.hpp>

#include <boost/program_options/variables_map.hpp>

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "arguments.hpp"

namespace aftershock::cli {

// The study options that are plain values or switches, read once.
struct StudyOptions {
  std::vector<std::string> data;        // --data (as given; resolved by each path)
  std::vector<std::string> car_windows; // --car-window
  std::vector<std::string> factors;     // --factors
  bool quiet = false;                   // --quiet
  bool offline = false;                 // --offline
  bool refresh = false;                 // --refresh
  bool ascii = false;                   // --ascii
};

// Everything the single-event and batch paths share, parsed by run_study.
struct StudySetup {
  StudyOptions switches;
  study::StudyConfig config;
  sources::LoadOptions load_options;
  report::RenderOptions render_options;
  const events::NamedEvent* named = nullptr; // --event NAME, else nullptr
  std::string default_market = "SPY";        // the named event's market, else SPY
  bool jsonl = false;                        // --format jsonl (render_options.format is json)
  std::string output;                        // --output ("" = stdout)
};

// The value of option `option` parsed by `parser` (text -> optional<T>); `fallback` when the
// option was not given; a value the parser refuses is a usage error listing `expected`.
template <typename T, typename Parser>
T parse_choice(const boost::program_options::variables_map& map, std::string_view option,
               Parser parser, T fallback, std::string_view expected) {
  const auto text = get_string(map, option);
  if (!text)
    return fallback;
  const auto value = parser(*text);
  if (!value)
    bad_value(option, *text, expected);
  return *value;
}

// parse_choice for an option whose values are the names of `names` (exact, case-sensitive).
template <typename T>
T parse_named_choice(const boost::program_options::variables_map& map, std::string_view option,
                     std::initializer_list<std::pair<std::string_view, T>> names, T fallback,
                     std::string_view expected) {
  const auto text = get_string(map, option);
  if (!text)
    return fallback;
  for (const auto& [name, value] : names)
    if (name == *text)
      return value;
  bad_value(option, *text, expected);
}

// `value` as a window A:B of option `option`; a usage error when it is not one.
events::Window parse_window_option(std::string_view option, const std::string& value);

// The --tickers list "A,B,..." upper-cased; an empty entry is a usage error.
std::vector<std::string> split_tickers(const std::string& text);

// The price paths to load: a folder with a `prices/` subfolder (the bundled data/ layout, where
// the shares and factor files sit beside prices/) stands for that subfolder.
std::vector<std::string> resolve_data_paths(const std::vector<std::string>& data);

// Reads --estimation, --window, --car-window, --model, --dimson-lags, --bootstrap, --seed,
// --threads, --adjust, --grank-adjust, --variance-divisor, --prediction-error, --skewness,
// --convention, --returns, --gaps, --policy, --prices and --min-estimation into `config` (the
// event fields are left as they are); a bad value is a usage error naming the option.
void parse_study_methods(const boost::program_options::variables_map& map,
                         study::StudyConfig& config);

// The price-loading options (--date-format, --on-bad-row); records them in
// `render_options.inputs`. The thread count is left at its default (the caller sets it).
sources::LoadOptions parse_load_options(const boost::program_options::variables_map& map,
                                        report::RenderOptions& render_options);

} // namespace aftershock::cli
