// Shard files of `study --events --shard K/N` and their merge (issue 5, "Batch input"). A shard
// holds, per firm-event, the FirmComputation the aggregation reads (aggregate.hpp works from
// these quantities only) and the Span the overlap check reads; the merge rebuilds the list in
// file order and calls assemble_batch, the code a single run calls.
// Over ~400 lines would need a reason; this file is the (de)serialisation of one struct tree.
#include <aftershock/study/shard.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/parallel_for.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <set>

#include "batch_engine.hpp"
#include "batch_plan.hpp"

namespace aftershock::study {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view k_format = "aftershock-shard";
constexpr int k_version = 2; // 2: per-row windows in the span, plan_notes

// Doubles: JSON numbers (nlohmann writes the shortest text that reads back to the same
// double); non-finite values as strings so that they round-trip too.
Json num(double v) {
  if (std::isnan(v))
    return "nan";
  if (std::isinf(v))
    return v > 0 ? "inf" : "-inf";
  return v;
}

double get_num(const Json& j) {
  if (j.is_string()) {
    const auto& s = j.get_ref<const std::string&>();
    if (s == "nan")
      return std::numeric_limits<double>::quiet_NaN();
    if (s == "inf")
      return std::numeric_limits<double>::infinity();
    if (s == "-inf")
      return -std::numeric_limits<double>::infinity();
    throw Error("bad number " + util::quote_for_message(s), "");
  }
  return j.get<double>();
}

Json nums(const std::vector<double>& values) {
  Json out = Json::array();
  for (const double v : values)
    out.push_back(num(v));
  return out;
}

std::vector<double> get_nums(const Json& j) {
  std::vector<double> out;
  for (const auto& v : j)
    out.push_back(get_num(v));
  return out;
}

Json date(calendar::Date d) {
  return d.time_since_epoch().count(); // days since 1970-01-01
}

calendar::Date get_date(const Json& j) {
  return calendar::Date(std::chrono::days(j.get<int>()));
}

Json window(const events::Window& w) {
  return Json::array({w.first, w.last});
}

events::Window get_window(const Json& j) {
  return {j.at(0).get<int>(), j.at(1).get<int>()};
}

template <typename E> E get_enum(const Json& j, E last) {
  const int v = j.get<int>();
  if (v < 0 || v > static_cast<int>(last))
    throw Error(fmt::format("enum code {} out of range", v), "");
  return static_cast<E>(v);
}

template <typename E> Json code(E e) {
  return static_cast<int>(e);
}

Json config_json(const StudyConfig& c, OverlapPolicy overlap) {
  Json windows = Json::array();
  for (const auto& w : c.car_windows)
    windows.push_back(window(w));
  Json groups = Json::array();
  for (const auto& [ticker, group] : c.ticker_groups)
    groups.push_back(Json::array({ticker, group}));
  return Json{{"event_id", c.event_id},
              {"event_date", date(c.event_date)},
              {"policy", code(c.policy)},
              {"market", c.market},
              {"tickers", c.tickers},
              {"estimation", window(c.estimation)},
              {"event_window", window(c.event_window)},
              {"car_windows", windows},
              {"model", code(c.model)},
              {"returns", code(c.returns)},
              {"gaps", code(c.gaps)},
              {"basis", code(c.basis)},
              {"convention", code(c.convention)},
              {"min_estimation", c.min_estimation},
              {"skewness", code(c.inference.skewness)},
              {"bootstrap", c.inference.bootstrap},
              {"seed", c.inference.seed},
              {"adjust", code(c.inference.adjust)},
              {"grank", code(c.inference.grank)},
              {"dimson_lags", c.dimson_lags},
              {"variance_divisor", code(c.variance.divisor)},
              {"prediction_error", code(c.variance.prediction)},
              {"group_by", code(c.group_by)},
              {"ticker_groups", groups},
              {"groups_file", c.groups_file},
              {"events_file", c.events_file},
              {"overlap", code(overlap)}};
}

StudyConfig get_config(const Json& j) {
  StudyConfig c;
  c.event_id = j.at("event_id").get<std::string>();
  c.event_date = get_date(j.at("event_date"));
  c.policy = get_enum(j.at("policy"), calendar::NonTradingPolicy::skip);
  c.market = j.at("market").get<std::string>();
  c.tickers = j.at("tickers").get<std::vector<std::string>>();
  c.estimation = get_window(j.at("estimation"));
  c.event_window = get_window(j.at("event_window"));
  c.car_windows.clear();
  for (const auto& w : j.at("car_windows"))
    c.car_windows.push_back(get_window(w));
  c.model = get_enum(j.at("model"), models::ModelKind::dimson);
  c.returns = get_enum(j.at("returns"), series::ReturnType::log);
  c.gaps = get_enum(j.at("gaps"), series::GapPolicy::span);
  c.basis = get_enum(j.at("basis"), series::PriceBasis::close);
  c.convention = get_enum(j.at("convention"), models::Convention::estudy2);
  c.min_estimation = j.at("min_estimation").get<int>();
  c.inference.skewness = get_enum(j.at("skewness"), stats::SkewnessEstimator::bias_adjusted);
  c.inference.bootstrap = j.at("bootstrap").get<int>();
  c.inference.seed = j.at("seed").get<std::uint64_t>();
  c.inference.adjust = get_enum(j.at("adjust"), PAdjust::bh);
  c.inference.grank = get_enum(j.at("grank"), GrankAdjustment::none);
  c.dimson_lags = j.at("dimson_lags").get<int>();
  c.variance.divisor = get_enum(j.at("variance_divisor"), models::ResidualDivisor::population);
  c.variance.prediction = get_enum(j.at("prediction_error"), models::PredictionError::none);
  c.group_by = get_enum(j.at("group_by"), GroupBy::date);
  for (const auto& g : j.at("ticker_groups"))
    c.ticker_groups.emplace_back(g.at(0).get<std::string>(), g.at(1).get<std::string>());
  c.groups_file = j.at("groups_file").get<std::string>();
  c.events_file = j.at("events_file").get<std::string>();
  return c;
}

template <typename T> Json optional_json(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json row_json(const events::FirmEvent& e) {
  return Json{{"id", e.id},
              {"ticker", e.ticker},
              {"date", date(e.date)},
              {"market", e.market},
              {"group", e.group},
              {"event_window", e.event_window ? window(*e.event_window) : Json(nullptr)},
              {"estimation_end", optional_json(e.estimation_end)},
              {"estimation_length", optional_json(e.estimation_length)},
              {"line", e.line}};
}

events::FirmEvent get_row(const Json& j) {
  events::FirmEvent e;
  e.id = j.at("id").get<std::string>();
  e.ticker = j.at("ticker").get<std::string>();
  e.date = get_date(j.at("date"));
  e.market = j.at("market").get<std::string>();
  e.group = j.at("group").get<std::string>();
  if (!j.at("event_window").is_null())
    e.event_window = get_window(j.at("event_window"));
  if (!j.at("estimation_end").is_null())
    e.estimation_end = j.at("estimation_end").get<int>();
  if (!j.at("estimation_length").is_null())
    e.estimation_length = j.at("estimation_length").get<int>();
  e.line = j.at("line").get<std::size_t>();
  return e;
}

Json computation_json(const FirmComputation& c) {
  const auto& f = c.result;
  Json coefficients = Json::array();
  for (const auto& k : f.fit.coefficients)
    coefficients.push_back(Json::array({k.name, num(k.value), num(k.standard_error)}));
  Json days = Json::array();
  for (const auto& d : f.days)
    days.push_back(
        Json::array({d.offset, date(d.date), num(d.firm_return), num(d.market_return),
                     num(d.expected_return), num(d.abnormal_return), num(d.se), num(d.t)}));
  Json cars = Json::array();
  for (const auto& r : f.cars)
    cars.push_back(Json::array({r.window.first, r.window.last, num(r.car), num(r.se), num(r.t),
                                num(r.p_value), num(r.bhar), num(r.market_cap_change),
                                num(r.abnormal_dollar_change), num(r.normal_dollar_change),
                                num(r.abnormal_dollar_se), num(r.abnormal_dollar_t),
                                num(r.abnormal_dollar_ci_low), num(r.abnormal_dollar_ci_high)}));
  return Json{{"ticker", f.ticker},
              {"status", code(f.status)},
              {"reason", f.reason},
              {"coefficients", coefficients},
              {"sigma", num(f.fit.sigma)},
              {"r2", num(f.fit.r2)},
              {"n_estimation", f.fit.n_estimation},
              {"df", f.fit.df},
              {"adjusted_prices", f.adjusted_prices},
              {"days", days},
              {"cars", cars},
              {"shares", f.shares ? num(*f.shares) : Json(nullptr)},
              {"shares_as_of", f.shares_as_of ? date(*f.shares_as_of) : Json(nullptr)},
              {"shares_source", f.shares_source},
              {"market_cap_before", num(f.market_cap_before)},
              {"residuals", nums(c.residuals)},
              {"standardized", nums(c.standardized)},
              {"scar", nums(c.scar)},
              {"window_market_cap_before", nums(c.window_market_cap_before)},
              {"estimation_market", nums(c.estimation_market)},
              {"market_key", c.market_key}};
}

FirmComputation get_computation(const Json& j) {
  FirmComputation c;
  auto& f = c.result;
  f.ticker = j.at("ticker").get<std::string>();
  f.status = get_enum(j.at("status"), FirmStatus::event_overlap);
  f.reason = j.at("reason").get<std::string>();
  for (const auto& k : j.at("coefficients"))
    f.fit.coefficients.push_back({k.at(0).get<std::string>(), get_num(k.at(1)), get_num(k.at(2))});
  f.fit.sigma = get_num(j.at("sigma"));
  f.fit.r2 = get_num(j.at("r2"));
  f.fit.n_estimation = j.at("n_estimation").get<int>();
  f.fit.df = j.at("df").get<int>();
  f.adjusted_prices = j.at("adjusted_prices").get<bool>();
  for (const auto& d : j.at("days"))
    f.days.push_back({d.at(0).get<int>(), get_date(d.at(1)), get_num(d.at(2)), get_num(d.at(3)),
                      get_num(d.at(4)), get_num(d.at(5)), get_num(d.at(6)), get_num(d.at(7))});
  for (const auto& r : j.at("cars")) {
    CarRow row;
    row.window = {r.at(0).get<int>(), r.at(1).get<int>()};
    double* fields[] = {&row.car,
                        &row.se,
                        &row.t,
                        &row.p_value,
                        &row.bhar,
                        &row.market_cap_change,
                        &row.abnormal_dollar_change,
                        &row.normal_dollar_change,
                        &row.abnormal_dollar_se,
                        &row.abnormal_dollar_t,
                        &row.abnormal_dollar_ci_low,
                        &row.abnormal_dollar_ci_high};
    std::size_t k = 2;
    for (double* field : fields)
      *field = get_num(r.at(k++));
    f.cars.push_back(row);
  }
  if (!j.at("shares").is_null())
    f.shares = get_num(j.at("shares"));
  if (!j.at("shares_as_of").is_null())
    f.shares_as_of = get_date(j.at("shares_as_of"));
  f.shares_source = j.at("shares_source").get<std::string>();
  f.market_cap_before = get_num(j.at("market_cap_before"));
  c.residuals = get_nums(j.at("residuals"));
  c.standardized = get_nums(j.at("standardized"));
  c.scar = get_nums(j.at("scar"));
  c.window_market_cap_before = get_nums(j.at("window_market_cap_before"));
  c.estimation_market = get_nums(j.at("estimation_market"));
  c.market_key = j.at("market_key").get<std::string>();
  return c;
}

Json run_json(const ShardRunInfo& run) {
  return Json{{"data_paths", run.data_paths},
              {"shares_path", run.shares_path},
              {"date_format", run.date_format},
              {"on_bad_row", run.on_bad_row},
              {"notes", run.notes}};
}

ShardRunInfo get_run(const Json& j) {
  ShardRunInfo run;
  run.data_paths = j.at("data_paths").get<std::vector<std::string>>();
  run.shares_path = j.at("shares_path").get<std::string>();
  run.date_format = j.at("date_format").get<std::string>();
  run.on_bad_row = j.at("on_bad_row").get<std::string>();
  run.notes = j.at("notes").get<std::vector<std::string>>();
  return run;
}

// FNV-1a (64 bit) of the rows of the whole events list in file order: shards of different
// events files (or of one file edited between the runs) are refused.
std::string fingerprint(const std::vector<events::FirmEvent>& events) {
  Json rows = Json::array();
  for (const auto& e : events)
    rows.push_back(row_json(e));
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char ch : rows.dump()) {
    hash ^= static_cast<unsigned char>(ch);
    hash *= 1099511628211ULL;
  }
  return fmt::format("fnv1a64:{:016x}", hash);
}

// One firm-event read back from a shard.
struct ShardEntry {
  std::size_t position = 0; // in the events file
  events::FirmEvent row;
  FirmComputation computation;
  std::optional<Span> span;
};

struct ParsedShard {
  std::string name;
  std::string fingerprint;
  int index = 0;
  int count = 0;
  std::size_t n_firm_events = 0;
  Json config;
  std::vector<std::string> plan_notes;
  ShardRunInfo run;
  std::vector<ShardEntry> entries;
};

ParsedShard parse_shard(const ShardText& shard) {
  const std::string hint = "give the files written by 'aftershock study --events FILE --shard "
                           "K/N -o FILE' (format " +
                           std::string(k_format) + " version " + std::to_string(k_version) + ")";
  Json j;
  try {
    j = Json::parse(shard.text);
  } catch (const nlohmann::json::exception& e) {
    throw Error(
        fmt::format("{} is not a shard file: {}", util::quote_for_message(shard.name), e.what()),
        hint);
  }
  try {
    if (!j.is_object() || !j.contains("format") || j.at("format") != k_format)
      throw Error(fmt::format("{} is not a shard file (no \"format\": \"{}\")",
                              util::quote_for_message(shard.name), k_format),
                  hint);
    if (j.at("version") != k_version)
      throw Error(fmt::format("{} is a shard file of version {}; this aftershock reads version {}",
                              util::quote_for_message(shard.name), j.at("version").dump(),
                              k_version),
                  "write the shards and merge them with the same aftershock version");
    ParsedShard out;
    out.name = shard.name;
    out.fingerprint = j.at("fingerprint").get<std::string>();
    out.index = j.at("shard").at(0).get<int>();
    out.count = j.at("shard").at(1).get<int>();
    out.n_firm_events = j.at("n_firm_events").get<std::size_t>();
    out.config = j.at("config");
    out.plan_notes = j.at("plan_notes").get<std::vector<std::string>>();
    out.run = get_run(j.at("run"));
    if (out.count < 1 || out.index < 1 || out.index > out.count)
      throw Error(fmt::format("{}: bad shard {}/{}", util::quote_for_message(shard.name), out.index,
                              out.count),
                  hint);
    for (const auto& e : j.at("firm_events")) {
      ShardEntry entry;
      entry.position = e.at("position").get<std::size_t>();
      entry.row = get_row(e.at("row"));
      entry.computation = get_computation(e.at("computation"));
      if (const auto& s = e.at("span"); !s.is_null())
        entry.span = Span{entry.position,    s.at(0).get<std::size_t>(), s.at(1).get<std::size_t>(),
                          get_date(s.at(2)), get_window(s.at(3)),        get_window(s.at(4))};
      out.entries.push_back(std::move(entry));
    }
    return out;
  } catch (const nlohmann::json::exception& e) {
    throw Error(fmt::format("{} is not a valid shard file: {}", util::quote_for_message(shard.name),
                            e.what()),
                hint);
  } catch (const Error& e) {
    if (std::string_view(e.what()).find(shard.name) != std::string_view::npos)
      throw;
    throw Error(fmt::format("{} is not a valid shard file: {}", util::quote_for_message(shard.name),
                            e.what()),
                hint);
  }
}

} // namespace

std::optional<ShardSpec> parse_shard_spec(std::string_view text) noexcept {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos)
    return std::nullopt;
  const auto k = util::parse_int(text.substr(0, slash));
  const auto n = util::parse_int(text.substr(slash + 1));
  if (!k || !n || *n < 1 || *n > 100000 || *k < 1 || *k > *n)
    return std::nullopt;
  return ShardSpec{static_cast<int>(*k), static_cast<int>(*n)};
}

std::string run_batch_shard(const std::vector<events::FirmEvent>& events,
                            const std::map<std::string, MarketData>& markets,
                            const series::SharesTable* shares, const StudyConfig& config,
                            const BatchOptions& options, ShardSpec shard, const ShardRunInfo& run) {
  // The pre-pass over the whole list (overlaps may pair firm-events of different shards).
  const BatchPlan plan = plan_batch(events, markets, config, options.overlap);
  const StudyConfig& pooled = plan.pooled;
  const auto order = id_order(events);
  const auto n = static_cast<std::size_t>(shard.count);
  std::vector<std::size_t> mine; // positions in the file, in id order
  for (std::size_t p = 0; p < order.size(); ++p)
    if (p % n == static_cast<std::size_t>(shard.index - 1))
      mine.push_back(order[p]);
  std::vector<FirmComputation> computations(mine.size());
  util::parallel_for(mine.size(), pooled.threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i)
      computations[i] = study_one(events[mine[i]], plan.rows[mine[i]], markets, shares, pooled);
  });
  Json entries = Json::array();
  for (std::size_t i = 0; i < mine.size(); ++i) {
    const auto& span = plan.rows[mine[i]].span;
    entries.push_back(
        Json{{"position", mine[i]},
             {"row", row_json(events[mine[i]])},
             {"span", span ? Json::array({span->first, span->last, date(span->day0),
                                          window(span->event_window), window(span->estimation)})
                           : Json(nullptr)},
             {"computation", computation_json(computations[i])}});
  }
  const Json out{{"format", k_format},
                 {"version", k_version},
                 {"fingerprint", fingerprint(events)},
                 {"shard", Json::array({shard.index, shard.count})},
                 {"n_firm_events", events.size()},
                 {"config", config_json(pooled, options.overlap)},
                 {"plan_notes", plan.notes},
                 {"run", run_json(run)},
                 {"firm_events", entries}};
  return out.dump() + "\n";
}

MergedShards merge_batch_shards(const std::vector<ShardText>& shards, std::size_t threads) {
  if (shards.empty())
    throw Error("no shard files to merge", "give the files of every shard K/N");
  std::vector<ParsedShard> parsed;
  parsed.reserve(shards.size());
  for (const auto& s : shards)
    parsed.push_back(parse_shard(s));
  const auto& first = parsed.front();
  std::vector<const ParsedShard*> by_index(static_cast<std::size_t>(first.count), nullptr);
  for (const auto& p : parsed) {
    const auto differs = [&](std::string_view what) {
      return Error(fmt::format("shard files {} and {} differ in {}: they are not shards of one run",
                               util::quote_for_message(first.name), util::quote_for_message(p.name),
                               what),
                   "merge the shards of one 'study --events FILE --shard K/N' run (same file, "
                   "same options, same N)");
    };
    if (p.fingerprint != first.fingerprint)
      throw differs("the events list (fingerprint " + p.fingerprint + " vs " + first.fingerprint +
                    ")");
    if (p.count != first.count || p.n_firm_events != first.n_firm_events)
      throw differs(fmt::format("N ({} vs {})", p.count, first.count));
    if (p.config != first.config || p.plan_notes != first.plan_notes)
      throw differs("the study options");
    if (!(p.run == first.run))
      throw differs("the input files or their notes");
    auto& slot = by_index[static_cast<std::size_t>(p.index - 1)];
    if (slot != nullptr)
      throw Error(fmt::format("shard {}/{} is given twice: {} and {}", p.index, p.count,
                              util::quote_for_message(slot->name), util::quote_for_message(p.name)),
                  "give each shard file once");
    slot = &p;
  }
  for (std::size_t k = 0; k < by_index.size(); ++k)
    if (by_index[k] == nullptr)
      throw Error(fmt::format("shard {}/{} is missing ({} of {} shard files given)", k + 1,
                              first.count, parsed.size(), first.count),
                  "give the files of every shard 1/N ... N/N");

  const std::size_t total = first.n_firm_events;
  std::vector<events::FirmEvent> events(total);
  std::vector<FirmComputation> computations(total);
  std::vector<std::optional<Span>> spans(total);
  std::vector<const ParsedShard*> owner(total, nullptr);
  for (auto& p : parsed)
    for (auto& entry : p.entries) {
      if (entry.position >= total)
        throw Error(fmt::format("{}: firm-event position {} is outside the {} firm-events",
                                util::quote_for_message(p.name), entry.position, total),
                    "the shard file is damaged; run its shard again");
      if (owner[entry.position] != nullptr)
        throw Error(fmt::format("firm-event {} is in both {} and {}",
                                util::quote_for_message(entry.row.id),
                                util::quote_for_message(owner[entry.position]->name),
                                util::quote_for_message(p.name)),
                    "the shard files are damaged; run their shards again");
      owner[entry.position] = &p;
      events[entry.position] = std::move(entry.row);
      computations[entry.position] = std::move(entry.computation);
      spans[entry.position] = entry.span;
    }
  for (std::size_t i = 0; i < total; ++i)
    if (owner[i] == nullptr)
      throw Error(fmt::format("firm-event at position {} of the events file is in no shard", i + 1),
                  "the shard files are damaged; run their shards again");
  if (fingerprint(events) != first.fingerprint)
    throw Error("the firm-events of the shard files do not match their fingerprint",
                "the shard files are damaged; run their shards again");
  // Every shard holds exactly its positions of the id order.
  const auto order = id_order(events);
  for (std::size_t p = 0; p < order.size(); ++p) {
    const auto expected = static_cast<int>(p % static_cast<std::size_t>(first.count)) + 1;
    if (owner[order[p]]->index != expected)
      throw Error(fmt::format("{} holds firm-event {}, which belongs to shard {}/{}",
                              util::quote_for_message(owner[order[p]]->name),
                              util::quote_for_message(events[order[p]].id), expected, first.count),
                  "the shard files are damaged; run their shards again");
  }

  StudyConfig pooled = get_config(first.config);
  pooled.threads = threads;
  MergedShards merged;
  merged.result =
      assemble_batch(events, std::move(computations), std::move(spans), pooled, first.plan_notes);
  merged.run = first.run;
  return merged;
}

} // namespace aftershock::study
