// The word-wise ticker scan and keys of the fast long-CSV readers (src/sources/ticker_ids.hpp)
// against the byte-by-byte rules they replace: the field ends at the first ',' or '\n', and two
// keys are equal exactly when the texts are.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "ticker_ids.hpp"

namespace aftershock::sources::detail {
namespace {

// The field's end by the plain loop.
std::size_t field_length(std::string_view line) {
  std::size_t n = 0;
  while (line[n] != ',' && line[n] != '\n')
    ++n;
  return n;
}

TEST(TickerIds, ScanEndsWhereTheByteLoopEndsAndKeysTheField) {
  for (std::size_t length = 0; length <= 20; ++length)
    for (const char delimiter : {',', '\n'})
      for (const std::string_view tail : {std::string_view("1.5\n"), std::string_view("\n"),
                                          std::string_view(",2024-01-02,XYZ,3\n")}) {
        std::string ticker;
        for (std::size_t k = 0; k < length; ++k)
          ticker += static_cast<char>("AZ09.-^=_x"[k % 10]);
        const std::string line = ticker + delimiter + std::string(tail);
        // `stop` at the line's end (the short lines have fewer than 16 readable bytes: the byte
        // loop) and 64 bytes further (the word path where the field is short enough).
        const std::string padded = line + std::string(64, '\n');
        for (const std::size_t readable : {line.size(), padded.size()}) {
          TickerKey key;
          const char* end = scan_ticker(padded.data(), padded.data() + readable, key);
          ASSERT_EQ(static_cast<std::size_t>(end - padded.data()), field_length(line))
              << length << " " << readable;
          const bool word_path = readable >= 16 && length < 16 && length > 0;
          EXPECT_EQ(key.valid(), word_path) << length << " " << readable;
          if (word_path) {
            EXPECT_EQ(key, TickerKey::of(ticker)) << length;
          }
        }
      }
}

TEST(TickerIds, KeysAreEqualExactlyWhenTheTextsAre) {
  EXPECT_FALSE(TickerKey::of("").valid());
  EXPECT_FALSE(TickerKey::of("ABCDEFGHIJKLMNOP").valid()); // 16 bytes: compared as text
  EXPECT_TRUE(TickerKey::of("ABCDEFGHIJKLMNO").valid());
  EXPECT_NE(TickerKey::of("AB"), TickerKey::of(std::string_view("AB\0", 3)));
  EXPECT_NE(TickerKey::of("ABCDEFGH"), TickerKey::of("ABCDEFGHI"));
  EXPECT_NE(TickerKey::of("ABCDEFGH"), TickerKey::of("ABCDEFGX"));
  // Random short texts over a small alphabet (many equal pairs and shared prefixes).
  std::mt19937 rng(20261130);
  std::vector<std::string> texts;
  for (int k = 0; k < 400; ++k) {
    std::string t(1 + rng() % 15, 'A');
    for (auto& c : t)
      c = "AB\0."[rng() % 4];
    texts.push_back(t);
  }
  for (const auto& a : texts)
    for (const auto& b : texts)
      ASSERT_EQ(TickerKey::of(a) == TickerKey::of(b), a == b) << a << " " << b;
}

TEST(TickerIds, FindWithTheLinesKeyGivesTheIdsOfTheTextLookup) {
  const std::vector<std::string> names{"MKT",
                                       "A",
                                       "AB",
                                       "ABCDEFGH",
                                       "ABCDEFGHI",
                                       "ABCDEFGHIJKLMNO",
                                       "ABCDEFGHIJKLMNOP",
                                       "ABCDEFGHIJKLMNOPQRST",
                                       "BRK.B"};
  TickerIds ids;
  std::uint32_t guess = 0;
  for (const auto& name : names)
    (void)ids.intern(name, guess);
  const std::vector<std::string> probes{"MKT",
                                        "A",
                                        "AB",
                                        "ABC",
                                        "ABCDEFGH",
                                        "ABCDEFGHI",
                                        "ABCDEFGHIJKLMNO",
                                        "ABCDEFGHIJKLMNOP",
                                        "ABCDEFGHIJKLMNOPQRST",
                                        "ABCDEFGHIJKLMNOPQRSX",
                                        "BRK.B",
                                        "BRK.A",
                                        std::string("AB\0", 3)};
  for (std::uint32_t start = 0; start < names.size(); ++start)
    for (const auto& probe : probes) {
      std::uint32_t by_key = start;
      std::uint32_t by_text = start;
      const auto id = ids.find(probe, TickerKey::of(probe), by_key);
      EXPECT_EQ(id, ids.find(probe, TickerKey{}, by_text)) << probe;
      const auto expected = std::find(names.begin(), names.end(), probe);
      EXPECT_EQ(id, expected == names.end() ? TickerIds::k_none
                                            : static_cast<std::uint32_t>(expected - names.begin()))
          << probe;
    }
}

} // namespace
} // namespace aftershock::sources::detail
