// The saved-JSON reader: a result written by to_json and read back renders to the same bytes
// in every format (the reader loses nothing a renderer uses), and documents that do not follow
// schema 1 are refused with the JSON path and the value. The expected texts are the renderers'
// own output for the original structs, so no number here comes from the reader.
#include <aftershock/report/json_renderer.hpp>
#include <aftershock/report/render.hpp>
#include <aftershock/report/result_reader.hpp>
#include <aftershock/util/error.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sample_result.hpp"

namespace aftershock::report {
namespace {

using ::testing::HasSubstr;

RunInputs sample_inputs() {
  RunInputs inputs;
  inputs.data_paths = {"data/prices"};
  inputs.shares_path = "data/shares_outstanding.csv";
  return inputs;
}

study::StudyResult sample() {
  auto result = test::sample_result();
  result.conventions.p_adjust = "holm (across the tests of each day / window)";
  return result;
}

std::string saved_json() {
  return render_json(sample(), sample_inputs());
}

std::string error_of(const std::string& text) {
  try {
    read_result_json(text, "r.json");
  } catch (const Error& error) {
    return error.what();
  }
  return "no error";
}

TEST(ResultReader, EveryFormatRendersTheSameBytesAfterARoundTrip) {
  const auto original = sample();
  const auto saved = read_result_json(saved_json(), "r.json");
  for (const auto format : {Format::table, Format::markdown, Format::latex, Format::json}) {
    RenderOptions options;
    options.format = format;
    options.inputs = sample_inputs();
    auto reread = options;
    reread.inputs = saved.inputs;
    EXPECT_EQ(render(saved.result, reread), render(original, options)) << format_name(format);
  }
  for (const auto table : {CsvTable::firms, CsvTable::days, CsvTable::cars,
                           CsvTable::aggregate_days, CsvTable::aggregate_cars}) {
    RenderOptions options;
    options.format = Format::csv;
    options.csv_table = table;
    EXPECT_EQ(render(saved.result, options), render(original, options)) << csv_table_name(table);
  }
}

TEST(ResultReader, KeepsMissingNumbersMissing) {
  const auto saved = read_result_json(saved_json(), "r.json");
  // XYZ (not ok) has no sigma in the sample: written as null, read back as NaN.
  const auto& xyz = saved.result.events.at(0).firms.at(2);
  EXPECT_EQ(xyz.ticker, "XYZ");
  EXPECT_TRUE(std::isnan(xyz.fit.sigma));
  EXPECT_EQ(saved.result.notes, test::sample_result().notes);
}

TEST(ResultReader, RefusesAnotherSchemaVersion) {
  auto text = saved_json();
  text.replace(text.find("\"schema_version\": 1"), 19, "\"schema_version\": 2");
  EXPECT_THAT(error_of(text), HasSubstr("r.json: /schema_version is \"2\", expected 1"));
}

TEST(ResultReader, NamesThePathAndValueOfAWrongType) {
  auto text = saved_json();
  const auto at = text.find("\"car\": ");
  text.replace(at, text.find(',', at) - at, "\"car\": \"big\"");
  EXPECT_THAT(error_of(text), HasSubstr("r.json: /events/0/firms/0/cars/0/car is "));
  EXPECT_THAT(error_of(text), HasSubstr("big"));
  EXPECT_THAT(error_of(text), HasSubstr("expected a number or null"));
}

TEST(ResultReader, NamesAMissingKeyAndAnUnknownStatus) {
  auto text = saved_json();
  text.replace(text.find("\"status\": \"ok\""), 14, "\"status\": \"fine\"");
  EXPECT_THAT(error_of(text), HasSubstr("/events/0/firms/0/status is "));
  EXPECT_THAT(error_of(text), HasSubstr("fine"));
  EXPECT_THAT(error_of(text), HasSubstr("expected a firm status code"));
  EXPECT_THAT(error_of("{\"schema_version\": 1}"), HasSubstr("r.json: / has no key \"tool\""));
}

TEST(ResultReader, RefusesMalformedJson) {
  EXPECT_THAT(error_of("{\"schema_version\": 1,"), HasSubstr("r.json: not valid JSON"));
  EXPECT_THAT(error_of("[]"), HasSubstr("r.json: / is \"[]\", expected an object"));
}

TEST(ResultReader, ReadsAFileAndNamesAMissingOne) {
  EXPECT_THROW(read_result_file("/nonexistent/r.json"), Error);
}

} // namespace
} // namespace aftershock::report
