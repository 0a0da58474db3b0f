#pragma once
// Reads a saved study result (the JSON of `aftershock study --format json`, schema_version 1)
// back into the engine's result structs, so that `aftershock report` re-renders it without
// recomputing anything. The reader is strict: a missing key, a value of the wrong type, an
// unknown status or enum name, or another schema version is an error naming the JSON path (as a
// JSON Pointer, e.g. /events/0/firms/2/cars/1/car) and the offending value. Keys the reader
// does not know are ignored (later writers may add keys without a version bump). `null`
// numbers become NaN.

#include <aftershock/report/render.hpp>
#include <aftershock/study/result.hpp>

#include <filesystem>
#include <string>
#include <string_view>

namespace aftershock::report {

// A result as saved: the engine structs plus the run inputs echoed in the JSON config.
struct SavedResult {
  study::StudyResult result;
  RunInputs inputs;
};

// Parses `text` (the whole JSON document). `source` names the input in error messages (a
// path, or "<stdin>"). Throws aftershock::Error (exit 1) on malformed JSON or a document that
// does not follow schema 1.
SavedResult read_result_json(std::string_view text, const std::string& source);

// Reads and parses the file at `path`; an unreadable file is an aftershock::Error.
SavedResult read_result_file(const std::filesystem::path& path);

} // namespace aftershock::report
