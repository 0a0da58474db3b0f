// The fast reader of well-formed events files (src/sources/simple_events_file.cpp) against the
// general reader (csv::parse_table + the layout checks), which is the reference here: for every
// input the fast reader accepts, both must give the same events field by field; for every input
// the general reader refuses, the fast reader must decline (so the message is the general one).
#include <aftershock/util/error.hpp>

#include <gtest/gtest.h>

#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "events_readers.hpp"

namespace aftershock::sources {
namespace {

using calendar::DateFormat;

void expect_same(const EventsFile& fast, const EventsFile& general, const std::string& input) {
  EXPECT_EQ(fast.file, general.file) << input;
  EXPECT_EQ(fast.layout, general.layout) << input;
  ASSERT_EQ(fast.events.size(), general.events.size()) << input;
  for (std::size_t i = 0; i < fast.events.size(); ++i) {
    const auto& a = fast.events[i];
    const auto& b = general.events[i];
    EXPECT_EQ(a.id, b.id) << input;
    EXPECT_EQ(a.ticker, b.ticker) << input;
    EXPECT_EQ(a.date, b.date) << input;
    EXPECT_EQ(a.market, b.market) << input;
    EXPECT_EQ(a.group, b.group) << input;
    EXPECT_EQ(a.event_window, b.event_window) << input;
    EXPECT_EQ(a.estimation_end, b.estimation_end) << input;
    EXPECT_EQ(a.estimation_length, b.estimation_length) << input;
    EXPECT_EQ(a.line, b.line) << input;
  }
}

// The general reader's events, or its message.
struct General {
  std::optional<EventsFile> file;
  std::string message;
};

General general(const std::string& input, std::optional<DateFormat> format) {
  try {
    return {read_events_general(input, "events.csv", format), {}};
  } catch (const Error& e) {
    return {std::nullopt, std::string(e.what()) + " | " + e.hint()};
  }
}

// Checks the contract on one input; returns whether the fast reader took it.
bool check(const std::string& input, std::optional<DateFormat> format = std::nullopt) {
  const auto fast = read_simple_events(input, "events.csv", format);
  const auto reference = general(input, format);
  if (!fast)
    return false;
  EXPECT_TRUE(reference.file.has_value())
      << "fast reader accepted what the general reader refuses (" << reference.message << "):\n"
      << input;
  if (reference.file)
    expect_same(*fast, *reference.file, input);
  return true;
}

TEST(SimpleEventsFile, WellFormedFilesAreReadAsTheGeneralReaderReadsThem) {
  const std::vector<std::string> inputs{
      "ticker,event_date\nnvda,2024-08-05\nMSFT,2025-01-27\n",
      "Event_ID;Ticker;Event_Date;Market;Group;event_window_start;event_window_end;"
      "estimation_end;estimation_length\n"
      "a7;AMD;2024-08-05;QQQ;x;-2;3;-11;120\nb1;nvda;2024-08-06;;;;;;\n",
      "event_id,ticker,event_date\r\nE2,A,2025-01-02\r\nE1,B,2025-01-03\r\n", // ids not sorted
      "\xEF\xBB\xBF ticker\t event_date \tgroup\n\n  \nAVGO\t20250127\tK\xC3\xBC"
      "che\n",
      "ticker|event_date\nA|2025-01-27\nB|2025-01-28", // no final line end
      "ticker,event_date\n" + std::string("A,27.01.2025\n") + "B,28.01.2025\n",
      "ticker,event_date\nA,01/31/2025\nB,02/01/2025\n", // MM/DD: 31 rules out DD/MM
  };
  for (const auto& input : inputs)
    EXPECT_TRUE(check(input)) << input;
  EXPECT_TRUE(check("ticker,event_date\nA,01.02.2025\n", DateFormat::dmy_dot));
  // Without an event_id column the ids are the zero-padded row numbers.
  std::string rows = "ticker,event_date\n";
  for (int i = 0; i < 12; ++i)
    rows += "T" + std::to_string(i) + ",2025-01-27\n";
  EXPECT_TRUE(check(rows));
}

TEST(SimpleEventsFile, DeclinesWhatNeedsTheGeneralReader) {
  const std::vector<std::string> declined{
      "ticker,event_date\n\"NVDA\",2025-01-27\n",          // quotes
      "ticker,event_date\rNVDA,2025-01-27\r",              // lone CR line ends
      "ticker,event_date\nA,01/02/2025\nB,02/01/2025\n",   // ambiguous day order
      "ticker,event_date\nA,01/02/2025\nB,13/02/2025\n",   // first date fits both orders
      "1;AMD;SPY;05.08.2024;g;-1;1;-11;100\n",             // ARC request file (no header)
      "ticker,event_date,date\nA,2025-01-27,2025-01-27\n", // a date-named column
  };
  for (const auto& input : declined) {
    EXPECT_FALSE(read_simple_events(input, "events.csv", std::nullopt)) << input;
    check(input);
  }
}

TEST(SimpleEventsFile, DeclinesEveryFileTheGeneralReaderRefuses) {
  const std::vector<std::string> refused{
      "",
      "\n  \n",
      "ticker,event_date\n",
      "event_id,ticker,event_date\nE1,A,2025-01-27\nE1,B,2025-01-28\n",
      "event_id,ticker,event_date\nE2,A,2025-01-27\nE1,B,2025-01-28\nE2,C,2025-01-29\n",
      "event_id,ticker,event_date\n,A,2025-01-27\n",
      "ticker,event_date\n ,2025-01-27\n",
      "ticker,event_date\nA,2025-02-30\n",
      "ticker,event_date\nA,\n",
      "ticker,event_date\nA,2025-01-27,extra\n",
      "ticker,event_date\nA\n",
      "ticker,event_date,event_window_start,event_window_end\nA,2025-01-27,3,-2\n",
      "ticker,event_date,event_window_start,event_window_end\nA,2025-01-27,,2\n",
      "ticker,event_date,event_window_start,event_window_end\nA,2025-01-27,1.5,2\n",
      "ticker,event_date,estimation_end\nA,2025-01-27,100001\n",
      "ticker,event_date,estimation_length\nA,2025-01-27,0\n",
      "ticker,event_date,event_window_start\nA,2025-01-27,1\n",
      "ticker,event_date,colour\nA,2025-01-27,red\n",
      "ticker,event_date,Ticker\nA,2025-01-27,B\n",
      "ticker,market\nA,SPY\n",
      "ticker,event_date\nA,2025-01-27\x01\n",
      std::string("ticker,event_date\nA,2025-01-27\0\n", 32),
      "ticker,event_date\nA,2025-01-27\xFF\n",
  };
  for (const auto& input : refused) {
    EXPECT_FALSE(read_simple_events(input, "events.csv", std::nullopt)) << input;
    EXPECT_FALSE(general(input, std::nullopt).file) << input;
  }
}

// Random files put together from cells that are valid, invalid or awkward, with random
// delimiters, line ends, blank lines and header spellings (seeded, so the run is repeatable).
TEST(SimpleEventsFile, RandomFilesAgreeWithTheGeneralReader) {
  std::mt19937_64 random(20261129);
  const auto pick = [&](const std::vector<std::string>& from) -> const std::string& {
    return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(random)];
  };
  const auto chance = [&](double p) { return std::bernoulli_distribution(p)(random); };
  const std::vector<std::string> ids{"E1", "E2", "E3", "e1", "E10", "", " E4 "};
  const std::vector<std::string> tickers{"nvda", "AVGO", " tsm ", "", "A B", "Straße"};
  const std::vector<std::string> dates{"2025-01-27", "2025-01-28", "2025-02-30",  "20250127",
                                       "27.01.2025", "01/31/2025", "31/01/2025",  "01/02/2025",
                                       "",           "x",          " 2025-01-29 "};
  const std::vector<std::string> offsets{"-5",     "5",       "0", "",    "1.5",
                                         "100001", "-100000", "x", "-11", "120"};
  const std::vector<std::string> texts{"SPY", "qqq", "", "a group", "1"};
  const std::vector<std::string> delimiters{",", ";", "\t", "|"};
  const std::vector<std::string> line_ends{"\n", "\r\n", "\n", "\r"};
  std::size_t taken = 0;
  constexpr int k_files = 3000;
  for (int n = 0; n < k_files; ++n) {
    std::vector<std::string> columns;
    for (const auto name : k_event_columns)
      if (chance(name == "ticker" || name == "event_date" ? 0.95 : 0.3))
        columns.emplace_back(name);
    std::shuffle(columns.begin(), columns.end(), random);
    if (chance(0.05))
      columns.emplace_back(chance(0.5) ? "ticker" : "colour");
    const std::string delimiter = pick(delimiters);
    const std::string line_end = chance(0.9) ? "\n" : pick(line_ends);
    std::string input = chance(0.05) ? "\xEF\xBB\xBF" : "";
    for (std::size_t c = 0; c < columns.size(); ++c) {
      std::string name = columns[c];
      if (chance(0.2))
        name[0] = static_cast<char>(name[0] - 'a' + 'A');
      input += (c > 0 ? delimiter : "") + (chance(0.1) ? " " + name + " " : name);
    }
    input += line_end;
    const int rows = std::uniform_int_distribution<int>(0, 12)(random);
    const bool sorted_ids = chance(0.5);
    const double noise = chance(0.5) ? 0.01 : 0.3; // half the files are nearly clean
    const int layout = std::uniform_int_distribution<int>(0, 3)(random);
    const auto good_date = [&](int r) {
      const std::string day = std::to_string(13 + r % 15); // > 12: not a month
      switch (layout) {
      case 0:
        return "2025-01-" + day;
      case 1:
        return "202501" + day;
      case 2:
        return day + ".01.2025";
      default:
        return "01/" + day + "/2025";
      }
    };
    for (int r = 0; r < rows; ++r) {
      if (chance(noise / 3))
        input += chance(0.5) ? "   " + line_end : line_end;
      const std::size_t cells = chance(noise / 10) ? columns.size() + 1 : columns.size();
      for (std::size_t c = 0; c < cells; ++c) {
        const std::string name = c < columns.size() ? columns[c] : "extra";
        const bool good = !chance(noise);
        std::string cell;
        if (name == "event_id")
          cell = good && sorted_ids ? "E" + std::to_string(100 + r)
                 : good             ? "E" + std::to_string(100 + (r * 7) % 13)
                                    : pick(ids);
        else if (name == "ticker")
          cell = good ? "T" + std::to_string(r) : pick(tickers);
        else if (name == "event_date")
          cell = good ? good_date(r) : pick(dates);
        else if (name == "market" || name == "group")
          cell = pick(texts);
        else if (name == "event_window_start")
          cell = good ? "-2" : pick(offsets);
        else if (name == "event_window_end")
          cell = good ? "3" : pick(offsets);
        else if (name == "estimation_end")
          cell = good ? "-11" : pick(offsets);
        else if (name == "estimation_length")
          cell = good ? "120" : pick(offsets);
        else
          cell = pick(offsets);
        if (chance(noise / 20))
          cell = "\"" + cell + "\"";
        input += (c > 0 ? delimiter : "") + cell;
      }
      input += line_end;
    }
    const auto format = chance(0.1) ? std::optional<DateFormat>(DateFormat::iso) : std::nullopt;
    taken += check(input, format) ? 1U : 0U;
  }
  // Not vacuous: a good share of the random files is well formed and taken by the fast reader.
  EXPECT_GT(taken, static_cast<std::size_t>(k_files / 5));
  std::cout << "fast reader took " << taken << " of " << k_files << " random files\n";
}

} // namespace
} // namespace aftershock::sources
