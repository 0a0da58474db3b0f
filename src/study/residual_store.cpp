#include "residual_store.hpp"

#include <aftershock/util/huge_pages.hpp>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <new>

namespace aftershock::study {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t k_huge_page = std::size_t{2} << 20;
constexpr std::size_t k_chunk_bytes = 8 * k_huge_page; // 8,000 firm-events of 250 days

struct Chunk {
  std::shared_ptr<double> block; // frees the chunk when the last series and the thread let go
  std::size_t capacity = 0;      // doubles
  std::size_t used = 0;
};

std::shared_ptr<double> allocate_chunk(std::size_t bytes) {
  void* memory = std::aligned_alloc(k_huge_page, bytes); // bytes: a multiple of the alignment
  if (memory == nullptr)
    throw std::bad_alloc();
  util::advise_huge_pages(memory, bytes); // a hint only; failure changes nothing
  return {static_cast<double*>(memory), [](double* p) { std::free(p); }};
}

// `n` doubles from the calling thread's current chunk (a new chunk when it is full).
std::pair<std::shared_ptr<double>, double*> take(std::size_t n) {
  thread_local Chunk chunk;
  if (chunk.block == nullptr || chunk.capacity - chunk.used < n) {
    const std::size_t bytes =
        std::max(k_chunk_bytes, (n * sizeof(double) + k_huge_page - 1) / k_huge_page * k_huge_page);
    chunk.block = allocate_chunk(bytes);
    chunk.capacity = bytes / sizeof(double);
    chunk.used = 0;
  }
  double* out = chunk.block.get() + chunk.used;
  chunk.used += n;
  return {chunk.block, out};
}

// The row a PanelRows::Target on this thread points at (null: none).
struct RowTarget {
  std::shared_ptr<void> block;
  double* row = nullptr; // n_est residual slots
  std::size_t n_est = 0;
};
thread_local RowTarget t_target;

} // namespace

ResidualSeries::ResidualSeries(std::span<const double> values) {
  auto owned = std::make_shared<std::vector<double>>(values.begin(), values.end());
  m_data = owned->data();
  m_size = owned->size();
  m_owner = std::move(owned);
}

ResidualSeries ResidualSeries::from_thread_chunk(std::size_t n_missing,
                                                 std::span<const double> values) {
  ResidualSeries out;
  const std::size_t n = n_missing + values.size();
  if (n == 0)
    return out;
  if (t_target.row != nullptr && n <= t_target.n_est) { // right-aligned in the row, NaN before
    double* data = t_target.row + (t_target.n_est - n);
    std::fill(t_target.row, data + n_missing, k_nan);
    std::copy(values.begin(), values.end(), data + n_missing);
    out.m_owner = std::move(t_target.block);
    out.m_data = data;
    out.m_size = n;
    out.m_front_room = t_target.n_est - n;
    t_target = RowTarget{}; // one series per target
    return out;
  }
  auto [owner, data] = take(n);
  std::fill(data, data + n_missing, k_nan);
  std::copy(values.begin(), values.end(), data + n_missing);
  out.m_owner = std::move(owner);
  out.m_data = data;
  out.m_size = n;
  return out;
}

void ResidualSeries::pad_front(std::size_t n) {
  if (n == 0)
    return;
  if (n <= m_front_room) { // the slots before the values are NaN already
    m_data -= n;
    m_size += n;
    m_front_room -= n;
    return;
  }
  *this = from_thread_chunk(n, std::span<const double>(m_data, m_size));
}

PanelRows::PanelRows(std::size_t capacity, std::size_t n_est, std::size_t n_event)
    : m_capacity(capacity), m_n_est(n_est), m_n_event(n_event) {
  try { // address space only: pages are touched by the rows written
    m_block = util::allocate_page_block(capacity * (n_est + n_event) * sizeof(double));
  } catch (const std::bad_alloc&) {
    m_block.reset(); // no rows: the fits use their threads' chunks, make_panel copies
  }
  m_values = static_cast<double*>(m_block.get());
}

PanelRows::Target::Target(PanelRows& rows, std::size_t k) noexcept {
  const std::size_t row = rows.m_settled + k;
  if (rows.m_values == nullptr || rows.m_n_est == 0 || row >= rows.m_capacity)
    return; // from_thread_chunk uses the thread's chunk
  t_target.block = rows.m_block;
  t_target.row = rows.m_values + row * (rows.m_n_est + rows.m_n_event);
  t_target.n_est = rows.m_n_est;
}

PanelRows::Target::~Target() {
  t_target = RowTarget{};
}

double* PanelRows::settle(ResidualSeries& residuals, bool ok) {
  const std::size_t stride = m_n_est + m_n_event;
  const bool in_row = m_values != nullptr && residuals.m_owner.get() == m_block.get() &&
                      residuals.m_data != nullptr;
  if (!in_row)
    return nullptr;
  if (!ok || residuals.m_size != m_n_est) { // not part of the panel: its row is reused
    residuals = ResidualSeries(std::span<const double>(residuals.m_data, residuals.m_size));
    return nullptr;
  }
  double* target = m_values + m_settled * stride;
  if (residuals.m_data != target) // a row before it was not ok: pack (rows only move down)
    std::copy(residuals.m_data, residuals.m_data + m_n_est, target);
  residuals.m_data = target;
  residuals.m_front_room = 0;
  residuals.m_tail = m_n_event;
  ++m_settled;
  return target + m_n_est;
}

} // namespace aftershock::study
