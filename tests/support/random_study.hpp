#pragma once
// A seeded synthetic single-event study for property and bit-identity tests: a market random walk
// "MKT" and firms F0, F1, ... with r_i = alpha_i + beta_i r_m + sigma_i e_i (Gaussian), an extra
// shock on day 0, closes from a random start price, share counts between 1e7 and 1e10, business
// days from 2023-01-02, estimation -250..-11, event window -5..+5, CAR windows 0:0, -1:1, 0:3.

#include <aftershock/series/panel.hpp>
#include <aftershock/series/shares.hpp>
#include <aftershock/study/config.hpp>

#include <cstddef>
#include <cstdint>

namespace aftershock::test {

struct RandomStudySpec {
  std::uint64_t seed = 1;
  std::size_t days = 340;           // calendar length
  std::size_t day0 = 300;           // index of the event day
  std::size_t firms = 8;            // F0 .. F(firms-1)
  double alpha_mean = 0.0;          // alpha_i ~ N(alpha_mean, alpha_sd); alpha_sd 0: no draw
  double alpha_sd = 0.001;          //
  double shock_mean = 0.0;          // day-0 shock ~ N(shock_mean, shock_sd)
  double shock_sd = 0.03;           //
  double missing_every_third = 0.0; // F0, F3, ...: each close but the first is missing with this
                                    // probability (0: no draw)
};

struct RandomStudy {
  series::Panel panel;
  series::SharesTable shares;
  study::StudyConfig config; // tickers F0.., market MKT, event_date = day0, the windows above
};

// The study `spec` describes; the same spec gives the same study, bit for bit.
RandomStudy random_study(const RandomStudySpec& spec);

} // namespace aftershock::test
