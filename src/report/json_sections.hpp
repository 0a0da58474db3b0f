#pragma once
// The sections of the JSON result (schema 1, README "JSON output") written with JsonWriter:
// the key order and value forms of to_json (json_renderer.cpp), which stays the tree form and
// the reference the tests compare these bytes with. Shared by render_json, the streamed batch
// JSON and the JSON Lines writer.

#include <aftershock/report/json_writer.hpp>
#include <aftershock/report/render.hpp>
#include <aftershock/study/result.hpp>

namespace aftershock::report::json {

// The "date" of a firm's event day (the one place a DayRow date is written).
void write_day_date(JsonWriter& w, const study::DayRow& day);

// {"name": "aftershock", "version": ...}
void write_tool(JsonWriter& w);

// The "config" object.
void write_config(JsonWriter& w, const study::StudyResult& result, const RunInputs& inputs);

// The keys of one firm(-event) object, into an open object (the JSON Lines firm line adds its
// own keys before them).
void write_firm_fields(JsonWriter& w, const study::FirmResult& firm);

// One firm object.
void write_firm(JsonWriter& w, const study::FirmResult& firm);

// The keys of an event object before "firms" (id ... market).
void write_event_head_fields(JsonWriter& w, const study::EventResult& event);

// The keys of an event object after "firms" (aggregate, batch counts, groups).
void write_event_tail_fields(JsonWriter& w, const study::EventResult& event,
                             bool result_has_groups);

// The firms as elements of an open array at nesting `depth` (the array
// counted), `written_before` elements already in it; rendered on up to `threads` threads (0 =
// default) in contiguous pieces and joined in order, so the bytes do not depend on the threads.
std::string firm_elements(const std::vector<study::FirmResult>& firms, std::size_t depth,
                          std::size_t written_before, std::size_t threads);

// firm_elements as pieces (joined in order they are its text) written into the storage of
// `pieces` (resized to the number of pieces; the capacity of its strings is reused).
void firm_element_pieces(std::vector<std::string>& pieces,
                         const std::vector<study::FirmResult>& firms, std::size_t depth,
                         std::size_t written_before, std::size_t threads);

// firm_lines as pieces, as firm_element_pieces.
void firm_line_pieces(std::vector<std::string>& pieces, const std::vector<study::FirmResult>& firms,
                      std::string_view event_id, std::size_t threads);

// One JSON Lines firm_event line per firm of event `event_id`, in parallel pieces as above.
std::string firm_lines(const std::vector<study::FirmResult>& firms, std::string_view event_id,
                       std::size_t threads);

} // namespace aftershock::report::json
