// `aftershock study --source yahoo` against a loopback Yahoo whose chart bodies are generated
// from data/prices: the same day-0 AR as the CSV path over the same files (the independent value
// here is the CSV run; the two runs are compared, no number is hard-coded), failed firms listed
// as sourcefailed with exit 3, and a market that cannot load ending the command (exit 1).
#include <aftershock/util/error.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <sstream>

#include "../sources/quote_test_support.hpp"
#include "commands.hpp"
#include "support/loopback_server.hpp"
#include "support/paths.hpp"

namespace aftershock::cli {
namespace {

using Json = nlohmann::json;

std::map<std::string, std::string>& environment() {
  static std::map<std::string, std::string> variables;
  return variables;
}

std::string fake_getenv(std::string_view name) {
  const auto found = environment().find(std::string(name));
  return found == environment().end() ? std::string() : found->second;
}

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
    for (const char* ticker : {"NVDA", "AVGO", "SPY"}) {
      test::YahooBodyOptions options;
      options.symbol = ticker;
      m_bodies[ticker] = test::yahoo_chart_body(test::read_bundled_prices(ticker), options);
    }
    m_server.http().Get(R"(/v8/finance/chart/([^/?]+))",
                        [this](const httplib::Request& req, httplib::Response& res) {
                          const auto found = m_bodies.find(req.matches[1]);
                          if (found == m_bodies.end()) {
                            res.status = 404;
                            res.set_content(R"({"chart":{"result":null,"error":{"code":)"
                                            R"("Not Found","description":"No data found"}}})",
                                            "application/json");
                            return;
                          }
                          res.set_content(found->second, "application/json");
                        });
    m_server.start();
    m_dir = test::fresh_temp_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    environment() = {{"AFTERSHOCK_YAHOO_BASE_URL", m_server.base_url()},
                     {"AFTERSHOCK_CACHE_DIR", (m_dir / "cache").string()}};
  }
  void TearDown() override {
    m_server.stop();
    std::filesystem::remove_all(m_dir);
  }

  int run(std::vector<std::string> args) {
    m_out.str("");
    m_err.str("");
    CommandContext context{m_out, m_err};
    context.getenv = fake_getenv;
    return run_study(args, context);
  }

  std::map<std::string, std::string> m_bodies;
  std::filesystem::path m_dir;
  std::ostringstream m_out;
  std::ostringstream m_err;
  test::LoopbackServer m_server;
};

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
  m_server.stop();
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

} // namespace
} // namespace aftershock::cli
