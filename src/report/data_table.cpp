#include <aftershock/calendar/date.hpp>
#include <aftershock/report/csv_renderer.hpp>
#include <aftershock/report/data_table.hpp>
#include <aftershock/report/number_format.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace aftershock::report {
namespace {

using K = ColumnKind;
using Row = std::vector<DataCell>;
constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

DataCell text(std::string value) {
  return {std::move(value), k_nan};
}
DataCell integer(long long value) {
  return {fmt::format("{}", value), k_nan};
}
DataCell number(double value) {
  return {{}, value};
}
DataCell number(const std::optional<double>& value) {
  return {{}, value.value_or(k_nan)};
}

void test_columns(std::vector<Column>& columns, const study::TestSelection& tests) {
  for (const auto name : tests.names()) {
    columns.push_back({fmt::format("{}_statistic", name), K::statistic});
    columns.push_back({fmt::format("{}_p_value", name), K::p_value});
  }
}

void test_cells(Row& row, const study::TestMap& tests, const study::TestSelection& selected) {
  for (const auto name : selected.names()) {
    const stats::TestValue* found = nullptr;
    for (const auto& [test_name, value] : tests)
      if (test_name == name)
        found = &value;
    row.push_back(number(found ? found->statistic : k_nan));
    row.push_back(number(found ? found->p_value : k_nan));
  }
}

// The firm-event's own windows (offsets), the last four columns of the firms, days and cars
// tables: its event window and estimation window when it has its own (per-row windows of an
// events file, --overlap trim), else the study's; empty for a batch firm-event not located on
// its market's calendar (its windows were never resolved).
void window_columns(std::vector<Column>& columns) {
  columns.insert(columns.end(), {{"event_window_start", K::integer},
                                 {"event_window_end", K::integer},
                                 {"estimation_start", K::integer},
                                 {"estimation_end", K::integer}});
}

void window_cells(Row& row, const study::EventResult& e, const study::FirmResult& f) {
  if (f.event && !f.event->event_date) {
    row.insert(row.end(), 4, text(std::string()));
    return;
  }
  const auto& own = f.event && f.event->event_window ? *f.event->event_window : e.event_window;
  const auto& estimation = f.event && f.event->estimation ? *f.event->estimation : e.estimation;
  row.insert(row.end(), {integer(own.first), integer(own.last), integer(estimation.first),
                         integer(estimation.last)});
}

std::vector<Column> columns_of(CsvTable table, const study::TestSelection& tests) {
  std::vector<Column> c{{"event_id", K::text}};
  switch (table) {
  case CsvTable::firms:
    c.insert(c.end(), {{"ticker", K::text},
                       {"status", K::text},
                       {"reason", K::text},
                       {"alpha", K::fraction},
                       {"beta", K::decimal},
                       {"sigma", K::fraction},
                       {"r2", K::decimal},
                       {"n_estimation", K::integer},
                       {"market_cap_before", K::dollars},
                       {"shares", K::count},
                       {"shares_as_of", K::text}});
    window_columns(c);
    break;
  case CsvTable::days:
    c.insert(c.end(), {{"ticker", K::text},
                       {"offset", K::integer},
                       {"date", K::text},
                       {"return", K::fraction},
                       {"market_return", K::fraction},
                       {"expected_return", K::fraction},
                       {"abnormal_return", K::fraction},
                       {"se", K::fraction},
                       {"t", K::statistic}});
    window_columns(c);
    break;
  case CsvTable::cars:
    c.insert(c.end(), {{"ticker", K::text},
                       {"window_start", K::integer},
                       {"window_end", K::integer},
                       {"car", K::fraction},
                       {"se", K::fraction},
                       {"t", K::statistic},
                       {"p_value", K::p_value},
                       {"bhar", K::fraction},
                       {"market_cap_change", K::dollars},
                       {"abnormal_dollar_change", K::dollars},
                       {"normal_dollar_change", K::dollars}});
    window_columns(c);
    break;
  case CsvTable::aggregate_days:
    c.insert(c.end(),
             {{"offset", K::integer}, {"date", K::text}, {"n", K::integer}, {"aar", K::fraction}});
    test_columns(c, tests);
    break;
  case CsvTable::aggregate_cars:
    c.insert(c.end(), {{"window_start", K::integer},
                       {"window_end", K::integer},
                       {"n", K::integer},
                       {"caar", K::fraction}});
    test_columns(c, tests);
    c.insert(c.end(), {{"market_cap_change", K::dollars},
                       {"abnormal_dollar_change", K::dollars},
                       {"normal_dollar_change", K::dollars},
                       {"gross_abnormal_loss", K::dollars},
                       {"gross_abnormal_gain", K::dollars},
                       {"gross_market_cap_loss", K::dollars},
                       {"gross_market_cap_gain", K::dollars},
                       {"value_weighted_caar", K::fraction}});
    break;
  }
  return c;
}

void firm_rows(DataTable& t, const study::StudyResult& result) {
  for (const auto& e : result.events)
    for (const auto& f : e.firms) {
      const bool ok = f.status == study::FirmStatus::ok;
      Row row{text(f.event ? f.event->id : e.id),
              text(f.ticker),
              text(std::string(study::status_code(f.status))),
              text(f.reason),
              number(f.fit.alpha()),
              number(f.fit.beta()),
              number(ok ? f.fit.sigma : k_nan),
              number(ok ? f.fit.r2 : k_nan),
              integer(f.fit.n_estimation),
              number(f.market_cap_before),
              number(f.shares),
              text(f.shares_as_of ? calendar::format_iso(*f.shares_as_of) : "")};
      window_cells(row, e, f);
      t.rows.push_back(std::move(row));
    }
}

void day_rows(DataTable& t, const study::StudyResult& result) {
  for (const auto& e : result.events)
    for (const auto& f : e.firms)
      for (const auto& d : f.days) {
        Row row{text(f.event ? f.event->id : e.id),
                text(f.ticker),
                integer(d.offset),
                text(d.date ? calendar::format_iso(*d.date) : std::string()),
                number(d.firm_return),
                number(d.market_return),
                number(d.expected_return),
                number(d.abnormal_return),
                number(d.se),
                number(d.t)};
        window_cells(row, e, f);
        t.rows.push_back(std::move(row));
      }
}

void car_rows(DataTable& t, const study::StudyResult& result) {
  for (const auto& e : result.events)
    for (const auto& f : e.firms)
      for (const auto& c : f.cars) {
        Row row{text(f.event ? f.event->id : e.id),
                text(f.ticker),
                integer(c.window.first),
                integer(c.window.last),
                number(c.car),
                number(c.se),
                number(c.t),
                number(c.p_value),
                number(c.bhar),
                number(c.market_cap_change),
                number(c.abnormal_dollar_change),
                number(c.normal_dollar_change)};
        window_cells(row, e, f);
        t.rows.push_back(std::move(row));
      }
}

void aggregate_day_rows(DataTable& t, const study::StudyResult& result) {
  for (const auto& e : result.events)
    for (const auto& d : e.aggregate.days) {
      Row row{text(e.id), integer(d.offset),
              text(d.mixed_dates ? std::string() : calendar::format_iso(d.date)), integer(d.n),
              number(d.aar)};
      test_cells(row, d.tests, result.config.inference.tests);
      t.rows.push_back(std::move(row));
    }
}

void aggregate_car_rows(DataTable& t, const study::StudyResult& result) {
  for (const auto& e : result.events)
    for (const auto& c : e.aggregate.cars) {
      Row row{text(e.id), integer(c.window.first), integer(c.window.last), integer(c.n),
              number(c.caar)};
      test_cells(row, c.tests, result.config.inference.tests);
      for (const double value :
           {c.market_cap_change, c.abnormal_dollar_change, c.normal_dollar_change,
            c.gross_abnormal_loss, c.gross_abnormal_gain, c.gross_market_cap_loss,
            c.gross_market_cap_gain, c.value_weighted_caar})
        row.push_back(number(value));
      t.rows.push_back(std::move(row));
    }
}

} // namespace

DataTable build_data_table(const study::StudyResult& result, CsvTable table) {
  DataTable t{columns_of(table, result.config.inference.tests), {}};
  switch (table) {
  case CsvTable::firms:
    firm_rows(t, result);
    break;
  case CsvTable::days:
    day_rows(t, result);
    break;
  case CsvTable::cars:
    car_rows(t, result);
    break;
  case CsvTable::aggregate_days:
    aggregate_day_rows(t, result);
    break;
  case CsvTable::aggregate_cars:
    aggregate_car_rows(t, result);
    break;
  }
  return t;
}

std::vector<std::string> data_table_columns(CsvTable table, const study::TestSelection& tests) {
  std::vector<std::string> names;
  for (const auto& column : columns_of(table, tests))
    names.push_back(column.name);
  return names;
}

DataTable select_columns(const DataTable& table, const std::vector<std::string>& names,
                         std::vector<std::string>& unknown) {
  std::vector<std::size_t> picked;
  for (const auto& name : names) {
    const auto found = std::find_if(table.columns.begin(), table.columns.end(),
                                    [&](const Column& c) { return c.name == name; });
    if (found == table.columns.end())
      unknown.push_back(name);
    else
      picked.push_back(static_cast<std::size_t>(found - table.columns.begin()));
  }
  if (!unknown.empty())
    return table;
  DataTable out;
  for (const auto i : picked)
    out.columns.push_back(table.columns[i]);
  for (const auto& row : table.rows) {
    std::vector<DataCell> cells;
    cells.reserve(picked.size());
    for (const auto i : picked)
      cells.push_back(row[i]);
    out.rows.push_back(std::move(cells));
  }
  return out;
}

std::string full_cell(const Column& column, const DataCell& cell) {
  if (column.kind == K::text || column.kind == K::integer)
    return cell.text;
  return format_full(cell.number);
}

std::string display_cell(const Column& column, const DataCell& cell) {
  switch (column.kind) {
  case K::text:
  case K::integer:
    return cell.text;
  case K::fraction:
    return format_percent(cell.number);
  case K::decimal:
    return format_fixed(cell.number, 3);
  case K::statistic:
    return format_fixed(cell.number, 2);
  case K::p_value:
    return format_p_value(cell.number);
  case K::dollars:
    return format_money(cell.number);
  case K::count:
    return format_fixed(cell.number, 0);
  }
  return cell.text;
}

} // namespace aftershock::report
