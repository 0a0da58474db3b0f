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
  // Prepends `n` NaN (pad_to_pooled's event-time alignment): a new block of the thread's chunk.
  void pad_front(std::size_t n);
  // The values as a vector (shard files).
  [[nodiscard]] std::vector<double> values() const { return {begin(), end()}; }

private:
  std::shared_ptr<const void> m_owner; // the chunk or block holding the values
  const double* m_data = nullptr;
  std::size_t m_size = 0;
};

} // namespace aftershock::study
