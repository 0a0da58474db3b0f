#include "support/quote_test_support.hpp"

#include <aftershock/util/parse.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <zlib.h>

#include "support/paths.hpp"

namespace aftershock::test {

sources::EnvLookup env_from(std::map<std::string, std::string> variables) {
  return [variables = std::move(variables)](std::string_view name) {
    const auto found = variables.find(std::string(name));
    return found == variables.end() ? std::string() : found->second;
  };
}

std::string gzip(const std::string& text) {
  z_stream stream{};
  // windowBits 15 + 16 selects the gzip wrapper (zlib manual, deflateInit2).
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK)
    throw std::runtime_error("deflateInit2 failed");
  std::string out(deflateBound(&stream, static_cast<uLong>(text.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&stream, Z_FINISH);
  deflateEnd(&stream);
  if (status != Z_STREAM_END)
    throw std::runtime_error("deflate failed");
  out.resize(stream.total_out);
  return out;
}

std::vector<CsvBar> read_bundled_prices(const std::string& ticker) {
  const std::string text = read_file(data_dir() / "prices" / (ticker + ".csv"));
  std::vector<CsvBar> bars;
  std::istringstream lines(text);
  std::string line;
  std::getline(lines, line); // header date,close,adj_close,volume
  while (std::getline(lines, line)) {
    const auto fields = util::split(util::trim(line), ',');
    if (fields.size() < 4)
      continue;
    bars.push_back({*calendar::parse_iso_date(fields[0]), *util::parse_double(fields[1]),
                    *util::parse_double(fields[2]), *util::parse_double(fields[3])});
  }
  return bars;
}

namespace {
long long open_stamp(calendar::Date date) {
  return static_cast<long long>(date.time_since_epoch().count()) * 86400 + 14 * 3600 + 30 * 60;
}
} // namespace

std::string yahoo_chart_body(const std::vector<CsvBar>& bars, const YahooBodyOptions& options) {
  using Json = nlohmann::json;
  Json timestamps = Json::array(), close = Json::array(), adj = Json::array(),
       volume = Json::array(), open = Json::array();
  for (std::size_t i = 0; i < bars.size(); ++i) {
    timestamps.push_back(open_stamp(bars[i].date));
    if (static_cast<int>(i) == options.null_close_at) {
      close.push_back(nullptr);
      adj.push_back(nullptr);
      volume.push_back(nullptr);
      open.push_back(nullptr);
    } else {
      close.push_back(bars[i].close);
      adj.push_back(bars[i].adj_close);
      volume.push_back(static_cast<long long>(bars[i].volume));
      open.push_back(bars[i].close);
    }
  }
  Json meta = {{"currency", "USD"},
               {"symbol", options.symbol},
               {"exchangeName", "NMS"},
               {"instrumentType", "EQUITY"},
               {"gmtoffset", -18000},
               {"timezone", "EST"},
               {"exchangeTimezoneName", "America/New_York"},
               {"dataGranularity", "1d"},
               {"range", ""}};
  Json result = {{"meta", meta},
                 {"timestamp", timestamps},
                 {"indicators",
                  {{"quote", Json::array({{{"volume", volume},
                                           {"low", open},
                                           {"close", close},
                                           {"open", open},
                                           {"high", open}}})},
                   {"adjclose", Json::array({{{"adjclose", adj}}})}}}};
  if (options.split_10_for_1_on_2024_06_10) {
    const auto stamp = open_stamp(*calendar::parse_iso_date("2024-06-10"));
    result["events"]["splits"][std::to_string(stamp)] = {
        {"date", stamp}, {"numerator", 10}, {"denominator", 1}, {"splitRatio", "10:1"}};
  }
  if (options.dividend_0_01_on_2024_03_05) {
    const auto stamp = open_stamp(*calendar::parse_iso_date("2024-03-05"));
    result["events"]["dividends"][std::to_string(stamp)] = {{"amount", 0.01}, {"date", stamp}};
  }
  const Json body = {{"chart", {{"result", Json::array({result})}, {"error", nullptr}}}};
  return body.dump();
}

std::string stooq_csv_body(const std::vector<CsvBar>& bars) {
  std::string body = "Date,Open,High,Low,Close,Volume\r\n";
  char line[160];
  for (const auto& bar : bars) {
    std::snprintf(line, sizeof line, "%s,%.17g,%.17g,%.17g,%.17g,%.0f\r\n",
                  calendar::format_iso(bar.date).c_str(), bar.close, bar.close, bar.close,
                  bar.close, bar.volume);
    body += line;
  }
  return body;
}

std::string alphavantage_daily_body(const std::vector<CsvBar>& bars, const std::string& symbol) {
  // nlohmann::json sorts object keys ascending; the real API sends dates descending, so the body
  // is written by hand in that order.
  std::string series;
  char value[64];
  for (auto it = bars.rbegin(); it != bars.rend(); ++it) {
    if (!series.empty())
      series += ",";
    std::snprintf(value, sizeof value, "%.17g", it->close);
    const std::string close = value;
    std::snprintf(value, sizeof value, "%.0f", it->volume);
    series += "\"" + calendar::format_iso(it->date) + "\":{\"1. open\":\"" + close +
              "\",\"2. high\":\"" + close + "\",\"3. low\":\"" + close + "\",\"4. close\":\"" +
              close + "\",\"5. volume\":\"" + value + "\"}";
  }
  return "{\"Meta Data\":{\"1. Information\":\"Daily Prices (open, high, low, close) and "
         "Volumes\",\"2. Symbol\":\"" +
         symbol +
         "\",\"3. Last Refreshed\":\"2025-06-30\",\"4. Output Size\":\"Full size\",\"5. Time "
         "Zone\":\"US/Eastern\"},\"Time Series (Daily)\":{" +
         series + "}}";
}

std::string read_tree(const std::filesystem::path& directory) {
  std::string all;
  if (!std::filesystem::exists(directory))
    return all;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(directory)) {
    if (entry.is_regular_file())
      all += read_file(entry.path());
  }
  return all;
}

} // namespace aftershock::test
