// `study --chart FILE`: the chart is written next to the report, atomically; an unwritable
// chart path ends the command before any report is written. (The chart's contents are checked
// in tests/unit/report/svg_chart_test.cpp.)
#include <aftershock/util/error.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "commands.hpp"
#include "support/paths.hpp"
#include "support/temp_dir.hpp"

namespace aftershock::cli {
namespace {

namespace fs = std::filesystem;

class StudyChartTest : public ::testing::Test {
protected:
  int study(const std::string& chart) {
    CommandContext context{m_out, m_err};
    return run_study({"--event", "deepseek", "--data", test::data_dir().string(), "--window=-2:2",
                      "--format", "csv", "-q", "--chart", chart},
                     context);
  }
  test::TempDir m_temp;
  fs::path m_dir = m_temp.path();
  std::ostringstream m_out;
  std::ostringstream m_err;
};

TEST_F(StudyChartTest, WritesTheChartAndTheReport) {
  const auto chart = m_dir / "deepseek.svg";
  EXPECT_EQ(study(chart.string()), 0);
  const std::string svg = test::read_file(chart);
  EXPECT_EQ(svg.rfind("<?xml", 0), 0U);
  EXPECT_NE(svg.find("class=\"caar-chart\""), std::string::npos);
  EXPECT_NE(svg.find("data-ticker=\"NVDA\""), std::string::npos);
  EXPECT_EQ(svg.substr(svg.size() - 7), "</svg>\n");
  EXPECT_NE(m_out.str().find("event_id"), std::string::npos); // the CSV report as usual
}

TEST_F(StudyChartTest, UnwritableChartFailsBeforeAnyOutput) {
  const auto chart = m_dir / "missing" / "deepseek.svg";
  EXPECT_THROW(study(chart.string()), Error);
  EXPECT_FALSE(fs::exists(chart));
  EXPECT_TRUE(fs::is_empty(m_dir));
  EXPECT_EQ(m_out.str(), "");
}

} // namespace
} // namespace aftershock::cli
