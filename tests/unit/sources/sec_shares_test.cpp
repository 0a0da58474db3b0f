// SEC share counts: classes summed per cover date, the filing nearest before the event, split
// rebasing, the contact User-Agent, and the loopback end-to-end path. Expected numbers are closed
// forms of the inputs written here (sums and products), or quoted from the shared sample.
#include <aftershock/sources/sec_shares.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

#include "support/loopback_server.hpp"
#include "support/paths.hpp"
#include "support/quote_test_support.hpp"
#include "support/temp_dir.hpp"

namespace aftershock::sources {
namespace {

using namespace std::chrono_literals;

calendar::Date day(const char* iso) {
  return *calendar::parse_iso_date(iso);
}

HttpResponse ok(std::string body) {
  HttpResponse response;
  response.transport = Transport::ok;
  response.status = 200;
  response.body = std::move(body);
  return response;
}

// Two share classes on each cover date (as GOOGL/GOOG report), plus a later re-filing of one date.
const char* const k_concept = R"({"cik":1652044,"taxonomy":"dei",
  "tag":"EntityCommonStockSharesOutstanding","entityName":"Example Corp","units":{"shares":[
  {"end":"2024-04-15","val":5800000000,"accn":"A-1","fy":2024,"fp":"Q1","form":"10-Q","filed":"2024-04-25"},
  {"end":"2024-04-15","val":5400000000,"accn":"A-1","fy":2024,"fp":"Q1","form":"10-Q","filed":"2024-04-25"},
  {"end":"2024-07-15","val":5700000000,"accn":"A-2","fy":2024,"fp":"Q2","form":"10-Q","filed":"2024-07-24"},
  {"end":"2024-07-15","val":5300000000,"accn":"A-2","fy":2024,"fp":"Q2","form":"10-Q","filed":"2024-07-24"},
  {"end":"2024-07-15","val":11000000001,"accn":"A-3","fy":2024,"fp":"Q2","form":"10-Q/A","filed":"2024-08-01"}
  ]}})";

TEST(SecShares, ClassesSummedNearestFilingChosenAndRebased) {
  const auto filings = parse_sec_company_concept("GOOGL", ok(k_concept));
  ASSERT_TRUE(filings.has_value()) << filings.error().message;
  ASSERT_EQ(filings->size(), 2U);
  EXPECT_EQ((*filings)[0].end, day("2024-04-15"));
  EXPECT_EQ((*filings)[0].shares, 5800000000.0 + 5400000000.0); // two classes summed
  EXPECT_EQ((*filings)[0].classes, 2);
  EXPECT_EQ((*filings)[1].accession, "A-3"); // the later filing for the same cover date wins
  EXPECT_EQ((*filings)[1].shares, 11000000001.0);

  EXPECT_EQ(choose_filing(*filings, day("2024-04-14")), nullptr);
  EXPECT_EQ(choose_filing(*filings, day("2024-04-15"))->end, day("2024-04-15"));
  EXPECT_EQ(choose_filing(*filings, day("2024-07-14"))->end, day("2024-04-15"));
  EXPECT_EQ(choose_filing(*filings, day("2025-01-01"))->end, day("2024-07-15"));

  const std::vector<SplitEvent> splits = {{day("2024-06-10"), 10.0, 1.0},
                                          {day("2021-07-20"), 4.0, 1.0}};
  EXPECT_EQ(split_factor_after(splits, day("2024-04-15")), 10.0);
  EXPECT_EQ(split_factor_after(splits, day("2024-07-15")), 1.0);
  EXPECT_EQ(split_factor_after(splits, day("2020-01-01")), 40.0);
}

TEST(SecShares, BodiesThatAreNotTheConceptShapeAreBadPayload) {
  EXPECT_EQ(parse_sec_company_concept("X", ok("{}")).error().kind, FailureKind::bad_payload);
  EXPECT_EQ(parse_sec_company_concept("X", ok("<html>")).error().kind, FailureKind::bad_payload);
  HttpResponse forbidden = ok("Your request has been identified as part of a network of automated "
                              "tools");
  forbidden.status = 403;
  EXPECT_EQ(parse_sec_company_concept("X", forbidden).error().kind, FailureKind::unauthorized);
  EXPECT_FALSE(parse_sec_ticker_map(R"({"0":{"ticker":"A"}})").has_value());
  const auto map =
      parse_sec_ticker_map(R"({"0":{"cik_str":1045810,"ticker":"NVDA","title":"NVIDIA CORP"},)"
                           R"("1":{"cik_str":320193,"ticker":"aapl","title":"Apple Inc."}})");
  ASSERT_TRUE(map.has_value());
  EXPECT_EQ(map->at("NVDA"), 1045810);
  EXPECT_EQ(map->at("AAPL"), 320193);
}

// Found by the sec_parsers fuzzer in CI: a numeric accn made nlohmann's value() throw type_error
// out of the parser. Mistyped optional fields, and values whose sum is not finite, are bad
// payloads; absent accn and form stay allowed.
TEST(SecShares, MistypedFieldsAreBadPayload) {
  const auto parse = [](const char* rows) {
    return parse_sec_company_concept("X",
                                     ok(std::string(R"({"units":{"shares":[)") + rows + "]}}"));
  };
  const char* const k_row = R"({"end":"2024-04-15","filed":"2024-04-25","val":5,)";
  for (const char* tail : {R"("accn":5,"form":"10-Q"})", R"("accn":"A","form":10})",
                           R"("accn":null})", R"("form":["10-Q"]})"}) {
    const auto filings = parse((std::string(k_row) + tail).c_str());
    ASSERT_FALSE(filings.has_value()) << tail;
    EXPECT_EQ(filings.error().kind, FailureKind::bad_payload) << tail;
  }
  const auto huge = parse(R"({"end":"2024-04-15","filed":"2024-04-25","val":1.5e308,"accn":"A"},)"
                          R"({"end":"2024-04-15","filed":"2024-04-25","val":1.5e308,"accn":"A"})");
  ASSERT_FALSE(huge.has_value());
  EXPECT_EQ(huge.error().kind, FailureKind::bad_payload);
  const auto bare = parse(R"({"end":"2024-04-15","filed":"2024-04-25","val":5})");
  ASSERT_TRUE(bare.has_value()) << bare.error().message;
  ASSERT_EQ(bare->size(), 1U);
  EXPECT_EQ((*bare)[0].accession, "");
  EXPECT_EQ((*bare)[0].form, "");
  EXPECT_EQ((*bare)[0].shares, 5.0);
}

TEST(SecShares, SharedSample) {
  AFTERSHOCK_REQUIRE_SHARED(shared);
  const auto body = test::read_file(shared / "reference" / "api_payload_samples" /
                                    "sec_companyconcept_shares_sample.json");
  const auto filings = parse_sec_company_concept("NVDA", ok(body));
  ASSERT_TRUE(filings.has_value()) << filings.error().message;
  // The sample's single row: end 2024-11-15, val 24490000000, filed 2024-11-20, form 10-Q.
  ASSERT_EQ(filings->size(), 1U);
  EXPECT_EQ((*filings)[0].end, day("2024-11-15"));
  EXPECT_EQ((*filings)[0].filed, day("2024-11-20"));
  EXPECT_EQ((*filings)[0].shares, 24490000000.0);
  EXPECT_EQ((*filings)[0].form, "10-Q");
}

TEST(SecShares, EndToEndWithContactUserAgentAndCache) {
  test::LoopbackServer server;
  std::atomic<int> hits{0};
  std::mutex mutex;
  std::string agent;
  server.http().Get("/files/company_tickers.json",
                    [&](const httplib::Request& req, httplib::Response& res) {
                      ++hits;
                      if (req.get_header_value("User-Agent").find('@') == std::string::npos) {
                        res.status = 403;
                        res.set_content("Undeclared Automated Tool", "text/html");
                        return;
                      }
                      res.set_content(R"({"0":{"cik_str":1652044,"ticker":"GOOGL","title":"E"},)"
                                      R"("1":{"cik_str":99,"ticker":"NOFACTS","title":"N"}})",
                                      "application/json");
                    });
  server.http().Get(
      R"(/api/xbrl/companyconcept/CIK(\d+)/dei/EntityCommonStockSharesOutstanding.json)",
      [&](const httplib::Request& req, httplib::Response& res) {
        ++hits;
        {
          const std::lock_guard lock(mutex);
          agent = req.get_header_value("User-Agent");
        }
        if (req.matches[1] != "0001652044") {
          res.status = 404;
          res.set_content("<Error><Code>NoSuchKey</Code></Error>", "application/xml");
          return;
        }
        res.set_content(k_concept, "application/json");
      });
  server.start();
  const test::TempDir temp;
  const auto& cache = temp.path();
  test::FakeClock clock;
  FetchOptions options;
  options.cache_dir = cache;
  options.clock = &clock;
  options.env = test::env_from({{"AFTERSHOCK_SEC_BASE_URL", server.base_url()}});
  const std::vector<SharesRequest> requests = {
      {"GOOGL", day("2024-06-20"), {{day("2024-06-10"), 10.0, 1.0}}},
      {"NOFACTS", day("2024-06-20"), {}},
      {"ZZZZ", day("2024-06-20"), {}}};

  // Without a contact nothing is sent.
  const auto refused = fetch_sec_shares(requests, options);
  EXPECT_EQ(hits.load(), 0);
  ASSERT_EQ(refused.failures.size(), 3U);
  EXPECT_EQ(refused.failures[0].failure.kind, FailureKind::unauthorized);

  options.env = test::env_from({{"AFTERSHOCK_SEC_BASE_URL", server.base_url()},
                                {"AFTERSHOCK_SEC_USER_AGENT", "Jane Analyst jane@example.org"}});
  const auto result = fetch_sec_shares(requests, options);
  ASSERT_EQ(result.shares.size(), 1U);
  const auto& googl = result.shares[0];
  EXPECT_EQ(googl.record.ticker, "GOOGL");
  EXPECT_EQ(googl.filing.end, day("2024-04-15"));
  EXPECT_EQ(googl.filing.filed, day("2024-04-25"));
  EXPECT_EQ(googl.split_factor, 10.0);
  EXPECT_EQ(googl.record.shares, (5800000000.0 + 5400000000.0) * 10.0);
  EXPECT_EQ(*googl.record.as_of, day("2024-04-15"));
  EXPECT_NE(googl.record.source.find("filed 2024-04-25"), std::string::npos);
  ASSERT_EQ(result.failures.size(), 2U);
  EXPECT_EQ(result.failures[0].failure.kind, FailureKind::not_found); // 404 from the API
  EXPECT_EQ(result.failures[1].failure.kind, FailureKind::not_found); // not in the ticker map
  {
    const std::lock_guard lock(mutex);
    EXPECT_EQ(agent, "Jane Analyst jane@example.org");
  }
  const int online_hits = hits.load();
  EXPECT_EQ(online_hits, 3);

  options.cache_mode = CacheMode::offline;
  const auto offline = fetch_sec_shares(requests, options);
  EXPECT_EQ(hits.load(), online_hits);
  ASSERT_EQ(offline.shares.size(), 1U);
  EXPECT_TRUE(offline.shares[0].provenance.from_cache);
  EXPECT_EQ(offline.shares[0].record.shares, googl.record.shares);
}

} // namespace
} // namespace aftershock::sources
