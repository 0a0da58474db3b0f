// report::JsonWriter against nlohmann/json (an independent serializer, Debian's 3.11): numbers,
// strings and layout must be byte-identical to nlohmann::ordered_json::dump(2) / dump() of the
// same values, because render_json's output contract is the bytes of that dump.
#include <aftershock/report/json_writer.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace aftershock::report {
namespace {

using Json = nlohmann::ordered_json;

std::string written(double value) {
  JsonWriter w(JsonWriter::Layout::compact);
  w.number(value);
  return w.take();
}

void expect_same_number(double value) {
  EXPECT_EQ(written(value), Json(value).dump()) << std::hexfloat << value;
  EXPECT_EQ(json_number_text(value), Json(value).dump()) << std::hexfloat << value;
}

TEST(JsonWriterNumbers, SpecialValuesAsNlohmann) {
  const double inf = std::numeric_limits<double>::infinity();
  for (const double v : {0.0,
                         -0.0,
                         1.0,
                         -1.0,
                         5.0,
                         0.1,
                         0.5,
                         1e-5,
                         1e-4,
                         0.0001,
                         0.001,
                         1e20,
                         1e+21,
                         1e100,
                         -1e100,
                         1e15,
                         1e16,
                         1e17,
                         123456789012345.0,
                         1234567890123456.0,
                         12345678901234567.0,
                         9007199254740992.0,
                         9007199254740993.0,
                         1.5e300,
                         2.5e-300,
                         0.30000000000000004,
                         1.0 / 3.0,
                         2.0 / 3.0,
                         100.0,
                         1e6,
                         123.456,
                         -0.000123,
                         4.35,
                         0.07,
                         1e-7,
                         5e-324,
                         std::numeric_limits<double>::min(),
                         std::numeric_limits<double>::max(),
                         std::numeric_limits<double>::lowest(),
                         std::numeric_limits<double>::denorm_min(),
                         std::numeric_limits<double>::epsilon()})
    expect_same_number(v);
  // Missing numbers (NaN) and infinities are null, as nlohmann dumps them.
  for (const double v : {std::numeric_limits<double>::quiet_NaN(), inf, -inf}) {
    EXPECT_EQ(written(v), "null");
    EXPECT_EQ(written(v), Json(v).dump());
  }
}

TEST(JsonWriterNumbers, IntegersStoredAsDoubles) {
  for (std::int64_t i = -2000; i <= 2000; ++i)
    expect_same_number(static_cast<double>(i));
  for (int e = 0; e <= 22; ++e) {
    expect_same_number(std::pow(10.0, e));
    expect_same_number(std::pow(10.0, e) + 1.0);
    expect_same_number(-std::pow(2.0, e * 3));
  }
}

TEST(JsonWriterNumbers, RandomDoublesOverTheWholeRange) {
  std::mt19937_64 rng(20261129);
  // Random bit patterns: every exponent, subnormals included.
  for (int i = 0; i < 200000; ++i) {
    const std::uint64_t bits = rng();
    double v = 0.0;
    std::memcpy(&v, &bits, sizeof v);
    if (std::isfinite(v))
      expect_same_number(v);
  }
  // Values of the size the results hold: returns, t statistics, dollars, p-values.
  std::uniform_real_distribution<double> exponent(-12.0, 13.0);
  std::uniform_real_distribution<double> mantissa(-1.0, 1.0);
  for (int i = 0; i < 200000; ++i)
    expect_same_number(mantissa(rng) * std::pow(10.0, exponent(rng)));
  // Subnormals.
  std::uniform_int_distribution<std::uint64_t> subnormal(1, (std::uint64_t{1} << 52) - 1);
  for (int i = 0; i < 20000; ++i) {
    const std::uint64_t bits = subnormal(rng);
    double v = 0.0;
    std::memcpy(&v, &bits, sizeof v);
    expect_same_number(v);
  }
}

TEST(JsonWriterNumbers, IntegersAsNlohmann) {
  const std::vector<std::int64_t> signed_values{0,
                                                1,
                                                -1,
                                                42,
                                                -260,
                                                std::numeric_limits<std::int64_t>::max(),
                                                std::numeric_limits<std::int64_t>::min(),
                                                std::numeric_limits<std::int32_t>::min()};
  for (const auto v : signed_values) {
    JsonWriter w(JsonWriter::Layout::compact);
    w.integer(v);
    EXPECT_EQ(w.take(), Json(v).dump());
  }
  for (const std::uint64_t v : {std::uint64_t{0}, std::uint64_t{7}, std::uint64_t{1} << 63,
                                std::numeric_limits<std::uint64_t>::max()}) {
    JsonWriter w(JsonWriter::Layout::compact);
    w.unsigned_integer(v);
    EXPECT_EQ(w.take(), Json(v).dump());
  }
  JsonWriter w(JsonWriter::Layout::compact);
  w.begin_array();
  w.boolean(true);
  w.boolean(false);
  w.null();
  w.end_array();
  EXPECT_EQ(w.take(), Json::array({true, false, nullptr}).dump());
}

std::string written_string(const std::string& text) {
  JsonWriter w(JsonWriter::Layout::compact);
  w.string(text);
  return w.take();
}

TEST(JsonWriterStrings, EscapingAsNlohmann) {
  for (int c = 0; c < 0x80; ++c) {
    const std::string text = "a" + std::string(1, static_cast<char>(c)) + "b";
    EXPECT_EQ(written_string(text), Json(text).dump()) << "byte " << c;
    EXPECT_EQ(written_string(std::string(1, static_cast<char>(c))),
              Json(std::string(1, static_cast<char>(c))).dump())
        << "byte " << c;
  }
  for (const std::string text :
       {"", "plain", "quote \" and backslash \\", "tab\tnew\nline\r\f\b", "\x01\x1f\x7f",
        "caf\xc3\xa9", "\xe4\xb8\xad\xe6\x96\x87", "emoji \xf0\x9f\x93\x88 \"q\"\n",
        "\"firms\": []", "mixed \xc3\xa9\t\x02"})
    EXPECT_EQ(written_string(text), Json(text).dump()) << text;
  // Keys are escaped the same way.
  JsonWriter w(JsonWriter::Layout::pretty);
  w.begin_object();
  w.key("k\"\n\xc3\xa9");
  w.string("v");
  w.end_object();
  EXPECT_EQ(w.take(), (Json{{"k\"\n\xc3\xa9", "v"}}.dump(2)));
}

TEST(JsonWriterStrings, InvalidUtf8ThrowsAsNlohmann) {
  for (const std::string text : {"\xff", "ab\xc3", "\xc3\x28", "x\xe2\x82"}) {
    EXPECT_THROW((void)Json(text).dump(), nlohmann::json::type_error);
    EXPECT_THROW((void)written_string(text), nlohmann::json::type_error);
  }
}

TEST(JsonWriterDates, IsoText) {
  JsonWriter w(JsonWriter::Layout::compact);
  w.begin_array();
  for (const char* iso : {"2025-01-27", "1000-12-31", "9999-01-01", "1970-01-01"})
    w.date(*calendar::parse_iso_date(iso));
  w.end_array();
  EXPECT_EQ(w.take(), R"(["2025-01-27","1000-12-31","9999-01-01","1970-01-01"])");
}

// Writes `value` with the writer, walking the tree (objects in their order).
void write_tree(JsonWriter& w, const Json& value) {
  switch (value.type()) {
  case Json::value_t::object:
    w.begin_object();
    for (const auto& [key, item] : value.items()) {
      w.key(key);
      write_tree(w, item);
    }
    w.end_object();
    break;
  case Json::value_t::array:
    w.begin_array();
    for (const auto& item : value)
      write_tree(w, item);
    w.end_array();
    break;
  case Json::value_t::string:
    w.string(value.get_ref<const std::string&>());
    break;
  case Json::value_t::number_float:
    w.number(value.get<double>());
    break;
  case Json::value_t::number_integer:
    w.integer(value.get<std::int64_t>());
    break;
  case Json::value_t::number_unsigned:
    w.unsigned_integer(value.get<std::uint64_t>());
    break;
  case Json::value_t::boolean:
    w.boolean(value.get<bool>());
    break;
  default:
    w.null();
  }
}

// A random tree: nested objects and arrays (empty ones too), every scalar kind.
Json random_tree(std::mt19937_64& rng, int depth) {
  const auto pick = rng() % (depth > 4 ? 6 : 8);
  switch (pick) {
  case 0:
    return nullptr;
  case 1:
    return static_cast<double>(static_cast<std::int64_t>(rng() % 2000) - 1000) / 8.0;
  case 2:
    return static_cast<std::int64_t>(rng() % 1000) - 500;
  case 3:
    return rng() % 2 == 0;
  case 4:
    return "s" + std::to_string(rng() % 100) + (rng() % 3 == 0 ? "\"\n" : "");
  case 5:
    return static_cast<std::uint64_t>(rng());
  case 6: {
    Json a = Json::array();
    const auto n = rng() % 4;
    for (std::uint64_t i = 0; i < n; ++i)
      a.push_back(random_tree(rng, depth + 1));
    return a;
  }
  default: {
    Json o = Json::object();
    const auto n = rng() % 4;
    for (std::uint64_t i = 0; i < n; ++i)
      o["k" + std::to_string(i)] = random_tree(rng, depth + 1);
    return o;
  }
  }
}

TEST(JsonWriterLayout, RandomTreesAsDump2AndDump) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 2000; ++i) {
    const Json tree = random_tree(rng, 0);
    JsonWriter pretty(JsonWriter::Layout::pretty);
    write_tree(pretty, tree);
    EXPECT_EQ(pretty.take(), tree.dump(2));
    JsonWriter compact(JsonWriter::Layout::compact);
    write_tree(compact, tree);
    EXPECT_EQ(compact.take(), tree.dump());
  }
}

// The writer stages short writes in a fixed buffer and writes long ones directly: nesting deeper
// than its constant indentation line (31 levels), strings and keys longer than a staged write
// (256 bytes) or needing escapes, and enough values to fill the stage many times, all come out
// as nlohmann writes them, with text() read in between.
TEST(JsonWriterLayout, DeepNestingLongTextAndManyValuesAsDump) {
  Json deep = 1.5;
  for (int level = 0; level < 120; ++level)
    deep = level % 2 == 0 ? Json::array({deep, level}) : Json{{"level", deep}};
  const std::string long_text(5000, 'x');
  const std::string long_escaped = std::string(300, 'y') + "\"\n" + std::string(300, 'z');
  Json wide = Json::object();
  wide[long_text] = long_escaped;
  wide[std::string(253, 'k')] = std::string(254, 'v'); // at the staged limit
  wide["deep"] = deep;
  Json many = Json::array();
  for (int i = 0; i < 5000; ++i)
    many.push_back(Json{{"i", i}, {"x", i / 7.0}, {"s", std::to_string(i)}, {"n", nullptr}});
  wide["many"] = many;
  for (const auto layout : {JsonWriter::Layout::pretty, JsonWriter::Layout::compact}) {
    JsonWriter w(layout);
    write_tree(w, wide);
    const std::string expected = layout == JsonWriter::Layout::pretty ? wide.dump(2) : wide.dump();
    EXPECT_EQ(w.text(), expected); // text() without take()
    EXPECT_EQ(w.take(), expected);
    EXPECT_EQ(w.take(), "");
  }
}

// text() in the middle of writing (the renderer sizes its buffer from the first element) leaves
// the rest of the text unchanged.
TEST(JsonWriterLayout, TextInTheMiddleKeepsTheWholeText) {
  const Json tree = {{"a", Json::array({1, 2.25, "three"})}, {"b", {{"c", nullptr}}}};
  JsonWriter w(JsonWriter::Layout::pretty);
  w.begin_object();
  w.key("a");
  write_tree(w, tree["a"]);
  const std::string part = w.text();
  EXPECT_EQ(part, "{\n  \"a\": [\n    1,\n    2.25,\n    \"three\"\n  ]");
  w.key("b");
  write_tree(w, tree["b"]);
  w.end_object();
  EXPECT_EQ(w.take(), tree.dump(2));
}

// An array written in pieces by resumed writers equals the array written at once.
TEST(JsonWriterLayout, ResumedPiecesJoinToTheWholeText) {
  const Json tree = {{"a", 1}, {"list", {1, {{"x", 2.5}}, "three", Json::array(), 5}}};
  for (const auto layout : {JsonWriter::Layout::pretty, JsonWriter::Layout::compact}) {
    const std::string whole = layout == JsonWriter::Layout::pretty ? tree.dump(2) : tree.dump();
    for (std::size_t split = 0; split <= 5; ++split) {
      JsonWriter head(layout);
      head.begin_object();
      head.key("a");
      head.integer(1);
      head.key("list");
      head.begin_array();
      std::string text = head.take();
      const auto& items = tree["list"];
      JsonWriter first(layout, 2, JsonWriter::Innermost::empty);
      for (std::size_t i = 0; i < split; ++i)
        write_tree(first, items[i]);
      text += first.take();
      JsonWriter second(layout, 2,
                        split > 0 ? JsonWriter::Innermost::has_elements
                                  : JsonWriter::Innermost::empty);
      for (std::size_t i = split; i < 5; ++i)
        write_tree(second, items[i]);
      text += second.take();
      head.set_innermost(JsonWriter::Innermost::has_elements);
      head.end_array();
      head.end_object();
      text += head.take();
      EXPECT_EQ(text, whole) << split;
    }
  }
}

} // namespace
} // namespace aftershock::report
