// Events files (named columns, EventStudyTools ARC request + price files). Expected values are
// read off the fixture files themselves (tests/fixtures/sources/arc, made by make_fixture.py
// from data/prices) and the ARC S&P 500 example in ../shared (its README lists the rows).
#include <aftershock/sources/events_file.hpp>
#include <aftershock/util/error.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/paths.hpp"
#include "support/temp_dir.hpp"

namespace aftershock::sources {
namespace {

using calendar::Date;
using namespace std::chrono;

std::string message_of(const std::filesystem::path& path) {
  try {
    (void)read_events_file(path, std::nullopt);
  } catch (const Error& e) {
    return std::string(e.what()) + " | " + e.hint();
  }
  return "no error";
}

TEST(EventsFile, NamedColumnsWithDefaults) {
  test::TempDir dir;
  const auto path = dir.write("events.csv", "ticker,event_date,group\n"
                                            "nvda,2024-08-05,chips\n"
                                            "MSFT,2025-01-27,\n");
  const auto file = read_events_file(path, std::nullopt);
  EXPECT_EQ(file.layout, EventsLayout::named_columns);
  ASSERT_EQ(file.events.size(), 2U);
  EXPECT_EQ(file.events[0].id, "1"); // row number when there is no event_id column
  EXPECT_EQ(file.events[0].ticker, "NVDA");
  EXPECT_EQ(file.events[0].date, Date{year{2024} / August / 5});
  EXPECT_EQ(file.events[0].group, "chips");
  EXPECT_EQ(file.events[0].line, 2U);
  EXPECT_FALSE(file.events[0].event_window);
  EXPECT_FALSE(file.events[0].estimation_end);
  EXPECT_EQ(file.events[1].market, "");
  EXPECT_EQ(events::estimation_window(file.events[1], {-260, -11}), (events::Window{-260, -11}));
}

TEST(EventsFile, NamedColumnsAllFields) {
  test::TempDir dir;
  const auto path =
      dir.write("events.csv", "Event_ID;Ticker;Event_Date;Market;Group;event_window_start;"
                              "event_window_end;estimation_end;estimation_length\n"
                              "a7;AMD;2024-08-05;QQQ;x;-2;3;-11;120\n");
  const auto file = read_events_file(path, std::nullopt);
  ASSERT_EQ(file.events.size(), 1U);
  const auto& e = file.events[0];
  EXPECT_EQ(e.id, "a7");
  EXPECT_EQ(e.market, "QQQ");
  EXPECT_EQ(e.event_window, (events::Window{-2, 3}));
  EXPECT_EQ(events::estimation_window(e, {-260, -11}), (events::Window{-130, -11}));
}

TEST(EventsFile, ErrorsNameFileLineColumnAndValue) {
  test::TempDir dir;
  EXPECT_THAT(message_of(dir.write("a.csv", "ticker,event_date,colour\nNVDA,2024-08-05,red\n")),
              testing::AllOf(testing::HasSubstr("a.csv:1"), testing::HasSubstr("\"colour\""),
                             testing::HasSubstr("event_window_start")));
  EXPECT_THAT(
      message_of(dir.write("b.csv", "event_id,ticker,event_date\nx,NVDA,2024-08-05\n"
                                    "y,AMD,2024-08-05\nx,MU,2024-08-06\n")),
      testing::AllOf(testing::HasSubstr("b.csv:4"), testing::HasSubstr("\"x\" is also on line 2")));
  EXPECT_THAT(
      message_of(dir.write("c.csv", "ticker,event_date\nNVDA,2024-08-05\nAMD,2024-02-30\n")),
      testing::AllOf(testing::HasSubstr("c.csv:3"), testing::HasSubstr("event_date"),
                     testing::HasSubstr("\"2024-02-30\"")));
  EXPECT_THAT(
      message_of(dir.write("d.csv", "ticker,event_date,event_window_start,event_window_end\n"
                                    "NVDA,2024-08-05,3,1\n")),
      testing::AllOf(testing::HasSubstr("d.csv:2"), testing::HasSubstr("3:1")));
  EXPECT_THAT(
      message_of(dir.write("e.csv", "ticker,event_date,event_window_start,event_window_end\n"
                                    "NVDA,2024-08-05,-1x,1\n")),
      testing::AllOf(testing::HasSubstr("e.csv:2"), testing::HasSubstr("event_window_start"),
                     testing::HasSubstr("\"-1x\"")));
  EXPECT_THAT(message_of(dir.write("f.csv", "event_date,market\n2024-08-05,SPY\n")),
              testing::HasSubstr("no ticker column"));
}

std::filesystem::path arc_fixture() {
  return test::source_dir() / "tests" / "fixtures" / "sources" / "arc";
}

TEST(EventsFile, ArcRequestFileFromBundledData) {
  const auto request = arc_fixture() / "01_RequestFile.csv";
  const auto file = read_events_file(request, std::nullopt);
  EXPECT_EQ(file.layout, EventsLayout::arc_request);
  ASSERT_EQ(file.events.size(), 4U);
  EXPECT_EQ(file.events[1].id, "2");
  EXPECT_EQ(file.events[1].ticker, "Advanced Micro "); // trailing space kept
  EXPECT_EQ(file.events[1].market, "SP500");
  EXPECT_EQ(file.events[2].date, Date{year{2024} / June / 26});
  EXPECT_EQ(file.events[2].group, "AI");
  EXPECT_EQ(file.events[2].event_window, (events::Window{-2, 2}));
  EXPECT_EQ(events::estimation_window(file.events[2], {-260, -11}), (events::Window{-130, -11}));

  const auto siblings = find_arc_siblings(request);
  ASSERT_TRUE(siblings.firm_data && siblings.market_data);
  const auto firms = read_arc_prices(*siblings.firm_data).series;
  ASSERT_EQ(firms.size(), 3U); // sorted by ID
  EXPECT_EQ(firms[0].ticker, "Advanced Micro ");
  EXPECT_EQ(firms[0].dates.size(), 335U); // 2023-09-01 .. 2024-12-31 trading days in data/
  const auto market = read_arc_prices(*siblings.market_data).series;
  ASSERT_EQ(market.size(), 1U);
  EXPECT_EQ(market[0].ticker, "SP500");
  EXPECT_EQ(market[0].dates.front(), Date{year{2023} / September / 1});
}

TEST(EventsFile, ArcPriceFileErrors) {
  test::TempDir dir;
  const auto path = dir.write("02_FirmData.csv", "A;01.10.1996;58\nA;02.10.1996;0\n");
  EXPECT_THROW(
      {
        try {
          (void)read_arc_prices(path);
        } catch (const Error& e) {
          EXPECT_THAT(e.what(), testing::HasSubstr("02_FirmData.csv:2"));
          EXPECT_THAT(e.what(), testing::HasSubstr("\"0\""));
          throw;
        }
      },
      Error);
}

// The real EventStudyTools S&P 500 example (../shared/reference/arc_sp500_additions_inputs;
// its README: 16 events, windows [-2, 2], estimation [-130, -11], "Progressive " with a
// trailing space, Travelers Group ending 07.10.1998).
TEST(EventsFile, ArcSp500ExampleFromShared) {
  AFTERSHOCK_REQUIRE_SHARED(shared);
  const auto folder = shared / "reference" / "arc_sp500_additions_inputs";
  const auto file = read_events_file(folder / "01_RequestFile.csv", std::nullopt);
  EXPECT_EQ(file.layout, EventsLayout::arc_request);
  ASSERT_EQ(file.events.size(), 16U);
  EXPECT_EQ(file.events[1].ticker, "Progressive ");
  EXPECT_EQ(file.events[0].id, "75510");
  EXPECT_EQ(file.events[0].date, Date{year{1997} / April / 30});
  for (const auto& e : file.events) {
    EXPECT_EQ(e.event_window, (events::Window{-2, 2}));
    EXPECT_EQ(events::estimation_window(e, {-260, -11}), (events::Window{-130, -11}));
    EXPECT_EQ(e.group, "Addition");
  }
  const auto siblings = find_arc_siblings(folder / "01_RequestFile.csv");
  ASSERT_TRUE(siblings.firm_data && siblings.market_data);
  const auto firms = read_arc_prices(*siblings.firm_data).series;
  const auto travelers = std::find_if(firms.begin(), firms.end(),
                                      [](const auto& s) { return s.ticker == "Travelers Group"; });
  ASSERT_NE(travelers, firms.end());
  EXPECT_EQ(travelers->dates.back(), Date{year{1998} / October / 7});
  EXPECT_TRUE(std::any_of(firms.begin(), firms.end(),
                          [](const auto& s) { return s.ticker == "Progressive "; }));
  // Office Depot 10.03.1997 is -16.7500 in 02_FirmData.csv: a CRSP bid/ask midpoint.
  const auto file_prices = read_arc_prices(*siblings.firm_data);
  EXPECT_EQ(file_prices.bid_ask_prices, 2U);
  const auto office = std::find_if(firms.begin(), firms.end(),
                                   [](const auto& s) { return s.ticker == "Office Depot"; });
  ASSERT_NE(office, firms.end());
  const auto day =
      std::find(office->dates.begin(), office->dates.end(), Date{year{1997} / March / 10});
  ASSERT_NE(day, office->dates.end());
  EXPECT_EQ(office->close[static_cast<std::size_t>(day - office->dates.begin())], 16.75);
  const auto market = read_arc_prices(*siblings.market_data).series;
  ASSERT_EQ(market.size(), 1U);
  EXPECT_EQ(market[0].dates.front(), Date{year{1996} / September / 30});
  EXPECT_DOUBLE_EQ(market[0].close[1], 100.2575); // 03_MarketData.csv line 2
}

} // namespace
} // namespace aftershock::sources
