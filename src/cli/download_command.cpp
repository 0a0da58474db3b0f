#include "download_command.hpp"

#include <aftershock/calendar/date.hpp>
#include <aftershock/csv/writer.hpp>
#include <aftershock/sources/fetch.hpp>
#include <aftershock/util/atomic_file.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/parse.hpp>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>
#include <unistd.h>

#include "arguments.hpp"
#include "command_line.hpp"
#include "fetch_setup.hpp"

namespace aftershock::cli {

namespace {

namespace po = boost::program_options;
using sources::QuoteData;

calendar::Date parse_date_option(const std::string& name, const std::string& value) {
  const auto date = calendar::parse_iso_date(value);
  if (!date)
    throw UsageError("--" + name + " " + util::quote_for_message(value) +
                         " is not a date in the form YYYY-MM-DD",
                     "e.g. --" + name + " 2025-01-27");
  return *date;
}

std::string cell(double value) {
  return std::isfinite(value) ? fmt::format("{}", value) : std::string();
}

// One row: date,close,adj_close,volume (cells empty when missing).
std::string row(const QuoteData& data, std::size_t i) {
  const auto& p = data.prices;
  return calendar::format_iso(p.dates[i]) + "," + cell(p.close[i]) + "," +
         (i < p.adj_close.size() ? cell(p.adj_close[i]) : std::string()) + "," +
         (i < p.volume.size() ? cell(p.volume[i]) : std::string());
}

// Writes `text` to `target` through a temp file, fsync and a rename (util::write_file_atomically):
// never a partial output file; a full disk or unwritable folder ends the command with its reason.
void write_atomically(const std::filesystem::path& target, const std::string& text) {
  util::write_file_atomically(target, text);
}

std::string file_name_for(const std::string& ticker) {
  std::string name = ticker;
  for (char& c : name)
    if (c == '/' || c == '\\')
      c = '_';
  if (name.empty() || name.front() == '.')
    name.insert(0, "_");
  return name + ".csv";
}

bool is_long_file_target(const std::filesystem::path& output) {
  return output.extension() == ".csv" || std::filesystem::is_regular_file(output);
}

constexpr std::string_view k_usage =
    "usage: aftershock download --source yahoo|stooq|alphavantage TICKER... --from "
    "YYYY-MM-DD --to YYYY-MM-DD [--output DIR|FILE.csv]";

constexpr std::string_view k_exit_codes =
    "exit codes: 0 all tickers loaded, 1 nothing loaded, 2 usage error, 3 some tickers failed\n";

} // namespace

po::options_description download_options() {
  po::options_description options("download options");
  options.add_options()("help,h", "show this help")(
      "source", po::value<std::string>()->required()->value_name("NAME"),
      "yahoo, stooq or alphavantage")("from",
                                      po::value<std::string>()->required()->value_name("DATE"),
                                      "first date, inclusive (exchange-local)")(
      "to", po::value<std::string>()->required()->value_name("DATE"),
      "last date, inclusive (exchange-local)")(
      "output,o", po::value<std::string>()->value_name("DIR|FILE"),
      "a folder (one TICKER.csv per ticker) or a .csv file (long layout); default: stdout")(
      "offline", "use only the cache; never touch the network")(
      "refresh", "ignore cached responses and download again")(
      "cache-dir", po::value<std::string>()->value_name("DIR"),
      "cache folder (default: $AFTERSHOCK_CACHE_DIR, "
      "$XDG_CACHE_HOME/aftershock or ~/.cache/aftershock)")(
      "jobs", po::value<unsigned>()->default_value(4)->value_name("N"),
      "concurrent downloads (1-16)")("quiet,q", "no progress display and no summary")(
      "csv-safe", "cells starting with = + - @ get a leading ' (safe to open in a spreadsheet)")(
      "tickers", po::value<std::vector<std::string>>()->multitoken()->value_name("TICKER"),
      "tickers (also as plain words)");
  options.add(config_options());
  return options;
}

int run_download(const std::vector<std::string>& args, CommandContext& ctx) {
  const auto options = download_options();
  const auto command_line = parse_command_line(
      args,
      {"download", &options, "tickers", k_usage, "", k_exit_codes, ErrorNaming::command_prefix},
      ctx);
  if (!command_line)
    return 0; // --help
  const auto& values = *command_line;
  const auto source_name = values["source"].as<std::string>();
  const auto from_text = values["from"].as<std::string>();
  const auto to_text = values["to"].as<std::string>();
  const auto output = get_string(values, "output").value_or("");
  const auto cache_dir = get_string(values, "cache-dir").value_or("");
  const auto ticker_words = get_strings(values, "tickers");
  const auto jobs = values["jobs"].as<unsigned>();
  const auto safety =
      values.count("csv-safe") != 0U ? csv::CellSafety::spreadsheet_safe : csv::CellSafety::plain;
  std::vector<std::string> tickers;
  for (const auto& word : ticker_words)
    for (const auto& part : util::split(word, ','))
      if (!util::trim(part).empty())
        tickers.emplace_back(util::trim(part));
  for (const auto& ticker : tickers)
    check_ticker_text(ticker, "download");
  if (tickers.empty())
    throw UsageError("download: no tickers given", "e.g. aftershock download --source yahoo "
                                                   "NVDA AVGO --from 2024-01-01 --to 2024-12-31");
  const auto cache_mode =
      cache_mode_for(values.count("offline") != 0U, values.count("refresh") != 0U, "download");
  if (jobs < 1 || jobs > 16)
    throw UsageError("download: --jobs " + std::to_string(jobs) + " is outside 1..16");
  const auto from = parse_date_option("from", from_text);
  const auto to = parse_date_option("to", to_text);
  if (to < from)
    throw UsageError("download: --to " + to_text + " is before --from " + from_text);
  const bool quiet = values.count("quiet") != 0U;

  const auto fetch = make_fetch_options(ctx, cache_mode, cache_dir, jobs,
                                        progress_display(ctx, quiet), tickers.size());

  auto result = sources::fetch_prices(source_name, tickers, from, to, fetch);

  // A ticker without a single row in the range is reported, not written as an empty file.
  move_empty_series_to_failures(result, source_name, from, to);
  const auto& failures = result.failures;
  std::vector<const QuoteData*> loaded;
  for (const auto& data : result.series)
    loaded.push_back(&data);

  if (!loaded.empty()) {
    if (output.empty() || is_long_file_target(output)) {
      std::string text = "date,ticker,close,adj_close,volume\n";
      for (const auto* data : loaded) {
        for (std::size_t i = 0; i < data->prices.dates.size(); ++i) {
          const auto line = row(*data, i);
          const auto ticker = safety == csv::CellSafety::plain
                                  ? data->prices.ticker
                                  : csv::format_cell(data->prices.ticker, {',', safety});
          text += line.substr(0, 10) + "," + ticker + line.substr(10) + "\n";
        }
      }
      if (output.empty())
        ctx.out << text;
      else
        write_atomically(output, text);
    } else {
      std::error_code error;
      std::filesystem::create_directories(output, error);
      if (error)
        throw Error("cannot create the output folder " + util::quote_for_message(output),
                    error.message());
      for (const auto* data : loaded) {
        std::string text = "date,close,adj_close,volume\n";
        for (std::size_t i = 0; i < data->prices.dates.size(); ++i)
          text += row(*data, i) + "\n";
        write_atomically(std::filesystem::path(output) / file_name_for(data->prices.ticker), text);
      }
    }
  }

  print_fetch_failures(ctx.err, failures);
  if (!quiet) {
    std::size_t cached = 0;
    for (const auto* data : loaded)
      cached += data->provenance.from_cache ? 1U : 0U;
    ctx.err << fmt::format("downloaded {} of {} tickers from {} ({} from the cache){}\n",
                           loaded.size(), tickers.size(), source_name, cached,
                           output.empty() ? std::string() : " into " + output);
  }
  if (loaded.empty())
    return static_cast<int>(ExitCode::failure);
  return failures.empty() ? static_cast<int>(ExitCode::ok) : static_cast<int>(ExitCode::partial);
}

} // namespace aftershock::cli
