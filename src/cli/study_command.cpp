// `aftershock study`: loads prices, builds the trading calendar from the market series, runs
// the event study and renders it. Option names are a documented contract (README.md).
#include <aftershock/calendar/date.hpp>
#include <aftershock/calendar/trading_calendar.hpp>
#include <aftershock/events/named_event.hpp>
#include <aftershock/events/window.hpp>
#include <aftershock/models/design_model.hpp>
#include <aftershock/models/model_kind.hpp>
#include <aftershock/report/jsonl.hpp>
#include <aftershock/report/render.hpp>
#include <aftershock/report/svg_chart.hpp>
#include <aftershock/series/panel.hpp>
#include <aftershock/series/returns.hpp>
#include <aftershock/sources/factor_loader.hpp>
#include <aftershock/sources/fetch.hpp>
#include <aftershock/sources/groups_file.hpp>
#include <aftershock/sources/price_cache.hpp>
#include <aftershock/sources/price_loader.hpp>
#include <aftershock/stats/skewness.hpp>
#include <aftershock/study/config.hpp>
#include <aftershock/study/run.hpp>
#include <aftershock/study/shard.hpp>
#include <aftershock/util/atomic_file.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <ostream>

#include "arguments.hpp"
#include "batch_study.hpp"
#include "commands.hpp"
#include "data_files.hpp"
#include "fetch_setup.hpp"
#include "sec_shares_setup.hpp"
#include "table_options.hpp"
#include "terminal_style.hpp"

namespace aftershock::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_usage =
    "usage: aftershock study --event DATE|NAME [--data PATH]... [options]";

constexpr std::string_view k_description =
    "Runs an event study: abnormal returns per firm, their significance across firms, and the\n"
    "market value gained or lost. Reads every price file under --data into memory, or, with\n"
    "--source, downloads the firms and the market from a quote API (cached, like 'aftershock\n"
    "download'). Example: aftershock study --event deepseek --car-window 0:1\n"
    "Exit codes: 0 ok, 1 error (also: the market failed to load), 2 usage error, 3 the study\n"
    "ran but some --source tickers failed to load (listed as sourcefailed with the reason) or,\n"
    "with --shares sec, some share counts did not load (listed in the notes).\n";

struct StudyOptions {
  std::vector<std::string> data;
  std::vector<std::string> car_windows;
  std::vector<std::string> factors;
  bool quiet = false;
  bool offline = false;
  bool refresh = false;
  bool ascii = false;
};

} // namespace

po::options_description study_options() {
  po::options_description options("Options", 100, 50);
  // clang-format off
  options.add_options()
    ("data", po::value<std::vector<std::string>>()->value_name("PATH"),
     "price file or folder (repeatable; default data/, whose prices/ subfolder is read)")
    ("event", po::value<std::string>()->value_name("DATE|NAME"), "event date YYYY-MM-DD, or a name from "
     "'aftershock events' (sets date, market and default firms)")
    ("source", po::value<std::string>()->value_name("NAME"), "download prices from yahoo, stooq or "
     "alphavantage instead of reading --data (shares from --shares FILE or --shares sec)")
    ("offline", po::bool_switch(), "with --source: use only the cache, never the network")
    ("refresh", po::bool_switch(), "with --source: ignore cached responses, download again")
    ("tickers", po::value<std::string>()->value_name("A,B,..."), "firms A,B,... (default: every ticker except the "
     "market, or the named event's list)")
    ("market", po::value<std::string>()->value_name("TICKER"), "market ticker (default: the named event's, else SPY)")
    ("estimation", po::value<std::string>()->value_name("A:B"), "estimation window A:B in trading days "
     "(default -260:-11)")
    ("window", po::value<std::string>()->value_name("C:D"), "event window C:D (default -5:5)")
    ("car-window", po::value<std::vector<std::string>>()->value_name("A:B"),
     "CAR window A:B (repeatable; default 0:0 and -1:1; the event window is always added)")
    ("model", po::value<std::string>()->value_name("NAME"), "market (default), market-adjusted, mean-adjusted, "
     "capm, ff3, carhart, ff5, scholes-williams or dimson")
    ("factors", po::value<std::vector<std::string>>()->value_name("FILE"), "Kenneth French daily "
     "factor file (repeatable, joined on date) for capm, ff3, carhart, ff5")
    ("dimson-lags", po::value<std::string>()->value_name("K"), "lags and leads of the Dimson model (default 1)")
    ("bootstrap", po::value<std::string>()->value_name("N"), "day-resampling bootstrap of the CAAR t with N "
     "replications (default off)")
    ("seed", po::value<std::string>()->value_name("S"), "bootstrap seed (default 1)")
    ("adjust", po::value<std::string>()->value_name("METHOD"), "adjusted p-values across the tests of each "
     "day/window: none (default), holm or bh")
    ("grank-adjust", po::value<std::string>()->value_name("A"), "GRANK cross-correlation factor: kp (default) or none")
    ("variance-divisor", po::value<std::string>()->value_name("D"), "residual variance divisor: model (default, "
     "by convention) or population (ddof 0, Python eventstudy)")
    ("prediction-error", po::value<std::string>()->value_name("P"), "full (default, s^2(1 + x'(X'X)^-1 x)) or none")
    ("skewness", po::value<std::string>()->value_name("GAMMA"), "skewness estimator of skew_adj_t: lbt (default, "
     "Lyon-Barber-Tsai) or bias-adjusted")
    ("returns", po::value<std::string>()->value_name("TYPE"), "simple (default) or log")
    ("convention", po::value<std::string>()->value_name("NAME"), "textbook (default) or estudy2 (implies log "
     "returns and --gaps span unless given)")
    ("policy", po::value<std::string>()->value_name("POLICY"), "event on a non-trading day: next (default), "
     "previous or skip")
    ("min-estimation", po::value<std::string>()->value_name("N"), "minimum estimation returns per firm "
     "(default 100)")
    ("gaps", po::value<std::string>()->value_name("POLICY"), "return after a missing price: missing (default) or span")
    ("prices", po::value<std::string>()->value_name("BASIS"), "adjusted (adj_close when complete, default) or close")
    ("shares", po::value<std::string>()->value_name("FILE|sec"), "shares outstanding CSV (default "
     "shares_outstanding.csv next to --data, when present), or with --source: sec (SEC EDGAR, "
     "the filing on or before the event, rebased for later splits)")
    ("date-format", po::value<std::string>()->value_name("FORMAT"), "force the date layout of price files: iso, "
     "yyyymmdd, mdy, dmy or dmy.")
    ("on-bad-row", po::value<std::string>()->value_name("POLICY"), "malformed price row: fail (default), skip or report")
    ("format", po::value<std::string>()->value_name("FORMAT"), "table (default), csv, json, jsonl (one line "
     "per firm-event, then a summary line), markdown or latex")
    ("table", po::value<std::string>()->value_name("TABLE"), "firms, days, cars (default for csv), "
     "aggregate-days or aggregate-cars: the one table to show (csv always shows one)")
    ("columns", po::value<std::string>()->value_name("A,B,..."), "only these columns of --table, in this "
     "order (names as in the CSV header; see README)")
    ("csv-safe", po::bool_switch(), "CSV cells starting with = + - @ get a leading ' (safe to open in a spreadsheet)")
    ("output,o", po::value<std::string>()->value_name("FILE"), "write to FILE (atomically) instead of stdout")
    ("quiet,q", po::bool_switch(), "no notes on stderr")
    ("threads", po::value<std::string>()->value_name("N"), "worker threads (default: the number of CPUs; "
     "results are identical for any N)")
    ("cache-panel", po::value<std::string>()->value_name("FILE"), "binary cache of the loaded --data prices: "
     "read when valid for the same files, else rebuilt")
    ("chart", po::value<std::string>()->value_name("FILE.svg"), "also write an SVG chart (CAAR path with "
     "95% band and firm CARs; value waterfall) to FILE, atomically")
    ("ascii", po::bool_switch(), "plain ASCII sparklines in the table (default: Unicode blocks "
     "when the locale is UTF-8)")
    ("help,h", "print this help")
    // Batch input, statuses and groups (issue 5; README "Batch studies").
    ("events", po::value<std::string>()->value_name("FILE"), "events file: one firm-event per row "
     "(named columns, or an EventStudyTools request file); replaces --event")
    ("firm-data", po::value<std::string>()->value_name("FILE"), "with an EventStudyTools request file: "
     "its firm price file (default: *FirmData* next to it)")
    ("market-data", po::value<std::string>()->value_name("FILE"), "with an EventStudyTools request file: "
     "its market price file (default: *MarketData* next to it)")
    ("overlap", po::value<std::string>()->value_name("POLICY"), "events of one firm with overlapping "
     "windows: error, warn (default; keep both) or trim (keep the earlier)")
    ("dropped", po::value<std::string>()->value_name("FILE"), "write the firm-events that are not ok "
     "(status, reason) as CSV")
    ("strict", "exit 3 when any firm-event was dropped")
    ("group-by", po::value<std::string>()->value_name("KEY"), "cross-sections per group (events file "
     "column or --groups) or per date")
    ("groups", po::value<std::string>()->value_name("FILE"), "ticker,group file: CAAR, tests and market "
     "value per group (the deepseek events use data/deepseek_groups.csv)")
    // Sharded batch runs (issue 5; README "Sharded runs").
    ("shard", po::value<std::string>()->value_name("K/N"), "with --events: compute shard K of N (the "
     "firm-events at id-sorted positions p with p % N == K-1) and write a shard file for "
     "'aftershock merge' (default from SLURM_ARRAY_TASK_ID/COUNT or SGE_TASK_ID/LAST)");
  // clang-format on
  options.add(config_options());
  return options;
}

namespace {

events::Window parse_window_option(std::string_view option, const std::string& value) {
  const auto window = events::parse_window(value);
  if (!window)
    bad_value(option, value, "expected A:B in trading days with A <= B, e.g. -1:1");
  return *window;
}

template <typename T, typename Parser>
T parse_choice(const po::variables_map& map, std::string_view option, Parser parser, T fallback,
               std::string_view expected) {
  const auto text = get_string(map, option);
  if (!text)
    return fallback;
  const auto value = parser(*text);
  if (!value)
    bad_value(option, *text, expected);
  return *value;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items)
    out += (out.empty() ? "" : ", ") + item;
  return out;
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

// The bundled grouping of a named event (e.g. deepseek_groups.csv): in the first --data folder
// or next to it, like the shares file; nullopt when absent.
std::optional<fs::path> default_groups_path(const std::vector<std::string>& data,
                                            std::string_view name) {
  const fs::path first = data.empty() ? fs::path("data") : fs::path(data.front());
  std::error_code ignored;
  std::vector<fs::path> candidates;
  if (fs::is_directory(first, ignored))
    candidates.push_back(first / name);
  const auto parent = first.lexically_normal().parent_path();
  candidates.push_back((parent.empty() ? fs::path(".") : parent) / name);
  for (const auto& candidate : candidates)
    if (fs::is_regular_file(candidate, ignored))
      return candidate;
  return std::nullopt;
}

// The calendar dates to download for a study (study --source): the estimation window's first
// offset and the event window's last, trading days turned into calendar days at 7 per 5 plus
// slack for holidays (30 days before, 10 after), the end capped at `today`.
struct FetchSpan {
  calendar::Date from;
  calendar::Date to;
};

FetchSpan fetch_span(const study::StudyConfig& config, calendar::Date today) {
  const int first = std::min({config.estimation.first, config.event_window.first, 0});
  const int last = std::max({config.estimation.last, config.event_window.last, 0});
  const calendar::Date from = config.event_date - std::chrono::days(std::abs(first) * 7 / 5 + 30);
  const calendar::Date to = config.event_date + std::chrono::days(last * 7 / 5 + 10);
  return {from, std::min(to, today)};
}

// A firm row for a ticker the quote API did not deliver; added after the study ran, so it never
// reaches an aggregate. Missing numbers are NaN.
study::FirmResult source_failed_firm(const sources::TickerFailure& failure) {
  constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
  study::FirmResult firm;
  firm.ticker = failure.ticker;
  firm.status = study::FirmStatus::source_failed;
  firm.reason = std::string(sources::failure_kind_name(failure.failure.kind)) + ": " +
                failure.failure.message;
  firm.fit.sigma = k_nan;
  firm.fit.r2 = k_nan;
  firm.market_cap_before = k_nan;
  return firm;
}

// A whole number from the environment; nullopt when unset, empty or "undefined" (SGE sets
// SGE_TASK_ID=undefined outside array jobs).
std::optional<long long> env_number(const CommandContext& context, std::string_view name) {
  if (!context.getenv)
    return std::nullopt;
  const auto text = context.getenv(name);
  if (text.empty() || text == "undefined")
    return std::nullopt;
  const auto value = util::parse_int(text);
  if (!value)
    throw UsageError(fmt::format("environment variable {}={} is not a whole number", name,
                                 util::quote_for_message(text)),
                     "unset it, or pass --shard K/N");
  return value;
}

// --shard K/N, else the array job's task: Slurm (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT,
// SLURM_ARRAY_TASK_MIN: K = ID - MIN + 1) or SGE (SGE_TASK_ID, SGE_TASK_FIRST, SGE_TASK_LAST:
// K = ID - FIRST + 1, N = LAST - FIRST + 1); nullopt when neither.
std::optional<study::ShardSpec> shard_from(const po::variables_map& map, CommandContext& context,
                                           bool quiet) {
  if (const auto text = get_string(map, "shard")) {
    const auto spec = study::parse_shard_spec(*text);
    if (!spec)
      bad_value("shard", *text, "expected K/N with whole numbers 1 <= K <= N, e.g. 2/4");
    return spec;
  }
  std::optional<long long> k;
  std::optional<long long> n;
  std::string_view origin;
  if (const auto id = env_number(context, "SLURM_ARRAY_TASK_ID")) {
    const auto count = env_number(context, "SLURM_ARRAY_TASK_COUNT");
    if (!count)
      return std::nullopt; // not an array job
    k = *id - env_number(context, "SLURM_ARRAY_TASK_MIN").value_or(1) + 1;
    n = count;
    origin = "SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT";
  } else if (const auto sge = env_number(context, "SGE_TASK_ID")) {
    const auto last = env_number(context, "SGE_TASK_LAST");
    if (!last)
      throw UsageError("SGE_TASK_ID is set but SGE_TASK_LAST is not",
                       "pass --shard K/N, or submit an array job (qsub -t 1-N)");
    const auto first = env_number(context, "SGE_TASK_FIRST").value_or(1);
    k = *sge - first + 1;
    n = *last - first + 1;
    origin = "SGE_TASK_ID/SGE_TASK_LAST";
  } else {
    return std::nullopt;
  }
  const auto text = fmt::format("{}/{}", *k, *n);
  const auto spec = study::parse_shard_spec(text);
  if (!spec)
    throw UsageError(fmt::format("shard {} from {} is not valid", text, origin),
                     "number the array tasks consecutively (e.g. --array=1-4), or pass --shard "
                     "K/N");
  if (!quiet)
    context.err << "aftershock: note: shard " << text << " (from " << origin << ")\n";
  return spec;
}

} // namespace

int run_study(const std::vector<std::string>& args, CommandContext& context) {
  const auto options = study_options();
  const auto map =
      parse_command_options(args, options, po::positional_options_description(), context, "study");
  if (map.count("help") != 0) {
    context.out << k_usage << "\n\n" << k_description << "\n" << options;
    return 0;
  }
  StudyOptions o{get_strings(map, "data"),    get_strings(map, "car-window"),
                 get_strings(map, "factors"), map["quiet"].as<bool>(),
                 map["offline"].as<bool>(),   map["refresh"].as<bool>(),
                 map["ascii"].as<bool>()};

  study::StudyConfig config;
  config.car_windows = study::default_car_windows();
  report::RenderOptions render_options;

  // The event: a date or a named event.
  const auto event_text = get_string(map, "event");
  const auto events_file = get_string(map, "events");
  if (event_text && events_file)
    throw UsageError("--event and --events exclude each other",
                     "study one date with --event, or a file of firm-events with --events");
  if (!event_text && !events_file)
    throw UsageError("missing --event", "give a date (--event 2025-01-27) or a name from "
                                        "'aftershock events' (--event deepseek)");
  const events::NamedEvent* named = event_text ? events::find_named_event(*event_text) : nullptr;
  std::string default_market = "SPY";
  if (!event_text) {
    // study --events: dates come from the file.
  } else if (named != nullptr) {
    config.event_id = std::string(named->name);
    config.event_date = named->date;
    default_market = std::string(named->market);
  } else if (const auto date = calendar::parse_iso_date(*event_text)) {
    config.event_id = calendar::format_iso(*date);
    config.event_date = *date;
  } else {
    bad_value("event", *event_text,
              "expected a date YYYY-MM-DD or a name listed by 'aftershock events'");
  }

  if (const auto text = get_string(map, "estimation"))
    config.estimation = parse_window_option("estimation", *text);
  if (const auto text = get_string(map, "window"))
    config.event_window = parse_window_option("window", *text);
  if (!o.car_windows.empty()) {
    config.car_windows.clear();
    for (const auto& text : o.car_windows)
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
  config.inference.grank = parse_choice(
      map, "grank-adjust",
      [](std::string_view name) -> std::optional<study::GrankAdjustment> {
        if (name == "kp")
          return study::GrankAdjustment::kp;
        if (name == "none")
          return study::GrankAdjustment::none;
        return std::nullopt;
      },
      study::GrankAdjustment::kp, "expected kp or none");
  config.variance.divisor = parse_choice(
      map, "variance-divisor",
      [](std::string_view name) -> std::optional<models::ResidualDivisor> {
        if (name == "model")
          return models::ResidualDivisor::model_default;
        if (name == "population")
          return models::ResidualDivisor::population;
        return std::nullopt;
      },
      models::ResidualDivisor::model_default, "expected model or population");
  config.variance.prediction = parse_choice(
      map, "prediction-error",
      [](std::string_view name) -> std::optional<models::PredictionError> {
        if (name == "full")
          return models::PredictionError::full;
        if (name == "none")
          return models::PredictionError::none;
        return std::nullopt;
      },
      models::PredictionError::full, "expected full or none");
  config.inference.skewness = parse_choice(
      map, "skewness",
      [](std::string_view name) -> std::optional<stats::SkewnessEstimator> {
        if (name == "lbt")
          return stats::SkewnessEstimator::lyon_barber_tsai;
        if (name == "bias-adjusted")
          return stats::SkewnessEstimator::bias_adjusted;
        return std::nullopt;
      },
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
  config.basis = parse_choice(
      map, "prices",
      [](std::string_view name) -> std::optional<series::PriceBasis> {
        if (name == "adjusted")
          return series::PriceBasis::adjusted_if_present;
        if (name == "close")
          return series::PriceBasis::close;
        return std::nullopt;
      },
      series::PriceBasis::adjusted_if_present, "expected adjusted or close");
  if (const auto text = get_string(map, "min-estimation")) {
    const auto value = util::parse_int(*text);
    if (!value || *value < 3 || *value > 100000)
      bad_value("min-estimation", *text, "expected a whole number from 3 to 100000");
    config.min_estimation = static_cast<int>(*value);
  }

  sources::LoadOptions load_options;
  if (const auto text = get_string(map, "date-format")) {
    const auto format = calendar::parse_format_name(*text);
    if (!format)
      bad_value("date-format", *text, "expected iso, yyyymmdd, mdy, dmy or dmy.");
    load_options.date_format = *format;
    render_options.inputs.date_format = std::string(calendar::format_name(*format));
  }
  load_options.on_bad_row = parse_choice(
      map, "on-bad-row",
      [](std::string_view name) -> std::optional<sources::BadRowPolicy> {
        if (name == "fail")
          return sources::BadRowPolicy::fail;
        if (name == "skip")
          return sources::BadRowPolicy::skip;
        if (name == "report")
          return sources::BadRowPolicy::report;
        return std::nullopt;
      },
      sources::BadRowPolicy::fail, "expected fail, skip or report");
  render_options.inputs.on_bad_row = get_string(map, "on-bad-row").value_or("fail");
  load_options.threads = config.threads;

  // --format jsonl: the JSON result as one line per firm-event plus a summary line.
  const bool jsonl = get_string(map, "format") == std::string("jsonl");
  render_options.format =
      jsonl ? report::Format::json
            : parse_choice(map, "format", report::parse_format_name, report::Format::table,
                           "expected table, csv, json, jsonl, markdown or latex");
  set_table_options(map, render_options);
  const std::string output = get_string(map, "output").value_or("");
  // Sparkline glyphs and colour: decided here from the terminal, locale and NO_COLOR.
  render_options.style = choose_terminal_style(
      context, o.ascii ? GlyphRequest::ascii : GlyphRequest::automatic,
      output.empty() || output == "-" ? Destination::standard_output : Destination::file);

  // Groups (--group-by, --groups; the named event's bundled grouping by default).
  if (const auto text = get_string(map, "group-by")) {
    if (*text == "group")
      config.group_by = study::GroupBy::group;
    else if (*text == "date")
      config.group_by = study::GroupBy::date;
    else
      bad_value("group-by", *text, "expected group or date");
  }
  {
    std::optional<fs::path> groups_path;
    if (const auto text = get_string(map, "groups"))
      groups_path = *text;
    else if (named != nullptr && !named->groups_file.empty() && !get_string(map, "group-by"))
      groups_path = default_groups_path(o.data, named->groups_file);
    if (groups_path) {
      config.ticker_groups = sources::read_groups_file(*groups_path);
      config.groups_file = groups_path->generic_string();
      if (config.group_by == study::GroupBy::none)
        config.group_by = study::GroupBy::group;
    }
  }
  if (events_file) {
    BatchInputs batch;
    batch.events_file = *events_file;
    batch.firm_data = get_string(map, "firm-data").value_or("");
    batch.market_data = get_string(map, "market-data").value_or("");
    batch.data = resolve_data_paths(o.data.empty() ? std::vector<std::string>{"data"} : o.data);
    batch.factors = o.factors;
    batch.shares = get_string(map, "shares").value_or("");
    batch.dropped = get_string(map, "dropped").value_or("");
    batch.output = output;
    batch.chart = get_string(map, "chart").value_or("");
    batch.strict = map.count("strict") != 0;
    batch.quiet = o.quiet;
    batch.jsonl = jsonl;
    batch.options.overlap = parse_choice(
        map, "overlap",
        [](std::string_view name) -> std::optional<study::OverlapPolicy> {
          if (name == "error")
            return study::OverlapPolicy::error;
          if (name == "warn")
            return study::OverlapPolicy::warn;
          if (name == "trim")
            return study::OverlapPolicy::trim;
          return std::nullopt;
        },
        study::OverlapPolicy::warn, "expected error, warn or trim");
    if (get_string(map, "source") || get_string(map, "tickers"))
      throw UsageError("--events takes its firms and prices from the file (and --data)",
                       "drop --source and --tickers; list the firms in the events file");
    batch.shard = shard_from(map, context, o.quiet);
    if (batch.shard)
      for (const auto* option : {"format", "table", "columns", "chart", "dropped", "strict"})
        if (map.count(option) != 0 && !map[option].defaulted())
          throw UsageError(fmt::format("--{} does not apply to --shard (a shard writes a shard "
                                       "file)",
                                       option),
                           "give it to 'aftershock merge SHARD...' instead");
    config.market = util::to_upper(get_string(map, "market").value_or(default_market));
    return run_batch(batch, config, load_options, render_options, context);
  }
  for (const auto* option : {"firm-data", "market-data", "overlap", "dropped", "shard"})
    if (get_string(map, option))
      throw UsageError(fmt::format("--{} applies to --events only", option),
                       "add --events FILE, or drop the option");

  // Load the prices (CSV files, or a quote API with --source); the market series defines the
  // trading calendar.
  config.market = util::to_upper(get_string(map, "market").value_or(default_market));
  const auto source_name = get_string(map, "source");
  sources::LoadedPrices loaded; // --source
  sources::LoadedPanel prices;  // the panel, from either
  std::vector<sources::TickerFailure> source_failures;
  const bool sec_shares = get_string(map, "shares") == std::string(k_sec_shares);
  std::optional<SecSharesLoad> sec_load;
  if (sec_shares && !source_name)
    throw UsageError("--shares sec needs --source (the split events come from the price source)",
                     "add --source yahoo, or give a shares file (./sec for a file named sec)");
  if (source_name) {
    if (!o.data.empty())
      throw UsageError("--data and --source exclude each other",
                       "read CSV files with --data, or download with --source, not both");
    if (const auto text = get_string(map, "tickers")) {
      config.tickers = split_tickers(*text);
    } else if (named != nullptr) {
      for (const auto ticker : named->tickers)
        config.tickers.emplace_back(ticker);
    } else {
      throw UsageError("--source needs --tickers (or a named --event)",
                       "e.g. --source yahoo --tickers NVDA,AVGO --market SPY");
    }
    check_ticker_text(config.market, "study");
    for (const auto& ticker : config.tickers)
      check_ticker_text(ticker, "study");
    std::vector<std::string> wanted{config.market};
    for (const auto& ticker : config.tickers)
      if (std::find(wanted.begin(), wanted.end(), ticker) == wanted.end())
        wanted.push_back(ticker);
    const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    const auto span = fetch_span(config, today);
    const auto fetch =
        make_fetch_options(context, cache_mode_for(o.offline, o.refresh, "study"), std::string(), 4,
                           progress_display(context, o.quiet), wanted.size());
    auto fetched = sources::fetch_prices(*source_name, wanted, span.from, span.to, fetch);
    move_empty_series_to_failures(fetched, *source_name, span.from, span.to);
    std::size_t from_cache = 0;
    std::map<std::string, std::vector<sources::SplitEvent>> split_events;
    for (auto& data : fetched.series) {
      from_cache += data.provenance.from_cache ? 1U : 0U;
      split_events[data.prices.ticker] = data.splits;
      loaded.series.push_back(std::move(data.prices));
    }
    for (auto& failure : fetched.failures) {
      if (failure.ticker == config.market)
        throw Error(fmt::format("market ticker {} failed to load from {} ({}): {}",
                                util::quote_for_message(config.market), *source_name,
                                sources::failure_kind_name(failure.failure.kind),
                                terminal_safe(failure.failure.message)),
                    failure.failure.hint.empty()
                        ? "choose another --market or --source, or use CSV files with --data"
                        : terminal_safe(failure.failure.hint));
      source_failures.push_back(std::move(failure));
    }
    std::erase_if(config.tickers, [&](const std::string& ticker) {
      return std::any_of(source_failures.begin(), source_failures.end(),
                         [&](const auto& failure) { return failure.ticker == ticker; });
    });
    loaded.notes.push_back(fmt::format("prices from {}: {} of {} tickers loaded for {} to {} ({} "
                                       "from the cache)",
                                       *source_name, loaded.series.size(), wanted.size(),
                                       calendar::format_iso(span.from),
                                       calendar::format_iso(span.to), from_cache));
    print_fetch_failures(context.err, source_failures);
    if (sec_shares) {
      const auto reporting = sources::make_quote_source(*source_name, fetch.env)->split_reporting();
      sec_load = load_sec_shares(config.tickers, config.event_date, split_events, *source_name,
                                 reporting, fetch);
      print_fetch_failures(context.err, sec_load->failures);
    }
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
  if (sec_load) {
    shares = std::move(sec_load->table);
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

  // Tickers the quote API did not deliver are listed like other excluded firms, added after the
  // study so that they never reach an aggregate.
  for (const auto& failure : source_failures) {
    for (auto& event : result.events)
      event.firms.push_back(source_failed_firm(failure));
    result.notes.push_back(failure.ticker +
                           " excluded (sourcefailed): " + source_failed_firm(failure).reason);
  }

  // Share counts from SEC: the filing used per ticker, and the tickers without one.
  if (sec_load) {
    for (const auto& note : sec_load->notes)
      result.notes.push_back(note);
    for (const auto& failure : sec_load->failures)
      result.notes.push_back(fmt::format("shares {}: none from SEC ({}): {}", failure.ticker,
                                         sources::failure_kind_name(failure.failure.kind),
                                         failure.failure.message));
  }

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

  const std::string rendered = report::render(result, render_options);
  const std::string text = jsonl ? report::json_to_jsonl(rendered) : rendered;
  if (const auto chart = get_string(map, "chart"))
    util::write_file_atomically(*chart, report::render_svg_chart(result));
  write_output(text, output, context);
  if (map.count("strict") != 0)
    for (const auto& event : result.events)
      for (const auto& firm : event.firms)
        if (firm.status != study::FirmStatus::ok)
          return static_cast<int>(ExitCode::partial);
  const bool shares_failed = sec_load && !sec_load->failures.empty();
  return source_failures.empty() && !shares_failed ? static_cast<int>(ExitCode::ok)
                                                   : static_cast<int>(ExitCode::partial);
}

} // namespace aftershock::cli
