// Field-level parsing: dates (calendar::parse_date) and numbers (util::parse_double, built on
// std::from_chars) against the C library's strtod. Throughput is in bytes of field text.

#include <aftershock/calendar/date.hpp>
#include <aftershock/util/parse.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>

#include "bench_data.hpp"

namespace {

using namespace aftershock;

constexpr std::size_t k_fields = 4096;

std::int64_t total_bytes(const std::vector<std::string>& fields) {
  std::int64_t bytes = 0;
  for (const auto& f : fields)
    bytes += static_cast<std::int64_t>(f.size());
  return bytes;
}

void BM_parse_iso_date(benchmark::State& state) {
  const auto fields = bench::iso_dates(k_fields);
  for (auto _ : state)
    for (const auto& f : fields)
      benchmark::DoNotOptimize(calendar::parse_iso_date(f));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(fields.size()));
  state.SetBytesProcessed(state.iterations() * total_bytes(fields));
}
BENCHMARK(BM_parse_iso_date);

void BM_parse_date_yyyymmdd(benchmark::State& state) {
  auto fields = bench::iso_dates(k_fields);
  for (auto& f : fields)
    f.erase(std::remove(f.begin(), f.end(), '-'), f.end());
  for (auto _ : state)
    for (const auto& f : fields)
      benchmark::DoNotOptimize(calendar::parse_date(f, calendar::DateFormat::yyyymmdd));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(fields.size()));
  state.SetBytesProcessed(state.iterations() * total_bytes(fields));
}
BENCHMARK(BM_parse_date_yyyymmdd);

void BM_util_parse_double(benchmark::State& state) {
  const auto fields = bench::price_fields(k_fields, 11);
  for (auto _ : state)
    for (const auto& f : fields)
      benchmark::DoNotOptimize(util::parse_double(f));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(fields.size()));
  state.SetBytesProcessed(state.iterations() * total_bytes(fields));
}
BENCHMARK(BM_util_parse_double);

void BM_strtod(benchmark::State& state) {
  const auto fields = bench::price_fields(k_fields, 11);
  for (auto _ : state)
    for (const auto& f : fields)
      benchmark::DoNotOptimize(std::strtod(f.c_str(), nullptr));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(fields.size()));
  state.SetBytesProcessed(state.iterations() * total_bytes(fields));
}
BENCHMARK(BM_strtod);

} // namespace
