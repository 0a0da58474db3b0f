// The option definitions of `aftershock study` (its parser, completion, the man page and the
// configuration file all read them; the help text is in study_options.hpp). Option names are a
// documented contract (README.md); the values are read in study_command.cpp and the files it
// calls.
#include <boost/program_options.hpp>

#include <string>
#include <vector>

#include "arguments.hpp"
#include "commands.hpp"
#include "table_options.hpp"

namespace aftershock::cli {

namespace po = boost::program_options;

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
    ("tests", po::value<std::string>()->value_name("LIST"), "significance tests to compute, comma-separated: "
     "all (default), standard (t_csect,t_cda,patell,bmp,bmp_kp), parametric, nonparametric or test names")
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
     "per firm-event, then a summary line), markdown or latex");
  add_table_options(options);
  options.add_options()
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

} // namespace aftershock::cli
