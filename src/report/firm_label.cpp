#include "firm_label.hpp"

#include <iterator>

namespace aftershock::report {

std::vector<std::string> firm_label_headers(const study::EventResult& event) {
  return event.pooled ? std::vector<std::string>{"Event", "Ticker"}
                      : std::vector<std::string>{"Ticker"};
}

std::vector<std::string> firm_label(const study::EventResult& event,
                                    const study::FirmResult& firm) {
  if (!event.pooled)
    return {firm.ticker};
  return {firm.event ? firm.event->id : event.id, firm.ticker};
}

void set_firm_columns(TextTable& table, const study::EventResult& event,
                      const std::vector<std::string>& headers, const std::vector<Align>& align) {
  table.headers = firm_label_headers(event);
  table.align.assign(table.headers.size(), Align::left);
  table.headers.insert(table.headers.end(), headers.begin(), headers.end());
  table.align.insert(table.align.end(), align.begin(), align.end());
}

std::vector<std::string> firm_row(const study::EventResult& event, const study::FirmResult& firm,
                                  std::vector<std::string> cells) {
  auto row = firm_label(event, firm);
  row.insert(row.end(), std::make_move_iterator(cells.begin()),
             std::make_move_iterator(cells.end()));
  return row;
}

} // namespace aftershock::report
