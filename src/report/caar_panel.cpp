// Panel (a) of the SVG chart (caar_panel.hpp). Layout arithmetic only: every plotted value
// comes from the result structs (study::caar_path and the firms' CAR paths).
#include "caar_panel.hpp"

#include <aftershock/calendar/date.hpp>
#include <aftershock/events/window.hpp>
#include <aftershock/report/number_format.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "chart_axes.hpp"

namespace aftershock::report::chart {
namespace {

using svg::Canvas;
using svg::coordinate;
using svg::Point;

constexpr const char* k_band_fill = "#9ecae1";
constexpr const char* k_caar_colour = "#08519c";
constexpr const char* k_firm_colour = "#a0a0a0";

std::string short_date(calendar::Date date) {
  static constexpr std::array<const char*, 12> k_months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::chrono::year_month_day ymd{date};
  return fmt::format("{} {}", k_months.at(static_cast<unsigned>(ymd.month()) - 1),
                     static_cast<unsigned>(ymd.day()));
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

} // namespace

void caar_panel(Canvas& canvas, const study::EventResult& event, double top) {
  const auto& path = event.aggregate.caar_path;
  const int first = event.event_window.first;
  const int last = event.event_window.last;
  canvas.open_group({{"class", "caar-chart"}, {"data-event", event.id}});
  panel_title(canvas, top,
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

} // namespace aftershock::report::chart
