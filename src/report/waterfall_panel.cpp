// Panel (b) of the SVG chart (waterfall_panel.hpp). Layout arithmetic only: the running totals
// place the bars; every plotted value comes from the event window's CAR rows and dollar totals.
#include "waterfall_panel.hpp"

#include <aftershock/events/window.hpp>
#include <aftershock/report/number_format.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "chart_axes.hpp"

namespace aftershock::report::chart {
namespace {

using svg::Canvas;
using svg::coordinate;

constexpr const char* k_abnormal_colour = "#d95f02"; // ColorBrewer Dark2: colour-blind safe
constexpr const char* k_normal_colour = "#7570b3";

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

} // namespace

void waterfall_panel(Canvas& canvas, const study::EventResult& event, double top) {
  canvas.open_group({{"class", "waterfall"}, {"data-event", event.id}});
  panel_title(canvas, top,
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

} // namespace aftershock::report::chart
