// The mean pairwise residual correlation rbar of Kolari & Pynnonen (2010, p. 4003; design/
// methods.md T6): the mean of the strictly lower triangle of the pairwise-complete Pearson
// correlation matrix of the estimation residuals.
//
// Two implementations with the same definition: the direct pair loop (O(N^2 L), the reference)
// and a matrix form (O(N L) for the firms without missing residuals, Eigen products for the
// others) used for large N. Small N keeps the direct loop: it is cheap there and its summation
// order is the one the golden outputs were produced with.
#include <aftershock/stats/parametric.hpp>
#include <aftershock/util/huge_pages.hpp>
#include <aftershock/util/parallel_for.hpp>

#include <Eigen/Dense>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <optional>
#include <vector>

#include "sample_moments.hpp"

namespace aftershock::stats {
namespace {

// Below this many firms the direct loop is used (at 250 days: < 1 ms).
constexpr std::size_t k_direct_max_firms = 64;

// A pair whose centred sum of squares on the common days is below this fraction of its raw sum
// of squares is treated as constant (exact zero in exact arithmetic; the one-pass moments
// leave rounding noise of order 1e-16 x the raw sum).
constexpr double k_constant_tolerance = 1e-10;

// Pearson correlation of columns a and b over the rows where both are present; NaN when fewer
// than 3 such rows or either column is constant on them (two-pass moments).
double pair_correlation(std::span<const double> residuals, std::size_t n_days, std::size_t n_firms,
                        std::size_t a, std::size_t b) noexcept {
  double sum_a = 0.0;
  double sum_b = 0.0;
  std::size_t n = 0;
  for (std::size_t t = 0; t < n_days; ++t) {
    const double x = residuals[t * n_firms + a];
    const double y = residuals[t * n_firms + b];
    if (std::isnan(x) || std::isnan(y))
      continue;
    sum_a += x;
    sum_b += y;
    ++n;
  }
  if (n < 3)
    return detail::k_nan;
  const double mean_a = sum_a / static_cast<double>(n);
  const double mean_b = sum_b / static_cast<double>(n);
  double sab = 0.0;
  double saa = 0.0;
  double sbb = 0.0;
  for (std::size_t t = 0; t < n_days; ++t) {
    const double x = residuals[t * n_firms + a];
    const double y = residuals[t * n_firms + b];
    if (std::isnan(x) || std::isnan(y))
      continue;
    sab += (x - mean_a) * (y - mean_b);
    saa += (x - mean_a) * (x - mean_a);
    sbb += (y - mean_b) * (y - mean_b);
  }
  if (saa == 0.0 || sbb == 0.0)
    return detail::k_nan;
  return sab / std::sqrt(saa * sbb);
}

using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic>; // column-major
using Vector = Eigen::VectorXd;
using Index = Eigen::Index;

Index to_index(std::size_t v) noexcept {
  return static_cast<Index>(v);
}

// The residuals as column-major days x firms, each column centred on the mean of its present
// values (correlation is shift-invariant; centring keeps the one-pass moments below accurate);
// missing entries are 0 with mask 0.
struct Centred {
  Matrix x;
  Matrix w;                       // 1 = present; empty when every firm is complete (not needed)
  std::vector<std::size_t> count; // present days per firm
  std::vector<bool> constant;     // all present values equal (or none present)
};

// `at(t, i)` reads firm i's residual on day t (either layout).
template <typename At> Centred centre(const At& at, std::size_t n_days, std::size_t n_firms) {
  bool any_missing = false;
  for (std::size_t i = 0; i < n_firms; ++i)
    for (std::size_t t = 0; t < n_days; ++t)
      any_missing = any_missing || std::isnan(at(t, i));
  Centred c{Matrix(to_index(n_days), to_index(n_firms)),
            any_missing ? Matrix(to_index(n_days), to_index(n_firms)) : Matrix(),
            std::vector<std::size_t>(n_firms, 0), std::vector<bool>(n_firms, true)};
  // Large: backed by huge pages where the kernel allows (fewer page faults), then zeroed.
  util::advise_huge_pages(c.x.data(), static_cast<std::size_t>(c.x.size()) * sizeof(double));
  util::advise_huge_pages(c.w.data(), static_cast<std::size_t>(c.w.size()) * sizeof(double));
  c.x.setZero();
  c.w.setZero();
  for (std::size_t i = 0; i < n_firms; ++i) {
    double sum = 0.0;
    std::size_t n = 0;
    double first = detail::k_nan;
    bool constant = true;
    for (std::size_t t = 0; t < n_days; ++t) {
      const double v = at(t, i);
      if (std::isnan(v))
        continue;
      if (n == 0)
        first = v;
      constant = constant && v == first;
      sum += v;
      ++n;
    }
    c.count[i] = n;
    c.constant[i] = constant;
    const double mean = n > 0 ? sum / static_cast<double>(n) : 0.0;
    for (std::size_t t = 0; t < n_days; ++t) {
      const double v = at(t, i);
      if (std::isnan(v))
        continue;
      c.x(to_index(t), to_index(i)) = v - mean;
      if (any_missing)
        c.w(to_index(t), to_index(i)) = 1.0;
    }
  }
  return c;
}

struct PairSum {
  double sum = 0.0;
  std::size_t pairs = 0;
};

// The standardized columns z_i are summed in blocks of this many consecutive complete firms (in
// firm order inside a block), and the block sums are added in block order: the blocks can be
// computed on separate threads and the result does not depend on the thread count. Up to one
// block it is the plain firm-order sum.
constexpr std::size_t k_sum_block = 256;

// sum_i z_i, sum_i ||z_i||^2 and the number of columns summed, over one block or all of them.
struct ZSum {
  Vector sum_z;
  double sum_sq = 0.0;
  std::size_t k = 0;
};

// The blocks' sums added in block order; (||sum z||^2 - sum ||z||^2) / 2 over the k(k-1)/2 pairs.
PairSum combine(const std::vector<ZSum>& blocks, std::size_t n_days) {
  Vector sum_z = Vector::Zero(to_index(n_days));
  double sum_sq = 0.0;
  std::size_t k = 0;
  for (const ZSum& b : blocks) {
    if (b.k == 0)
      continue;
    sum_z += b.sum_z;
    sum_sq += b.sum_sq;
    k += b.k;
  }
  PairSum out;
  out.sum = (sum_z.squaredNorm() - sum_sq) / 2.0;
  out.pairs = k * (k - 1) / 2;
  return out;
}

// Pairs of complete, non-constant columns: with z_i = x_i / ||x_i|| (x_i centred over all days),
// r_ij = z_i'z_j, so sum_{i<j} r_ij = (||sum_i z_i||^2 - sum_i ||z_i||^2) / 2.
PairSum complete_pairs(const Centred& c, const std::vector<std::size_t>& complete,
                       std::size_t n_days) {
  if (n_days < 3)
    return PairSum{};
  std::vector<ZSum> blocks((complete.size() + k_sum_block - 1) / k_sum_block);
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    ZSum& block = blocks[b];
    block.sum_z = Vector::Zero(to_index(n_days));
    const std::size_t last = std::min(complete.size(), (b + 1) * k_sum_block);
    for (std::size_t j = b * k_sum_block; j < last; ++j) {
      const std::size_t i = complete[j];
      const double norm = c.x.col(to_index(i)).norm();
      if (c.constant[i] || !(norm > 0.0))
        continue;
      const Vector z = c.x.col(to_index(i)) / norm;
      block.sum_z += z;
      block.sum_sq += z.squaredNorm();
      ++block.k;
    }
  }
  return combine(blocks, n_days);
}

// Pairs with at least one incomplete column b, from the masked moments over the common days of
// a and b: n = w_a'w_b, S_a = x_a'w_b, S_aa = (x_a^2)'w_b, S_b = w_a'x_b, S_bb = w_a'(x_b^2),
// S_ab = x_a'x_b; r = (S_ab - S_a S_b / n) / sqrt((S_aa - S_a^2/n)(S_bb - S_b^2/n)).
PairSum incomplete_pairs(const Centred& c, const std::vector<std::size_t>& incomplete) {
  PairSum out;
  const std::size_t n_firms = c.count.size();
  const Index m = to_index(incomplete.size());
  if (m == 0)
    return out;
  const Index days = c.x.rows();
  Matrix w_m(days, m);
  Matrix x_m(days, m);
  for (Index j = 0; j < m; ++j) {
    w_m.col(j) = c.w.col(to_index(incomplete[static_cast<std::size_t>(j)]));
    x_m.col(j) = c.x.col(to_index(incomplete[static_cast<std::size_t>(j)]));
  }
  const Matrix q = c.x.cwiseProduct(c.x);
  const Matrix q_m = x_m.cwiseProduct(x_m);
  const Matrix n = c.w.transpose() * w_m;    // firms x m
  const Matrix s_a = c.x.transpose() * w_m;  // firms x m
  const Matrix s_aa = q.transpose() * w_m;   // firms x m
  const Matrix s_b = c.w.transpose() * x_m;  // firms x m
  const Matrix s_bb = c.w.transpose() * q_m; // firms x m
  const Matrix s_ab = c.x.transpose() * x_m; // firms x m
  std::vector<bool> is_incomplete(n_firms, false);
  for (const std::size_t b : incomplete)
    is_incomplete[b] = true;
  for (Index j = 0; j < m; ++j) {
    const std::size_t b = incomplete[static_cast<std::size_t>(j)];
    for (std::size_t a = 0; a < n_firms; ++a) {
      if (a == b || (is_incomplete[a] && a > b))
        continue; // each pair once
      const Index ai = to_index(a);
      const double n_ab = n(ai, j);
      if (n_ab < 3.0 || c.constant[a] || c.constant[b])
        continue;
      const double var_a = s_aa(ai, j) - s_a(ai, j) * s_a(ai, j) / n_ab;
      const double var_b = s_bb(ai, j) - s_b(ai, j) * s_b(ai, j) / n_ab;
      if (!(var_a > k_constant_tolerance * s_aa(ai, j)) ||
          !(var_b > k_constant_tolerance * s_bb(ai, j)))
        continue; // constant on the common days
      out.sum += (s_ab(ai, j) - s_a(ai, j) * s_b(ai, j) / n_ab) / std::sqrt(var_a * var_b);
      ++out.pairs;
    }
  }
  return out;
}

// complete_pairs(centre(residuals), every firm, n_days) when no residual is missing, without
// the centred matrix; nullopt when one is (the caller takes the general path). Each firm's
// column is gathered (firms in groups of adjacent columns, so each row read is whole cache
// lines), centred and normalised exactly as centre() and complete_pairs() do, and summed in the
// same k_sum_block blocks (the same operations in the same order, so the same bits); the blocks
// run on `threads` threads. Eigen's norm() sums in packets from the first packet-aligned
// element, so each column is placed at the same offset from an aligned address as column i of
// centre()'s matrix. `at(t, i)` as in centre(); `column(i)` the firm's n_days residuals when
// they are contiguous (firm-major input), else nullptr (then the group is gathered).
template <typename At, typename Column>
std::optional<PairSum> complete_pairs_streaming(const At& at, const Column& contiguous,
                                                std::size_t n_days, std::size_t n_firms,
                                                std::size_t threads) {
  if (n_days < 3) { // as complete_pairs(); the general path when a residual is missing
    for (std::size_t i = 0; i < n_firms; ++i)
      for (std::size_t t = 0; t < n_days; ++t)
        if (std::isnan(at(t, i)))
          return std::nullopt;
    return PairSum{};
  }
  constexpr std::size_t k_block = 16; // firms gathered together (whole cache lines per row)
  static_assert(k_sum_block % k_block == 0);
  constexpr std::size_t k_lanes =
      EIGEN_DEFAULT_ALIGN_BYTES >= sizeof(double) ? EIGEN_DEFAULT_ALIGN_BYTES / sizeof(double) : 1;
  std::vector<ZSum> blocks((n_firms + k_sum_block - 1) / k_sum_block);
  std::atomic<bool> missing{false};
  util::parallel_for(blocks.size(), threads, [&](std::size_t begin, std::size_t end) {
    Matrix gathered(to_index(n_days), to_index(k_block)); // column-major: one firm per column
    Vector buffer(to_index(n_days + k_lanes));            // aligned like a matrix allocation
    Vector z(to_index(n_days)); // aligned like complete_pairs()'s z (the same reduction order)
    for (std::size_t b = begin; b < end && !missing.load(std::memory_order_relaxed); ++b) {
      ZSum& block = blocks[b];
      block.sum_z = Vector::Zero(to_index(n_days));
      const std::size_t block_end = std::min(n_firms, (b + 1) * k_sum_block);
      for (std::size_t first = b * k_sum_block; first < block_end; first += k_block) {
        const std::size_t width = std::min(k_block, block_end - first);
        const bool gather = contiguous(first) == nullptr;
        if (gather)
          for (std::size_t t = 0; t < n_days; ++t)
            for (std::size_t c = 0; c < width; ++c)
              gathered(to_index(t), to_index(c)) = at(t, first + c);
        for (std::size_t c = 0; c < width; ++c) {
          const double* values = gather ? &gathered(0, to_index(c)) : contiguous(first + c);
          double sum = 0.0; // centre(): the mean and the constant check over the present values
          bool constant = true;
          bool any_nan = false;
          const double first_value = values[0];
          for (std::size_t t = 0; t < n_days; ++t) {
            const double v = values[t];
            any_nan = any_nan || std::isnan(v);
            constant = constant && v == first_value;
            sum += v;
          }
          if (any_nan) {
            missing.store(true, std::memory_order_relaxed);
            return;
          }
          const double mean = sum / static_cast<double>(n_days);
          const std::size_t shift = ((first + c) * n_days) % k_lanes; // column (first + c)'s offset
          Eigen::Map<Vector> column(buffer.data() + shift, to_index(n_days));
          for (std::size_t t = 0; t < n_days; ++t)
            column(to_index(t)) = values[t] - mean;
          const double norm = column.norm();
          if (constant || !(norm > 0.0))
            continue;
          z = column / norm; // into z's storage: no allocation per firm
          block.sum_z += z;
          block.sum_sq += z.squaredNorm();
          ++block.k;
        }
      }
    }
  });
  if (missing.load())
    return std::nullopt;
  return combine(blocks, n_days);
}

} // namespace

double mean_pairwise_correlation_direct(std::span<const double> residuals, std::size_t n_days,
                                        std::size_t n_firms) {
  // Mean of the strictly lower triangle of the correlation matrix (KP 2010, design/methods.md T6:
  // the diagonal of ones is excluded).
  if (residuals.size() != n_days * n_firms)
    return detail::k_nan;
  double sum = 0.0;
  std::size_t pairs = 0;
  for (std::size_t a = 0; a < n_firms; ++a) {
    for (std::size_t b = a + 1; b < n_firms; ++b) {
      const double r = pair_correlation(residuals, n_days, n_firms, a, b);
      if (std::isnan(r))
        continue;
      sum += r;
      ++pairs;
    }
  }
  return pairs == 0 ? detail::k_nan : sum / static_cast<double>(pairs);
}

namespace {

template <typename At, typename Column>
double matrix_form(const At& at, const Column& contiguous, std::size_t n_days, std::size_t n_firms,
                   std::size_t threads) {
  if (const auto a = complete_pairs_streaming(at, contiguous, n_days, n_firms, threads)) {
    // + 0.0: as the general path's a.sum + b.sum with no incomplete pair (a -0 sum gives +0).
    return a->pairs == 0 ? detail::k_nan : (a->sum + 0.0) / static_cast<double>(a->pairs);
  }
  const Centred c = centre(at, n_days, n_firms);
  std::vector<std::size_t> complete;
  std::vector<std::size_t> incomplete;
  for (std::size_t i = 0; i < n_firms; ++i)
    (c.count[i] == n_days ? complete : incomplete).push_back(i);
  const PairSum a = complete_pairs(c, complete, n_days);
  const PairSum b = incomplete_pairs(c, incomplete);
  const std::size_t pairs = a.pairs + b.pairs;
  return pairs == 0 ? detail::k_nan : (a.sum + b.sum) / static_cast<double>(pairs);
}

} // namespace

double mean_pairwise_correlation_matrix(std::span<const double> residuals, std::size_t n_days,
                                        std::size_t n_firms) {
  if (residuals.size() != n_days * n_firms)
    return detail::k_nan;
  return matrix_form([&](std::size_t t, std::size_t i) { return residuals[t * n_firms + i]; },
                     [](std::size_t) -> const double* { return nullptr; }, n_days, n_firms, 1);
}

double mean_pairwise_correlation(std::span<const double> residuals, std::size_t n_days,
                                 std::size_t n_firms) {
  return n_firms <= k_direct_max_firms
             ? mean_pairwise_correlation_direct(residuals, n_days, n_firms)
             : mean_pairwise_correlation_matrix(residuals, n_days, n_firms);
}

} // namespace aftershock::stats

namespace aftershock::stats {

double mean_pairwise_correlation_firm_major(std::span<const double> values, std::size_t n_days,
                                            std::size_t n_firms, std::size_t firm_stride,
                                            std::size_t threads) {
  if (firm_stride < n_days || (n_firms > 0 && values.size() < (n_firms - 1) * firm_stride + n_days))
    return detail::k_nan;
  if (n_firms <= k_direct_max_firms) { // small: the direct loop on a days x firms copy
    std::vector<double> residuals(n_days * n_firms);
    for (std::size_t i = 0; i < n_firms; ++i)
      for (std::size_t t = 0; t < n_days; ++t)
        residuals[t * n_firms + i] = values[i * firm_stride + t];
    return mean_pairwise_correlation_direct(residuals, n_days, n_firms);
  }
  return matrix_form(
      [&](std::size_t t, std::size_t i) { return values[i * firm_stride + t]; },
      [&](std::size_t i) -> const double* { return values.data() + i * firm_stride; }, n_days,
      n_firms, threads);
}

} // namespace aftershock::stats
