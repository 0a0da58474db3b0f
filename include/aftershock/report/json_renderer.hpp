#pragma once
// The JSON rendering of a study result: the documented contract of README.md ("JSON output"),
// schema_version 1, stable key order, fractions not percent, dollars not billions, and null for
// every missing number (never NaN or inf).

#include <aftershock/report/render.hpp>
#include <aftershock/study/result.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace aftershock::report {

// The schema version written as `schema_version`; bumped on any incompatible change.
inline constexpr int k_json_schema_version = 1;

// The whole result as an ordered JSON document (a tree: slow for large batches; see
// render_json).
nlohmann::ordered_json to_json(const study::StudyResult& result, const RunInputs& inputs);

// Exactly `to_json(result, inputs).dump(2)` and a final newline, written directly without the
// tree (report::JsonWriter), the firms on `result.config.threads` threads (issue 6).
std::string render_json(const study::StudyResult& result, const RunInputs& inputs);

} // namespace aftershock::report
