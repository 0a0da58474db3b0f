// The batch engine after ingest (issue 6, "Compute"): run_batch_study on an in-memory universe
// (per-firm-event fits, the pooled aggregate with every default test and the rank tests, CAAR
// paths) and the JSON rendering of its result, timed separately. Universe: N firms + market x
// T business days of seeded random-walk prices (market model with beta 1 plus noise), E random
// event dates per firm, estimation -260:-11, default CAR windows. Arguments: firms, days,
// events per firm, event window half-width (1 = -1:1, the 10,000 firm-event run; 5 = -5:5,
// the 100,000 firm-event run).
//   aftershock_bench --benchmark_filter=Batch
#include <aftershock/calendar/date.hpp>
#include <aftershock/report/render.hpp>
#include <aftershock/series/panel.hpp>
#include <aftershock/study/batch.hpp>
#include <aftershock/study/config.hpp>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace {

using namespace aftershock;

struct Universe {
  std::map<std::string, study::MarketData> markets;
  std::vector<events::FirmEvent> events;
  series::SharesTable shares;
  study::StudyConfig config;
};

Universe make_universe(std::size_t firms, std::size_t days, std::size_t per_firm, int half_width) {
  std::mt19937_64 rng(20250127);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<calendar::Date> dates;
  calendar::Date d = calendar::Date{std::chrono::days{10959}}; // 2000-01-03, a Monday
  while (dates.size() < days) {
    const std::chrono::weekday wd{d};
    if (wd != std::chrono::Saturday && wd != std::chrono::Sunday)
      dates.push_back(d);
    d += std::chrono::days{1};
  }
  std::vector<double> market_returns(days);
  for (auto& r : market_returns)
    r = 0.0003 + 0.01 * normal(rng);
  std::vector<series::PriceSeries> series;
  const auto path = [&](const std::string& ticker, double beta, double noise) {
    series::PriceSeries s;
    s.ticker = ticker;
    s.dates = dates;
    double price = 50.0;
    for (std::size_t t = 0; t < days; ++t) {
      if (t > 0)
        price *= 1.0 + beta * market_returns[t] + noise * normal(rng);
      s.close.push_back(price);
    }
    series.push_back(std::move(s));
  };
  path("MKT", 1.0, 0.0);
  Universe u;
  for (std::size_t i = 0; i < firms; ++i) {
    const auto ticker = fmt::format("F{:06}", i + 1);
    path(ticker, 0.5 + 0.1 * static_cast<double>(i % 11), 0.02);
    u.shares.records.push_back({ticker, 1e6 * static_cast<double>(1 + i % 50), std::nullopt, "x"});
  }
  study::MarketData market;
  market.panel = series::align(calendar::TradingCalendar(dates), series);
  u.markets.emplace("MKT", std::move(market));
  std::uniform_int_distribution<std::size_t> day(300, days - 10);
  for (std::size_t i = 0; i < firms; ++i)
    for (std::size_t k = 0; k < per_firm; ++k) {
      events::FirmEvent e;
      e.id = fmt::format("E{:07}", i * per_firm + k + 1);
      e.ticker = fmt::format("F{:06}", i + 1);
      e.date = dates[day(rng)];
      e.line = u.events.size() + 2;
      u.events.push_back(std::move(e));
    }
  u.config.market = "MKT";
  u.config.event_window = {-half_width, half_width};
  u.config.car_windows =
      half_width == 1 ? std::vector<events::Window>{{0, 0}} : study::default_car_windows();
  u.config.threads = 2;
  return u;
}

// The universe of the benchmark arguments (firms, days, events per firm, half-width).
Universe universe_for(const benchmark::State& state) {
  return make_universe(static_cast<std::size_t>(state.range(0)),
                       static_cast<std::size_t>(state.range(1)),
                       static_cast<std::size_t>(state.range(2)), static_cast<int>(state.range(3)));
}

void BM_BatchStudy(benchmark::State& state) {
  const auto u = universe_for(state);
  for (auto _ : state) {
    auto result = study::run_batch_study(u.events, u.markets, &u.shares, u.config, {});
    benchmark::DoNotOptimize(result);
  }
  state.counters["firm_events"] = static_cast<double>(u.events.size());
}

void BM_BatchRenderJson(benchmark::State& state) {
  const auto u = universe_for(state);
  const auto result = study::run_batch_study(u.events, u.markets, &u.shares, u.config, {});
  report::RenderOptions options;
  options.format = report::Format::json;
  for (auto _ : state) {
    auto text = report::render(result, options);
    benchmark::DoNotOptimize(text);
    state.counters["bytes"] = static_cast<double>(text.size());
  }
}

// The sizes and timing settings of every batch benchmark: 2000 firms x 1000 days x 5 events,
// window -1:1 (10,000 firm-events); 2000 x 6300 x 50, window -5:5 (100,000 firm-events).
void batch_sizes(benchmark::internal::Benchmark* registration) {
  registration->Args({2000, 1000, 5, 1})
      ->Args({2000, 6300, 50, 5})
      ->Unit(benchmark::kMillisecond)
      ->Iterations(1)
      ->MeasureProcessCPUTime()
      ->UseRealTime();
}

BENCHMARK(BM_BatchStudy)->Apply(batch_sizes);
BENCHMARK(BM_BatchRenderJson)->Apply(batch_sizes);

} // namespace
