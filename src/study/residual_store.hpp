#pragma once
// Internal to study: where a firm-event's estimation residuals live (issue 6). A batch keeps
// 250 residuals (2 KB) for each of up to 100,000s of firm-events until the pooled aggregate has
// read them; as separate heap blocks they were faulted in 4 KB page by page (about a fifth of
// the per-firm-event time on this VM). Here each thread cuts them from its own large chunks,
// mapped with transparent huge pages where the system allows it.

#include <cstddef>
#include <memory>
#include <span>
#include <vector>

namespace aftershock::study {

// The residuals of one firm-event, one per estimation day (NaN = unused day). Reads like the
// std::vector<double> it replaces (size, [], data, begin/end). Copies share the values.
class ResidualSeries {
public:
  ResidualSeries() = default;
  // Owns a copy of `values` (shard files, tests).
  explicit ResidualSeries(std::span<const double> values);
  // `n_missing` NaN followed by `values`, cut from the calling thread's chunk.
  static ResidualSeries from_thread_chunk(std::size_t n_missing, std::span<const double> values);

  [[nodiscard]] std::size_t size() const noexcept { return m_size; }
  [[nodiscard]] bool empty() const noexcept { return m_size == 0; }
  [[nodiscard]] const double* data() const noexcept { return m_data; }
  [[nodiscard]] double operator[](std::size_t d) const noexcept { return m_data[d]; }
  [[nodiscard]] const double* begin() const noexcept { return m_data; }
  [[nodiscard]] const double* end() const noexcept { return m_data + m_size; }
  // Prepends `n` NaN (pad_to_pooled's event-time alignment): in place when the values sit in a
  // PanelRows row with room before them (already NaN), else a new block of the thread's chunk.
  void pad_front(std::size_t n);
  // The values as a vector (shard files).
  [[nodiscard]] std::vector<double> values() const { return {begin(), end()}; }
  // How many event-window ARs follow the values in the same PanelRows row (0: none), so that
  // rows of consecutive firm-events form the firm-major AR panel without a copy.
  [[nodiscard]] std::size_t row_tail() const noexcept { return m_tail; }
  // The block holding the values (the same for every row of one PanelRows).
  [[nodiscard]] const void* owner() const noexcept { return m_owner.get(); }
  // The values' block, aliased to `p` (a pointer into that block).
  [[nodiscard]] std::shared_ptr<const double> share(const double* p) const noexcept {
    return {m_owner, p};
  }

private:
  friend class PanelRows;
  std::shared_ptr<const void> m_owner; // the chunk or block holding the values
  const double* m_data = nullptr;
  std::size_t m_size = 0;
  std::size_t m_front_room = 0; // NaN slots right before m_data in the same row
  std::size_t m_tail = 0;       // see row_tail()
};

// The rows of a batch's firm-major AR panel (issue 6): `n_est` estimation residuals then
// `n_event` event-window ARs per ok firm-event, firm-events in output order. The fits write
// their residuals straight into the rows (Target), the batch settles each chunk in order
// (settle: the ok rows packed one after the other, the event ARs written after them), so the
// pooled aggregate reads the rows in place (aggregate_inputs.hpp, make_panel) instead of
// copying every residual into a second panel. The block is one anonymous mapping (huge pages
// where allowed) reserved for `capacity` rows; pages are touched only by the rows written, on
// the threads that write them. When the address space cannot be reserved there are no rows:
// the fits use their threads' chunks and make_panel copies, with the same numbers.
class PanelRows {
public:
  PanelRows(std::size_t capacity, std::size_t n_est, std::size_t n_event);
  PanelRows(const PanelRows&) = delete;
  PanelRows& operator=(const PanelRows&) = delete;

  // While a Target lives on a thread, that thread's next ResidualSeries::from_thread_chunk of
  // at most n_est values writes them at the end of the residual part of row `first_free() +
  // k`, NaN before them (so pad_front extends the series in place). Nothing else changes.
  class Target {
  public:
    Target(PanelRows& rows, std::size_t k) noexcept;
    Target(const Target&) = delete;
    Target& operator=(const Target&) = delete;
    ~Target();
  };

  // The first row not yet settled: the chunk in progress writes rows first_free() + k.
  [[nodiscard]] std::size_t first_free() const noexcept { return m_settled; }

  // Settles one firm-event of the chunk in progress, in output order. `ok`: it is part of the
  // pooled panel; its residuals (if in a row of this block with n_est values) move to the next
  // settled row and the returned pointer is where its n_event ARs go (the caller writes all of
  // them). Otherwise nullptr, and residuals left in a row are copied out first (the row is
  // reused).
  double* settle(ResidualSeries& residuals, bool ok);

private:
  std::shared_ptr<void> m_block;
  double* m_values = nullptr;
  std::size_t m_capacity = 0;
  std::size_t m_n_est = 0;
  std::size_t m_n_event = 0;
  std::size_t m_settled = 0; // rows settled (ok firm-events so far)
};

} // namespace aftershock::study
