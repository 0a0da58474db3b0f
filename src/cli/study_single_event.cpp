// The single-event path of `aftershock study` (--event DATE|NAME): loads the prices (CSV files,
// or a quote API with --source), builds the trading calendar from the market series, runs the
// study, adds every note (nothing is dropped silently) and writes the report.
#include "study_single_event.hpp"

#include <aftershock/calendar/trading_calendar.hpp>
#include <aftershock/report/json_stream.hpp>
#include <aftershock/report/svg_chart.hpp>
#include <aftershock/series/panel.hpp>
#include <aftershock/sources/factor_loader.hpp>
#include <aftershock/sources/price_cache.hpp>
#include <aftershock/study/run.hpp>
#include <aftershock/util/atomic_file.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <ostream>

#include "commands.hpp"
#include "data_files.hpp"
#include "study_source_prices.hpp"

namespace aftershock::cli {

namespace fs = std::filesystem;

namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items)
    out += (out.empty() ? "" : ", ") + item;
  return out;
}

} // namespace

int run_single_event(const boost::program_options::variables_map& map, StudySetup setup,
                     CommandContext& context) {
  auto& o = setup.switches;
  auto& config = setup.config;
  auto& render_options = setup.render_options;
  const auto& load_options = setup.load_options;
  const auto* named = setup.named;
  const bool jsonl = setup.jsonl;
  const std::string& output = setup.output;

  // Load the prices (CSV files, or a quote API with --source); the market series defines the
  // trading calendar.
  config.market = util::to_upper(get_string(map, "market").value_or(setup.default_market));
  const auto source_name = get_string(map, "source");
  sources::LoadedPrices loaded; // --source
  sources::LoadedPanel prices;  // the panel, from either
  SourcePrices source;
  const bool sec_shares = get_string(map, "shares") == std::string(k_sec_shares);
  if (sec_shares && !source_name)
    throw UsageError("--shares sec needs --source (the split events come from the price source)",
                     "add --source yahoo, or give a shares file (./sec for a file named sec)");
  if (source_name) {
    if (!o.data.empty())
      throw UsageError("--data and --source exclude each other",
                       "read CSV files with --data, or download with --source, not both");
    source = load_source_prices(map, {*source_name, o.offline, o.refresh, o.quiet, sec_shares},
                                config, named, context);
    loaded = std::move(source.loaded);
    o.data = {*source_name};
  } else {
    if (o.offline || o.refresh)
      throw UsageError("--offline and --refresh apply to --source only",
                       "add --source yahoo, or drop them");
    if (o.data.empty())
      o.data.emplace_back("data");
    o.data = resolve_data_paths(o.data);
    std::vector<fs::path> data_paths(o.data.begin(), o.data.end());
    // Only the market's and the studied firms' columns are built (all without --tickers).
    sources::PanelRequest request{config.market, {}};
    if (const auto text = get_string(map, "tickers"))
      request.tickers = split_tickers(*text);
    else if (named != nullptr)
      request.tickers.assign(named->tickers.begin(), named->tickers.end());
    if (const auto cache = get_string(map, "cache-panel"))
      prices = sources::load_panel_cached(data_paths, load_options, request, *cache);
    else
      prices = sources::load_panel(data_paths, load_options, request);
  }
  if (source_name)
    prices = sources::panel_from_prices(std::move(loaded), {config.market, {}});
  const std::vector<std::string>& available = prices.available;

  if (prices.panel.find(config.market) == nullptr)
    throw Error(fmt::format("market ticker {} is not in the data ({}); available: {}",
                            util::quote_for_message(config.market), join(o.data), join(available)),
                "choose the market series with --market, or add its price file to --data");

  if (source_name) {
    // config.tickers holds the firms that loaded.
  } else if (const auto text = get_string(map, "tickers")) {
    config.tickers = split_tickers(*text);
    for (const auto& ticker : config.tickers)
      if (std::find(available.begin(), available.end(), ticker) == available.end())
        throw Error(fmt::format("ticker {} is not in the data ({}); available: {}",
                                util::quote_for_message(ticker), join(o.data), join(available)),
                    "check the spelling in --tickers, or add a price file for it to --data");
  } else if (named != nullptr) {
    for (const auto ticker : named->tickers)
      config.tickers.emplace_back(ticker);
  } else {
    for (const auto& ticker : available)
      if (ticker != config.market)
        config.tickers.push_back(ticker);
  }

  const series::Panel& panel = prices.panel;

  // Shares outstanding: explicit, or (CSV input only) the default file when it exists.
  std::optional<series::SharesTable> shares;
  if (source.sec_load) {
    shares = std::move(source.sec_load->table);
    render_options.inputs.shares_path = std::string(k_sec_shares);
  } else if (const auto text = get_string(map, "shares")) {
    shares = sources::load_shares(*text);
    render_options.inputs.shares_path = *text;
  } else if (!source_name) {
    if (const auto path = default_shares_path(o.data)) {
      shares = sources::load_shares(*path);
      render_options.inputs.shares_path = path->generic_string();
    }
  }
  render_options.inputs.data_paths = o.data;

  // Factor files (joined on date), aligned on the market's calendar; run_study refuses a
  // factor model whose columns are missing, naming them and these files.
  std::optional<models::FactorColumns> factors;
  if (!o.factors.empty()) {
    const std::vector<fs::path> factor_paths(o.factors.begin(), o.factors.end());
    factors = models::align_factors(sources::load_factors(factor_paths), panel.calendar);
    config.factors = &*factors;
  }

  auto result = study::run_study(panel, shares ? &*shares : nullptr, config);

  add_source_outcomes(source, result);

  // Nothing is dropped silently: loader notes and skipped rows go into the report and stderr.
  for (const auto& note : prices.notes)
    result.notes.push_back(note);
  if (prices.skipped_rows > 0)
    result.notes.push_back(
        fmt::format("{} malformed price rows skipped (--on-bad-row)", prices.skipped_rows));
  if (!shares)
    result.notes.push_back("no shares file: dollar figures are missing (give --shares FILE)");
  if (!o.quiet) {
    for (const auto& row_error : prices.row_errors)
      context.err << "aftershock: bad row: " << row_error << "\n";
    if (prices.skipped_rows > 0)
      context.err << "aftershock: note: " << prices.skipped_rows
                  << " malformed price rows skipped\n";
  }

  const std::string text = jsonl ? report::render_jsonl(result, render_options.inputs)
                                 : report::render(result, render_options);
  if (const auto chart = get_string(map, "chart"))
    util::write_file_atomically(*chart, report::render_svg_chart(result));
  write_output(text, output, context);
  if (map.count("strict") != 0)
    for (const auto& event : result.events)
      for (const auto& firm : event.firms)
        if (firm.status != study::FirmStatus::ok)
          return static_cast<int>(ExitCode::partial);
  const bool shares_failed = source.sec_load && !source.sec_load->failures.empty();
  return source.failures.empty() && !shares_failed ? static_cast<int>(ExitCode::ok)
                                                   : static_cast<int>(ExitCode::partial);
}

} // namespace aftershock::cli
