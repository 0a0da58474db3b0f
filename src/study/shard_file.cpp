// The shard file as a whole (shard_file.hpp): format tag, version, fingerprints, and reading a
// file back with errors that name it.
#include "shard_file.hpp"

#include <aftershock/util/error.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <set>
#include <span>

namespace aftershock::study {
namespace {

using shard_json::Json;

// FNV-1a, 64 bit (Fowler, Noll & Vo; offset basis and prime of the published 64-bit variant).
class Fnv1a {
public:
  void bytes(std::string_view text) {
    for (const char ch : text)
      byte(static_cast<unsigned char>(ch));
  }
  // A length-prefixed string, so that ("ab", "c") and ("a", "bc") differ.
  void text(std::string_view value) {
    number(value.size());
    bytes(value);
  }
  void number(std::uint64_t value) {
    for (int shift = 0; shift < 64; shift += 8)
      byte(static_cast<unsigned char>((value >> shift) & 0xFFU));
  }
  void real(double value) { number(std::bit_cast<std::uint64_t>(value)); }
  void reals(std::span<const double> values) {
    number(values.size());
    for (const double v : values)
      real(v);
  }
  [[nodiscard]] std::string hex() const { return fmt::format("fnv1a64:{:016x}", m_hash); }

private:
  void byte(unsigned char value) {
    m_hash ^= value;
    m_hash *= 1099511628211ULL;
  }
  std::uint64_t m_hash = 14695981039346656037ULL;
};

} // namespace

std::string events_fingerprint(const std::vector<events::FirmEvent>& events) {
  Json rows = Json::array();
  for (const auto& e : events)
    rows.push_back(shard_json::row_json(e));
  Fnv1a hash;
  hash.bytes(rows.dump());
  return hash.hex();
}

std::string data_fingerprint(const std::vector<events::FirmEvent>& events,
                             const std::map<std::string, MarketData>& markets,
                             const series::SharesTable* shares, const StudyConfig& pooled) {
  std::map<std::string, std::set<std::string>> studied; // market -> its tickers
  std::set<std::string> all_tickers;
  for (const auto& e : events) {
    const auto& market = e.market.empty() ? pooled.market : e.market;
    studied[market].insert(market);
    studied[market].insert(e.ticker);
    all_tickers.insert(e.ticker);
  }
  Fnv1a hash;
  for (const auto& [market, tickers] : studied) {
    hash.text(market);
    const auto found = markets.find(market);
    if (found == markets.end()) {
      hash.text("(absent)");
      continue;
    }
    const auto& data = found->second;
    const auto dates = data.panel.calendar.dates();
    hash.number(dates.size());
    for (const auto d : dates)
      hash.number(static_cast<std::uint64_t>(d.time_since_epoch().count()));
    for (const auto& ticker : tickers) {
      hash.text(ticker);
      const auto* column = data.panel.find(ticker);
      if (column == nullptr) {
        hash.text("(absent)");
        continue;
      }
      hash.reals(column->close);
      hash.reals(column->adj_close);
      hash.number(column->has_adj_close ? 1U : 0U);
    }
    if (data.factors) {
      for (std::size_t k = 0; k < data.factors->names.size(); ++k) {
        hash.text(data.factors->names[k]);
        hash.reals(data.factors->values[k]);
      }
    }
  }
  if (shares != nullptr) {
    for (const auto& ticker : all_tickers) {
      const auto* record = shares->find(ticker);
      hash.text(ticker);
      if (record == nullptr) {
        hash.text("(absent)");
        continue;
      }
      hash.real(record->shares);
      hash.number(record->as_of
                      ? static_cast<std::uint64_t>(record->as_of->time_since_epoch().count())
                      : 0U);
      hash.text(record->source);
    }
  }
  return hash.hex();
}

std::string write_shard_file(const ParsedShard& shard) {
  Json entries = Json::array();
  for (const auto& entry : shard.entries)
    entries.push_back(
        Json{{"position", entry.position},
             {"row", shard_json::row_json(entry.row)},
             {"span", entry.span ? shard_json::span_json(*entry.span) : Json(nullptr)},
             {"computation", shard_json::computation_json(entry.computation)}});
  const Json out{{"format", k_shard_format},
                 {"version", k_shard_version},
                 {"fingerprint", shard.fingerprint},
                 {"data_fingerprint", shard.data_fingerprint},
                 {"shard", Json::array({shard.index, shard.count})},
                 {"n_firm_events", shard.n_firm_events},
                 {"config", shard.config},
                 {"plan_notes", shard.plan_notes},
                 {"run", shard_json::run_json(shard.run)},
                 {"firm_events", entries}};
  return out.dump() + "\n";
}

ParsedShard read_shard_file(const ShardText& shard) {
  const std::string hint = "give the files written by 'aftershock study --events FILE --shard "
                           "K/N -o FILE' (format " +
                           std::string(k_shard_format) + " version " +
                           std::to_string(k_shard_version) + ")";
  Json j;
  try {
    j = Json::parse(shard.text);
  } catch (const nlohmann::json::exception& e) {
    throw Error(
        fmt::format("{} is not a shard file: {}", util::quote_for_message(shard.name), e.what()),
        hint);
  }
  try {
    if (!j.is_object() || !j.contains("format") || j.at("format") != k_shard_format)
      throw Error(fmt::format("{} is not a shard file (no \"format\": \"{}\")",
                              util::quote_for_message(shard.name), k_shard_format),
                  hint);
    if (j.at("version") != k_shard_version)
      throw Error(fmt::format("{} is a shard file of version {}; this aftershock reads version {}",
                              util::quote_for_message(shard.name), j.at("version").dump(),
                              k_shard_version),
                  "write the shards again with this aftershock version (shard files of version "
                  "1 stored their options as numeric codes), then merge them");
    ParsedShard out;
    out.name = shard.name;
    out.fingerprint = j.at("fingerprint").get<std::string>();
    out.data_fingerprint = j.at("data_fingerprint").get<std::string>();
    out.index = j.at("shard").at(0).get<int>();
    out.count = j.at("shard").at(1).get<int>();
    out.n_firm_events = j.at("n_firm_events").get<std::size_t>();
    out.config = j.at("config");
    out.plan_notes = j.at("plan_notes").get<std::vector<std::string>>();
    out.run = shard_json::get_run(j.at("run"));
    if (out.count < 1 || out.index < 1 || out.index > out.count)
      throw Error(fmt::format("{}: bad shard {}/{}", util::quote_for_message(shard.name), out.index,
                              out.count),
                  hint);
    for (const auto& e : j.at("firm_events")) {
      ShardEntry entry;
      entry.position = e.at("position").get<std::size_t>();
      entry.row = shard_json::get_row(e.at("row"));
      entry.computation = shard_json::get_computation(e.at("computation"));
      if (const auto& s = e.at("span"); !s.is_null())
        entry.span = shard_json::get_span(s, entry.position);
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

} // namespace aftershock::study
