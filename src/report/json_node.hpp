#pragma once
// Internal to report: checked access to a parsed JSON document for result_reader.cpp. Every
// accessor checks the type (and range) it reads and throws aftershock::Error naming the source,
// the JSON Pointer path and the value otherwise. Header-only: small inline accessors.

#include <aftershock/calendar/date.hpp>
#include <aftershock/events/window.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aftershock::report::json_reading {

using Json = nlohmann::ordered_json; // keeps the key order of test maps

// A JSON value with its JSON Pointer path (e.g. /events/0/firms/3/cars), so that every error
// names the file, the place and the offending value, with `hint`. Refers to the document, the
// source name and the hint: they must outlive the node and its children.
class Node {
public:
  Node(const Json& value, std::string path, const std::string& source, std::string_view hint)
      : m_value(value), m_path(std::move(path)), m_source(source), m_hint(hint) {}

  [[noreturn]] void fail(std::string_view expected) const {
    const auto shown = m_value.dump();
    throw Error(fmt::format("{}: {} is {}, expected {}", m_source, m_path.empty() ? "/" : m_path,
                            util::quote_for_message(shown), expected),
                std::string(m_hint));
  }

  Node key(std::string_view name) const {
    if (!m_value.is_object())
      fail("an object");
    const auto found = m_value.find(std::string(name));
    if (found == m_value.end())
      throw Error(
          fmt::format("{}: {} has no key \"{}\"", m_source, m_path.empty() ? "/" : m_path, name),
          std::string(m_hint));
    return {*found, m_path + "/" + std::string(name), m_source, m_hint};
  }

  bool is_null() const { return m_value.is_null(); }

  bool has(std::string_view name) const {
    return m_value.is_object() && m_value.contains(std::string(name));
  }

  std::vector<Node> items(std::size_t exact_size = 0) const {
    if (!m_value.is_array() || (exact_size > 0 && m_value.size() != exact_size))
      fail(exact_size > 0 ? fmt::format("an array of {}", exact_size) : "an array");
    std::vector<Node> out;
    for (std::size_t i = 0; i < m_value.size(); ++i)
      out.emplace_back(m_value[i], fmt::format("{}/{}", m_path, i), m_source, m_hint);
    return out;
  }

  std::vector<std::pair<std::string, Node>> members() const {
    if (!m_value.is_object())
      fail("an object");
    std::vector<std::pair<std::string, Node>> out;
    for (const auto& [name, value] : m_value.items())
      out.emplace_back(name, Node(value, m_path + "/" + name, m_source, m_hint));
    return out;
  }

  // A number; null reads as NaN.
  double number() const {
    if (m_value.is_null())
      return std::numeric_limits<double>::quiet_NaN();
    if (!m_value.is_number())
      fail("a number or null");
    return m_value.get<double>();
  }

  std::optional<double> optional_number() const {
    if (m_value.is_null())
      return std::nullopt;
    return number();
  }

  long long integer(long long low, long long high) const {
    if (!m_value.is_number_integer())
      fail("a whole number");
    const auto value = m_value.get<long long>();
    if (value < low || value > high)
      fail(fmt::format("a whole number from {} to {}", low, high));
    return value;
  }

  int int_value() const {
    return static_cast<int>(
        integer(std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
  }

  std::string text() const {
    if (!m_value.is_string())
      fail("a string");
    return m_value.get<std::string>();
  }

  // A string or null (null reads as "").
  std::string optional_text() const { return m_value.is_null() ? std::string() : text(); }

  std::vector<std::string> texts() const {
    std::vector<std::string> out;
    for (const auto& item : items())
      out.push_back(item.text());
    return out;
  }

  calendar::Date date() const {
    const auto value = calendar::parse_iso_date(text());
    if (!value)
      fail("a date YYYY-MM-DD");
    return *value;
  }

  events::Window window() const {
    const auto ends = items(2);
    const events::Window w{ends[0].int_value(), ends[1].int_value()};
    if (w.first > w.last)
      fail("a window [a, b] with a <= b");
    return w;
  }

  // Two numbers [low, high] (either may be null).
  std::pair<double, double> interval() const {
    const auto ends = items(2);
    return {ends[0].number(), ends[1].number()};
  }

  template <typename T, typename Parser> T choice(Parser parser, std::string_view expected) const {
    const auto value = parser(text());
    if (!value)
      fail(expected);
    return *value;
  }

private:
  const Json& m_value;
  std::string m_path;
  const std::string& m_source;
  std::string_view m_hint;
};

} // namespace aftershock::report::json_reading
