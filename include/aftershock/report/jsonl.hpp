#pragma once
// `--format jsonl` (issue 5, streaming-friendly output): the JSON result as JSON Lines, by
// re-parsing the JSON text with nlohmann. The commands write JSON Lines with render_jsonl
// (json_stream.hpp, issue 6: no parse); this form is kept as its independent reference.

#include <string>
#include <string_view>

namespace aftershock::report {

// Rewrites a JSON result as written by render_json (schema 1) into JSON Lines: one line per
// firm-event, in the result's order (event, then event id / ticker order):
//   {"type": "firm_event", "event": EVENT_ID, <the firm object of the JSON result>}
// then one line per event with everything else:
//   {"type": "summary", "schema_version", "tool", "config", "event": <the event object
//    without "firms": aggregate, groups, counts>, "notes"}
// Each line is compact JSON ending in "\n". Throws aftershock::Error when `json_text` is not a
// schema 1 result.
std::string json_to_jsonl(std::string_view json_text);

} // namespace aftershock::report
