#include <aftershock/calendar/date.hpp>
#include <aftershock/report/csv_renderer.hpp>
#include <aftershock/report/number_format.hpp>

#include <fmt/format.h>

#include <vector>

namespace aftershock::report {
namespace {

using Row = std::vector<std::string>;

void append_row(std::string& out, const Row& row) {
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i > 0)
      out += ',';
    out += csv_field(row[i]);
  }
  out += '\n';
}

std::string optional_number(const std::optional<double>& value) {
  return value ? format_full(*value) : std::string{};
}

void append_test_headers(Row& header) {
  for (const auto name : k_test_names) {
    header.push_back(fmt::format("{}_statistic", name));
    header.push_back(fmt::format("{}_p_value", name));
  }
}

void append_tests(Row& row, const study::TestMap& tests) {
  for (const auto name : k_test_names) {
    const stats::TestValue* found = nullptr;
    for (const auto& [test_name, value] : tests)
      if (test_name == name)
        found = &value;
    row.push_back(found ? format_full(found->statistic) : std::string{});
    row.push_back(found ? format_full(found->p_value) : std::string{});
  }
}

void firms(std::string& out, const study::StudyResult& result) {
  append_row(out, {"event_id", "ticker", "status", "reason", "alpha", "beta", "sigma", "r2",
                   "n_estimation", "market_cap_before", "shares", "shares_as_of"});
  for (const auto& e : result.events)
    for (const auto& f : e.firms) {
      const bool ok = f.status == study::FirmStatus::ok;
      append_row(out,
                 {f.event ? f.event->id : e.id, f.ticker, std::string(study::status_code(f.status)),
                  f.reason, optional_number(f.fit.alpha()), optional_number(f.fit.beta()),
                  ok ? format_full(f.fit.sigma) : "", ok ? format_full(f.fit.r2) : "",
                  fmt::format("{}", f.fit.n_estimation), format_full(f.market_cap_before),
                  optional_number(f.shares),
                  f.shares_as_of ? calendar::format_iso(*f.shares_as_of) : ""});
    }
}

void days(std::string& out, const study::StudyResult& result) {
  append_row(out, {"event_id", "ticker", "offset", "date", "return", "market_return",
                   "expected_return", "abnormal_return", "se", "t"});
  for (const auto& e : result.events)
    for (const auto& f : e.firms)
      for (const auto& d : f.days)
        append_row(out, {f.event ? f.event->id : e.id, f.ticker, fmt::format("{}", d.offset),
                         calendar::format_iso(d.date), format_full(d.firm_return),
                         format_full(d.market_return), format_full(d.expected_return),
                         format_full(d.abnormal_return), format_full(d.se), format_full(d.t)});
}

void cars(std::string& out, const study::StudyResult& result) {
  append_row(out, {"event_id", "ticker", "window_start", "window_end", "car", "se", "t", "p_value",
                   "bhar", "market_cap_change", "abnormal_dollar_change", "normal_dollar_change"});
  for (const auto& e : result.events)
    for (const auto& f : e.firms)
      for (const auto& c : f.cars)
        append_row(out, {f.event ? f.event->id : e.id, f.ticker, fmt::format("{}", c.window.first),
                         fmt::format("{}", c.window.last), format_full(c.car), format_full(c.se),
                         format_full(c.t), format_full(c.p_value), format_full(c.bhar),
                         format_full(c.market_cap_change), format_full(c.abnormal_dollar_change),
                         format_full(c.normal_dollar_change)});
}

void aggregate_days(std::string& out, const study::StudyResult& result) {
  Row header{"event_id", "offset", "date", "n", "aar"};
  append_test_headers(header);
  append_row(out, header);
  for (const auto& e : result.events)
    for (const auto& d : e.aggregate.days) {
      Row row{e.id, fmt::format("{}", d.offset),
              d.mixed_dates ? std::string() : calendar::format_iso(d.date), fmt::format("{}", d.n),
              format_full(d.aar)};
      append_tests(row, d.tests);
      append_row(out, row);
    }
}

void aggregate_cars(std::string& out, const study::StudyResult& result) {
  Row header{"event_id", "window_start", "window_end", "n", "caar"};
  append_test_headers(header);
  for (const auto* name : {"market_cap_change", "abnormal_dollar_change", "normal_dollar_change",
                           "gross_abnormal_loss", "gross_abnormal_gain", "gross_market_cap_loss",
                           "gross_market_cap_gain", "value_weighted_caar"})
    header.emplace_back(name);
  append_row(out, header);
  for (const auto& e : result.events)
    for (const auto& c : e.aggregate.cars) {
      Row row{e.id, fmt::format("{}", c.window.first), fmt::format("{}", c.window.last),
              fmt::format("{}", c.n), format_full(c.caar)};
      append_tests(row, c.tests);
      for (const double value :
           {c.market_cap_change, c.abnormal_dollar_change, c.normal_dollar_change,
            c.gross_abnormal_loss, c.gross_abnormal_gain, c.gross_market_cap_loss,
            c.gross_market_cap_gain, c.value_weighted_caar})
        row.push_back(format_full(value));
      append_row(out, row);
    }
}

} // namespace

std::string csv_field(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos)
    return std::string(field);
  std::string out = "\"";
  for (const char ch : field) {
    if (ch == '"')
      out += '"';
    out += ch;
  }
  out += '"';
  return out;
}

std::string render_csv(const study::StudyResult& result, CsvTable table) {
  std::string out;
  switch (table) {
  case CsvTable::firms:
    firms(out, result);
    break;
  case CsvTable::days:
    days(out, result);
    break;
  case CsvTable::cars:
    cars(out, result);
    break;
  case CsvTable::aggregate_days:
    aggregate_days(out, result);
    break;
  case CsvTable::aggregate_cars:
    aggregate_cars(out, result);
    break;
  }
  return out;
}

} // namespace aftershock::report
