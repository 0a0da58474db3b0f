// Sparklines, display widths and colour (report/sparkline.hpp, terminal_style.hpp), and the
// "CAR path by firm" section of the table report in ASCII and Unicode, plain and coloured.
#include <aftershock/report/sparkline.hpp>
#include <aftershock/report/table_renderer.hpp>
#include <aftershock/report/terminal_style.hpp>
#include <aftershock/report/text_table.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <vector>

#include "chart_result.hpp"

namespace aftershock::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(Sparkline, LevelsInBothGlyphSets) {
  // Level floor(8 (v - low) / (high - low)) clamped to 0..7: 0 -> 0, 0.5 -> 4, 1 -> 7.
  const std::vector<double> values{0.0, 0.5, 1.0, std::nan(""), 0.25};
  EXPECT_EQ(sparkline(values, 0.0, 1.0, Glyphs::unicode), "\u2581\u2585\u2588 \u2583");
  EXPECT_EQ(sparkline(values, 0.0, 1.0, Glyphs::ascii), ".=# :");
  EXPECT_EQ(sparkline(values, 1.0, 1.0, Glyphs::ascii), "... ."); // degenerate scale
}

TEST(Sparkline, DisplayWidthSkipsEscapesAndCountsCodePoints) {
  EXPECT_EQ(display_width("\x1b[1;31m-5.00%\x1b[0m"), 6U);
  EXPECT_EQ(display_width("\u2581\u2588x"), 3U);
  EXPECT_EQ(display_width(""), 0U);
}

TEST(Sparkline, PaintsOnlySignificantSignedValues) {
  EXPECT_EQ(paint_significant("x", -1.0, 0.001, Colour::off), "x");
  EXPECT_EQ(paint_significant("x", -1.0, 0.2, Colour::ansi), "x");
  EXPECT_EQ(paint_significant("x", -1.0, 0.03, Colour::ansi), "\x1b[31mx\x1b[0m");
  EXPECT_EQ(paint_significant("x", 1.0, 0.001, Colour::ansi), "\x1b[1;32mx\x1b[0m");
  EXPECT_EQ(paint_significant("x", std::nan(""), 0.001, Colour::ansi), "x");
}

const RunInputs k_inputs{{"data/"}, "data/shares_outstanding.csv"};

TEST(Sparkline, TableSectionAsciiPlainByDefault) {
  const auto text = render_table(test::chart_result(), k_inputs);
  EXPECT_THAT(text, HasSubstr("CAR path by firm over the event window -1:1"));
  // NVDA path 0.15%, -14.67%, -7.34% on the scale -14.67%..0.15%: levels 7, 0, 3.
  EXPECT_THAT(text, HasSubstr("NVDA    #.-"));
  // ARM: blank on day -1, then -7% (level 0) and -4%: floor(8 x 0.03 / 0.07) = 3.
  EXPECT_THAT(text, HasSubstr("ARM      .-"));
  EXPECT_THAT(text, Not(HasSubstr("\x1b[")));
  for (const char ch : text)
    EXPECT_LT(static_cast<unsigned char>(ch), 0x80) << "non-ASCII byte in plain output";
}

TEST(Sparkline, TableSectionUnicodeColouredStaysAligned) {
  const auto text = render_table(test::chart_result(), k_inputs, {Glyphs::unicode, Colour::ansi});
  EXPECT_THAT(text, HasSubstr("NVDA    \u2588\u2581\u2584"));
  // NVDA CAR over -1:1 is -7.34% with p = .0125: red, not bold.
  EXPECT_THAT(text, HasSubstr("\x1b[31m-7.34%\x1b[0m"));
  // NVDA day-0 CAR p = 0 < .01: bold red; AVGO -1:1 (p = .5): plain.
  EXPECT_THAT(text, HasSubstr("\x1b[1;31m-14.82%\x1b[0m"));
  EXPECT_THAT(text, Not(HasSubstr("m2.00%")));
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line))
    EXPECT_LE(display_width(line), 100U) << line;
}

} // namespace
} // namespace aftershock::report
