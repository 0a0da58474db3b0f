// The SVG chart (svg_chart.hpp): one title and two panels per event, stacked. The panels are
// caar_panel.cpp and waterfall_panel.cpp, their shared axes chart_axes.cpp, the element writer
// svg_canvas.cpp.
#include <aftershock/calendar/date.hpp>
#include <aftershock/report/svg_chart.hpp>

#include <fmt/format.h>

#include <algorithm>

#include "caar_panel.hpp"
#include "chart_axes.hpp"
#include "svg_canvas.hpp"
#include "waterfall_panel.hpp"

namespace aftershock::report {
namespace {

using chart::k_left;
using chart::k_plot_height;
using chart::k_width;
using svg::Canvas;
using svg::coordinate;

constexpr double k_event_height = 960.0; // one event: title, panel (a), panel (b)

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
    chart::caar_panel(canvas, event, top + 100);
    chart::waterfall_panel(canvas, event, top + 100 + k_plot_height + 120);
    top += k_event_height;
  }
  return canvas.finish();
}

} // namespace aftershock::report
