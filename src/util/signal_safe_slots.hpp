#pragma once
// A fixed table of N entries that a signal handler can read without a lock or an allocation
// (util/mapped_regions.cpp: the mapped input files; util/atomic_file.cpp: the temporary files of
// uncommitted outputs). Each slot's `state` publishes its payload: 0 free, 1 being written or
// cleared, 2 readable. Writers claim a free slot with compare-exchange, fill it, then publish.

#include <array>
#include <atomic>
#include <cstddef>

namespace aftershock::util::detail {

template <typename Payload, std::size_t N> class SignalSafeSlots {
public:
  // Claims a free slot, lets `fill(Payload&)` write it and publishes it; the slot index, or -1
  // when every slot is taken (nothing is registered).
  template <typename Fill> int add(Fill&& fill) noexcept {
    for (std::size_t k = 0; k < N; ++k) {
      int expected = 0;
      if (!m_slots[k].state.compare_exchange_strong(expected, 1, std::memory_order_acquire))
        continue;
      fill(m_slots[k].payload);
      m_slots[k].state.store(2, std::memory_order_release);
      return static_cast<int>(k);
    }
    return -1;
  }
  // Frees `slot` (from add; -1 is ignored) and sets it to -1.
  void remove(int& slot) noexcept {
    if (slot >= 0)
      m_slots[static_cast<std::size_t>(slot)].state.store(0, std::memory_order_release);
    slot = -1;
  }
  // Calls `visit(const Payload&)` on each published payload until it returns true; true when one
  // did. Async-signal-safe when `visit` is.
  template <typename Visit> bool find(Visit&& visit) const noexcept {
    for (const auto& slot : m_slots)
      if (slot.state.load(std::memory_order_acquire) == 2 && visit(slot.payload))
        return true;
    return false;
  }

private:
  struct Slot {
    std::atomic<int> state{0};
    Payload payload{};
  };
  std::array<Slot, N> m_slots{};
};

} // namespace aftershock::util::detail
