#pragma once
// Internal to report: how the firm-oriented tables name a firm. A single-date study has a
// "Ticker" column; a batch run (pooled firm-events) has an "Event" column with the event id and
// a "Ticker" column, so that the id is never glued to the ticker and the ticker never repeated.

#include <aftershock/report/text_table.hpp>
#include <aftershock/study/result.hpp>

#include <string>
#include <vector>

namespace aftershock::report {

// {"Event", "Ticker"} for a pooled event, {"Ticker"} otherwise.
std::vector<std::string> firm_label_headers(const study::EventResult& event);

// The cells under firm_label_headers for `firm` of `event`.
std::vector<std::string> firm_label(const study::EventResult& event, const study::FirmResult& firm);

// Sets `table`'s headers to the label columns (left-aligned) followed by `headers`, whose
// alignments are `align` (missing entries right-aligned).
void set_firm_columns(TextTable& table, const study::EventResult& event,
                      const std::vector<std::string>& headers, const std::vector<Align>& align);

// The label cells of `firm` followed by `cells`.
std::vector<std::string> firm_row(const study::EventResult& event, const study::FirmResult& firm,
                                  std::vector<std::string> cells);

} // namespace aftershock::report
