#pragma once
// T13 generalized rank test GRANK (Kolari & Pynnonen 2011, "Nonparametric rank tests for event
// studies", J. Empirical Finance 18(5), 953-971; design/methods.md T13).
//
// The paper itself was not available offline; the steps below follow methods.md T13 and the
// eventstudy2 source (Stata, which cites "Eq 13 in K+P 2011 p. 956" for Ubar_0 / S_Ubar and
// "Fn 6 in K+P 2011" for the cross-correlation factor). Each step is checked on principle:
//   1. GSAR: the estimation SARs of firm i, plus the CAR window squeezed into one extra day,
//      GSAR_i0 = SCAR*_i = SCAR_i / S_SCAR x sqrt(1 - rbar)   (re-standardized, see step 6);
//   2. U_it = rank_i(GSAR_it) / (T_i + 1) - 1/2, T_i = firm i's non-missing GSARs (L1 + 1
//      when complete). E[U_it] = 0 exactly, as the mean rank is (T_i + 1)/2; dividing by L1 + 1
//      (Stata estudy, methods.md T13) would bias U upwards by 1/(2(L1 + 1)).
//   3. Ubar_t = mean over the N_t firms present on row t;
//      S_Ubar = sqrt( (1/T) sum_{t=1..T} (N_t / N) Ubar_t^2 ), T = L1 + 1 rows, row 0 included;
//   4. Z = Ubar_0 / S_Ubar ("Generalized Rank Z", N(0,1) asymptotically; KP 2011 eq. (13));
//   5. t_grank = Z sqrt( (T - 2) / (T - 1 - Z^2) ), t(T - 2). With complete data sum_t Ubar_t
//      = 0, so Z is the internally studentized residual of row 0 in a T-row mean model
//      (leverage 1/T) and this is the usual internal-to-external conversion (Belsley, Kuh &
//      Welsch 1980, ch. 2), exactly t(T - 2) for normal Ubar_t. That needs Ubar_0 inside
//      S_Ubar and T = L1 + 1. eventstudy2 sums over the L1 estimation rows only and uses
//      T = L1 (Z is then already externally studentized; the conversion is one too many; the
//      difference is O(1/L1)).
//   6. Cross-correlation (KP 2011 fn. 6 adds the KP 2010 adjustment): under a mean pairwise
//      correlation rbar the cross-sectional variance of SCAR_i has expectation (1 - rbar)
//      Var(SCAR) (KP 2010, the result behind the (1 - rbar) of their adjusted BMP), so S_SCAR /
//      sqrt(1 - rbar) estimates the scale of SCAR_i: step 1's factor. The (1 + (N - 1) rbar)
//      part of the KP factor is not applied: S_Ubar is the time-series sd of the cross-sectional
//      mean rank, which carries the cross-correlation already (like the CDA, T3). Applying the
//      full KP factor to the statistic or to SCAR*_i (eventstudy2) rejects about 0% of true
//      nulls under correlation (docs/size-check.md); without any factor S_SCAR is biased low and
//      GRANK over-rejects (about 6.5-8%).

#include <aftershock/stats/default_init_allocator.hpp>
#include <aftershock/stats/panel_ranks.hpp>
#include <aftershock/stats/test_value.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace aftershock::stats {

struct GrankResult {
  TestValue z; // "Generalized Rank Z", N(0,1)
  TestValue t; // "Generalized Rank T", t(T - 2)
};

// `estimation_sar`: L1 x N row-major matrix of standardized estimation ARs (AR_it / s_i, or with
// the prediction-error correction; NaN = missing). `scar`: the N standardized CARs SCAR_i =
// CAR_i / sqrt(Var(CAR_i)) (NaN = firm without event data). The function re-standardizes
// SCAR*_i = SCAR_i sqrt(1 - rbar) / sd_i(SCAR) (divisor N - 1; steps 1 and 6 above) to absorb
// event-induced volatility; `rbar` is the KP (2010) mean pairwise estimation-residual
// correlation, or 0 for no cross-correlation adjustment.
// NaN statistics when sizes disagree, fewer than 2 SCARs, sd(SCAR) = 0, rbar NaN or outside
// (-1, 1), S_Ubar = 0, or (for t) T - 1 - Z^2 <= 0.
GrankResult grank(std::span<const double> estimation_sar, std::size_t n_estimation_days,
                  std::size_t n_firms, std::span<const double> scar, double rbar);

// GRANK over one estimation panel for many SCAR cross-sections (the event days and the CAR
// windows of one aggregate): the firms' estimation SARs are ranked once here, and the tests add
// the one GSAR_i0 per firm by counting (an extra value x shifts the average rank of an
// estimation value v by 1 when x < v, by 1/2 when x == v; x gets #{v < x} + (#{v == x} + 2) / 2),
// so each test costs O(N L1) without sorting. Ranks are half-integers, exact in double, and the
// sums run in the same order as grank(), so the tests return bit-identical values (issue 6).
// The source of the SARs must outlive the object (they are read again by the tests).
class GrankPanel {
public:
  // Fills `out` (size L1) with firm `firm`'s estimation SARs in day order, NaN = missing. Called
  // concurrently for different firms; must give the same values on every call.
  using FirmColumn = std::function<void(std::size_t firm, std::span<double> out)>;

  // Ranks every firm of the L1 x N row-major `estimation_sar` on `threads` threads (0 =
  // util::default_thread_count(); the result does not depend on it).
  GrankPanel(std::span<const double> estimation_sar, std::size_t n_estimation_days,
             std::size_t n_firms, std::size_t threads);
  // The same with the SARs given firm by firm (no L1 x N matrix needed).
  GrankPanel(FirmColumn column, std::size_t n_estimation_days, std::size_t n_firms,
             std::size_t threads);
  // The same (bit-identical) when each firm's SARs are a positive multiple of its first
  // n_estimation_days ARs in the firms_by_days panel ranked by `ranks` (= rank_panel(panel)):
  // the SARs' ranks are read off the panel's sorted rows (PanelRanks::order; ties are
  // decided on the SARs themselves), no second sort. A firm whose SARs do not follow that
  // order (or ranks without sorted rows) is sorted as in the other constructor.
  GrankPanel(FirmColumn column, const PanelRanks& ranks, std::size_t n_estimation_days,
             std::size_t threads);
  // grank(estimation_sar, n_estimation_days, n_firms, scar, rbar), same NaN cases.
  [[nodiscard]] GrankResult test(std::span<const double> scar, double rbar) const;
  // test(scars[k], rbar) for every k, in one pass over the ranks (bit-identical to test()).
  [[nodiscard]] std::vector<GrankResult> test_many(std::span<const std::span<const double>> scars,
                                                   double rbar) const;

private:
  // Ranks every firm (from `ranks`' sorted rows when given, else by sorting).
  void rank_firms(const PanelRanks* ranks);

  FirmColumn m_column;
  std::size_t m_days = 0;
  std::size_t m_firms = 0;
  std::size_t m_threads = 1;
  bool m_valid = false;
  // Firm-major: 2 x average rank of each SAR, 0 = NaN; 16-bit (m_rank2_16) when 2 x L1 + 2
  // fits, else 32-bit (m_rank2_32); the other one is empty.
  UninitializedVector<std::uint16_t> m_rank2_16;
  UninitializedVector<std::uint32_t> m_rank2_32;
  std::vector<std::uint32_t> m_present; // per firm: its number of non-NaN estimation SARs
  // Firm-major: each firm's non-NaN SAR rows in ascending SAR order (its first m_present
  // slots), so the tests find #{v < x} and #{v == x} by binary search; empty when L1 > 65536.
  UninitializedVector<std::uint16_t> m_sorted;
};

} // namespace aftershock::stats
