// Returns from prices and alignment of per-ticker series to the trading calendar.

#include <aftershock/series/panel.hpp>
#include <aftershock/series/returns.hpp>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <chrono>

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
