// aftershock_generate: a seeded generator of synthetic universes for the performance harness
// (issue 6). Writes N firms x T business days of market-model prices in the layouts the loader
// reads (long, wide, one file per ticker), a shares file and an events file.
//
// Model (per business day t, firm i), all draws from one seeded xoshiro256** stream:
//   R_mt = mu_m + sigma_m z_t                                   (market factor)
//   R_it = a_i + b_i R_mt + c f_t + e_it,  e_it ~ N(0, s_i^2)   (market model, Sharpe 1963)
// f_t ~ N(0, 1) is a common non-market factor; c = s_i sqrt(rho / (1 - rho)) gives the residuals
// a pairwise correlation of rho (--rho, default 0: independent residuals). Prices are
// P_it = P_i,t-1 (1 + R_it), written in fixed notation with 6 significant digits (at least 2
// decimals), so that a price that drifts towards 0 over decades never prints as 0. Weekends are
// skipped; with --holidays p a business day is dropped for every ticker with probability p. With
// --missing p a firm-day price is left out with probability p (the market series is never missing).
//
// Deterministic: the same options give the same bytes (own PRNG and own Box-Muller transform; no
// std::*_distribution, whose output is implementation-defined). Across platforms the bytes can
// differ only where the C library's log/sin/cos round differently in the last bit.
// Fast: each file is formatted with fmt::format_to into a memory buffer flushed in 4 MiB blocks.

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "rng.hpp"

namespace {

namespace fs = std::filesystem;
using Date = std::chrono::sys_days;
using aftershock::bench::Rng;

enum class EventDates { common, random };

struct Options {
  std::size_t firms = 100;
  std::size_t days = 1000;
  std::uint64_t seed = 1;
  std::string start = "2000-01-03";
  double holidays = 0.0;
  double missing = 0.0;
  double rho = 0.0;
  std::size_t events_per_firm = 1;
  EventDates event_dates = EventDates::common;
  std::size_t min_before = 261; // business days before an event date (estimation -260..-11)
  std::size_t min_after = 20;   // business days after it (event windows up to +20)
  bool long_csv = true;
  bool wide_csv = true;
  bool per_ticker = true;
  std::string long_order = "ticker";
  fs::path out = "universe";
};

constexpr std::string_view k_usage =
    "usage: aftershock_generate --out DIR [--firms N] [--days T] [--seed S] [--start YYYY-MM-DD]\n"
    "         [--holidays P] [--missing P] [--rho R] [--events K] [--event-dates common|random]\n"
    "         [--formats long,wide,tickers] [--long-order ticker|date]\n"
    "Writes DIR/long.csv (date,ticker,close), DIR/wide.csv (date,MKT,F000001,...),\n"
    "DIR/prices/<ticker>.csv (date,close), DIR/shares.csv and DIR/events.csv\n"
    "(event_id,ticker,event_date). The market ticker is MKT. Same options, same bytes.\n";

[[noreturn]] void fail(const std::string& message) {
  std::fputs(fmt::format("aftershock_generate: {}\n{}", message, k_usage).c_str(), stderr);
  std::exit(2);
}

std::size_t to_size(std::string_view name, const std::string& text) {
  try {
    std::size_t used = 0;
    const unsigned long long value = std::stoull(text, &used);
    if (used != text.size())
      throw std::invalid_argument(text);
    return static_cast<std::size_t>(value);
  } catch (const std::exception&) {
    fail(fmt::format("{} needs a non-negative integer, got '{}'", name, text));
  }
}

double to_probability(std::string_view name, const std::string& text) {
  try {
    std::size_t used = 0;
    const double value = std::stod(text, &used);
    if (used != text.size() || !(value >= 0.0 && value < 1.0))
      throw std::invalid_argument(text);
    return value;
  } catch (const std::exception&) {
    fail(fmt::format("{} needs a number in [0, 1), got '{}'", name, text));
  }
}

Options parse_options(int argc, char** argv) {
  Options options;
  bool has_out = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag == "-h" || flag == "--help") {
      std::fputs(k_usage.data(), stdout);
      std::exit(0);
    }
    if (i + 1 >= argc)
      fail(fmt::format("{} needs a value", flag));
    const std::string value = argv[++i];
    if (flag == "--firms")
      options.firms = to_size(flag, value);
    else if (flag == "--days")
      options.days = to_size(flag, value);
    else if (flag == "--seed")
      options.seed = to_size(flag, value);
    else if (flag == "--start")
      options.start = value;
    else if (flag == "--holidays")
      options.holidays = to_probability(flag, value);
    else if (flag == "--missing")
      options.missing = to_probability(flag, value);
    else if (flag == "--rho")
      options.rho = to_probability(flag, value);
    else if (flag == "--events")
      options.events_per_firm = to_size(flag, value);
    else if (flag == "--event-dates") {
      if (value == "common")
        options.event_dates = EventDates::common;
      else if (value == "random")
        options.event_dates = EventDates::random;
      else
        fail(fmt::format("--event-dates is common or random, got '{}'", value));
    } else if (flag == "--formats") {
      options.long_csv = value.find("long") != std::string::npos;
      options.wide_csv = value.find("wide") != std::string::npos;
      options.per_ticker = value.find("tickers") != std::string::npos;
    } else if (flag == "--long-order") {
      if (value != "ticker" && value != "date")
        fail(fmt::format("--long-order is ticker or date, got '{}'", value));
      options.long_order = value;
    } else if (flag == "--out") {
      options.out = value;
      has_out = true;
    } else
      fail(fmt::format("unknown option {}", flag));
  }
  if (!has_out)
    fail("--out DIR is required");
  if (options.firms == 0 || options.days == 0)
    fail("--firms and --days must be positive");
  return options;
}

Date parse_start(const std::string& text) {
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  if (std::sscanf(text.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3)
    fail(fmt::format("--start needs YYYY-MM-DD, got '{}'", text));
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                        std::chrono::day{d}};
  if (!ymd.ok())
    fail(fmt::format("--start is not a real day: '{}'", text));
  return Date{ymd};
}

// A file written through a 4 MiB formatting buffer; throws on any I/O error.
class BufferedFile {
public:
  explicit BufferedFile(const fs::path& path) : m_path(path) {
    m_file = std::fopen(path.c_str(), "wb");
    if (m_file == nullptr)
      throw std::runtime_error(fmt::format("cannot open {} for writing", path.string()));
  }
  BufferedFile(const BufferedFile&) = delete;
  BufferedFile& operator=(const BufferedFile&) = delete;
  ~BufferedFile() {
    if (m_file != nullptr)
      std::fclose(m_file);
  }

  fmt::memory_buffer& buffer() noexcept { return m_buffer; }

  void maybe_flush() {
    if (m_buffer.size() >= k_block)
      flush();
  }

  void close() {
    flush();
    const int status = std::fclose(m_file);
    m_file = nullptr;
    if (status != 0)
      throw std::runtime_error(fmt::format("cannot write {}", m_path.string()));
  }

private:
  static constexpr std::size_t k_block = std::size_t{4} << 20U;
  void flush() {
    if (m_buffer.size() > 0 &&
        std::fwrite(m_buffer.data(), 1, m_buffer.size(), m_file) != m_buffer.size())
      throw std::runtime_error(fmt::format("cannot write {}", m_path.string()));
    m_buffer.clear();
  }
  fs::path m_path;
  std::FILE* m_file = nullptr;
  fmt::memory_buffer m_buffer;
};

// Decimals that give `price` 6 significant digits in fixed notation (2..12).
int price_decimals(double price) noexcept {
  const int magnitude = static_cast<int>(std::floor(std::log10(price)));
  return std::clamp(5 - magnitude, 2, 12);
}

struct Universe {
  std::vector<std::string> tickers;   // tickers[0] = "MKT", then F000001...
  std::vector<std::string> date_text; // YYYY-MM-DD per calendar day
  std::vector<double> prices;         // day-major: prices[t * tickers.size() + j]; NaN = missing
  std::size_t n_columns() const noexcept { return tickers.size(); }
  double at(std::size_t day, std::size_t column) const noexcept {
    return prices[day * tickers.size() + column];
  }
};

Universe generate(const Options& options) {
  Universe universe;
  const std::size_t n_columns = options.firms + 1;
  universe.tickers.reserve(n_columns);
  universe.tickers.emplace_back("MKT");
  for (std::size_t i = 1; i <= options.firms; ++i)
    universe.tickers.push_back(fmt::format("F{:06}", i));

  Rng rng(options.seed);
  // Firm parameters, drawn first so that --days does not change them.
  std::vector<double> alpha(options.firms);
  std::vector<double> beta(options.firms);
  std::vector<double> sigma(options.firms);
  std::vector<double> loading(options.firms);
  std::vector<double> price(n_columns);
  price[0] = 1000.0;
  const double rho_factor = std::sqrt(options.rho / (1.0 - options.rho));
  for (std::size_t i = 0; i < options.firms; ++i) {
    alpha[i] = 0.0002 * rng.normal();
    beta[i] = rng.uniform(0.5, 1.5);
    sigma[i] = rng.uniform(0.01, 0.03);
    loading[i] = sigma[i] * rho_factor;
    price[i + 1] = rng.uniform(10.0, 100.0);
  }

  Date day = parse_start(options.start);
  universe.date_text.reserve(options.days);
  universe.prices.reserve(options.days * n_columns);
  constexpr double k_market_mean = 0.0003;
  constexpr double k_market_sd = 0.01;
  while (universe.date_text.size() < options.days) {
    const unsigned weekday = std::chrono::weekday{day}.iso_encoding();
    const Date today = day;
    day += std::chrono::days{1};
    if (weekday >= 6)
      continue;
    if (options.holidays > 0.0 && rng.uniform() < options.holidays)
      continue;
    const std::chrono::year_month_day ymd{today};
    universe.date_text.push_back(fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                                             static_cast<unsigned>(ymd.month()),
                                             static_cast<unsigned>(ymd.day())));
    const bool first = universe.date_text.size() == 1;
    const double market = k_market_mean + k_market_sd * rng.normal();
    const double common = rng.normal();
    if (!first)
      price[0] *= 1.0 + market;
    universe.prices.push_back(price[0]);
    for (std::size_t i = 0; i < options.firms; ++i) {
      const double r = alpha[i] + beta[i] * market + loading[i] * common + sigma[i] * rng.normal();
      if (!first)
        price[i + 1] *= 1.0 + r;
      const bool gone = options.missing > 0.0 && rng.uniform() < options.missing;
      universe.prices.push_back(gone ? std::numeric_limits<double>::quiet_NaN() : price[i + 1]);
    }
  }
  return universe;
}

void write_long(const Universe& u, const Options& options, const fs::path& path) {
  BufferedFile file(path);
  auto& buf = file.buffer();
  fmt::format_to(std::back_inserter(buf), "date,ticker,close\n");
  const auto row = [&](std::size_t t, std::size_t j) {
    const double p = u.at(t, j);
    if (std::isnan(p))
      return;
    fmt::format_to(std::back_inserter(buf), "{},{},{:.{}f}\n", u.date_text[t], u.tickers[j], p,
                   price_decimals(p));
    file.maybe_flush();
  };
  if (options.long_order == "date") {
    for (std::size_t t = 0; t < u.date_text.size(); ++t)
      for (std::size_t j = 0; j < u.n_columns(); ++j)
        row(t, j);
  } else {
    for (std::size_t j = 0; j < u.n_columns(); ++j)
      for (std::size_t t = 0; t < u.date_text.size(); ++t)
        row(t, j);
  }
  file.close();
}

void write_wide(const Universe& u, const fs::path& path) {
  BufferedFile file(path);
  auto& buf = file.buffer();
  fmt::format_to(std::back_inserter(buf), "date");
  for (const auto& ticker : u.tickers)
    fmt::format_to(std::back_inserter(buf), ",{}", ticker);
  buf.push_back('\n');
  for (std::size_t t = 0; t < u.date_text.size(); ++t) {
    fmt::format_to(std::back_inserter(buf), "{}", u.date_text[t]);
    for (std::size_t j = 0; j < u.n_columns(); ++j) {
      const double p = u.at(t, j);
      if (std::isnan(p))
        buf.push_back(',');
      else
        fmt::format_to(std::back_inserter(buf), ",{:.{}f}", p, price_decimals(p));
    }
    buf.push_back('\n');
    file.maybe_flush();
  }
  file.close();
}

void write_per_ticker(const Universe& u, const fs::path& directory) {
  fs::create_directories(directory);
  for (std::size_t j = 0; j < u.n_columns(); ++j) {
    BufferedFile file(directory / (u.tickers[j] + ".csv"));
    auto& buf = file.buffer();
    fmt::format_to(std::back_inserter(buf), "date,close\n");
    for (std::size_t t = 0; t < u.date_text.size(); ++t) {
      const double p = u.at(t, j);
      if (!std::isnan(p))
        fmt::format_to(std::back_inserter(buf), "{},{:.{}f}\n", u.date_text[t], p,
                       price_decimals(p));
    }
    file.close();
  }
}

void write_shares(const Universe& u, const Options& options, const fs::path& path) {
  Rng rng(options.seed ^ 0x5348415245530000ULL); // own stream: "SHARES"
  BufferedFile file(path);
  auto& buf = file.buffer();
  fmt::format_to(std::back_inserter(buf), "ticker,shares,as_of,source\n");
  for (std::size_t j = 1; j < u.n_columns(); ++j) {
    // log-uniform between 1e7 and 1e10 shares
    const auto shares = static_cast<long long>(std::pow(10.0, rng.uniform(7.0, 10.0)));
    fmt::format_to(std::back_inserter(buf), "{},{},{},synthetic (aftershock_generate seed {})\n",
                   u.tickers[j], shares, u.date_text.back(), options.seed);
  }
  file.close();
}

void write_events(const Universe& u, const Options& options, const fs::path& path) {
  Rng rng(options.seed ^ 0x4556454e54530000ULL); // own stream: "EVENTS"
  const std::size_t n_days = u.date_text.size();
  if (options.events_per_firm > 0 && n_days < options.min_before + options.min_after + 1)
    fail(fmt::format("--days {} leaves no room for events ({} days before and {} after needed)",
                     n_days, options.min_before, options.min_after));
  const std::size_t span = n_days - options.min_before - options.min_after;
  if (options.events_per_firm > span)
    fail(fmt::format("--events {} is more than the {} possible event days", options.events_per_firm,
                     span));
  // K distinct day indices (a firm never gets the same event date twice), sorted.
  const auto draw_dates = [&] {
    std::vector<std::size_t> picked;
    while (picked.size() < options.events_per_firm) {
      const std::size_t index = options.min_before + rng.below(span);
      if (std::find(picked.begin(), picked.end(), index) == picked.end())
        picked.push_back(index);
    }
    std::sort(picked.begin(), picked.end());
    return picked;
  };
  const std::vector<std::size_t> common = draw_dates();
  BufferedFile file(path);
  auto& buf = file.buffer();
  fmt::format_to(std::back_inserter(buf), "event_id,ticker,event_date\n");
  std::size_t id = 0;
  for (std::size_t j = 1; j < u.n_columns(); ++j) {
    const std::vector<std::size_t> dates =
        options.event_dates == EventDates::common ? common : draw_dates();
    for (const std::size_t index : dates)
      fmt::format_to(std::back_inserter(buf), "E{:07},{},{}\n", ++id, u.tickers[j],
                     u.date_text[index]);
    file.maybe_flush();
  }
  file.close();
}

} // namespace

int main(int argc, char** argv) {
  const Options options = parse_options(argc, argv);
  try {
    fs::create_directories(options.out);
    const Universe universe = generate(options);
    if (options.long_csv)
      write_long(universe, options, options.out / "long.csv");
    if (options.wide_csv)
      write_wide(universe, options.out / "wide.csv");
    if (options.per_ticker)
      write_per_ticker(universe, options.out / "prices");
    write_shares(universe, options, options.out / "shares.csv");
    write_events(universe, options, options.out / "events.csv");
  } catch (const std::exception& error) {
    std::fputs(fmt::format("aftershock_generate: {}\n", error.what()).c_str(), stderr);
    return 1;
  }
  return 0;
}
