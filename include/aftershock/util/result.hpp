#pragma once
// `Result<T, E>`: a value or an expected failure. A small in-house type with the surface of
// C++23 `std::expected`, so it can be swapped for it later.

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

namespace aftershock::util {

// Wraps an error value so that `Result<T, E>` can be built from it unambiguously.
template <typename E> struct Unexpected { E error; };

template <typename E> Unexpected<std::decay_t<E>> unexpected(E&& error) {
  return Unexpected<std::decay_t<E>>{std::forward<E>(error)};
}

template <typename T, typename E> class Result {
public:
  Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {} // NOLINT: implicit
  Result(Unexpected<E> error)                                           // NOLINT: implicit
      : m_data(std::in_place_index<1>, std::move(error.error)) {}

  [[nodiscard]] bool has_value() const noexcept { return m_data.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  T& value() & {
    assert(has_value());
    return std::get<0>(m_data);
  }
  const T& value() const& {
    assert(has_value());
    return std::get<0>(m_data);
  }
  T&& value() && {
    assert(has_value());
    return std::get<0>(std::move(m_data));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const E& error() const& {
    assert(!has_value());
    return std::get<1>(m_data);
  }
  E&& error() && {
    assert(!has_value());
    return std::get<1>(std::move(m_data));
  }

  template <typename U> T value_or(U&& fallback) const& {
    return has_value() ? value() : static_cast<T>(std::forward<U>(fallback));
  }

private:
  std::variant<T, E> m_data;
};

} // namespace aftershock::util
