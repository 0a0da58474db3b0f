// `aftershock study --source yahoo` against a loopback Yahoo whose chart bodies are generated
// from data/prices: the same day-0 AR as the CSV path over the same files (the independent value
// here is the CSV run; the two runs are compared, no number is hard-coded), failed firms listed
// as sourcefailed with exit 3, and a market that cannot load ending the command (exit 1).
#include <aftershock/util/error.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "commands.hpp"
#include "support/fake_yahoo.hpp"
#include "support/paths.hpp"
#include "support/temp_dir.hpp"

namespace aftershock::cli {
namespace {

using Json = nlohmann::json;

const Json& firm(const Json& report, const std::string& ticker) {
  for (const auto& f : report.at("events").at(0).at("firms"))
    if (f.at("ticker") == ticker)
      return f;
  throw std::runtime_error("no firm " + ticker);
}

double day0_ar(const Json& report, const std::string& ticker) {
  for (const auto& d : firm(report, ticker).at("days"))
    if (d.at("offset") == 0)
      return d.at("abnormal_return").get<double>();
  throw std::runtime_error("no day 0 for " + ticker);
}

class StudySource : public ::testing::Test {
protected:
  void SetUp() override {
    install_sec();
    m_yahoo.start();
    test::fake_environment() = {{"AFTERSHOCK_YAHOO_BASE_URL", m_yahoo.base_url()},
                                {"AFTERSHOCK_SEC_BASE_URL", m_yahoo.base_url()},
                                {"AFTERSHOCK_SEC_USER_AGENT", "Jane Analyst jane@example.org"},
                                {"AFTERSHOCK_CACHE_DIR", (m_dir / "cache").string()}};
  }
  void TearDown() override { m_yahoo.stop(); }

  // SEC EDGAR on the same loopback server (AFTERSHOCK_SEC_BASE_URL replaces both SEC hosts).
  void install_sec();

  int run(std::vector<std::string> args) {
    m_out.str("");
    m_err.str("");
    CommandContext context{m_out, m_err};
    context.getenv = test::fake_getenv;
    return run_study(args, context);
  }

  std::atomic<int> m_sec_hits{0};
  test::TempDir m_temp; // removed after TearDown
  std::filesystem::path m_dir = m_temp.path();
  std::ostringstream m_out;
  std::ostringstream m_err;
  test::FakeYahoo m_yahoo{{"NVDA", "AVGO", "SPY", "AMD"}};
};

// Company-concept bodies in the shape of reference/api_payload_samples/
// sec_companyconcept_shares_sample.json; values illustrative. NVDA: the cover date 2024-05-17 is
// the latest on or before the event 2024-07-15 and precedes the 10:1 split of 2024-06-10 in the
// Yahoo body, so the count is rebased x10; the 2024-08-23 filing is after the event. AVGO: two
// share classes on one cover date, summed; no split after it.
constexpr const char* k_nvda_concept = R"({"cik":1045810,"taxonomy":"dei",
  "tag":"EntityCommonStockSharesOutstanding","label":"Entity Common Stock, Shares Outstanding",
  "entityName":"NVIDIA CORP","units":{"shares":[
  {"end":"2024-02-16","val":2464000000,"accn":"0001045810-24-000029","fy":2024,"fp":"FY","form":"10-K","filed":"2024-02-21","frame":"CY2023Q4I"},
  {"end":"2024-05-17","val":2459000000,"accn":"0001045810-24-000124","fy":2025,"fp":"Q1","form":"10-Q","filed":"2024-05-29","frame":"CY2024Q1I"},
  {"end":"2024-08-23","val":24530000000,"accn":"0001045810-24-000264","fy":2025,"fp":"Q2","form":"10-Q","filed":"2024-08-28","frame":"CY2024Q2I"}]}})";
constexpr const char* k_avgo_concept = R"({"cik":1730168,"taxonomy":"dei",
  "tag":"EntityCommonStockSharesOutstanding","entityName":"Broadcom Inc.","units":{"shares":[
  {"end":"2024-06-07","val":465000000,"accn":"0001730168-24-000090","fy":2024,"fp":"Q2","form":"10-Q","filed":"2024-06-12"},
  {"end":"2024-06-07","val":1500000,"accn":"0001730168-24-000090","fy":2024,"fp":"Q2","form":"10-Q","filed":"2024-06-12"}]}})";
constexpr double k_nvda_shares = 2459000000.0 * 10.0;     // 10-Q 2024-05-17, x10 for the split
constexpr double k_avgo_shares = 465000000.0 + 1500000.0; // two classes summed

void StudySource::install_sec() {
  test::YahooBodyOptions split;
  split.symbol = "NVDA";
  split.split_10_for_1_on_2024_06_10 = true;
  m_yahoo.set_body("NVDA", test::yahoo_chart_body(test::read_bundled_prices("NVDA"), split));
  auto& http = m_yahoo.server().http();
  http.Get("/files/company_tickers.json",
           [this](const httplib::Request& req, httplib::Response& res) {
             ++m_sec_hits;
             if (req.get_header_value("User-Agent").find('@') == std::string::npos) {
               res.status = 403;
               res.set_content("Undeclared Automated Tool", "text/html");
               return;
             }
             res.set_content(R"({"0":{"cik_str":1045810,"ticker":"NVDA","title":"NVIDIA CORP"},)"
                             R"("1":{"cik_str":1730168,"ticker":"AVGO","title":"Broadcom Inc."}})",
                             "application/json");
           });
  http.Get(R"(/api/xbrl/companyconcept/CIK(\d+)/dei/EntityCommonStockSharesOutstanding.json)",
           [this](const httplib::Request& req, httplib::Response& res) {
             ++m_sec_hits;
             if (req.matches[1] == "0001045810")
               res.set_content(k_nvda_concept, "application/json");
             else if (req.matches[1] == "0001730168")
               res.set_content(k_avgo_concept, "application/json");
             else
               res.status = 404;
           });
}

TEST_F(StudySource, YahooGivesTheSameDayZeroArAsTheCsvFiles) {
  ASSERT_EQ(run({"--data", (test::data_dir() / "prices").string(), "--event", "2025-01-27",
                 "--tickers", "NVDA,AVGO", "--market", "SPY", "--format", "json", "--quiet"}),
            0);
  const auto from_csv = Json::parse(m_out.str());
  ASSERT_EQ(run({"--source", "yahoo", "--event", "2025-01-27", "--tickers", "NVDA,AVGO", "--market",
                 "SPY", "--format", "json", "--quiet"}),
            0)
      << m_err.str();
  const auto from_yahoo = Json::parse(m_out.str());
  for (const char* ticker : {"NVDA", "AVGO"}) {
    EXPECT_EQ(firm(from_yahoo, ticker).at("status"), "ok");
    const double csv = day0_ar(from_csv, ticker);
    ASSERT_TRUE(std::isfinite(csv));
    // The chart body carries the CSV's prices as decimal text; 1e-12 allows for the last digit.
    EXPECT_NEAR(day0_ar(from_yahoo, ticker), csv, 1e-12) << ticker;
  }
  // Offline now reads the same series from the cache.
  m_yahoo.stop();
  ASSERT_EQ(run({"--source", "yahoo", "--event", "2025-01-27", "--tickers", "NVDA,AVGO", "--market",
                 "SPY", "--format", "json", "--quiet", "--offline"}),
            0)
      << m_err.str();
  EXPECT_NEAR(day0_ar(Json::parse(m_out.str()), "NVDA"), day0_ar(from_csv, "NVDA"), 1e-12);
}

TEST_F(StudySource, UnknownTickerIsSourceFailedWithItsReasonAndExitsThree) {
  ASSERT_EQ(run({"--source", "yahoo", "--event", "2025-01-27", "--tickers", "NVDA,NOPE", "--market",
                 "SPY", "--format", "json"}),
            3)
      << m_err.str();
  const auto report = Json::parse(m_out.str());
  const auto& nope = firm(report, "NOPE");
  EXPECT_EQ(nope.at("status"), "sourcefailed");
  EXPECT_NE(nope.at("reason").get<std::string>().find("not_found"), std::string::npos)
      << nope.at("reason");
  EXPECT_EQ(firm(report, "NVDA").at("status"), "ok");
  // Only NVDA reaches the aggregates.
  EXPECT_EQ(report.at("events").at(0).at("aggregate").at("n_firms"), 1);
  EXPECT_NE(m_err.str().find("NOPE failed (not_found)"), std::string::npos) << m_err.str();

  // The table and markdown list it too.
  EXPECT_EQ(run({"--source", "yahoo", "--event", "2025-01-27", "--tickers", "NVDA,NOPE", "--market",
                 "SPY", "--format", "markdown", "--quiet"}),
            3);
  EXPECT_NE(m_out.str().find("sourcefailed"), std::string::npos) << m_out.str();
}

TEST_F(StudySource, OfflineWithAnEmptyCacheFailsTheMarket) {
  try {
    run({"--source", "yahoo", "--event", "2025-01-27", "--tickers", "NVDA", "--market", "SPY",
         "--offline", "--quiet"});
    FAIL() << "expected an Error";
  } catch (const UsageError&) {
    FAIL() << "a market that cannot load is an Error (exit 1), not a usage error";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("SPY"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("not_in_cache"), std::string::npos) << error.what();
  }
}

TEST_F(StudySource, UsageErrors) {
  EXPECT_THROW(run({"--source", "yahoo", "--event", "2025-01-27"}), UsageError); // no tickers
  EXPECT_THROW(
      run({"--source", "yahoo", "--data", "x", "--event", "2025-01-27", "--tickers", "NVDA"}),
      UsageError);
  EXPECT_THROW(run({"--event", "2025-01-27", "--offline"}), UsageError);
  EXPECT_THROW(run({"--source", "yahoo", "--event", "2025-01-27", "--tickers", "NVDA", "--offline",
                    "--refresh"}),
               UsageError);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

const std::vector<std::string> k_sec_study = {"--source", "yahoo", "--event",  "2024-07-15",
                                              "--market", "SPY",   "--shares", "sec"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

TEST_F(StudySource, SecSharesUseTheFilingBeforeTheEventRebasedForALaterSplit) {
  ASSERT_EQ(run(with(k_sec_study, {"--tickers", "NVDA,AVGO", "--format", "json", "--quiet"})), 0)
      << m_err.str();
  const auto report = Json::parse(m_out.str());
  EXPECT_EQ(report.at("config").at("shares"), "sec");
  const auto& nvda = firm(report, "NVDA");
  EXPECT_EQ(nvda.at("shares").get<double>(), k_nvda_shares);
  EXPECT_EQ(nvda.at("shares_as_of"), "2024-05-17");
  EXPECT_EQ(firm(report, "AVGO").at("shares").get<double>(), k_avgo_shares);
  EXPECT_EQ(firm(report, "AVGO").at("shares_as_of"), "2024-06-07");
  // The JSON names the filing (form, cover and filing date, accession) and the split source.
  const std::string source = nvda.at("shares_source").get<std::string>();
  for (const char* text :
       {"SEC EDGAR", "10-Q", "cover date 2024-05-17", "filed 2024-05-29", "0001045810-24-000124",
        "rebased x10", "yahoo splits", "2024-06-10 10:1"})
    EXPECT_TRUE(contains(source, text)) << text << ": " << source;
  EXPECT_TRUE(
      contains(firm(report, "AVGO").at("shares_source").get<std::string>(), "2 classes summed"));
  // The table/markdown report carries it as a note.
  ASSERT_EQ(run(with(k_sec_study, {"--tickers", "NVDA,AVGO", "--format", "markdown", "--quiet"})),
            0);
  EXPECT_TRUE(contains(m_out.str(), "- shares NVDA: 24590000000 from " + source)) << m_out.str();

  // The market value before the window equals the CSV path's with the expected share count in a
  // shares file (the independent value: close from data/prices x the closed-form count).
  const auto shares_file = m_dir / "shares.csv";
  {
    std::ofstream out(shares_file);
    out << "ticker,shares,as_of,source\n"
        << "NVDA," << fmt::format("{:.0f}", k_nvda_shares) << ",2024-05-17,test\n"
        << "AVGO," << fmt::format("{:.0f}", k_avgo_shares) << ",2024-06-07,test\n";
  }
  const int sec_hits = m_sec_hits.load();
  ASSERT_EQ(run({"--data", (test::data_dir() / "prices").string(), "--event", "2024-07-15",
                 "--tickers", "NVDA,AVGO", "--market", "SPY", "--shares", shares_file.string(),
                 "--format", "json", "--quiet"}),
            0)
      << m_err.str();
  const auto from_csv = Json::parse(m_out.str());
  for (const char* ticker : {"NVDA", "AVGO"}) {
    const double expected = firm(from_csv, ticker).at("market_cap_before").get<double>();
    ASSERT_TRUE(std::isfinite(expected)) << ticker;
    EXPECT_NEAR(firm(report, ticker).at("market_cap_before").get<double>(), expected,
                1e-12 * expected)
        << ticker;
  }

  // Offline: the SEC answers come from the cache, no request is sent.
  m_yahoo.stop();
  ASSERT_EQ(run(with(k_sec_study,
                     {"--tickers", "NVDA,AVGO", "--format", "markdown", "--quiet", "--offline"})),
            0)
      << m_err.str();
  EXPECT_EQ(m_sec_hits.load(), sec_hits);
  EXPECT_TRUE(contains(m_out.str(), "- shares NVDA: 24590000000 from " + source +
                                        " (SEC answer from the cache)"))
      << m_out.str();
}

TEST_F(StudySource, SecSharesMissingForOneFirmIsNotedAndExitsThree) {
  ASSERT_EQ(run(with(k_sec_study, {"--tickers", "NVDA,AMD", "--format", "json"})), 3)
      << m_err.str();
  const auto report = Json::parse(m_out.str());
  EXPECT_EQ(firm(report, "NVDA").at("shares").get<double>(), k_nvda_shares);
  EXPECT_EQ(firm(report, "AMD").at("status"), "ok"); // the study still runs for AMD
  EXPECT_TRUE(firm(report, "AMD").at("shares").is_null());
  EXPECT_TRUE(firm(report, "AMD").at("shares_source").is_null());
  EXPECT_TRUE(contains(m_err.str(), "AMD failed (not_found)")) << m_err.str();
  ASSERT_EQ(run(with(k_sec_study, {"--tickers", "NVDA,AMD", "--format", "markdown", "--quiet"})),
            3);
  EXPECT_TRUE(contains(m_out.str(), "- shares AMD: none from SEC (not_found)")) << m_out.str();
}

TEST_F(StudySource, SecSharesWithoutContactSendNothing) {
  test::fake_environment().erase("AFTERSHOCK_SEC_USER_AGENT");
  ASSERT_EQ(run(with(k_sec_study, {"--tickers", "NVDA", "--format", "markdown", "--quiet"})), 3);
  EXPECT_EQ(m_sec_hits.load(), 0);
  EXPECT_TRUE(contains(m_out.str(), "- shares NVDA: none from SEC (unauthorized)")) << m_out.str();
}

TEST_F(StudySource, SecSharesNeedASource) {
  EXPECT_THROW(run({"--event", "2024-07-15", "--shares", "sec"}), UsageError);
}

} // namespace
} // namespace aftershock::cli
