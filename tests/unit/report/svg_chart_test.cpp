// The SVG chart (report/svg_chart.hpp), parsed with tinyxml2: elements present, and the plotted
// coordinates mapped back through the chart's own axis labels to the numbers of the result
// (chart_result.hpp). Pixel coordinates are written with two decimals, so values agree to
// within 0.01 px / (pixels per unit).
#include <aftershock/report/svg_chart.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <tinyxml2.h>
#include <vector>

#include "chart_result.hpp"

namespace aftershock::report {
namespace {

using tinyxml2::XMLDocument;
using tinyxml2::XMLElement;

bool has_class(const XMLElement* e, std::string_view name) {
  const char* value = e->Attribute("class");
  if (value == nullptr)
    return false;
  std::istringstream words(value);
  std::string word;
  while (words >> word)
    if (word == name)
      return true;
  return false;
}

// Every element below `root` (depth first, document order) with class `name`.
void collect(const XMLElement* root, std::string_view name, std::vector<const XMLElement*>& out) {
  for (const XMLElement* e = root->FirstChildElement(); e != nullptr; e = e->NextSiblingElement()) {
    if (has_class(e, name))
      out.push_back(e);
    collect(e, name, out);
  }
}

std::vector<const XMLElement*> all(const XMLElement* root, std::string_view name) {
  std::vector<const XMLElement*> out;
  collect(root, name, out);
  return out;
}

double number(const XMLElement* e, const char* attribute) {
  return std::stod(e->Attribute(attribute));
}

std::vector<std::pair<double, double>> parse_points(const char* text) {
  std::vector<std::pair<double, double>> out;
  std::istringstream in(text);
  std::string pair;
  while (in >> pair) {
    const auto comma = pair.find(',');
    out.emplace_back(std::stod(pair.substr(0, comma)), std::stod(pair.substr(comma + 1)));
  }
  return out;
}

// The y axis as the reader sees it: value = a + b * pixel, from the first and last y label
// (their text, e.g. "-15%" or "-300", times `unit`).
struct Axis {
  double a = 0.0;
  double b = 0.0;
  double value(double pixel) const { return a + b * pixel; }
};

Axis read_axis(const XMLElement* panel, double unit) {
  const auto labels = all(panel, "y-label");
  EXPECT_GE(labels.size(), 3U);
  const auto read = [&](const XMLElement* e) {
    std::string text = e->GetText();
    if (!text.empty() && text.back() == '%')
      text.pop_back();
    return std::pair{number(e, "y"), std::stod(text) * unit};
  };
  const auto [y0, v0] = read(labels.front());
  const auto [y1, v1] = read(labels.back());
  Axis axis;
  axis.b = (v1 - v0) / (y1 - y0);
  axis.a = v0 - axis.b * y0;
  return axis;
}

struct Chart {
  XMLDocument doc;
  const XMLElement* caar = nullptr;
  const XMLElement* waterfall = nullptr;
};

void parse(Chart& chart, const study::StudyResult& result) {
  const std::string svg = render_svg_chart(result);
  ASSERT_EQ(chart.doc.Parse(svg.c_str(), svg.size()), tinyxml2::XML_SUCCESS)
      << chart.doc.ErrorStr();
  const XMLElement* root = chart.doc.RootElement();
  ASSERT_STREQ(root->Name(), "svg");
  ASSERT_STREQ(root->Attribute("xmlns"), "http://www.w3.org/2000/svg");
  const auto caar = all(root, "caar-chart");
  const auto waterfall = all(root, "waterfall");
  ASSERT_EQ(caar.size(), 1U);
  ASSERT_EQ(waterfall.size(), 1U);
  chart.caar = caar.front();
  chart.waterfall = waterfall.front();
}

TEST(SvgChart, CaarLineAtDayZeroMapsBackToTheCaar) {
  const auto result = test::chart_result();
  Chart chart;
  parse(chart, result);
  const auto axis = read_axis(chart.caar, 0.01);
  const double tolerance = 0.011 * std::abs(axis.b);

  const auto day0 = all(chart.caar, "day0");
  ASSERT_EQ(day0.size(), 1U);
  const double x0 = number(day0.front(), "x1");
  const auto lines = all(chart.caar, "caar");
  ASSERT_EQ(lines.size(), 1U);
  const auto points = parse_points(lines.front()->Attribute("points"));
  ASSERT_EQ(points.size(), 3U);
  const auto at_day0 = std::find_if(points.begin(), points.end(),
                                    [&](const auto& p) { return std::abs(p.first - x0) < 0.01; });
  ASSERT_NE(at_day0, points.end());
  EXPECT_NEAR(axis.value(at_day0->second), -0.0622, tolerance);
  EXPECT_NEAR(axis.value(points.back().second), -0.0313, tolerance);

  // The band covers the days with an interval (0 and 1): upper then lower, 4 corners.
  const auto band = all(chart.caar, "caar-band");
  ASSERT_EQ(band.size(), 1U);
  const auto corners = parse_points(band.front()->Attribute("points"));
  ASSERT_EQ(corners.size(), 4U);
  EXPECT_NEAR(axis.value(corners[0].second), 0.03, tolerance);
  EXPECT_NEAR(axis.value(corners[1].second), 0.06, tolerance);
  EXPECT_NEAR(axis.value(corners[2].second), -0.12, tolerance);
  EXPECT_NEAR(axis.value(corners[3].second), -0.15, tolerance);

  // Firm lines: one per ok firm, ARM starting at day 0; NVDA ends at its CAR over -1:1.
  std::map<std::string, std::vector<std::pair<double, double>>> firms;
  for (const auto* e : all(chart.caar, "firm-car"))
    firms[e->Attribute("data-ticker")] = parse_points(e->Attribute("points"));
  ASSERT_EQ(firms.size(), 3U);
  EXPECT_EQ(firms["ARM"].size(), 2U);
  EXPECT_NEAR(firms["ARM"].front().first, x0, 0.01);
  EXPECT_NEAR(axis.value(firms["NVDA"].back().second), -0.0734, tolerance);
  EXPECT_NEAR(axis.value(firms["AVGO"][1].second), 0.03, tolerance);

  // Labels: offsets, dates, axis titles.
  std::vector<std::string> offsets;
  for (const auto* e : all(chart.caar, "x-label"))
    offsets.emplace_back(e->GetText());
  EXPECT_EQ(offsets, (std::vector<std::string>{"-1", "0", "1"}));
  std::vector<std::string> dates;
  for (const auto* e : all(chart.caar, "x-date"))
    dates.emplace_back(e->GetText());
  EXPECT_EQ(dates, (std::vector<std::string>{"Jan 24", "Jan 27", "Jan 28"}));
  std::string titles;
  for (const auto* e : all(chart.caar, "axis-title"))
    titles += std::string(e->GetText()) + "|";
  EXPECT_NE(titles.find("day 0 = 2025-01-27"), std::string::npos) << titles;
  EXPECT_NE(titles.find("(%)"), std::string::npos) << titles;
}

struct Rect {
  double top;
  double bottom;
  double value;
};

TEST(SvgChart, WaterfallBarsFollowTheDollarChanges) {
  const auto result = test::chart_result();
  Chart chart;
  parse(chart, result);
  const auto axis = read_axis(chart.waterfall, 1e9); // labels in $bn
  const double tolerance = 0.011 * std::abs(axis.b); // dollars per 0.011 px

  // Bars in order: NVDA (-$300bn), AVGO (+$100bn), then the total; ARM has no shares.
  std::vector<std::string> order;
  std::map<std::string, std::map<std::string, Rect>> bars;
  for (const auto* group : all(chart.waterfall, "bar")) {
    const std::string ticker = group->Attribute("data-ticker");
    order.push_back(ticker);
    for (const char* part : {"abnormal", "normal"}) {
      const auto rects = all(group, part);
      ASSERT_EQ(rects.size(), 1U) << ticker << " " << part;
      const double y = number(rects[0], "y");
      const double height = number(rects[0], "height");
      bars[ticker][part] = {y, y + height, number(rects[0], "data-value")};
    }
  }
  EXPECT_EQ(order, (std::vector<std::string>{"NVDA", "AVGO", "Total"}));

  // Each part's height is its dollar amount; the parts run on from the previous firm's end.
  const auto expect_span = [&](const Rect& r, double from, double to) {
    EXPECT_NEAR(axis.value(r.top), std::max(from, to), tolerance);
    EXPECT_NEAR(axis.value(r.bottom), std::min(from, to), tolerance);
    EXPECT_NEAR((r.bottom - r.top) * std::abs(axis.b), std::abs(to - from), tolerance);
  };
  expect_span(bars["NVDA"]["abnormal"], 0.0, -2.5e11);
  expect_span(bars["NVDA"]["normal"], -2.5e11, -3.0e11);
  expect_span(bars["AVGO"]["abnormal"], -3.0e11, -1.5e11);
  expect_span(bars["AVGO"]["normal"], -1.5e11, -2.0e11);
  expect_span(bars["Total"]["abnormal"], 0.0, -1.0e11);
  expect_span(bars["Total"]["normal"], -1.0e11, -2.0e11);
  EXPECT_EQ(bars["NVDA"]["abnormal"].value, -2.5e11);
  EXPECT_EQ(bars["AVGO"]["normal"].value, -0.5e11);

  std::vector<std::string> labels;
  for (const auto* e : all(chart.waterfall, "bar-label"))
    labels.emplace_back(e->GetText());
  EXPECT_EQ(labels, order);
  const auto caption = all(chart.waterfall, "caption");
  ASSERT_EQ(caption.size(), 1U);
  const std::string text = caption[0]->GetText();
  EXPECT_NE(text.find("-$200.0bn"), std::string::npos) << text;
  EXPECT_NE(text.find("Left out (no share count): ARM"), std::string::npos) << text;
  std::string titles;
  for (const auto* e : all(chart.waterfall, "axis-title"))
    titles += e->GetText();
  EXPECT_NE(titles.find("$bn"), std::string::npos);
}

TEST(SvgChart, WithoutSharesSaysSoAndEscapesText) {
  auto result = test::chart_result();
  auto& event = result.events[0];
  event.id = "a<b & \"c\"";
  for (auto& firm : event.firms)
    for (auto& car : firm.cars)
      car.market_cap_change = std::nan("");
  Chart chart;
  parse(chart, result);
  EXPECT_EQ(all(chart.waterfall, "abnormal").size(), 0U);
  ASSERT_EQ(all(chart.waterfall, "no-data").size(), 1U);
  EXPECT_STREQ(chart.caar->Attribute("data-event"), "a<b & \"c\"");
}

TEST(SvgChart, OneDayWindowAndNoIntervalStillDraw) {
  auto result = test::chart_result();
  auto& event = result.events[0];
  event.event_window = {0, 0};
  event.aggregate.caar_path = {{0, test::day(27), 1, -0.05, std::nan(""), std::nan("")}};
  for (auto& firm : event.firms)
    firm.car_path = {firm.car_path.size() > 1 ? firm.car_path[1] : std::nan("")};
  Chart chart;
  parse(chart, result);
  EXPECT_EQ(all(chart.caar, "caar-point").size(), 1U);
  EXPECT_EQ(all(chart.caar, "caar-band").size(), 0U);
  EXPECT_EQ(all(chart.caar, "day0").size(), 1U);
}

} // namespace
} // namespace aftershock::report
