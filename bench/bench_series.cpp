// Returns from prices and alignment of per-ticker series to the trading calendar.

#include <aftershock/series/panel.hpp>
#include <aftershock/series/returns.hpp>
#include <aftershock/sources/long_price_reader.hpp>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "bench_data.hpp"

namespace {

using namespace aftershock;

// One column of `range(0)` days (1261 = 5 years, 6300 = 25 years).
void BM_compute_returns(benchmark::State& state) {
  const auto prices = bench::price_path(static_cast<std::size_t>(state.range(0)), 3);
  for (auto _ : state)
    benchmark::DoNotOptimize(
        series::compute_returns(prices, series::ReturnType::simple, series::GapPolicy::missing));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_compute_returns)->Arg(1261)->Arg(6300);

void BM_compute_log_returns_span(benchmark::State& state) {
  const auto prices = bench::price_path(static_cast<std::size_t>(state.range(0)), 3);
  for (auto _ : state)
    benchmark::DoNotOptimize(
        series::compute_returns(prices, series::ReturnType::log, series::GapPolicy::span));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_compute_log_returns_span)->Arg(6300);

// `range(0)` tickers x `range(1)` days, every series on every calendar day.
void BM_align(benchmark::State& state) {
  const auto n_tickers = static_cast<std::size_t>(state.range(0));
  const auto n_days = static_cast<std::size_t>(state.range(1));
  std::vector<calendar::Date> dates;
  for (const auto& text : bench::iso_dates(n_days))
    dates.push_back(*calendar::parse_iso_date(text));
  std::vector<series::PriceSeries> input(n_tickers);
  for (std::size_t i = 0; i < n_tickers; ++i) {
    input[i].ticker = fmt::format("F{}", i);
    input[i].dates = dates;
    input[i].close = bench::price_path(n_days, 100 + i);
  }
  for (auto _ : state)
    benchmark::DoNotOptimize(series::align(calendar::TradingCalendar(dates), input));
  state.SetItemsProcessed(state.iterations() * state.range(0) * state.range(1));
}
BENCHMARK(BM_align)->Args({1000, 1261})->Unit(benchmark::kMillisecond);

} // namespace

// Panel building straight from a long CSV (sources::read_long_panel_fast: two parallel passes,
// no per-ticker series) against the general path's last step (series::align of per-ticker
// series). The file (Arg(0) firms x Arg(1) days, date-major like aftershock_generate's long.csv)
// is written once to the temporary folder; throughput is in bytes of CSV per CPU-second of the
// calling thread, so read the Arg(2) = 1 thread row as the per-core rate (with 2 threads the
// second thread's time is not counted).
void BM_long_csv_to_panel(benchmark::State& state) {
  const auto firms = static_cast<std::size_t>(state.range(0));
  const auto days = static_cast<std::size_t>(state.range(1));
  const auto threads = static_cast<std::size_t>(state.range(2));
  std::string text = "date,ticker,close,adj_close\n";
  const auto start = calendar::Date{std::chrono::days{18000}};
  for (std::size_t t = 0; t < days; ++t) {
    const auto date = calendar::format_iso(start + std::chrono::days(static_cast<int>(t)));
    for (std::size_t j = 0; j < firms; ++j) {
      const double price = 10.0 + static_cast<double>((t * 7919 + j * 104729) % 100000) / 997.0;
      text += fmt::format("{},T{:04},{:.4f},{:.4f}\n", date, j, price, price * 0.98);
    }
  }
  const auto path = std::filesystem::temp_directory_path() /
                    fmt::format("aftershock_bench_long_{}_{}.csv", firms, days);
  {
    std::ofstream out(path, std::ios::binary);
    out << text;
  }
  const sources::PanelRequest request{"T0000", {}};
  for (auto _ : state) {
    auto panel = sources::read_long_panel_fast(path, {}, request, {threads, 0});
    if (!panel)
      state.SkipWithError("the fast reader declined the file");
    benchmark::DoNotOptimize(panel);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
  std::filesystem::remove(path);
}
BENCHMARK(BM_long_csv_to_panel)
    ->Args({2000, 250, 1})
    ->Args({2000, 250, 2})
    ->Unit(benchmark::kMillisecond);
