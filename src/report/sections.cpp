#include <aftershock/calendar/date.hpp>
#include <aftershock/events/window.hpp>
#include <aftershock/models/model_kind.hpp>
#include <aftershock/report/csv_renderer.hpp>
#include <aftershock/report/number_format.hpp>
#include <aftershock/report/sections.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "car_path_section.hpp"
#include "firm_label.hpp"

namespace aftershock::report {
namespace {

using study::FirmStatus;

std::string weekday(calendar::Date date) {
  static constexpr std::array<const char*, 7> k_names{"Mon", "Tue", "Wed", "Thu",
                                                      "Fri", "Sat", "Sun"};
  return k_names.at(calendar::iso_weekday(date) - 1);
}

std::string dated(calendar::Date date) {
  return fmt::format("{} ({})", calendar::format_iso(date), weekday(date));
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0)
      out += separator;
    out += items[i];
  }
  return out;
}

const study::DayRow* day_zero(const study::FirmResult& firm) {
  for (const auto& d : firm.days)
    if (d.offset == 0)
      return &d;
  return nullptr;
}

// Each ticker once, in first-seen order (a batch run can have several firm-events of one
// ticker without shares).
std::vector<std::string> unique(const std::vector<std::string>& items) {
  std::vector<std::string> out;
  for (const auto& item : items)
    if (std::find(out.begin(), out.end(), item) == out.end())
      out.push_back(item);
  return out;
}

const stats::TestValue* find_test(const study::TestMap& tests, std::string_view name) {
  for (const auto& [test_name, value] : tests)
    if (test_name == name)
      return &value;
  return nullptr;
}

// The tests the people-facing tables show: the headline tests when all of them were computed
// (--tests all or a superset of standard), else the computed ones (--tests), at most as many as
// the headline (the width of 100 columns); JSON and CSV carry every computed test. The computed
// tests are the keys of the aggregate's test maps (the selected ones).
std::vector<std::string_view> shown_tests(const study::Aggregate& aggregate) {
  const study::TestMap* tests = !aggregate.cars.empty()   ? &aggregate.cars.front().tests
                                : !aggregate.days.empty() ? &aggregate.days.front().tests
                                                          : nullptr;
  if (tests == nullptr)
    return {k_headline_test_names.begin(), k_headline_test_names.end()};
  const bool headline = std::all_of(k_headline_test_names.begin(), k_headline_test_names.end(),
                                    [&](std::string_view name) { return find_test(*tests, name); });
  if (headline)
    return {k_headline_test_names.begin(), k_headline_test_names.end()};
  std::vector<std::string_view> out;
  for (const auto name : k_test_names)
    if (find_test(*tests, name) != nullptr && out.size() < k_headline_test_names.size())
      out.push_back(name);
  return out;
}

bool find_test_name(const std::vector<std::string_view>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

void append_test_headers(TextTable& table, const std::vector<std::string_view>& shown) {
  for (const auto name : shown)
    table.headers.emplace_back(name);
}

void append_tests(std::vector<std::string>& row, const study::TestMap& tests,
                  const std::vector<std::string_view>& shown, Colour colour = Colour::off) {
  for (const auto name : shown) {
    const auto* value = find_test(tests, name);
    row.push_back(value ? paint_significant(format_test_cell(*value), value->statistic,
                                            value->p_value, colour)
                        : "-");
  }
}

// True when some ok firm-event has its own windows (per-row windows, --overlap trim).
bool own_windows(const study::EventResult& event) {
  return std::any_of(event.firms.begin(), event.firms.end(), [](const study::FirmResult& f) {
    return f.status == FirmStatus::ok && f.event && (f.event->event_window || f.event->estimation);
  });
}

Section firms_day_zero(const study::EventResult& event) {
  Section s{event.pooled ? std::string("Firm-events on day 0")
                         : "Firms on day 0 (" + calendar::format_iso(event.event_date) + ")",
            {},
            {}};
  const bool windows = own_windows(event);
  std::vector<std::string> headers{"Return", "AR", "t", "Alpha", "Beta", "M", "Cap before"};
  if (windows) // the firm-event's own event and estimation windows
    headers.insert(headers.end(), {"Window", "Estimation"});
  set_firm_columns(s.table, event, headers, {});
  for (const auto& f : event.firms) {
    if (f.status != FirmStatus::ok)
      continue;
    const auto* d = day_zero(f);
    const double nan = std::nan("");
    std::vector<std::string> cells{format_percent(d ? d->firm_return : nan),
                                   format_percent(d ? d->abnormal_return : nan),
                                   format_fixed(d ? d->t : nan, 2),
                                   format_percent(f.fit.alpha().value_or(nan), 3),
                                   format_fixed(f.fit.beta().value_or(nan), 2),
                                   fmt::format("{}", f.fit.n_estimation),
                                   format_money(f.market_cap_before)};
    if (windows) {
      const auto& info = *f.event;
      cells.push_back(events::format_window(info.event_window.value_or(event.event_window)));
      cells.push_back(events::format_window(info.estimation.value_or(event.estimation)));
    }
    s.table.rows.push_back(firm_row(event, f, std::move(cells)));
  }
  s.notes.push_back("Return, AR and alpha (per day) in percent; t = AR / its prediction-error "
                    "corrected s.e.;");
  s.notes.push_back("M = estimation returns used; cap before = market cap on the day before "
                    "the window.");
  if (windows)
    s.notes.push_back("Window, estimation = the firm-event's own windows (events file columns, "
                      "--overlap trim); the pooled window is their union.");
  return s;
}

Section firm_cars(const study::EventResult& event, Colour colour) {
  Section s{"Cumulative abnormal returns by firm", {}, {}};
  set_firm_columns(s.table, event, {"Window", "CAR", "t", "p", "BHAR", "Cap change", "Abnormal $"},
                   {Align::left});
  for (const auto& f : event.firms) {
    if (f.status != FirmStatus::ok)
      continue;
    for (const auto& c : f.cars)
      s.table.rows.push_back(
          firm_row(event, f,
                   {events::format_window(c.window),
                    paint_significant(format_percent(c.car), c.car, c.p_value, colour),
                    format_fixed(c.t, 2), format_p_value(c.p_value), format_percent(c.bhar),
                    format_money(c.market_cap_change), format_money(c.abnormal_dollar_change)}));
  }
  s.notes.push_back("Cap change = raw market-cap change over the window;");
  s.notes.push_back("abnormal $ = sum over the window of AR_t x market cap on day t-1.");
  return s;
}

Section aar_days(const study::EventResult& event, Colour colour) {
  Section s{"Average abnormal return by day (statistic (two-sided p))", {}, {}};
  s.table.headers = {"Day", "N", "AAR"};
  const auto shown = shown_tests(event.aggregate);
  append_test_headers(s.table, shown);
  for (const auto& d : event.aggregate.days) {
    std::vector<std::string> row{fmt::format("{}", d.offset), fmt::format("{}", d.n),
                                 format_percent(d.aar)};
    append_tests(row, d.tests, shown, colour);
    s.table.rows.push_back(std::move(row));
  }
  if (!event.aggregate.days.empty() && event.pooled)
    s.notes.push_back(
        fmt::format("Firm-events on {} date(s) pooled in event time.", event.n_event_dates));
  else if (!event.aggregate.days.empty())
    s.notes.push_back(fmt::format(
        "Day {} is {}, day {} is {}.", event.aggregate.days.front().offset,
        calendar::format_iso(event.aggregate.days.front().date), event.aggregate.days.back().offset,
        calendar::format_iso(event.aggregate.days.back().date)));
  return s;
}

Section caar_windows(const study::EventResult& event, Colour colour) {
  Section s{"Cumulative average abnormal return by window (statistic (two-sided p))", {}, {}};
  s.table.headers = {"Window", "N", "CAAR"};
  s.table.align = {Align::left};
  const auto shown = shown_tests(event.aggregate);
  append_test_headers(s.table, shown);
  for (const auto& c : event.aggregate.cars) {
    std::vector<std::string> row{events::format_window(c.window), fmt::format("{}", c.n),
                                 format_percent(c.caar)};
    append_tests(row, c.tests, shown, colour);
    s.table.rows.push_back(std::move(row));
  }
  return s;
}

Section market_value(const study::EventResult& event) {
  const auto& a = event.aggregate;
  Section s{"Market value (totals over firms with shares)", {}, {}};
  s.table.headers = {"Window",     "Cap change",  "Cap losses", "Cap gains",
                     "Abnormal $", "Abn. losses", "Abn. gains", "VW CAAR"};
  s.table.align = {Align::left};
  for (const auto& c : a.cars)
    s.table.rows.push_back(
        {events::format_window(c.window), format_money(c.market_cap_change),
         format_money(c.gross_market_cap_loss), format_money(c.gross_market_cap_gain),
         format_money(c.abnormal_dollar_change), format_money(c.gross_abnormal_loss),
         format_money(c.gross_abnormal_gain), format_percent(c.value_weighted_caar)});
  s.notes.push_back(fmt::format("Market value before the window: {} ({} firms with shares).",
                                format_money(a.market_cap_before), a.n_firms - a.n_without_shares));
  if (a.n_without_shares > 0)
    s.notes.push_back(fmt::format("{} {} without shares excluded: {}", a.n_without_shares,
                                  event.pooled ? "firm-events" : "firms",
                                  join(unique(a.tickers_without_shares), ", ")));
  else
    s.notes.push_back("0 firms without shares excluded.");
  return s;
}

// CAAR with two tests, and the market value, per group and window (--group-by, --groups); two
// tables so that each fits 100 columns. JSON and CSV carry every test.
std::vector<Section> groups(const study::EventResult& event) {
  Section tests{"Groups: CAAR by window (statistic (two-sided p))", {}, {}};
  // t_csect and bmp_kp when computed, else the first two shown tests (--tests).
  auto shown = shown_tests(event.aggregate);
  if (find_test_name(shown, "t_csect") && find_test_name(shown, "bmp_kp"))
    shown = {"t_csect", "bmp_kp"};
  shown.resize(std::min<std::size_t>(shown.size(), 2));
  tests.table.headers = {"Group", "Window", "N", "CAAR"};
  for (const auto name : shown)
    tests.table.headers.emplace_back(name);
  tests.table.align = {Align::left, Align::left};
  Section value{"Groups: market value (firms with shares)", {}, {}};
  value.table.headers = {"Group", "Window",      "Cap change", "Abnormal $",
                         "$ SE",  "Abn. losses", "Abn. gains"};
  value.table.align = {Align::left, Align::left};
  const auto cell = [](const study::TestMap& map, std::string_view name) {
    const auto* t = find_test(map, name);
    return t ? format_test_cell(*t) : std::string("-");
  };
  for (const auto& g : event.groups) {
    if (g.aggregate.n_firms == 0) {
      std::vector<std::string> row{g.name, "-", "0", "-"};
      row.resize(row.size() + shown.size(), "-");
      tests.table.rows.push_back(std::move(row));
      continue;
    }
    for (const auto& c : g.aggregate.cars) {
      const auto window = events::format_window(c.window);
      std::vector<std::string> row{g.name, window, fmt::format("{}", c.n), format_percent(c.caar)};
      for (const auto name : shown)
        row.push_back(cell(c.tests, name));
      tests.table.rows.push_back(std::move(row));
      value.table.rows.push_back(
          {g.name, window, format_money(c.market_cap_change),
           format_money(c.abnormal_dollar_change), format_money(c.abnormal_dollar_se),
           format_money(c.gross_abnormal_loss), format_money(c.gross_abnormal_gain)});
    }
  }
  value.notes.push_back("Abnormal $ = abnormal losses + abnormal gains (net); $ SE = portfolio "
                        "standard error of the group's abnormal $.");
  return {tests, value};
}

Section excluded_firms(const study::EventResult& event) {
  Section s{"Firms not included", {}, {}};
  set_firm_columns(s.table, event, {"Status", "Reason"}, {Align::left, Align::left});
  for (const auto& f : event.firms)
    if (f.status != FirmStatus::ok)
      s.table.rows.push_back(
          firm_row(event, f, {std::string(study::status_code(f.status)), f.reason}));
  return s;
}

} // namespace

std::string format_test_cell(const stats::TestValue& value) {
  if (!std::isfinite(value.statistic))
    return "-";
  return fmt::format("{:.2f} ({})", value.statistic, format_p_value(value.p_value));
}

std::vector<std::pair<std::string, std::string>> convention_lines(const study::StudyResult& result,
                                                                  const RunInputs& inputs) {
  const auto& c = result.config;
  const auto& v = result.conventions;
  std::vector<std::string> car_windows;
  for (const auto& w : c.car_windows)
    car_windows.push_back(events::format_window(w));
  return {
      {"data", join(inputs.data_paths, ", ")},
      {"shares", inputs.shares_path.empty() ? "(none)" : inputs.shares_path},
      {"input", fmt::format("dates {}, bad rows: {}", inputs.date_format, inputs.on_bad_row)},
      {"model", std::string(models::model_name(c.model))},
      {"convention", v.convention},
      {"returns", v.return_type},
      {"gaps", v.gap_policy},
      {"prices", v.price_basis},
      {"estimation",
       fmt::format("{} (min {} returns)", events::format_window(c.estimation), c.min_estimation)},
      {"event window", events::format_window(c.event_window)},
      {"CAR windows", join(car_windows, ", ")},
      {"variance divisor", v.variance_divisor},
      {"prediction error", v.prediction_error},
      {"market mean basis", v.market_mean_basis},
      {"CAR variance", v.car_variance},
      {"p-values", v.p_values},
      {"non-trading days", v.non_trading_policy},
      {"dollar measure", v.dollar_measure},
      {"market cap", v.market_cap},
      {"sign counting", v.sign_counting},
      {"gen-sign p-hat", v.gen_sign_p_hat},
      {"rank tests", v.rank_method},
      {"GRANK", v.grank_indexing},
      {"skewness gamma", v.skewness_gamma},
      {"Wilcoxon", v.wilcoxon_method},
      {"BW1980 df", v.bw1980_df},
      {"window tests", v.window_tests},
      {"bootstrap", v.bootstrap},
      {"p-value adjustment", v.p_adjust},
  };
}

std::string event_line(const study::EventResult& event) {
  if (event.pooled)
    return fmt::format("Events {}: {} firm-events ({} ok) on {} date(s), pooled in event time",
                       event.id, event.firms.size(), event.aggregate.n_firms, event.n_event_dates);
  return fmt::format("Event {}: requested {}, day 0 {}", event.id, dated(event.requested_date),
                     dated(event.event_date));
}

std::string event_details(const study::EventResult& event) {
  if (event.pooled)
    return fmt::format("Estimation {}; event window {}; market {}",
                       events::format_window(event.estimation),
                       events::format_window(event.event_window),
                       event.market.empty() ? std::string("per row") : event.market);
  return fmt::format("Estimation {} ({} to {}); event window {}; market {}",
                     events::format_window(event.estimation),
                     calendar::format_iso(event.estimation_first),
                     calendar::format_iso(event.estimation_last),
                     events::format_window(event.event_window), event.market);
}

std::vector<Section> event_sections(const study::EventResult& event, const TerminalStyle& style) {
  std::vector<Section> sections{firms_day_zero(event),
                                firm_cars(event, style.colour),
                                car_path_section(event, style),
                                aar_days(event, style.colour),
                                caar_windows(event, style.colour),
                                market_value(event)};
  if (!event.groups.empty())
    for (auto& section : groups(event))
      sections.push_back(std::move(section));
  auto excluded = excluded_firms(event);
  if (!excluded.table.rows.empty())
    sections.push_back(std::move(excluded));
  return sections;
}

} // namespace aftershock::report
