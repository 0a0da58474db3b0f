// The SVG chart (svg_chart.hpp). Layout arithmetic only: positions, running totals of the
// waterfall and axis ranges; every plotted value comes from the result structs. About 490
// lines: the two panels share the axis, legend and scale helpers here and are mostly long
// attribute lists (one per line after clang-format); the element writer is svg_canvas.cpp.
#include <aftershock/calendar/date.hpp>
#include <aftershock/events/window.hpp>
#include <aftershock/report/number_format.hpp>
#include <aftershock/report/svg_chart.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "svg_canvas.hpp"

namespace aftershock::report {
namespace {

using svg::Attributes;
using svg::Canvas;
using svg::coordinate;
using svg::Point;

constexpr double k_width = 960.0;
constexpr double k_left = 90.0;   // room for y labels and the y-axis title
constexpr double k_right = 120.0; // room for firm labels at the line ends
constexpr double k_plot_width = k_width - k_left - k_right;
constexpr double k_plot_height = 330.0;
constexpr double k_event_height = 960.0; // one event: title, panel (a), panel (b)

constexpr const char* k_band_fill = "#9ecae1";
constexpr const char* k_caar_colour = "#08519c";
constexpr const char* k_firm_colour = "#a0a0a0";
constexpr const char* k_abnormal_colour = "#d95f02"; // ColorBrewer Dark2: colour-blind safe
constexpr const char* k_normal_colour = "#7570b3";

// Maps [d0, d1] linearly onto [r0, r1].
struct Scale {
  double d0;
  double d1;
  double r0;
  double r1;
  [[nodiscard]] double operator()(double v) const { return r0 + (v - d0) / (d1 - d0) * (r1 - r0); }
};

std::string short_date(calendar::Date date) {
  static constexpr std::array<const char*, 12> k_months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::chrono::year_month_day ymd{date};
  return fmt::format("{} {}", k_months.at(static_cast<unsigned>(ymd.month()) - 1),
                     static_cast<unsigned>(ymd.day()));
}

// A value range that includes 0 and every finite value, widened when empty or degenerate.
struct Range {
  double low = 0.0;
  double high = 0.0;
  void add(double v) {
    if (std::isfinite(v)) {
      low = std::min(low, v);
      high = std::max(high, v);
    }
  }
  void widen() {
    if (!(high > low)) {
      low -= 1.0;
      high += 1.0;
    }
  }
};

// Horizontal grid lines with labels `label(tick)` at the left of the plot; returns the scale.
Scale y_axis(Canvas& canvas, Range range, double top, double unit,
             std::string (*label)(double, int)) {
  range.widen();
  const auto ticks = svg::nice_ticks(range.low / unit, range.high / unit, 6);
  const int decimals = svg::tick_decimals(ticks);
  const Scale y{ticks.front() * unit, ticks.back() * unit, top + k_plot_height, top};
  for (const double tick : ticks) {
    const double py = y(tick * unit);
    canvas.element("line", {{"class", "y-grid"},
                            {"x1", coordinate(k_left)},
                            {"x2", coordinate(k_left + k_plot_width)},
                            {"y1", coordinate(py)},
                            {"y2", coordinate(py)},
                            {"stroke", tick == 0.0 ? "#404040" : "#e0e0e0"},
                            {"stroke-width", tick == 0.0 ? "1" : "0.8"}});
    canvas.text({{"class", "y-label"},
                 {"x", coordinate(k_left - 8)},
                 {"y", coordinate(py)},
                 {"text-anchor", "end"},
                 {"dominant-baseline", "middle"}},
                label(tick, decimals));
  }
  return y;
}

std::string percent_label(double tick, int decimals) {
  return fmt::format("{:.{}f}%", tick, decimals);
}

std::string billions_label(double tick, int decimals) {
  return fmt::format("{:.{}f}", tick, decimals);
}

void y_title(Canvas& canvas, double top, std::string_view title) {
  const double cy = top + k_plot_height / 2;
  canvas.text({{"class", "axis-title"},
               {"x", coordinate(22)},
               {"y", coordinate(cy)},
               {"text-anchor", "middle"},
               {"transform", fmt::format("rotate(-90 22 {})", coordinate(cy))}},
              title);
}

// A legend entry: a short line in `colour` (width `stroke_width`) or, with stroke_width 0, a
// filled square, then `label`.
void legend_item(Canvas& canvas, double x, double y, std::string_view colour, double stroke_width,
                 std::string_view label) {
  if (stroke_width > 0.0)
    canvas.element("line", {{"x1", coordinate(x)},
                            {"x2", coordinate(x + 18)},
                            {"y1", coordinate(y)},
                            {"y2", coordinate(y)},
                            {"stroke", std::string(colour)},
                            {"stroke-width", coordinate(stroke_width)}});
  else
    canvas.element("rect", {{"x", coordinate(x)},
                            {"y", coordinate(y - 6)},
                            {"width", "18"},
                            {"height", "12"},
                            {"fill", std::string(colour)}});
  canvas.text({{"x", coordinate(x + 22)}, {"y", coordinate(y)}, {"dominant-baseline", "middle"}},
              label);
}

// Polyline pieces of the finite points of `values` (a NaN breaks the line).
std::vector<std::vector<Point>> runs(const std::vector<double>& values, const Scale& x,
                                     const Scale& y, int first_offset) {
  std::vector<std::vector<Point>> out(1);
  for (std::size_t j = 0; j < values.size(); ++j) {
    if (!std::isfinite(values[j])) {
      if (!out.back().empty())
        out.emplace_back();
      continue;
    }
    out.back().push_back({x(first_offset + static_cast<double>(j)), y(values[j])});
  }
  if (out.back().empty())
    out.pop_back();
  return out;
}

void caar_panel(Canvas& canvas, const study::EventResult& event, double top) {
  const auto& path = event.aggregate.caar_path;
  const int first = event.event_window.first;
  const int last = event.event_window.last;
  canvas.open_group({{"class", "caar-chart"}, {"data-event", event.id}});
  canvas.text({{"class", "panel-title"},
               {"x", coordinate(k_left)},
               {"y", coordinate(top - 34)},
               {"font-size", "14"},
               {"font-weight", "bold"}},
              fmt::format("(a) Cumulative average abnormal return, event window {} ({} firms)",
                          events::format_window(event.event_window), event.aggregate.n_firms));
  // Legend under the title.
  const double ly = top - 14;
  legend_item(canvas, k_left, ly, k_caar_colour, 2.5, "CAAR");
  legend_item(canvas, k_left + 80, ly, k_band_fill, 0.0, "95% confidence band (cross-sectional t)");
  legend_item(canvas, k_left + 360, ly, k_firm_colour, 1.0, "CAR of each firm");

  Range range;
  for (const auto& p : path) {
    range.add(p.caar);
    range.add(p.ci_low);
    range.add(p.ci_high);
  }
  for (const auto& f : event.firms)
    if (f.status == study::FirmStatus::ok)
      for (const double v : f.car_path)
        range.add(v);
  const Scale y = y_axis(canvas, range, top, 0.01, percent_label);
  const Scale x = first == last ? Scale{first - 0.5, last + 0.5, k_left, k_left + k_plot_width}
                                : Scale{static_cast<double>(first), static_cast<double>(last),
                                        k_left, k_left + k_plot_width};
  y_title(canvas, top, fmt::format("CAR from day {} (%)", first));

  // x axis: offsets and dates, at most about 12 labels.
  const double bottom = top + k_plot_height;
  const int days = last - first + 1;
  const int step = std::max(1, (days + 11) / 12);
  for (std::size_t j = 0; j < path.size(); ++j) {
    const int offset = path[j].offset;
    if ((offset - first) % step != 0 && offset != 0)
      continue;
    const double px = x(offset);
    canvas.element("line", {{"class", "x-tick"},
                            {"x1", coordinate(px)},
                            {"x2", coordinate(px)},
                            {"y1", coordinate(bottom)},
                            {"y2", coordinate(bottom + 5)},
                            {"stroke", "#404040"}});
    canvas.text({{"class", "x-label"},
                 {"data-offset", std::to_string(offset)},
                 {"x", coordinate(px)},
                 {"y", coordinate(bottom + 18)},
                 {"text-anchor", "middle"}},
                std::to_string(offset));
    if (path[j].date) // none when pooled firm-events have different (or no) dates that day
      canvas.text({{"class", "x-date"},
                   {"x", coordinate(px)},
                   {"y", coordinate(bottom + 32)},
                   {"text-anchor", "middle"},
                   {"fill", "#606060"}},
                  short_date(*path[j].date));
  }
  canvas.text({{"class", "axis-title"},
               {"x", coordinate(k_left + k_plot_width / 2)},
               {"y", coordinate(bottom + 54)},
               {"text-anchor", "middle"}},
              event.pooled ? std::string("Trading days relative to each firm-event's day 0")
                           : fmt::format("Trading days relative to the event (day 0 = {})",
                                         calendar::format_iso(event.event_date)));

  // 95% band: one polygon per run of days with an interval.
  std::vector<double> low;
  std::vector<double> high;
  for (const auto& p : path) {
    const bool ok = std::isfinite(p.ci_low) && std::isfinite(p.ci_high);
    low.push_back(ok ? p.ci_low : std::nan(""));
    high.push_back(ok ? p.ci_high : std::nan(""));
  }
  const auto upper = runs(high, x, y, first);
  const auto lower = runs(low, x, y, first);
  for (std::size_t r = 0; r < upper.size() && r < lower.size(); ++r) {
    auto polygon = upper[r];
    polygon.insert(polygon.end(), lower[r].rbegin(), lower[r].rend());
    canvas.element("polygon", {{"class", "caar-band"},
                               {"points", svg::points(polygon)},
                               {"fill", k_band_fill},
                               {"fill-opacity", "0.6"},
                               {"stroke", "none"}});
  }

  // Firm lines, labelled at their last point when there is room.
  struct EndLabel {
    double y;
    std::string ticker;
  };
  std::vector<EndLabel> labels;
  for (const auto& f : event.firms) {
    if (f.status != study::FirmStatus::ok)
      continue;
    for (const auto& run : runs(f.car_path, x, y, first))
      canvas.element("polyline",
                     {{"class", "firm-car"},
                      {"data-ticker", f.ticker},
                      {"points", svg::points(run)},
                      {"fill", "none"},
                      {"stroke", k_firm_colour},
                      {"stroke-width", "1"}},
                     f.ticker + " CAR");
    for (auto v = f.car_path.rbegin(); v != f.car_path.rend(); ++v)
      if (std::isfinite(*v)) {
        labels.push_back({y(*v), f.ticker});
        break;
      }
  }
  std::sort(labels.begin(), labels.end(),
            [](const EndLabel& a, const EndLabel& b) { return a.y < b.y; });
  double previous = -1e9;
  for (const auto& label : labels) {
    if (label.y - previous < 11.0)
      continue;
    previous = label.y;
    canvas.text({{"class", "firm-label"},
                 {"x", coordinate(x(last) + 6)},
                 {"y", coordinate(label.y)},
                 {"dominant-baseline", "middle"},
                 {"font-size", "10"},
                 {"fill", "#707070"}},
                label.ticker);
  }

  // Day 0.
  if (first <= 0 && 0 <= last) {
    canvas.element("line", {{"class", "day0"},
                            {"x1", coordinate(x(0))},
                            {"x2", coordinate(x(0))},
                            {"y1", coordinate(top)},
                            {"y2", coordinate(bottom)},
                            {"stroke", "#c00000"},
                            {"stroke-dasharray", "5,4"}});
    canvas.text({{"class", "day0-label"},
                 {"x", coordinate(x(0) + 4)},
                 {"y", coordinate(top + 12)},
                 {"fill", "#c00000"}},
                "day 0");
  }

  // The CAAR line and its points (tooltips with the numbers).
  std::vector<double> caar;
  caar.reserve(path.size());
  for (const auto& p : path)
    caar.push_back(p.caar);
  for (const auto& run : runs(caar, x, y, first))
    canvas.element("polyline", {{"class", "caar"},
                                {"points", svg::points(run)},
                                {"fill", "none"},
                                {"stroke", k_caar_colour},
                                {"stroke-width", "2.5"}});
  for (const auto& p : path) {
    if (!std::isfinite(p.caar))
      continue;
    canvas.element("circle",
                   {{"class", "caar-point"},
                    {"data-offset", std::to_string(p.offset)},
                    {"cx", coordinate(x(p.offset))},
                    {"cy", coordinate(y(p.caar))},
                    {"r", "3"},
                    {"fill", k_caar_colour}},
                   fmt::format("day {}{}: CAAR {}, 95% band {} to {}, N = {}", p.offset,
                               p.date ? " (" + calendar::format_iso(*p.date) + ")" : std::string(),
                               format_percent(p.caar), format_percent(p.ci_low),
                               format_percent(p.ci_high), p.n));
  }
  canvas.close_group();
}

struct Bar {
  std::string ticker;
  double change;
  double abnormal;
  double normal;
};

void bar_rect(Canvas& canvas, const Scale& y, double x, double width, double from, double to,
              const char* part, const std::string& ticker, double value) {
  const double y0 = y(from);
  const double y1 = y(to);
  canvas.element(
      "rect",
      {{"class", part},
       {"data-ticker", ticker},
       {"data-value", fmt::format("{}", value)},
       {"x", coordinate(x)},
       {"y", coordinate(std::min(y0, y1))},
       {"width", coordinate(width)},
       {"height", coordinate(std::abs(y1 - y0))},
       {"fill", std::string_view(part) == "abnormal" ? k_abnormal_colour : k_normal_colour}},
      fmt::format("{} {}: {}", ticker, part, format_money(value)));
}

void waterfall_panel(Canvas& canvas, const study::EventResult& event, double top) {
  canvas.open_group({{"class", "waterfall"}, {"data-event", event.id}});
  canvas.text({{"class", "panel-title"},
               {"x", coordinate(k_left)},
               {"y", coordinate(top - 34)},
               {"font-size", "14"},
               {"font-weight", "bold"}},
              fmt::format("(b) Market value change over {} by firm, most lost first, then the "
                          "total",
                          events::format_window(event.event_window)));
  const double ly = top - 14;
  legend_item(canvas, k_left, ly, k_abnormal_colour, 0.0,
              "abnormal: not explained by the market (left half)");
  legend_item(canvas, k_left + 330, ly, k_normal_colour, 0.0,
              "normal: expected from the market (right half)");

  std::vector<Bar> bars;
  std::vector<std::string> left_out;
  for (const auto& f : event.firms) {
    if (f.status != study::FirmStatus::ok)
      continue;
    const auto car = std::find_if(f.cars.begin(), f.cars.end(), [&](const study::CarRow& c) {
      return c.window == event.event_window;
    });
    if (car == f.cars.end() || !std::isfinite(car->market_cap_change) ||
        !std::isfinite(car->abnormal_dollar_change) || !std::isfinite(car->normal_dollar_change)) {
      left_out.push_back(f.ticker);
      continue;
    }
    bars.push_back(
        {f.ticker, car->market_cap_change, car->abnormal_dollar_change, car->normal_dollar_change});
  }
  const auto total =
      std::find_if(event.aggregate.cars.begin(), event.aggregate.cars.end(),
                   [&](const study::AggregateCar& c) { return c.window == event.event_window; });
  if (bars.empty() || total == event.aggregate.cars.end()) {
    canvas.text({{"class", "no-data"}, {"x", coordinate(k_left)}, {"y", coordinate(top + 30)}},
                "No market-value figures: no firm has a share count (give --shares FILE).");
    canvas.close_group();
    return;
  }
  std::stable_sort(bars.begin(), bars.end(),
                   [](const Bar& a, const Bar& b) { return a.change < b.change; });

  // Running totals: firm k starts where firm k-1 ended (layout, not a statistic).
  Range range;
  double level = 0.0;
  std::vector<double> starts;
  for (const auto& bar : bars) {
    starts.push_back(level);
    range.add(level + bar.abnormal);
    level += bar.change;
    range.add(level);
  }
  range.add(total->abnormal_dollar_change);
  range.add(total->market_cap_change);
  const Scale y = y_axis(canvas, range, top, 1e9, billions_label);
  y_title(canvas, top, "Market value change ($bn)");

  const double slot = k_plot_width / static_cast<double>(bars.size() + 1);
  const double half = slot * 0.4;
  const double bottom = top + k_plot_height;
  const auto column = [&](std::size_t k, double start, const Bar& bar, bool is_total) {
    const double x0 = k_left + slot * static_cast<double>(k) + slot * 0.1;
    canvas.open_group({{"class", is_total ? "bar total" : "bar"}, {"data-ticker", bar.ticker}});
    bar_rect(canvas, y, x0, half, start, start + bar.abnormal, "abnormal", bar.ticker,
             bar.abnormal);
    bar_rect(canvas, y, x0 + half, half, start + bar.abnormal, start + bar.abnormal + bar.normal,
             "normal", bar.ticker, bar.normal);
    const double cx = x0 + half;
    canvas.text(
        {{"class", "bar-label"},
         {"x", coordinate(cx)},
         {"y", coordinate(bottom + 14)},
         {"text-anchor", "end"},
         {"font-size", "11"},
         {"font-weight", is_total ? "bold" : "normal"},
         {"transform", fmt::format("rotate(-45 {} {})", coordinate(cx), coordinate(bottom + 14))}},
        bar.ticker);
    canvas.close_group();
  };
  for (std::size_t k = 0; k < bars.size(); ++k) {
    column(k, starts[k], bars[k], false);
    const double end = starts[k] + bars[k].change;
    const double x_end = k_left + slot * static_cast<double>(k) + slot * 0.9;
    canvas.element("line", {{"class", "connector"},
                            {"x1", coordinate(x_end)},
                            {"x2", coordinate(x_end + slot * 0.2)},
                            {"y1", coordinate(y(end))},
                            {"y2", coordinate(y(end))},
                            {"stroke", "#606060"},
                            {"stroke-dasharray", "2,2"}});
  }
  const Bar total_bar{"Total", total->market_cap_change, total->abnormal_dollar_change,
                      total->normal_dollar_change};
  column(bars.size(), 0.0, total_bar, true);
  const double total_x = k_left + slot * static_cast<double>(bars.size()) + slot * 0.5;
  const double total_y = y(std::min({0.0, total_bar.abnormal, total_bar.change}));
  canvas.text({{"class", "total-label"},
               {"x", coordinate(total_x)},
               {"y", coordinate(std::min(total_y + 14, bottom - 4))},
               {"text-anchor", "middle"},
               {"font-weight", "bold"}},
              format_money(total_bar.change));
  std::string caption =
      fmt::format("Total over {} firms: market value {}, of which abnormal {} and normal {}.",
                  bars.size(), format_money(total_bar.change), format_money(total_bar.abnormal),
                  format_money(total_bar.normal));
  if (!left_out.empty()) {
    caption += " Left out (no share count):";
    for (std::size_t k = 0; k < left_out.size(); ++k)
      caption += (k == 0 ? " " : ", ") + left_out[k];
    caption += ".";
  }
  canvas.text({{"class", "caption"}, {"x", coordinate(k_left)}, {"y", coordinate(bottom + 78)}},
              caption);
  canvas.close_group();
}

} // namespace

std::string render_svg_chart(const study::StudyResult& result) {
  const double height =
      k_event_height * static_cast<double>(std::max<std::size_t>(1, result.events.size()));
  Canvas canvas(k_width, height, "aftershock event study",
                "CAAR path with 95% band and firm CARs; market value waterfall split into "
                "abnormal and normal parts");
  double top = 0.0;
  for (const auto& event : result.events) {
    canvas.text({{"class", "event-title"},
                 {"x", coordinate(k_left)},
                 {"y", coordinate(top + 28)},
                 {"font-size", "17"},
                 {"font-weight", "bold"}},
                event.pooled
                    ? fmt::format("Events {}: {} firm-events pooled in event time, market {}",
                                  event.id, event.firms.size() + event.streamed_firm_events,
                                  event.market.empty() ? std::string("per row") : event.market)
                    : fmt::format("Event {}: day 0 {}, market {}", event.id,
                                  calendar::format_iso(event.event_date), event.market));
    caar_panel(canvas, event, top + 100);
    waterfall_panel(canvas, event, top + 100 + k_plot_height + 120);
    top += k_event_height;
  }
  return canvas.finish();
}

} // namespace aftershock::report
