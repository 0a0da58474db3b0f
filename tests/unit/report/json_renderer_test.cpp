// The JSON contract of README.md ("JSON output"), checked key by key on a hand-built result.
// Expected values are the inputs of sample_result.hpp (the renderer only copies them).
#include <aftershock/report/json_renderer.hpp>

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "chart_result.hpp"

namespace aftershock::report {
namespace {

using Json = nlohmann::ordered_json;

std::vector<std::string> keys(const Json& object) {
  std::vector<std::string> out;
  for (const auto& item : object.items())
    out.push_back(item.key());
  return out;
}

class JsonRendererTest : public ::testing::Test {
protected:
  Json doc = to_json(test::sample_result(), RunInputs{{"data/"}, "data/shares_outstanding.csv"});
};

TEST_F(JsonRendererTest, TopLevelKeysInContractOrder) {
  EXPECT_EQ(keys(doc),
            (std::vector<std::string>{"schema_version", "tool", "config", "events", "notes"}));
  EXPECT_EQ(doc["schema_version"], 1);
  EXPECT_EQ(doc["tool"]["name"], "aftershock");
  EXPECT_EQ(doc["tool"]["version"], AFTERSHOCK_VERSION);
}

TEST_F(JsonRendererTest, ConfigEchoesOptionsAndConventions) {
  const auto& c = doc["config"];
  EXPECT_EQ(c["data"], Json::array({"data/"}));
  EXPECT_EQ(c["shares"], "data/shares_outstanding.csv");
  EXPECT_EQ(c["date_format"], "sniffed");
  EXPECT_EQ(c["on_bad_row"], "fail");
  EXPECT_EQ(c["event"], "deepseek");
  EXPECT_EQ(c["event_date"], "2025-01-27");
  EXPECT_EQ(c["market"], "SPY");
  EXPECT_EQ(c["estimation_window"], Json::array({-260, -11}));
  EXPECT_EQ(c["event_window"], Json::array({-1, 1}));
  EXPECT_EQ(c["car_windows"], Json::parse("[[0,0],[-1,1]]"));
  EXPECT_EQ(c["model"], "market");
  EXPECT_EQ(c["returns"], "simple");
  EXPECT_EQ(c["gaps"], "missing");
  EXPECT_EQ(c["prices"], "adjusted");
  EXPECT_EQ(c["convention"], "textbook");
  EXPECT_EQ(c["policy"], "next");
  EXPECT_EQ(c["min_estimation"], 100);
  EXPECT_EQ(c["conventions"]["p_values"], "two-sided");
  EXPECT_EQ(c["conventions"].size(), 22U); // 12 foundation + 10 test-specific (issue 3)
  EXPECT_EQ(c["bootstrap"], 0);
  EXPECT_EQ(c["dimson_lags"], 1);
}

TEST_F(JsonRendererTest, EventKeys) {
  const auto& e = doc["events"][0];
  EXPECT_EQ(keys(e), (std::vector<std::string>{
                         "id", "requested_date", "event_date", "estimation_window", "event_window",
                         "estimation_dates", "market", "firms", "aggregate"}));
  EXPECT_EQ(e["requested_date"], "2025-01-26");
  EXPECT_EQ(e["event_date"], "2025-01-27");
  EXPECT_EQ(e["estimation_window"], Json::array({-260, -11}));
}

TEST_F(JsonRendererTest, FirmKeysAndValues) {
  const auto& f = doc["events"][0]["firms"][0];
  EXPECT_EQ(keys(f), (std::vector<std::string>{"ticker", "status", "reason", "alpha", "beta",
                                               "sigma", "r2", "n_estimation", "coefficients",
                                               "days", "cars", "market_cap_before", "shares",
                                               "shares_as_of", "shares_source", "car_path"}));
  EXPECT_EQ(f["ticker"], "NVDA");
  EXPECT_EQ(f["status"], "ok");
  EXPECT_TRUE(f["reason"].is_null());
  EXPECT_EQ(f["alpha"], 0.001);
  EXPECT_EQ(f["beta"], 1.5);
  EXPECT_EQ(f["sigma"], 0.02);
  EXPECT_EQ(f["r2"], 0.25);
  EXPECT_EQ(f["n_estimation"], 250);
  EXPECT_EQ(f["market_cap_before"], 3.5e12);
  EXPECT_EQ(f["shares"], 24.49e9);
  EXPECT_EQ(f["shares_as_of"], "2024-11-15");

  const auto& d = f["days"][1];
  EXPECT_EQ(keys(d), (std::vector<std::string>{"offset", "date", "return", "market_return",
                                               "expected_return", "abnormal_return", "se", "t"}));
  EXPECT_EQ(d["offset"], 0);
  EXPECT_EQ(d["date"], "2025-01-27");
  EXPECT_EQ(d["return"], -0.1697);
  EXPECT_EQ(d["abnormal_return"], -0.1482);
  EXPECT_EQ(d["t"], -7.41);

  const auto& c = f["cars"][0];
  EXPECT_EQ(keys(c), (std::vector<std::string>{"window", "car", "se", "t", "p_value", "bhar",
                                               "market_cap_change", "abnormal_dollar_change",
                                               "normal_dollar_change", "abnormal_dollar_se",
                                               "abnormal_dollar_t", "abnormal_dollar_ci"}));
  EXPECT_EQ(c["window"], Json::array({0, 0}));
  EXPECT_EQ(c["market_cap_change"], -5.93e11);
  EXPECT_EQ(c["abnormal_dollar_change"], -5.2e11);
}

TEST_F(JsonRendererTest, MissingNumbersAreNull) {
  const auto& arm = doc["events"][0]["firms"][1];
  EXPECT_TRUE(arm["r2"].is_null());
  EXPECT_TRUE(arm["shares"].is_null());
  EXPECT_TRUE(arm["shares_as_of"].is_null());
  EXPECT_TRUE(arm["shares_source"].is_null());
  EXPECT_TRUE(arm["market_cap_before"].is_null());
  EXPECT_TRUE(arm["days"][0]["return"].is_null());
  EXPECT_TRUE(arm["days"][0]["t"].is_null());
  EXPECT_TRUE(arm["cars"][0]["market_cap_change"].is_null());
  const auto text = render_json(test::sample_result(), {});
  EXPECT_EQ(text.find("NaN"), std::string::npos);
  EXPECT_EQ(text.find("nan"), std::string::npos);
  EXPECT_EQ(text.find("inf"), std::string::npos);
  EXPECT_EQ(text.back(), '\n');
}

TEST_F(JsonRendererTest, NotOkFirmHasReasonAndNullFit) {
  const auto& xyz = doc["events"][0]["firms"][2];
  EXPECT_EQ(xyz["status"], "edatamissing");
  EXPECT_EQ(xyz["reason"], "only 40 estimation returns, need 100");
  EXPECT_TRUE(xyz["alpha"].is_null());
  EXPECT_TRUE(xyz["sigma"].is_null());
  EXPECT_EQ(xyz["days"], Json::array());
  EXPECT_EQ(xyz["car_path"], Json::array());
}

// car_path / caar_path (issue 5): the inputs of chart_result.hpp, missing values as null.
TEST(JsonRendererPaths, CarAndCaarPaths) {
  const auto doc = to_json(test::chart_result(), RunInputs{});
  const auto& e = doc["events"][0];
  EXPECT_EQ(e["firms"][0]["car_path"], Json::array({0.0015, -0.1467, -0.0734}));
  EXPECT_EQ(e["firms"][2]["car_path"], Json::array({nullptr, -0.07, -0.04})); // ARM
  const auto& p = e["aggregate"]["caar_path"];
  ASSERT_EQ(p.size(), 3U);
  EXPECT_EQ(keys(p[1]), (std::vector<std::string>{"offset", "date", "n", "caar", "caar_ci"}));
  EXPECT_EQ(p[1]["date"], "2025-01-27");
  EXPECT_EQ(p[1]["n"], 3);
  EXPECT_EQ(p[1]["caar"], -0.0622);
  EXPECT_EQ(p[1]["caar_ci"], Json::array({-0.15, 0.03}));
  EXPECT_EQ(p[0]["caar_ci"], Json::array({nullptr, nullptr}));
}

TEST_F(JsonRendererTest, AggregateKeysAndTests) {
  const auto& a = doc["events"][0]["aggregate"];
  EXPECT_EQ(keys(a),
            (std::vector<std::string>{"n_firms", "days", "cars", "market_cap_before",
                                      "n_without_shares", "tickers_without_shares", "caar_path"}));
  EXPECT_EQ(a["n_firms"], 2);
  EXPECT_EQ(a["n_without_shares"], 1);
  const auto& d = a["days"][1];
  EXPECT_EQ(keys(d), (std::vector<std::string>{"offset", "date", "n", "aar", "tests"}));
  EXPECT_EQ(keys(d["tests"]),
            (std::vector<std::string>{"t_csect", "t_cda", "patell", "bmp", "bmp_kp"}));
  EXPECT_EQ(
      d["tests"]["t_cda"],
      Json::parse(R"({"statistic": -4.0, "p_value": 0.25, "df": 249.0, "p_adjusted": null})"));
  EXPECT_TRUE(d["tests"]["bmp_kp"]["statistic"].is_null());
  const auto& c = a["cars"][0];
  EXPECT_EQ(keys(c), (std::vector<std::string>{
                         "window", "n", "caar", "caar_ci", "tests", "market_cap_change",
                         "abnormal_dollar_change", "value_weighted_caar", "normal_dollar_change",
                         "gross_abnormal_loss", "gross_abnormal_gain", "gross_market_cap_loss",
                         "gross_market_cap_gain", "abnormal_dollar_se", "abnormal_dollar_t",
                         "abnormal_dollar_ci", "bootstrap"}));
  EXPECT_EQ(c["caar"], -0.1091);
  EXPECT_EQ(c["value_weighted_caar"], -0.1482);
  EXPECT_EQ(c["gross_abnormal_loss"], -5.2e11);
}

TEST_F(JsonRendererTest, NumbersRoundTripExactly) {
  // Full precision: parsing the text gives back the very same doubles.
  const auto parsed = Json::parse(render_json(test::sample_result(), {}));
  EXPECT_EQ(parsed["events"][0]["aggregate"]["days"][2]["aar"].get<double>(), 0.05165);
  EXPECT_TRUE(parsed["config"]["shares"].is_null());
}

} // namespace
} // namespace aftershock::report

namespace aftershock::report {
namespace {

// render_json splices per-firm dumps into the document (issue 6); its bytes must equal the
// plain dump of to_json with 1, 2 and 3 threads, with 0, 1, 3 and 7 firms, and with a second
// event, and with a ticker whose text looks like the splice point.
TEST(JsonRendererSplice, EqualsThePlainDump) {
  const RunInputs inputs{{"data/"}, "data/shares_outstanding.csv"};
  for (const std::size_t n_firms : std::initializer_list<std::size_t>{0, 1, 3, 7})
    for (std::size_t threads = 1; threads <= 3; ++threads) {
      auto result = test::sample_result();
      result.config.threads = threads;
      auto& firms = result.events.front().firms;
      const auto base = firms;
      firms.clear();
      for (std::size_t i = 0; i < n_firms; ++i) {
        firms.push_back(base[i % base.size()]);
        firms.back().ticker += "\"firms\": []" + std::to_string(i);
      }
      result.events.push_back(result.events.front());
      result.events.back().id = "second";
      SCOPED_TRACE(::testing::Message() << n_firms << " firms, " << threads << " threads");
      EXPECT_EQ(render_json(result, inputs), to_json(result, inputs).dump(2) + "\n");
    }
}

} // namespace
} // namespace aftershock::report
