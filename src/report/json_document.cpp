// render_json, the streamed pieces of it and render_jsonl, with the direct writer (issue 6).
// The document is written section by section; the firms arrays, which are nearly all of the
// text of a large batch, are rendered in parallel pieces (json_sections.cpp).
#include <aftershock/report/json_renderer.hpp>
#include <aftershock/report/json_stream.hpp>

#include "json_sections.hpp"

namespace aftershock::report {
namespace {

using json::write_config;
using json::write_event_head_fields;
using json::write_event_tail_fields;
using json::write_tool;

// Open containers around the elements of an event's "firms" array: the document, "events",
// the event, "firms".
constexpr std::size_t k_firms_depth = 4;

bool has_groups(const study::StudyResult& result) {
  return result.config.group_by != study::GroupBy::none;
}

// The document up to the "events" array, opened.
void document_head(JsonWriter& w, const study::StudyResult& result, const RunInputs& inputs) {
  w.begin_object();
  w.key("schema_version");
  w.integer(k_json_schema_version);
  w.key("tool");
  write_tool(w);
  w.key("config");
  write_config(w, result, inputs);
  w.key("events");
  w.begin_array();
}

// The "notes" array, the object's end and the final newline: the end of the document and of
// a jsonl summary line.
void notes_and_end(JsonWriter& w, const study::StudyResult& result) {
  w.key("notes");
  w.begin_array();
  for (const auto& note : result.notes)
    w.string(note);
  w.end_array();
  w.end_object();
  w.raw("\n");
}

// After the "events" array's last event: the notes, and the final newline.
void document_tail(JsonWriter& w, const study::StudyResult& result) {
  w.end_array();
  notes_and_end(w, result);
}

// An event object up to its "firms" array, opened.
void event_head(JsonWriter& w, const study::EventResult& event) {
  w.begin_object();
  write_event_head_fields(w, event);
  w.key("firms");
  w.begin_array();
}

// Closes the "firms" array (`firms_written` elements) and the event object.
void event_tail(JsonWriter& w, const study::EventResult& event, bool result_has_groups,
                std::size_t firms_written) {
  w.set_innermost(firms_written > 0 ? JsonWriter::Innermost::has_elements
                                    : JsonWriter::Innermost::empty);
  w.end_array();
  write_event_tail_fields(w, event, result_has_groups);
  w.end_object();
}

} // namespace

std::string render_json(const study::StudyResult& result, const RunInputs& inputs) {
  JsonWriter w(JsonWriter::Layout::pretty);
  document_head(w, result, inputs);
  std::string out;
  for (const auto& e : result.events) {
    event_head(w, e);
    out += w.take();
    out += json::firm_elements(e.firms, k_firms_depth, 0, result.config.threads); // --threads
    event_tail(w, e, has_groups(result), e.firms.size());
  }
  document_tail(w, result);
  out += w.take();
  return out;
}

std::string json_head(const study::StudyResult& head, const RunInputs& inputs) {
  JsonWriter w(JsonWriter::Layout::pretty);
  document_head(w, head, inputs);
  event_head(w, head.events.at(0));
  return w.take();
}

std::string json_firms(const std::vector<study::FirmResult>& firms, std::size_t written_before,
                       std::size_t threads) {
  return json::firm_elements(firms, k_firms_depth, written_before, threads);
}

void json_firms_into(std::vector<std::string>& pieces, const std::vector<study::FirmResult>& firms,
                     std::size_t written_before, std::size_t threads) {
  json::firm_element_pieces(pieces, firms, k_firms_depth, written_before, threads);
}

std::string json_tail(const study::StudyResult& result, std::size_t firms_written) {
  JsonWriter w(JsonWriter::Layout::pretty, k_firms_depth, JsonWriter::Innermost::empty);
  event_tail(w, result.events.at(0), has_groups(result), firms_written);
  document_tail(w, result);
  return w.take();
}

std::string jsonl_firm_lines(const std::vector<study::FirmResult>& firms, std::string_view event_id,
                             std::size_t threads) {
  return json::firm_lines(firms, event_id, threads);
}

void jsonl_firm_lines_into(std::vector<std::string>& pieces,
                           const std::vector<study::FirmResult>& firms, std::string_view event_id,
                           std::size_t threads) {
  json::firm_line_pieces(pieces, firms, event_id, threads);
}

std::string jsonl_summary_line(const study::StudyResult& result, const study::EventResult& event,
                               const RunInputs& inputs) {
  JsonWriter w(JsonWriter::Layout::compact);
  w.begin_object();
  w.key("type");
  w.string("summary");
  w.key("schema_version");
  w.integer(k_json_schema_version);
  w.key("tool");
  write_tool(w);
  w.key("config");
  write_config(w, result, inputs);
  w.key("event");
  w.begin_object();
  write_event_head_fields(w, event);
  write_event_tail_fields(w, event, has_groups(result));
  w.end_object();
  notes_and_end(w, result);
  return w.take();
}

std::string render_jsonl(const study::StudyResult& result, const RunInputs& inputs) {
  std::string out;
  for (const auto& e : result.events) {
    out += jsonl_firm_lines(e.firms, e.id, result.config.threads);
    out += jsonl_summary_line(result, e, inputs);
  }
  return out;
}

} // namespace aftershock::report
