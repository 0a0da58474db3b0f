// The JSON result's sections with the direct writer (issue 6). Each function mirrors the tree
// builder of the same name in json_renderer.cpp (to_json) key for key; the unit tests compare
// the bytes with to_json(...).dump(2). Past 400 lines because the schema is long: one function
// per JSON object, kept in one file so the contract's key order reads top to bottom.
#include "json_sections.hpp"

#include <aftershock/calendar/trading_calendar.hpp>
#include <aftershock/models/model_kind.hpp>
#include <aftershock/series/returns.hpp>
#include <aftershock/util/parallel_for.hpp>

#include <algorithm>
#include <optional>
#include <string_view>

#include "convention_fields.hpp"

namespace aftershock::report::json {
namespace {

void number(JsonWriter& w, const std::optional<double>& value) {
  if (value)
    w.number(*value);
  else
    w.null();
}

void window(JsonWriter& w, const events::Window& window) {
  w.begin_array();
  w.integer(window.first);
  w.integer(window.last);
  w.end_array();
}

void pair(JsonWriter& w, double low, double high) {
  w.begin_array();
  w.number(low);
  w.number(high);
  w.end_array();
}

void string_or_null(JsonWriter& w, const std::string& text) {
  if (text.empty())
    w.null();
  else
    w.string(text);
}

void strings(JsonWriter& w, const std::vector<std::string>& texts) {
  w.begin_array();
  for (const auto& t : texts)
    w.string(t);
  w.end_array();
}

void tests(JsonWriter& w, const study::TestMap& map) {
  w.begin_object();
  for (const auto& [name, value] : map) {
    w.key(name);
    w.begin_object();
    w.key("statistic");
    w.number(value.statistic);
    w.key("p_value");
    w.number(value.p_value);
    w.key("df");
    w.number(value.df);
    w.key("p_adjusted");
    w.number(value.p_adjusted);
    w.end_object();
  }
  w.end_object();
}

void conventions(JsonWriter& w, const study::Conventions& v) {
  w.begin_object();
  for (const auto& [name, member] : k_convention_fields) {
    w.key(name);
    w.string(v.*member);
  }
  w.end_object();
}

void day(JsonWriter& w, const study::DayRow& d) {
  w.begin_object();
  w.key("offset");
  w.integer(d.offset);
  w.key("date");
  write_day_date(w, d);
  w.key("return");
  w.number(d.firm_return);
  w.key("market_return");
  w.number(d.market_return);
  w.key("expected_return");
  w.number(d.expected_return);
  w.key("abnormal_return");
  w.number(d.abnormal_return);
  w.key("se");
  w.number(d.se);
  w.key("t");
  w.number(d.t);
  w.end_object();
}

void car(JsonWriter& w, const study::CarRow& c) {
  w.begin_object();
  w.key("window");
  window(w, c.window);
  w.key("car");
  w.number(c.car);
  w.key("se");
  w.number(c.se);
  w.key("t");
  w.number(c.t);
  w.key("p_value");
  w.number(c.p_value);
  w.key("bhar");
  w.number(c.bhar);
  w.key("market_cap_change");
  w.number(c.market_cap_change);
  w.key("abnormal_dollar_change");
  w.number(c.abnormal_dollar_change);
  w.key("normal_dollar_change");
  w.number(c.normal_dollar_change);
  w.key("abnormal_dollar_se");
  w.number(c.abnormal_dollar_se);
  w.key("abnormal_dollar_t");
  w.number(c.abnormal_dollar_t);
  w.key("abnormal_dollar_ci");
  pair(w, c.abnormal_dollar_ci_low, c.abnormal_dollar_ci_high);
  w.end_object();
}

void aggregate_car(JsonWriter& w, const study::AggregateCar& c) {
  w.begin_object();
  w.key("window");
  window(w, c.window);
  w.key("n");
  w.integer(c.n);
  w.key("caar");
  w.number(c.caar);
  w.key("caar_ci");
  pair(w, c.caar_ci_low, c.caar_ci_high);
  w.key("tests");
  tests(w, c.tests);
  const std::pair<std::string_view, double> dollars[] = {
      {"market_cap_change", c.market_cap_change},
      {"abnormal_dollar_change", c.abnormal_dollar_change},
      {"value_weighted_caar", c.value_weighted_caar},
      {"normal_dollar_change", c.normal_dollar_change},
      {"gross_abnormal_loss", c.gross_abnormal_loss},
      {"gross_abnormal_gain", c.gross_abnormal_gain},
      {"gross_market_cap_loss", c.gross_market_cap_loss},
      {"gross_market_cap_gain", c.gross_market_cap_gain},
      {"abnormal_dollar_se", c.abnormal_dollar_se},
      {"abnormal_dollar_t", c.abnormal_dollar_t}};
  for (const auto& [name, value] : dollars) {
    w.key(name);
    w.number(value);
  }
  w.key("abnormal_dollar_ci");
  pair(w, c.abnormal_dollar_ci_low, c.abnormal_dollar_ci_high);
  w.key("bootstrap");
  if (c.bootstrap.replications == 0) {
    w.null();
  } else {
    w.begin_object();
    w.key("replications");
    w.integer(c.bootstrap.replications);
    w.key("seed");
    w.unsigned_integer(c.bootstrap.seed);
    w.key("p_value");
    w.number(c.bootstrap.p_value);
    w.key("caar_ci");
    pair(w, c.bootstrap.ci_low, c.bootstrap.ci_high);
    w.end_object();
  }
  w.end_object();
}

void aggregate(JsonWriter& w, const study::Aggregate& a) {
  w.begin_object();
  w.key("n_firms");
  w.integer(a.n_firms);
  w.key("days");
  w.begin_array();
  for (const auto& d : a.days) {
    w.begin_object();
    w.key("offset");
    w.integer(d.offset);
    w.key("date");
    if (d.mixed_dates)
      w.null();
    else
      w.date(d.date);
    w.key("n");
    w.integer(d.n);
    w.key("aar");
    w.number(d.aar);
    w.key("tests");
    tests(w, d.tests);
    w.end_object();
  }
  w.end_array();
  w.key("cars");
  w.begin_array();
  for (const auto& c : a.cars)
    aggregate_car(w, c);
  w.end_array();
  w.key("market_cap_before");
  w.number(a.market_cap_before);
  w.key("n_without_shares");
  w.integer(a.n_without_shares);
  w.key("tickers_without_shares");
  strings(w, a.tickers_without_shares);
  w.key("caar_path");
  w.begin_array();
  for (const auto& p : a.caar_path) {
    w.begin_object();
    w.key("offset");
    w.integer(p.offset);
    w.key("date");
    if (p.date)
      w.date(*p.date);
    else
      w.null();
    w.key("n");
    w.integer(p.n);
    w.key("caar");
    w.number(p.caar);
    w.key("caar_ci");
    pair(w, p.ci_low, p.ci_high);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

// Calls render(writer, i) for i in [0, n) on up to `threads` threads in contiguous pieces,
// each piece with its own writer made by make_writer(first index) writing into the storage of
// pieces[p] (resized to the number of pieces; the capacity of its strings is reused).
template <typename MakeWriter, typename Render>
void render_pieces(std::vector<std::string>& pieces, std::size_t n, std::size_t threads_option,
                   const MakeWriter& make_writer, const Render& render) {
  if (n == 0) {
    pieces.clear();
    return;
  }
  const std::size_t threads =
      std::min<std::size_t>(threads_option == 0 ? util::default_thread_count() : threads_option, n);
  pieces.resize(threads);
  util::parallel_for(threads, threads, [&](std::size_t first_piece, std::size_t end_piece) {
    for (std::size_t p = first_piece; p < end_piece; ++p) {
      const std::size_t begin = n * p / threads;
      const std::size_t end = n * (p + 1) / threads;
      JsonWriter w = make_writer(begin);
      w.use_buffer(std::move(pieces[p]));
      for (std::size_t i = begin; i < end; ++i) {
        render(w, i);
        if (i == begin && end - begin > 1) // room for twice the first element's size each:
          w.reserve(2 * w.text().size() * (end - begin)); // pages never written stay untouched
      }
      pieces[p] = w.take();
    }
  });
}

// The pieces joined in order.
std::string joined(std::vector<std::string>& pieces) {
  if (pieces.empty())
    return {};
  if (pieces.size() == 1)
    return std::move(pieces.front());
  std::size_t size = 0;
  for (const auto& piece : pieces)
    size += piece.size();
  std::string out;
  out.reserve(size);
  for (const auto& piece : pieces)
    out += piece;
  return out;
}

} // namespace

void write_day_date(JsonWriter& w, const study::DayRow& day) {
  if (day.date) // none for a padded day outside the market calendar (docs/batch.md)
    w.date(*day.date);
  else
    w.null();
}

void write_tool(JsonWriter& w) {
  w.begin_object();
  w.key("name");
  w.string("aftershock");
  w.key("version");
  w.string(AFTERSHOCK_VERSION);
  w.end_object();
}

void write_config(JsonWriter& w, const study::StudyResult& result, const RunInputs& inputs) {
  const auto& c = result.config;
  const bool batch = !c.events_file.empty();
  w.begin_object();
  w.key("data");
  strings(w, inputs.data_paths);
  w.key("shares");
  string_or_null(w, inputs.shares_path);
  w.key("date_format");
  w.string(inputs.date_format);
  w.key("on_bad_row");
  w.string(inputs.on_bad_row);
  w.key("event");
  w.string(c.event_id);
  w.key("event_date"); // null for batch runs (issue 5)
  if (batch)
    w.null();
  else
    w.date(c.event_date);
  w.key("market");
  w.string(c.market);
  w.key("tickers");
  strings(w, c.tickers);
  w.key("estimation_window");
  window(w, c.estimation);
  w.key("event_window");
  window(w, c.event_window);
  w.key("car_windows");
  w.begin_array();
  for (const auto& cw : c.car_windows)
    window(w, cw);
  w.end_array();
  w.key("model");
  w.string(models::model_name(c.model));
  w.key("returns");
  w.string(series::return_type_name(c.returns));
  w.key("gaps");
  w.string(series::gap_policy_name(c.gaps));
  w.key("prices");
  w.string(c.basis == series::PriceBasis::close ? "close" : "adjusted");
  w.key("convention");
  w.string(models::convention_name(c.convention));
  w.key("policy");
  w.string(calendar::policy_name(c.policy));
  w.key("min_estimation");
  w.integer(c.min_estimation);
  w.key("dimson_lags");
  w.integer(c.dimson_lags);
  w.key("bootstrap");
  w.integer(c.inference.bootstrap);
  w.key("seed");
  w.unsigned_integer(c.inference.seed);
  w.key("adjust");
  w.string(result.conventions.p_adjust);
  w.key("tests"); // the selected tests (--tests), in the battery order
  w.begin_array();
  for (const auto name : c.inference.tests.names())
    w.string(name);
  w.end_array();
  w.key("conventions");
  conventions(w, result.conventions);
  if (batch) {
    w.key("events_file");
    w.string(c.events_file);
  }
  if (c.group_by != study::GroupBy::none) {
    w.key("group_by");
    w.string(c.group_by == study::GroupBy::date ? "date" : "group");
    w.key("groups_file");
    string_or_null(w, c.groups_file);
  }
  w.end_object();
}

void write_firm_fields(JsonWriter& w, const study::FirmResult& f) {
  const bool ok = f.status == study::FirmStatus::ok;
  w.key("ticker");
  w.string(f.ticker);
  w.key("status");
  w.string(study::status_code(f.status));
  w.key("reason");
  if (ok)
    w.null();
  else
    w.string(f.reason);
  w.key("alpha");
  number(w, f.fit.alpha());
  w.key("beta");
  number(w, f.fit.beta());
  w.key("sigma");
  number(w, ok ? std::optional<double>(f.fit.sigma) : std::nullopt);
  w.key("r2");
  number(w, ok ? std::optional<double>(f.fit.r2) : std::nullopt);
  w.key("n_estimation");
  w.integer(f.fit.n_estimation);
  w.key("coefficients");
  w.begin_array();
  for (const auto& k : f.fit.coefficients) {
    w.begin_object();
    w.key("name");
    w.string(k.name);
    w.key("value");
    w.number(k.value);
    w.key("se");
    w.number(k.standard_error);
    w.end_object();
  }
  w.end_array();
  w.key("days");
  w.begin_array();
  for (const auto& d : f.days)
    day(w, d);
  w.end_array();
  w.key("cars");
  w.begin_array();
  for (const auto& c : f.cars)
    car(w, c);
  w.end_array();
  w.key("market_cap_before");
  w.number(f.market_cap_before);
  w.key("shares");
  number(w, f.shares);
  w.key("shares_as_of");
  if (f.shares_as_of)
    w.date(*f.shares_as_of);
  else
    w.null();
  w.key("shares_source");
  if (f.shares)
    w.string(f.shares_source);
  else
    w.null();
  w.key("car_path");
  w.begin_array();
  for (const double v : f.car_path)
    w.number(v);
  w.end_array();
  if (f.event) { // batch runs only (additive)
    const auto& e = *f.event;
    w.key("event_id");
    w.string(e.id);
    w.key("requested_date");
    w.date(e.requested_date);
    w.key("event_date");
    if (e.event_date)
      w.date(*e.event_date);
    else
      w.null();
    w.key("market");
    w.string(e.market);
    w.key("group");
    string_or_null(w, e.group);
    w.key("line");
    w.unsigned_integer(e.line);
    if (e.event_window) {
      w.key("event_window");
      window(w, *e.event_window);
    }
    if (e.estimation) {
      w.key("estimation_window");
      window(w, *e.estimation);
    }
  }
}

void write_firm(JsonWriter& w, const study::FirmResult& firm) {
  w.begin_object();
  write_firm_fields(w, firm);
  w.end_object();
}

void write_event_head_fields(JsonWriter& w, const study::EventResult& e) {
  const auto date = [&](calendar::Date d) {
    if (e.pooled)
      w.null();
    else
      w.date(d);
  };
  w.key("id");
  w.string(e.id);
  w.key("requested_date");
  date(e.requested_date);
  w.key("event_date");
  date(e.event_date);
  w.key("estimation_window");
  window(w, e.estimation);
  w.key("event_window");
  window(w, e.event_window);
  w.key("estimation_dates");
  if (e.pooled) {
    w.null();
  } else {
    w.begin_array();
    w.date(e.estimation_first);
    w.date(e.estimation_last);
    w.end_array();
  }
  w.key("market");
  if (e.pooled && e.market.empty())
    w.null();
  else
    w.string(e.market);
}

void write_event_tail_fields(JsonWriter& w, const study::EventResult& e, bool result_has_groups) {
  w.key("aggregate");
  aggregate(w, e.aggregate);
  if (e.pooled) { // batch runs only (additive)
    w.key("n_firm_events");
    w.unsigned_integer(e.firms.size() + e.streamed_firm_events);
    w.key("n_event_dates");
    w.integer(e.n_event_dates);
  }
  if (!e.groups.empty() || result_has_groups) {
    w.key("groups");
    w.begin_array();
    for (const auto& g : e.groups) {
      w.begin_object();
      w.key("name");
      w.string(g.name);
      w.key("n_firm_events");
      w.integer(g.n_firm_events);
      w.key("aggregate");
      if (g.aggregate.n_firms == 0)
        w.null();
      else
        aggregate(w, g.aggregate);
      w.end_object();
    }
    w.end_array();
  }
}

void firm_element_pieces(std::vector<std::string>& pieces,
                         const std::vector<study::FirmResult>& firms, std::size_t depth,
                         std::size_t written_before, std::size_t threads) {
  render_pieces(
      pieces, firms.size(), threads,
      [&](std::size_t first) {
        return JsonWriter(JsonWriter::Layout::pretty, depth,
                          written_before + first > 0 ? JsonWriter::Innermost::has_elements
                                                     : JsonWriter::Innermost::empty);
      },
      [&](JsonWriter& w, std::size_t i) { write_firm(w, firms[i]); });
}

std::string firm_elements(const std::vector<study::FirmResult>& firms, std::size_t depth,
                          std::size_t written_before, std::size_t threads) {
  std::vector<std::string> pieces;
  firm_element_pieces(pieces, firms, depth, written_before, threads);
  return joined(pieces);
}

void firm_line_pieces(std::vector<std::string>& pieces, const std::vector<study::FirmResult>& firms,
                      std::string_view event_id, std::size_t threads) {
  render_pieces(
      pieces, firms.size(), threads,
      [](std::size_t) { return JsonWriter(JsonWriter::Layout::compact); },
      [&](JsonWriter& w, std::size_t i) {
        w.begin_object();
        w.key("type");
        w.string("firm_event");
        w.key("event");
        w.string(event_id);
        write_firm_fields(w, firms[i]);
        w.end_object();
        w.raw("\n");
      });
}

std::string firm_lines(const std::vector<study::FirmResult>& firms, std::string_view event_id,
                       std::size_t threads) {
  std::vector<std::string> pieces;
  firm_line_pieces(pieces, firms, event_id, threads);
  return joined(pieces);
}

} // namespace aftershock::report::json
