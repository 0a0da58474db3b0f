#pragma once
// The JSON result in pieces, for outputs written while a batch runs (issue 6: a 100,000
// firm-event batch need not hold its whole JSON text), and `--format jsonl` written straight
// from the result. Every piece is rendered by the same direct writer as render_json, so the
// joined pieces are byte-identical to render_json / json_to_jsonl(render_json(...)).

#include <aftershock/report/render.hpp>
#include <aftershock/study/result.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::report {

// For a result with exactly one event whose firms arrive in chunks (study::FirmSink):
//   json_head(head) + json_firms(chunk_1, 0) + json_firms(chunk_2, n_1) + ...
//     + json_tail(result, n_1 + n_2 + ...)
// equals render_json of the result with all those firms. `head` needs only what comes before
// the firms: config, conventions and the event's id, dates, windows and market (its aggregate
// and notes are not read); `result` only what comes after them: the event's aggregate, counts
// and groups, and the notes. `written_before` = firms already written; `threads` as --threads
// (0 = default): the firms are rendered in parallel pieces joined in order.
std::string json_head(const study::StudyResult& head, const RunInputs& inputs);
std::string json_firms(const std::vector<study::FirmResult>& firms, std::size_t written_before,
                       std::size_t threads);
// json_firms in order-joined pieces (one per thread), written into the storage of `pieces`:
// the vector is resized to the number of pieces and the capacity of the strings it holds is
// reused (a streamed batch recycles its buffers, so the text needs no new pages). Joined, the
// pieces are json_firms(firms, written_before, threads).
void json_firms_into(std::vector<std::string>& pieces, const std::vector<study::FirmResult>& firms,
                     std::size_t written_before, std::size_t threads);
std::string json_tail(const study::StudyResult& result, std::size_t firms_written);

// `--format jsonl` of `result` (the lines json_to_jsonl makes of render_json's text): per event,
// one compact line per firm-event {"type":"firm_event","event":ID,<firm keys>}, then the summary
// line {"type":"summary","schema_version","tool","config","event":<event without "firms">,
// "notes"}; each line ends in "\n".
std::string render_jsonl(const study::StudyResult& result, const RunInputs& inputs);

// The firm_event lines of `firms` of event `event_id` (rendered in parallel pieces, `threads`
// as --threads), and the summary line of `event` in `result`: render_jsonl in pieces.
std::string jsonl_firm_lines(const std::vector<study::FirmResult>& firms, std::string_view event_id,
                             std::size_t threads);
// jsonl_firm_lines in pieces, as json_firms_into.
void jsonl_firm_lines_into(std::vector<std::string>& pieces,
                           const std::vector<study::FirmResult>& firms, std::string_view event_id,
                           std::size_t threads);
std::string jsonl_summary_line(const study::StudyResult& result, const study::EventResult& event,
                               const RunInputs& inputs);

} // namespace aftershock::report
