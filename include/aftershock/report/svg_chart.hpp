#pragma once
// `study --chart FILE.svg`: a hand-written SVG picture of each event of a result. Per event,
// (a) the CAAR path over the event window with its 95% band, each ok firm's CAR as a thin line,
// day 0 marked, dates on the x axis and percent on the y axis; (b) a value waterfall over the
// event window: each firm's market-cap change (sorted, most lost first) drawn from the running
// total and split into its abnormal and normal parts, then the total, in $bn. Every number is
// the engine's (study::caar_path, the event window's CAR rows and dollar totals); the chart only
// places them.

#include <aftershock/study/result.hpp>

#include <string>

namespace aftershock::report {

// The SVG document (UTF-8, ends with a newline). Element classes used: caar-chart, caar,
// caar-point, caar-band, firm-car, day0, y-label, x-label, x-date, waterfall, abnormal, normal,
// connector, bar-label; bars and lines carry data-ticker / data-offset / data-value (dollars).
std::string render_svg_chart(const study::StudyResult& result);

} // namespace aftershock::report
