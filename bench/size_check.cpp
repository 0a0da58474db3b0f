// Size check of every test (issue 3): seeded panels with no event effect, R replications,
// independent and cross-correlated residuals; prints the rejection rates at 5% as a Markdown
// table (docs/size-check.md is this output). Not part of the test suite; run with
// scripts/size-check. Usage: aftershock_size_check [replications=1000] [seed=20261128]
//
// Design of one replication (all draws from std::mt19937_64 and std::normal_distribution of
// libstdc++, so the table is reproducible with the same compiler library):
//   300 calendar days, event on day 280, estimation -260..-11, event window -5..5;
//   market R_mt ~ N(0.0004, 0.01^2); N = 30 firms with beta_i = 0.5 + i/29, sigma_i =
//   0.01 + 0.02 i/29; R_it = beta_i R_mt + sigma_i e_it;
//   independent: e_it ~ N(0,1) i.i.d.;  correlated: e_it = sqrt(rho) f_t + sqrt(1-rho) u_it
//   with rho = 0.2 (a common shock the market does not explain).
// Market model, textbook convention, simple returns; rates for day 0 and the window -1..1.
#include <aftershock/calendar/date.hpp>
#include <aftershock/study/run.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace {

using namespace aftershock;

constexpr std::size_t k_days = 300;
constexpr std::size_t k_day0 = 280;
constexpr std::size_t k_firms = 30;
constexpr double k_rho = 0.2;

struct Tally {
  std::vector<std::string> order;
  std::map<std::string, std::pair<int, int>> counts; // rejections, defined
  void add(const stats::TestMap& tests) {
    for (const auto& [name, value] : tests) {
      if (!counts.count(name))
        order.push_back(name);
      auto& c = counts[name];
      if (!std::isnan(value.p_value)) {
        ++c.second;
        c.first += value.p_value < 0.05 ? 1 : 0;
      }
    }
  }
  std::string rate(const std::string& name) const {
    const auto& c = counts.at(name);
    if (c.second == 0)
      return "n/a";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * c.first / c.second);
    return buf;
  }
};

series::Panel simulate(std::mt19937_64& rng, bool correlated) {
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<calendar::Date> dates;
  calendar::Date d = *calendar::parse_iso_date("2020-01-01");
  for (std::size_t t = 0; t < k_days; ++t)
    dates.push_back(d + std::chrono::days(static_cast<int>(t)));
  series::Panel panel;
  panel.calendar = calendar::TradingCalendar(dates);
  std::vector<double> market(k_days, 0.0);
  std::vector<double> common(k_days, 0.0);
  for (std::size_t t = 1; t < k_days; ++t) {
    market[t] = 0.0004 + 0.01 * normal(rng);
    common[t] = normal(rng);
  }
  const auto column = [&](const std::string& ticker, const std::vector<double>& returns) {
    series::PanelColumn c;
    c.ticker = ticker;
    double price = 100.0;
    for (std::size_t t = 0; t < k_days; ++t) {
      price *= 1.0 + returns[t];
      c.close.push_back(price);
    }
    c.adj_close.assign(k_days, std::nan(""));
    return c;
  };
  panel.columns.push_back(column("MKT", market));
  for (std::size_t i = 0; i < k_firms; ++i) {
    const double beta = 0.5 + static_cast<double>(i) / 29.0;
    const double sigma = 0.01 + 0.02 * static_cast<double>(i) / 29.0;
    std::vector<double> r(k_days, 0.0);
    for (std::size_t t = 1; t < k_days; ++t) {
      const double u = normal(rng);
      const double e = correlated ? std::sqrt(k_rho) * common[t] + std::sqrt(1.0 - k_rho) * u : u;
      r[t] = beta * market[t] + sigma * e;
    }
    panel.columns.push_back(column("F" + std::to_string(i), r));
  }
  return panel;
}

} // namespace

int main(int argc, char** argv) {
  const int replications = argc > 1 ? std::atoi(argv[1]) : 1000;
  const std::uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 20261128ULL;
  std::mt19937_64 rng(seed);
  study::StudyConfig config;
  config.market = "MKT";
  for (std::size_t i = 0; i < k_firms; ++i)
    config.tickers.push_back("F" + std::to_string(i));
  config.basis = series::PriceBasis::close;
  config.car_windows = {{-1, 1}};
  Tally day0[2];
  Tally window[2];
  for (int mode = 0; mode < 2; ++mode)
    for (int r = 0; r < replications; ++r) {
      const auto panel = simulate(rng, mode == 1);
      config.event_date = panel.calendar.at(k_day0);
      const auto result = study::run_study(panel, nullptr, config);
      const auto& agg = result.events.at(0).aggregate;
      day0[mode].add(agg.days.at(5).tests);   // offset 0
      window[mode].add(agg.cars.at(0).tests); // -1..1
      // GRANK without the cross-correlation adjustment on the same panel.
      auto plain = config;
      plain.inference.grank = study::GrankAdjustment::none;
      const auto other = study::run_study(panel, nullptr, plain);
      const auto& a2 = other.events.at(0).aggregate;
      stats::TestMap d2{{"grank_t (--grank-adjust none)", a2.days.at(5).tests.at(16).second},
                        {"grank_z (--grank-adjust none)", a2.days.at(5).tests.at(17).second}};
      stats::TestMap w2{{"grank_t (--grank-adjust none)", a2.cars.at(0).tests.at(16).second},
                        {"grank_z (--grank-adjust none)", a2.cars.at(0).tests.at(17).second}};
      day0[mode].add(d2);
      window[mode].add(w2);
    }
  std::printf("Rejection rates at the 5%% level, %d replications per column, seed %llu, N = %zu "
              "firms, no event effect; correlated residuals: rho = %.1f.\n\n",
              replications, static_cast<unsigned long long>(seed), k_firms, k_rho);
  std::printf("| test | independent, day 0 | independent, CAR -1..1 | correlated, day 0 | "
              "correlated, CAR -1..1 |\n|---|---|---|---|---|\n");
  for (const auto& name : day0[0].order)
    std::printf("| %s | %s | %s | %s | %s |\n", name.c_str(), day0[0].rate(name).c_str(),
                window[0].rate(name).c_str(), day0[1].rate(name).c_str(),
                window[1].rate(name).c_str());
  return 0;
}
