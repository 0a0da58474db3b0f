#pragma once
// An allocator whose value-less construct() default-initializes (leaves trivial types
// uninitialized), so std::vector::resize of a large buffer that is written in full right after
// does not first write zeros over it (for the panels of issue 6, that zeroing pass and its page
// faults cost as much as the computation).

#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace aftershock::stats {

// std::allocator<T>, except that construct(p) default-initializes *p. Use only for vectors of
// trivial types whose every element read is written first.
template <typename T> class DefaultInitAllocator : public std::allocator<T> {
public:
  // The allocator protocol requires the name `rebind`.
  template <typename U> struct rebind { // NOLINT(readability-identifier-naming)
    using other = DefaultInitAllocator<U>;
  };
  DefaultInitAllocator() noexcept = default;
  template <typename U> DefaultInitAllocator(const DefaultInitAllocator<U>& /*other*/) noexcept {}

  // Default-initialization: no write for trivial U.
  template <typename U> void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;
  }
  // Any other construction as std::allocator.
  template <typename U, typename... Args> void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

// A vector whose resize() leaves new trivial elements uninitialized.
template <typename T> using UninitializedVector = std::vector<T, DefaultInitAllocator<T>>;

} // namespace aftershock::stats
