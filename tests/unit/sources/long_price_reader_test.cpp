// The fast long-file reader gives exactly the series of the general reader (read_price_table +
// detect_layout + extract_prices) for any thread count, and declines (nullopt) every file the
// general reader must handle (unsorted rows, quotes, bad cells, forced formats, small files).
#include <aftershock/sources/long_price_reader.hpp>
#include <aftershock/util/error.hpp>

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "support/same_bits.hpp"
#include "support/temp_dir.hpp"

namespace aftershock::sources {
namespace {

using test::same_bits;

// `firms` tickers x `days` ISO dates, date-major like the bench generator; prices with 1-4
// decimals; with adj_close (every 11th cell empty) and volume when `full`.
std::string long_file(std::size_t firms, std::size_t days, bool full) {
  std::string out = full ? "date,ticker,close,adj_close,volume\n" : "date,ticker,close\n";
  for (std::size_t t = 0; t < days; ++t) {
    const auto date = calendar::format_iso(*calendar::parse_iso_date("2019-12-30") +
                                           std::chrono::days(static_cast<int>(t)));
    for (std::size_t j = 0; j < firms; ++j) {
      if ((t + j) % 13 == 5)
        continue; // firm j has no row that day
      const double price = 10.0 + static_cast<double>((t * 7919 + j * 104729) % 100000) / 997.0;
      out += date + ",F" + std::to_string(j) + "," + std::to_string(price);
      if (full) {
        out += (t * firms + j) % 11 == 0 ? std::string(",") : "," + std::to_string(price * 0.97);
        out += "," + std::to_string((t + 3 * j) % 5000);
      }
      out += '\n';
    }
  }
  return out;
}

PriceFile general_reader(const std::filesystem::path& path) {
  const LoadOptions options;
  const auto table = read_price_table(path, options);
  PriceFile file;
  extract_prices(table, detect_layout(table, path), options, file);
  return file;
}

void expect_same(const PriceFile& fast, const PriceFile& general) {
  ASSERT_EQ(fast.series.size(), general.series.size());
  for (std::size_t k = 0; k < fast.series.size(); ++k) {
    const auto& a = fast.series[k];
    const auto& b = general.series[k];
    EXPECT_EQ(a.ticker, b.ticker);
    EXPECT_EQ(a.origin, b.origin);
    EXPECT_EQ(a.dates, b.dates) << a.ticker;
    EXPECT_TRUE(same_bits(a.close, b.close)) << a.ticker;
    EXPECT_TRUE(same_bits(a.adj_close, b.adj_close)) << a.ticker;
    EXPECT_TRUE(same_bits(a.volume, b.volume)) << a.ticker;
  }
  EXPECT_TRUE(fast.notes.empty());
  EXPECT_EQ(fast.skipped_rows, 0U);
}

TEST(LongPriceReader, SameSeriesAsGeneralReaderForAnyThreadCount) {
  test::TempDir dir;
  for (const bool full : {false, true}) {
    const auto path = dir.write(full ? "full.csv" : "plain.csv", long_file(37, 61, full));
    const PriceFile general = general_reader(path);
    for (const std::size_t threads : {1U, 2U, 3U, 7U}) {
      const auto fast = read_long_prices_fast(path, {}, {threads, 0});
      ASSERT_TRUE(fast.has_value()) << threads;
      expect_same(*fast, general);
    }
  }
}

// Number spellings at the edges of the fast decimal path (<= 15 digits, a '.' needs a digit
// after it) and beyond it (std::from_chars): the fast reader gives the general reader's bits,
// or declines where the general reader rejects.
TEST(LongPriceReader, NumberSpellingsGiveTheGeneralReadersBits) {
  test::TempDir dir;
  const std::vector<std::string> spellings{
      "1.", "007.50", "123456789012345", "12345678901234.5", "1234567890123456", "0.1", "0.3",
      "1e2", "1E-2", "100", ".5", "5.0000000000001", "9007199254740993", "0.000000000000001",
      "179769313486231570000000000000000000000000000000000000000000000000000000000000",
      // Digit counts around 8 before and after the point, and other characters in the cell.
      "1", "9", "1234567", "12345678", "1234567.1234567", "9999999.9999999", "0000001.0000001",
      "1.12345678", "12345678.5", "0.1234567", "3.14159265358979", "10.", "1.2.3", "4:5", "12/5"};
  for (std::size_t k = 0; k < spellings.size(); ++k) {
    const auto path = dir.write("n" + std::to_string(k) + ".csv",
                                "date,ticker,close,adj_close\n2024-01-02,A," + spellings[k] + "," +
                                    spellings[k] + "\n2024-01-03,A,2,\n");
    const auto fast = read_long_prices_fast(path, {}, {1, 0});
    try {
      const PriceFile general = general_reader(path);
      ASSERT_TRUE(fast.has_value()) << spellings[k];
      expect_same(*fast, general);
    } catch (const Error&) {
      EXPECT_FALSE(fast.has_value()) << spellings[k];
    }
  }
}

TEST(LongPriceReader, DeclinesWhatTheGeneralReaderMustHandle) {
  test::TempDir dir;
  const std::string good = long_file(5, 10, false);
  const auto declined = [&](const std::string& name, const std::string& bytes,
                            const LoadOptions& options = {}) {
    return !read_long_prices_fast(dir.write(name, bytes), options, {2, 0}).has_value();
  };
  EXPECT_FALSE(declined("good.csv", good));
  EXPECT_TRUE(!read_long_prices_fast(dir.write("small.csv", good), {}, {2, 1U << 20U}));
  // Rows of a ticker out of date order (sorted with a note by the general reader).
  EXPECT_TRUE(declined("unsorted.csv", "date,ticker,close\n2024-01-03,A,2\n2024-01-02,A,1\n"));
  // Duplicate date (an error naming both lines in the general reader).
  EXPECT_TRUE(declined("dup.csv", "date,ticker,close\n2024-01-02,A,2\n2024-01-02,A,1\n"));
  EXPECT_TRUE(declined("quoted.csv", "date,ticker,close\n2024-01-02,\"A\",2\n"));
  EXPECT_TRUE(declined("crlf.csv", "date,ticker,close\r\n2024-01-02,A,2\r\n"));
  EXPECT_TRUE(declined("blank.csv", "date,ticker,close\n2024-01-02,A,2\n\n2024-01-03,A,2\n"));
  EXPECT_TRUE(declined("noeol.csv", "date,ticker,close\n2024-01-02,A,2"));
  EXPECT_TRUE(declined("zero.csv", "date,ticker,close\n2024-01-02,A,0\n"));
  EXPECT_TRUE(declined("text.csv", "date,ticker,close\n2024-01-02,A,abc\n"));
  EXPECT_TRUE(declined("plus.csv", "date,ticker,close\n2024-01-02,A,+2\n"));
  EXPECT_TRUE(declined("blank_cell.csv", "date,ticker,close\n2024-01-02,A, 2\n"));
  EXPECT_TRUE(declined("date.csv", "date,ticker,close\n2024-02-30,A,2\n"));
  EXPECT_TRUE(declined("leap.csv", "date,ticker,close\n2023-02-29,A,2\n"));
  EXPECT_TRUE(declined("century.csv", "date,ticker,close\n2100-02-29,A,2\n"));
  EXPECT_TRUE(declined("year.csv", "date,ticker,close\n0999-12-31,A,2\n"));
  EXPECT_TRUE(declined("month.csv", "date,ticker,close\n2024-13-01,A,2\n"));
  EXPECT_TRUE(declined("day0.csv", "date,ticker,close\n2024-01-00,A,2\n"));
  EXPECT_FALSE(declined("leap_ok.csv", "date,ticker,close\n2000-02-29,A,2\n2024-02-29,A,3\n"
                                       "9999-12-31,A,4\n1000-01-01,B,5\n"));
  // A bad day after good days of the same month (the reader remembers the month from row to
  // row), on one thread so that the rows meet in order.
  const auto declined_in_order = [&](const std::string& name, const std::string& rows) {
    return !read_long_prices_fast(dir.write(name, "date,ticker,close\n" + rows), {}, {1, 0})
                .has_value();
  };
  EXPECT_TRUE(declined_in_order("memo_feb.csv", "2023-02-28,A,2\n2023-02-29,B,2\n"));
  EXPECT_TRUE(declined_in_order("memo_apr.csv", "2024-04-30,A,2\n2024-04-31,B,2\n"));
  EXPECT_TRUE(declined_in_order("memo_day0.csv", "2024-04-01,A,2\n2024-04-00,B,2\n"));
  EXPECT_TRUE(declined_in_order("memo_digit.csv", "2024-04-01,A,2\n2024-04-1x,B,2\n"));
  EXPECT_TRUE(declined_in_order("memo_month.csv", "2024-12-01,A,2\n2024-13-01,B,2\n"));
  EXPECT_FALSE(declined_in_order("memo_leap.csv", "2024-02-28,A,2\n2024-02-29,B,2\n"));
  const auto dates_path = dir.path() / "leap_ok.csv";
  expect_same(*read_long_prices_fast(dates_path, {}, {2, 0}), general_reader(dates_path));
  EXPECT_TRUE(declined("exp.csv", "date,ticker,close\n2024-01-02,A,2e\n"));
  EXPECT_TRUE(declined("inf.csv", "date,ticker,close\n2024-01-02,A,inf\n"));
  EXPECT_TRUE(declined("huge.csv", "date,ticker,close\n2024-01-02,A,1e999\n"));
  EXPECT_TRUE(declined("nul.csv", std::string("date,ticker,close\n2024-01-02,A,2") + '\0' + "\n"));
  EXPECT_TRUE(declined("empty_close.csv", "date,ticker,close,adj_close\n2024-01-02,A,,2\n"));
  EXPECT_TRUE(declined("ticker.csv", "date,ticker,close\n2024-01-02,A/B,2\n"));
  EXPECT_TRUE(declined("wide_row.csv", "date,ticker,close\n2024-01-02,A,2,3\n"));
  EXPECT_TRUE(declined("short_row.csv", "date,ticker,close\n2024-01-02,A\n"));
  EXPECT_TRUE(declined("header.csv", "Date,Ticker,Close\n2024-01-02,A,2\n"));
  EXPECT_TRUE(declined("volume.csv", "date,ticker,close,adj_close,volume\n2024-01-02,A,2,2,-1\n"));
  LoadOptions semicolon;
  semicolon.delimiter = ';';
  EXPECT_TRUE(declined("forced.csv", good, semicolon));
}

// A long file with a market "MKT" that lacks some weekdays (holidays), firms with gaps, rows on
// the market's holidays and on weekends (off-calendar), firms listed late or delisted early, an
// empty adj_close on some rows and a firm ("ZZ") with no row on any market date; date-major.
std::string holiday_file() {
  std::string out = "date,ticker,close,adj_close\n";
  const auto start = *calendar::parse_iso_date("2021-03-01");
  for (int t = 0; t < 90; ++t) {
    const auto date = calendar::format_iso(start + std::chrono::days(t));
    const bool weekend = calendar::iso_weekday(start + std::chrono::days(t)) >= 6;
    const bool holiday = t % 17 == 3;
    if (!weekend && !holiday)
      out += date + ",MKT,100." + std::to_string(t) + ",100." + std::to_string(t) + "\n";
    for (int j = 0; j < 9; ++j) {
      if ((weekend && j != 4) || (t + j) % 7 == 2 || (j == 5 && t < 20) || (j == 6 && t > 70))
        continue;
      out += date + ",F" + std::to_string(j) + "," + std::to_string(10 + j) + "." +
             std::to_string(t) + ",";
      if ((t * 3 + j) % 23 != 0 || j == 8)
        out += std::to_string(9 + j) + ".5";
      out += "\n";
    }
    if (weekend)
      out += date + ",ZZ,5,5\n";
  }
  return out;
}

bool same_panel(const series::Panel& a, const series::Panel& b) {
  if (!std::equal(a.calendar.dates().begin(), a.calendar.dates().end(), b.calendar.dates().begin(),
                  b.calendar.dates().end()) ||
      a.columns.size() != b.columns.size())
    return false;
  for (std::size_t k = 0; k < a.columns.size(); ++k) {
    const auto& x = a.columns[k];
    const auto& y = b.columns[k];
    if (x.ticker != y.ticker || x.origin != y.origin || !same_bits(x.close, y.close) ||
        !same_bits(x.adj_close, y.adj_close) || x.has_adj_close != y.has_adj_close ||
        x.off_calendar_rows != y.off_calendar_rows || x.off_calendar_dates != y.off_calendar_dates)
      return false;
  }
  return true;
}

// The general path: every series, then series::align on the market's dates.
LoadedPanel general_panel(const std::filesystem::path& path, const PanelRequest& request) {
  return panel_from_prices(load_prices({path}, {}), request);
}

TEST(LongPanelReader, SamePanelAsGeneralReaderForAnyRequestAndThreadCount) {
  test::TempDir dir;
  const std::vector<std::pair<std::string, std::string>> files{
      {"holidays.csv", holiday_file()},
      {"plain.csv", long_file(37, 61, false)},
      {"full.csv", long_file(23, 47, true)}};
  const std::vector<PanelRequest> requests{{"MKT", {}},
                                           {"MKT", {"F3", "F5", "ABSENT"}},
                                           {"F1", {"F2", "ZZ"}},
                                           {"F0", {"F0"}},
                                           {"NOPE", {}}};
  for (const auto& [name, bytes] : files) {
    const auto path = dir.write(name, bytes);
    for (const auto& request : requests) {
      const LoadedPanel general = general_panel(path, request);
      for (const std::size_t threads : {1U, 2U, 3U, 7U})
        for (const std::size_t stream_max : {std::size_t{256} << 20U, std::size_t{0}}) {
          // The file read through windows, and mapped.
          const auto fast = read_long_panel_fast(path, {}, request, {threads, 0, stream_max});
          ASSERT_TRUE(fast.has_value()) << name << " " << request.market << " " << threads;
          EXPECT_TRUE(same_panel(fast->panel, general.panel))
              << name << " " << request.market << " " << threads << " " << stream_max;
          EXPECT_EQ(fast->available, general.available);
        }
    }
  }
  // The fixture really has what the comparison is about.
  const auto path = dir.write("check.csv", holiday_file());
  const auto panel = read_long_panel_fast(path, {}, {"MKT", {}}, {2, 0})->panel;
  ASSERT_NE(panel.find("F4"), nullptr);
  EXPECT_GT(panel.find("F4")->off_calendar_rows, 10U);
  EXPECT_FALSE(panel.find("F0")->has_adj_close);
  EXPECT_TRUE(panel.find("F8")->has_adj_close);
  EXPECT_GT(panel.find("ZZ")->off_calendar_rows, 20U);
  EXPECT_EQ(panel.find("ZZ")->off_calendar_dates.size(), 5U);
  EXPECT_EQ(read_long_panel_fast(path, {}, {"MKT", {"F1"}}, {2, 0})->panel.columns.size(), 2U);
  EXPECT_TRUE(read_long_panel_fast(path, {}, {"NOPE", {}}, {2, 0})->panel.columns.empty());
}

// Tickers of 1 to 20 bytes sharing prefixes (the word-wise keys cover fields of up to 15 bytes,
// longer ones are compared as text), markets on either side of that limit, and a file that ends
// in a line too short for the 16-byte loads: the general reader's panel.
TEST(LongPanelReader, TickersOfEveryLengthGiveTheGeneralReadersPanel) {
  const std::string letters = "ABCDEFGHIJKLMNOPQRST";
  std::string bytes = "date,ticker,close\n";
  for (int t = 0; t < 40; ++t) {
    const auto date =
        calendar::format_iso(*calendar::parse_iso_date("2024-01-01") + std::chrono::days(t));
    for (std::size_t n = 20; n >= 1; --n)
      if ((t + static_cast<int>(n)) % 7 != 3) // gaps: every ticker misses some days
        bytes += date + "," + letters.substr(0, n) + "," +
                 std::to_string(static_cast<int>(n) * 10 + t) + ".25\n";
  }
  bytes += "2024-02-10,A,8\n";
  test::TempDir dir;
  const auto path = dir.write("lengths.csv", bytes);
  for (const PanelRequest& request :
       {PanelRequest{"ABCDEFGHIJKLMNO", {}}, PanelRequest{"ABCDEFGHIJKLMNOP", {"A", "ABCDEFGH"}},
        PanelRequest{"ABCDEFGHIJKLMNOPQ", {"ABCDEFGHI", "ABCDEFGHIJKLMNOPQRST", "ABX"}},
        PanelRequest{"A", {"AB"}}}) {
    const LoadedPanel general = general_panel(path, request);
    ASSERT_FALSE(general.panel.columns.empty()) << request.market;
    for (const std::size_t threads : {1U, 2U, 3U})
      for (const std::size_t stream_max : {std::size_t{256} << 20U, std::size_t{0}}) {
        const auto fast = read_long_panel_fast(path, {}, request, {threads, 0, stream_max});
        ASSERT_TRUE(fast.has_value()) << request.market << " " << threads;
        EXPECT_TRUE(same_panel(fast->panel, general.panel))
            << request.market << " " << threads << " " << stream_max;
        EXPECT_EQ(fast->available, general.available);
      }
  }
  // The series reader too.
  for (const std::size_t threads : {1U, 2U, 3U}) {
    const auto fast = read_long_prices_fast(path, {}, {threads, 0});
    ASSERT_TRUE(fast.has_value());
    expect_same(*fast, general_reader(path));
    EXPECT_EQ(fast->series.size(), 20U);
  }
}

// Every calendar day of months around two century ends (2000: leap, 2100: not) and a long span:
// the day numbers of calendar::parse_iso_date, which the general reader uses.
TEST(LongPanelReader, EveryCalendarDayGivesTheGeneralReadersDates) {
  std::string bytes = "date,ticker,close\n";
  for (const auto& [first, days] : {std::pair{"1999-11-01", 520}, std::pair{"2099-12-01", 130}})
    for (int t = 0; t < days; ++t) {
      const auto date =
          calendar::format_iso(*calendar::parse_iso_date(first) + std::chrono::days(t));
      bytes += date + ",M," + std::to_string(100 + t) + "\n";
      bytes += date + ",A," + std::to_string(50 + t % 17) + "\n";
    }
  test::TempDir dir;
  const auto path = dir.write("days.csv", bytes);
  const PanelRequest request{"M", {"A"}};
  const LoadedPanel general = general_panel(path, request);
  ASSERT_EQ(general.panel.calendar.dates().size(), 650U);
  for (const std::size_t threads : {1U, 2U})
    for (const std::size_t stream_max : {std::size_t{256} << 20U, std::size_t{0}}) {
      const auto fast = read_long_panel_fast(path, {}, request, {threads, 0, stream_max});
      ASSERT_TRUE(fast.has_value()) << threads;
      EXPECT_TRUE(same_panel(fast->panel, general.panel)) << threads << " " << stream_max;
    }
}

// A long file grouped by ticker (each ticker's rows together, dates ascending), as CRSP-style
// exports and the bench generator write them: `market` where `market_first` puts it, and
// `extra` rows (date index, ticker) inserted right after row `at` of ticker `in`, each
// {in, at, date, ticker}.
struct Interloper {
  std::string in;
  int at = 0;
  int date = 0;
  std::string ticker;
};
std::string grouped_file(int firms, int days, bool market_first,
                         const std::vector<Interloper>& extra = {}) {
  std::vector<std::string> tickers;
  tickers.reserve(static_cast<std::size_t>(firms) + 1);
  for (int j = 0; j < firms; ++j)
    tickers.push_back("F" + std::to_string(1000 + j));
  if (market_first)
    tickers.insert(tickers.begin(), "MKT");
  else
    tickers.emplace_back("MKT");
  const auto date_of = [](int t) {
    return calendar::format_iso(*calendar::parse_iso_date("2015-01-01") + std::chrono::days(t));
  };
  std::string out = "date,ticker,close\n";
  for (std::size_t j = 0; j < tickers.size(); ++j)
    for (int t = 0; t < days; ++t) {
      if (tickers[j] != "MKT" && (t + static_cast<int>(j)) % 17 == 4)
        continue; // gaps
      out += date_of(t) + ",";
      out +=
          tickers[j] + "," + std::to_string(10 + (t * 31 + static_cast<int>(j) * 7) % 90) + ".5\n";
      for (const auto& e : extra)
        if (e.in == tickers[j] && e.at == t) {
          out += date_of(e.date) + ",";
          out += e.ticker + ",7.25\n";
        }
    }
  return out;
}

// Skimming (the first pass galloping over a ticker's run) gives the panel of the reader that
// reads every row and of the general reader, and reads the file again when the run hid what the
// first pass needs (a ticker seen nowhere else, market rows), for any thread count, streamed
// and mapped.
TEST(LongPanelReader, SkimmingGivesThePanelOfReadingEveryRow) {
  struct Case {
    std::string name;
    std::string bytes;
    bool skims; // the result comes from the skimming attempt (nothing it needed was hidden)
  };
  const std::vector<Case> cases{
      {"grouped", grouped_file(60, 300, false), true},
      {"market_first", grouped_file(60, 300, true), true},
      // A ticker that appears only inside another's run: pass 1 skips it, pass 2 finds it.
      {"hidden_ticker", grouped_file(60, 300, false, {{"F1010", 150, 150, "HIDDEN"}}), false},
      // A market row inside a later firm's run (a date after the market's own rows).
      {"hidden_market_row", grouped_file(60, 300, true, {{"F1020", 200, 400, "MKT"}}), false},
      // A row of a ticker seen before, inside another's run (a date after its own rows, off the
      // market's calendar): skipped by pass 1, which needs nothing from it.
      {"known_interloper", grouped_file(60, 300, true, {{"F1030", 100, 301, "F1020"}}), true},
      // Runs longer than the 2 MiB window of a streamed pass (lines across window ends).
      {"grouped_big", grouped_file(300, 600, false), true},
  };
  test::TempDir dir;
  for (const auto& c : cases) {
    const auto path = dir.write(c.name + ".csv", c.bytes);
    for (const PanelRequest& request :
         {PanelRequest{"MKT", {}}, PanelRequest{"MKT", {"F1010", "F1020", "HIDDEN", "F1040"}}}) {
      const LoadedPanel general = general_panel(path, request);
      for (const std::size_t threads : {1U, 2U, 3U})
        for (const std::size_t stream_max : {std::size_t{256} << 20U, std::size_t{0}}) {
          const auto every_row =
              read_long_panel_fast(path, {}, request, {threads, 0, stream_max, false});
          const auto skimming =
              read_long_panel_fast(path, {}, request, {threads, 0, stream_max, true});
          const std::string where = c.name + " " + std::to_string(threads) + " " +
                                    std::to_string(stream_max) + " " +
                                    std::to_string(request.tickers.size());
          ASSERT_TRUE(every_row.has_value()) << where;
          ASSERT_TRUE(skimming.has_value()) << where;
          EXPECT_EQ(every_row->skimmed_bytes, 0U) << where;
          EXPECT_EQ(skimming->skimmed_bytes > 0, c.skims) << where;
          EXPECT_TRUE(same_panel(skimming->panel, every_row->panel)) << where;
          EXPECT_TRUE(same_panel(skimming->panel, general.panel)) << where;
          EXPECT_EQ(skimming->available, general.available) << where;
        }
    }
  }
}

// Random grouped files with rows of new tickers, the market and other firms dropped into runs
// (some make the file one the fast readers decline): skimming or not, the same answer, and the
// general reader's panel whenever there is one.
TEST(LongPanelReader, SkimmingAgreesOnRandomInterlopers) {
  std::mt19937 rng(20261130);
  const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  test::TempDir dir;
  std::size_t accepted = 0;
  for (int k = 0; k < 40; ++k) {
    const int firms = 3 + pick(25);
    const int days = 40 + pick(160);
    std::vector<Interloper> extra;
    for (int e = pick(5); e > 0; --e) {
      const int in = pick(firms);
      const int at = pick(days);
      const int kind = pick(3);
      const std::string ticker = kind == 0   ? "X" + std::to_string(e)
                                 : kind == 1 ? std::string("MKT")
                                             : "F" + std::to_string(1000 + pick(firms));
      extra.push_back({"F" + std::to_string(1000 + in), at, pick(days + 20), ticker});
    }
    const auto path = dir.write("random" + std::to_string(k) + ".csv",
                                grouped_file(firms, days, pick(2) == 0, extra));
    const PanelRequest request{"MKT", {}};
    for (const std::size_t threads : {1U, 2U}) {
      const auto every_row = read_long_panel_fast(path, {}, request, {threads, 0, 0, false});
      const auto skimming = read_long_panel_fast(path, {}, request, {threads, 0, 0, true});
      ASSERT_EQ(skimming.has_value(), every_row.has_value()) << k << " " << threads;
      if (!skimming)
        continue;
      ++accepted;
      EXPECT_TRUE(same_panel(skimming->panel, every_row->panel)) << k << " " << threads;
      EXPECT_TRUE(same_panel(skimming->panel, general_panel(path, request).panel)) << k;
    }
  }
  EXPECT_GT(accepted, 20U); // the fixture mostly makes files the fast readers take
}

// What the fast readers decline they decline with skimming too, when the row at fault is in a
// skipped run (pass 2 reads it): a bad price, rows out of date order, a duplicate date.
TEST(LongPanelReader, SkimmingDeclinesWhatReadingEveryRowDeclines) {
  test::TempDir dir;
  const std::string good = grouped_file(20, 200, false);
  const auto line_of = [&](const std::string& date_ticker) { return good.find(date_ticker); };
  std::vector<std::pair<std::string, std::string>> files;
  {
    std::string bad = good; // a price that is not a number, in the middle of F1005's run
    const auto at = line_of("2015-04-10,F1005,");
    ASSERT_NE(at, std::string::npos);
    bad.replace(bad.find('\n', at) - 4, 4, "x.5y");
    files.emplace_back("bad_price.csv", bad);
  }
  {
    std::string swapped = good; // two of F1007's rows out of order
    const auto a = line_of("2015-05-02,F1007,");
    const auto b = line_of("2015-05-03,F1007,");
    ASSERT_NE(a, std::string::npos);
    ASSERT_NE(b, std::string::npos);
    swapped.replace(b, 10, "2015-05-01");
    files.emplace_back("unsorted.csv", swapped);
  }
  files.emplace_back("duplicate.csv", grouped_file(20, 200, false, {{"F1003", 80, 80, "F1003"}}));
  for (const auto& [name, bytes] : files) {
    const auto path = dir.write(name, bytes);
    for (const std::size_t threads : {1U, 2U})
      for (const bool skim : {false, true})
        EXPECT_FALSE(read_long_panel_fast(path, {}, {"MKT", {}}, {threads, 0, 0, skim}))
            << name << " " << threads << " " << skim;
  }
}

// A file read through windows (2 MiB per chunk and pass) whose chunks span several windows, so
// lines cross window ends: the same panel as the mapped file's, for any thread count.
TEST(LongPanelReader, LinesAcrossWindowEndsGiveTheMappedFilesPanel) {
  test::TempDir dir;
  const auto path = dir.write("big.csv", long_file(300, 600, true));  // ~6.5 MB
  ASSERT_GT(std::filesystem::file_size(path), std::size_t{6} << 20U); // 3 chunks > one window
  for (const PanelRequest& request : {PanelRequest{"F0", {}}, PanelRequest{"F7", {"F8", "F299"}}}) {
    const auto mapped = read_long_panel_fast(path, {}, request, {2, 0, 0});
    ASSERT_TRUE(mapped.has_value());
    for (const std::size_t threads : {1U, 2U, 3U}) {
      const auto streamed =
          read_long_panel_fast(path, {}, request, {threads, 0, std::size_t{256} << 20U});
      ASSERT_TRUE(streamed.has_value()) << threads;
      EXPECT_TRUE(same_panel(streamed->panel, mapped->panel)) << request.market << threads;
      EXPECT_EQ(streamed->available, mapped->available);
    }
  }
}

// A line longer than the window (a valid 3 MB price: std::from_chars reads it) sends the file
// to the general reader, which loads the same panel the mapped file gives.
TEST(LongPanelReader, ALineLongerThanTheWindowGoesToTheGeneralReader) {
  test::TempDir dir;
  const std::string long_price = "7." + std::string(3U << 20U, '0') + "1";
  const auto path =
      dir.write("long_line.csv", "date,ticker,close\n2024-01-02,M,1\n2024-01-02,A," + long_price +
                                     "\n2024-01-03,M,2\n2024-01-03,A,8\n");
  const PanelRequest request{"M", {"A"}};
  EXPECT_FALSE(read_long_panel_fast(path, {}, request, {2, 0}).has_value());
  const auto mapped = read_long_panel_fast(path, {}, request, {2, 0, 0});
  ASSERT_TRUE(mapped.has_value());
  LoadOptions fast;
  fast.fast_min_bytes = 0;
  const auto loaded = load_panel({path}, fast, request);
  EXPECT_TRUE(same_panel(loaded.panel, mapped->panel));
  ASSERT_NE(loaded.panel.find("A"), nullptr);
  EXPECT_EQ(loaded.panel.find("A")->close[0], 7.0);
}

TEST(LongPanelReader, LoadPanelGivesTheSameWhicheverReaderRuns) {
  test::TempDir dir;
  (void)dir.write("folder/long.csv", holiday_file());
  const auto file = dir.write("long.csv", holiday_file());
  LoadOptions fast;
  fast.fast_min_bytes = 0;
  LoadOptions general;
  general.fast_min_bytes = std::size_t{1} << 60U;
  for (const auto& path : {file, dir.path() / "folder"}) {
    for (const PanelRequest& request :
         {PanelRequest{"MKT", {}}, PanelRequest{"MKT", {"F2", "F7"}}}) {
      const auto a = load_panel({path}, fast, request);
      const auto b = load_panel({path}, general, request);
      EXPECT_TRUE(same_panel(a.panel, b.panel)) << path;
      EXPECT_EQ(a.available, b.available);
      EXPECT_EQ(a.notes, b.notes);
      EXPECT_EQ(a.skipped_rows, b.skipped_rows);
    }
  }
  // The folder's note ("...: 1 files (1 long layout)") is there in both.
  EXPECT_EQ(load_panel({dir.path() / "folder"}, fast, {"MKT", {}}).notes.size(), 1U);
}

TEST(LongPanelReader, DeclinesAndTheGeneralReaderGivesItsMessages) {
  test::TempDir dir;
  const auto message = [&](const std::filesystem::path& path, const auto& load) {
    try {
      load(path);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::vector<std::pair<std::string, std::string>> cases{
      // duplicate date of a firm across the chunk boundary region and within it
      {"dup.csv", "date,ticker,close\n2024-01-02,M,1\n2024-01-02,A,2\n2024-01-03,M,1\n"
                  "2024-01-02,A,1\n"},
      // duplicate market date
      {"dup_market.csv", "date,ticker,close\n2024-01-02,M,1\n2024-01-02,M,2\n"},
      // unsorted rows (sorted with a note by the general reader)
      {"unsorted.csv", "date,ticker,close\n2024-01-03,M,2\n2024-01-03,A,2\n2024-01-02,M,1\n"
                       "2024-01-02,A,1\n"},
      {"bad_price.csv", "date,ticker,close\n2024-01-02,M,1\n2024-01-02,A,-1\n"},
      {"bad_unrequested.csv", "date,ticker,close\n2024-01-02,M,1\n2024-01-02,B,x\n"},
  };
  for (const auto& [name, bytes] : cases) {
    const auto path = dir.write(name, bytes);
    const PanelRequest request{"M", {"A"}};
    EXPECT_FALSE(read_long_panel_fast(path, {}, request, {2, 0}).has_value()) << name;
    const auto via_panel =
        message(path, [&](const auto& p) { (void)load_panel({p}, {}, request); });
    const auto via_series = message(path, [&](const auto& p) { (void)general_panel(p, request); });
    EXPECT_EQ(via_panel, via_series) << name;
  }
  // The unsorted file loads through the general reader, with its note.
  const auto sorted = load_panel({dir.path() / "unsorted.csv"}, {}, {"M", {}});
  EXPECT_EQ(sorted.notes, general_panel(dir.path() / "unsorted.csv", {"M", {}}).notes);
  EXPECT_FALSE(sorted.notes.empty());
}

} // namespace
} // namespace aftershock::sources
