#pragma once
// Internal to sources: the ticker field of a long-CSV line and the ticker dictionary of the fast
// readers (long_price_reader.cpp). Every line of a 50M-row file passes through here twice, so
// the usual case works on 8-byte words: the field's end is found and its bytes are keyed with
// two loads, and a key compares with three word compares instead of a byte loop (issue 6).

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace aftershock::sources::detail {

// Equality of two short texts without a memcmp call (tickers are 1-20 bytes).
inline bool same_text(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size())
    return false;
  for (std::size_t k = 0; k < a.size(); ++k)
    if (a[k] != b[k])
      return false;
  return true;
}

// A text of at most k_key_bytes - 1 bytes as two little-endian words, zero past its end, and its
// size. Two keys are equal exactly when the texts are (the size tells "AB" from "AB\0").
// `size` 0 = no key (a longer or empty text, or a big-endian machine): compare the texts.
struct TickerKey {
  static constexpr std::size_t k_key_bytes = 16;
  std::uint64_t low = 0;
  std::uint64_t high = 0;
  std::uint64_t size = 0;

  [[nodiscard]] bool valid() const noexcept { return size != 0; }
  friend bool operator==(const TickerKey&, const TickerKey&) = default;

  // The key of `text` (no key for an empty text or one of k_key_bytes bytes or more).
  static TickerKey of(std::string_view text) noexcept {
    TickerKey key;
    if constexpr (std::endian::native != std::endian::little)
      return key;
    if (text.empty() || text.size() >= k_key_bytes)
      return key;
    char bytes[k_key_bytes] = {};
    std::memcpy(bytes, text.data(), text.size());
    std::memcpy(&key.low, bytes, 8);
    std::memcpy(&key.high, bytes + 8, 8);
    key.size = text.size();
    return key;
  }
};

// Whether texts `a` and `b` with keys `ka` and `kb` (TickerKey::of or scan_ticker's, or no
// key) are equal: by the keys when both have one, else by the texts.
inline bool same_ticker(std::string_view a, const TickerKey& ka, std::string_view b,
                        const TickerKey& kb) noexcept {
  return ka.valid() && kb.valid() ? ka == kb : same_text(a, b);
}

// The ticker field starting at p: the bytes before the first ',' or '\n' (the text ends in '\n'
// before `stop`, so the scan stops). Returns the delimiter's position; `key` is the field's key
// when the field is shorter than TickerKey::k_key_bytes and 16 bytes can be read at p (else no
// key). The delimiter of the 16 loaded bytes is found with the "has zero byte" test on w ^ ','
// and w ^ '\n' (S. E. Anderson, Bit Twiddling Hacks, "Determine if a word has a zero byte"): the
// lowest flagged byte of either word is exact (false flags only sit above a true zero byte).
[[gnu::always_inline]] inline const char* scan_ticker(const char* p, const char* stop,
                                                      TickerKey& key) noexcept {
  key = TickerKey{};
  if constexpr (std::endian::native == std::endian::little) {
    if (stop - p >= static_cast<std::ptrdiff_t>(TickerKey::k_key_bytes)) {
      constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
      constexpr std::uint64_t k_highs = 0x8080808080808080ULL;
      const auto delimiters = [](std::uint64_t w) {
        const std::uint64_t c = w ^ (k_ones * ',');
        const std::uint64_t n = w ^ (k_ones * '\n');
        return ((c - k_ones) & ~c & k_highs) | ((n - k_ones) & ~n & k_highs);
      };
      std::uint64_t low = 0;
      std::uint64_t high = 0;
      std::memcpy(&low, p, 8);
      std::memcpy(&high, p + 8, 8);
      if (const std::uint64_t hit = delimiters(low); hit != 0) {
        const auto n = static_cast<std::size_t>(std::countr_zero(hit)) >> 3U; // 0..7
        if (n > 0) {
          key.low = low & (~std::uint64_t{0} >> (64 - 8 * n));
          key.size = n;
        }
        return p + n;
      }
      if (const std::uint64_t hit = delimiters(high); hit != 0) {
        const auto n = static_cast<std::size_t>(std::countr_zero(hit)) >> 3U; // 0..7
        key.low = low;
        key.high = n == 0 ? 0 : high & (~std::uint64_t{0} >> (64 - 8 * n));
        key.size = 8 + n;
        return p + 8 + n;
      }
      p += TickerKey::k_key_bytes;
    }
  }
  while (*p != ',' && *p != '\n')
    ++p;
  return p;
}

struct ViewHash {
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};

// Ticker text -> id in order of first appearance; the texts are copied (views into the mapped
// file would fault its released pages back in). Lookups try the guess (the previous row's id)
// and the one after it first (long files are grouped by ticker, or date-major with a fixed
// ticker order), so most rows need no hash; with the line's key (scan_ticker) those tries are
// word compares.
class TickerIds {
public:
  static constexpr std::uint32_t k_none = std::numeric_limits<std::uint32_t>::max();
  TickerIds() = default;
  TickerIds(const TickerIds&) = delete; // m_ids and m_names view into m_store
  TickerIds& operator=(const TickerIds&) = delete;

  // The id of `ticker`, or k_none; `key` is TickerKey::of(ticker) or no key; `guess` is the
  // caller's (per thread), updated on a hit.
  std::uint32_t find(std::string_view ticker, const TickerKey& key,
                     std::uint32_t& guess) const noexcept {
    // The usual row (the previous row's ticker) inline in the caller's loop; the rest out of it.
    if (key.valid() && guess < m_keys.size() && m_keys[guess] == key)
      return guess;
    return find_beyond_guess(ticker, key, guess);
  }
  std::uint32_t find(std::string_view ticker, std::uint32_t& guess) const noexcept {
    return find(ticker, TickerKey::of(ticker), guess);
  }
  // The id of `ticker`, added when new.
  std::uint32_t intern(std::string_view ticker, std::uint32_t& guess) {
    const auto id = find(ticker, guess);
    if (id != k_none)
      return id;
    guess = static_cast<std::uint32_t>(m_names.size());
    const std::string_view owned = m_store.emplace_back(ticker);
    m_ids.emplace(owned, guess);
    m_names.push_back(owned);
    m_keys.push_back(TickerKey::of(owned));
    return guess;
  }
  [[nodiscard]] const std::vector<std::string_view>& names() const noexcept { return m_names; }

private:
  [[gnu::noinline]] std::uint32_t find_beyond_guess(std::string_view ticker, const TickerKey& key,
                                                    std::uint32_t& guess) const noexcept {
    const auto n = static_cast<std::uint32_t>(m_names.size());
    const auto is = [&](std::uint32_t id) {
      return same_ticker(m_names[id], m_keys[id], ticker, key);
    };
    if (guess < n && is(guess))
      return guess;
    if (guess + 1 < n && is(guess + 1))
      return ++guess;
    if (n > 0 && is(0))
      return guess = 0;
    const auto it = m_ids.find(ticker);
    if (it == m_ids.end())
      return k_none;
    return guess = it->second;
  }

  std::deque<std::string> m_store; // stable addresses
  std::unordered_map<std::string_view, std::uint32_t, ViewHash> m_ids;
  std::vector<std::string_view> m_names;
  std::vector<TickerKey> m_keys; // TickerKey::of(m_names[id])
};

} // namespace aftershock::sources::detail
