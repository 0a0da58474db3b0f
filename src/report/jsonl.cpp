#include <aftershock/report/jsonl.hpp>
#include <aftershock/util/error.hpp>

#include <nlohmann/json.hpp>

namespace aftershock::report {

std::string json_to_jsonl(std::string_view json_text) {
  using Json = nlohmann::ordered_json;
  Json result;
  try {
    result = Json::parse(json_text);
  } catch (const nlohmann::json::exception& e) {
    throw Error(std::string("internal: the JSON result does not parse: ") + e.what(), "");
  }
  if (!result.is_object() || !result.contains("events") || !result["events"].is_array())
    throw Error("internal: the JSON result has no events", "");
  std::string out;
  for (auto& event : result["events"]) {
    const Json id = event.contains("id") ? event["id"] : Json(nullptr);
    if (event.contains("firms"))
      for (const auto& firm : event["firms"]) {
        Json line{{"type", "firm_event"}, {"event", id}};
        for (const auto& [key, value] : firm.items())
          line[key] = value;
        out += line.dump() + "\n";
      }
    event.erase("firms");
    Json summary{{"type", "summary"}};
    for (const auto* key : {"schema_version", "tool", "config"})
      if (result.contains(key))
        summary[key] = result[key];
    summary["event"] = event;
    summary["notes"] = result.contains("notes") ? result["notes"] : Json::array();
    out += summary.dump() + "\n";
  }
  return out;
}

} // namespace aftershock::report
