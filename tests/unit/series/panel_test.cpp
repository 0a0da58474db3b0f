// series::Panel::find: the first column of a ticker (exact match) or nullptr, the same as a
// scan of `columns` whatever was done to the panel (copies, moves, appended or erased columns,
// columns out of order, repeated tickers, a ticker renamed in place).
#include <aftershock/series/panel.hpp>

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace aftershock::series {
namespace {

const PanelColumn* scan(const Panel& panel, std::string_view ticker) {
  for (const auto& column : panel.columns)
    if (column.ticker == ticker)
      return &column;
  return nullptr;
}

Panel panel_of(const std::vector<std::string>& tickers) {
  Panel panel;
  for (const auto& t : tickers) {
    PanelColumn column;
    column.ticker = t;
    panel.columns.push_back(std::move(column));
  }
  return panel;
}

void expect_as_scan(const Panel& panel, const std::vector<std::string>& asked) {
  for (const auto& t : asked)
    EXPECT_EQ(panel.find(t), scan(panel, t)) << t;
}

TEST(PanelFind, MatchesAScanThroughEdits) {
  std::vector<std::string> tickers;
  for (int k = 40; k > 0; --k) // out of order
    tickers.push_back("F" + std::to_string(k));
  tickers.push_back("F7"); // repeated: the first one is found
  tickers.push_back("MKT");
  Panel panel = panel_of(tickers);
  const std::vector<std::string> asked{"F1", "F7", "F40", "MKT", "mkt", "F41", "", "F"};
  expect_as_scan(panel, asked);
  EXPECT_EQ(panel.find("F7"), &panel.columns[33]);
  panel.columns.erase(panel.columns.begin() + 33); // now the later F7
  expect_as_scan(panel, asked);
  panel.columns.push_back(panel_of({"NEW"}).columns.front());
  expect_as_scan(panel, {"NEW", "F7", "MKT"});
  panel.columns[0].ticker = "RENAMED"; // in place: size and buffer unchanged
  expect_as_scan(panel, {"RENAMED", "F40", "F39"});
  const Panel copy = panel;
  expect_as_scan(copy, {"RENAMED", "F7", "NEW", "ABSENT"});
  const Panel moved = std::move(panel);
  expect_as_scan(moved, {"RENAMED", "F7", "NEW", "ABSENT"});
}

TEST(PanelFind, ConcurrentLookups) {
  std::vector<std::string> tickers;
  for (int k = 0; k < 500; ++k)
    tickers.push_back("T" + std::to_string(k));
  const Panel panel = panel_of(tickers);
  std::vector<int> wrong(2, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t)
    threads.emplace_back([&, t] {
      for (int k = 0; k < 500; ++k)
        wrong[static_cast<std::size_t>(t)] += panel.find(tickers[static_cast<std::size_t>(k)]) !=
                                              &panel.columns[static_cast<std::size_t>(k)];
    });
  for (auto& thread : threads)
    thread.join();
  EXPECT_EQ(wrong, (std::vector<int>{0, 0}));
}

} // namespace
} // namespace aftershock::series
