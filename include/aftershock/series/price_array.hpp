#pragma once
// One panel column's prices (one double per calendar date): either its own vector or a
// read-only view into a block shared by many columns (one allocation for the whole panel, or
// the memory-mapped panel cache, issue 6), kept alive by a shared owner. Reading never copies;
// the mutating members (resize, assign, push_back, erase, non-const element access) first turn
// a view into an owned copy, so code that builds or edits a column works as with a vector.
// Reading through a non-const PriceArray therefore copies a view once: hot code reads columns
// through const references (the study gets `const Panel&`).

#include <cstddef>
#include <memory>
#include <span>
#include <vector>

namespace aftershock::series {

class PriceArray {
public:
  using value_type = double;
  using const_iterator = const double*;
  using iterator = double*;
  using size_type = std::size_t;

  PriceArray() = default;
  // An owned array holding `values` (implicit, so `column.close = std::vector<double>{...}`).
  PriceArray(std::vector<double> values) noexcept; // NOLINT(google-explicit-constructor)

  // A view of `values`, which stay valid while `owner` (or a copy of it) is alive.
  [[nodiscard]] static PriceArray view(std::span<const double> values,
                                       std::shared_ptr<const void> owner) noexcept;

  [[nodiscard]] std::size_t size() const noexcept { return m_size; }
  [[nodiscard]] bool empty() const noexcept { return m_size == 0; }
  [[nodiscard]] const double* data() const noexcept { return m_data; }
  [[nodiscard]] const double& operator[](std::size_t i) const noexcept { return m_data[i]; }
  [[nodiscard]] const double* begin() const noexcept { return m_data; }
  [[nodiscard]] const double* end() const noexcept { return m_data + m_size; }
  [[nodiscard]] const double& back() const noexcept { return m_data[m_size - 1]; }
  [[nodiscard]] std::span<const double> span() const noexcept { return {m_data, m_size}; }
  operator std::span<const double>() const noexcept { // NOLINT(google-explicit-constructor)
    return span();
  }
  // True when the values live in a shared block (no copy was made).
  [[nodiscard]] bool is_view() const noexcept { return m_owner != nullptr; }

  // Mutating members: owned arrays behave like std::vector; a view is copied first.
  double* data();
  double& operator[](std::size_t i);
  double* begin();
  double* end();
  double& back();
  void resize(std::size_t n);
  void assign(std::size_t n, double value);
  void push_back(double value);
  double* erase(const double* position);

  PriceArray(const PriceArray& other);
  PriceArray& operator=(const PriceArray& other);
  PriceArray(PriceArray&& other) noexcept;
  PriceArray& operator=(PriceArray&& other) noexcept;
  ~PriceArray() = default;

private:
  std::vector<double>& owned();
  void point_at_owned() noexcept;

  std::vector<double> m_owned;         // the values of an owned array
  std::shared_ptr<const void> m_owner; // keeps a view's block alive; null when owned
  const double* m_data = nullptr;      // m_owned.data() or the view
  std::size_t m_size = 0;
};

} // namespace aftershock::series
