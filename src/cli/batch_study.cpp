#include "batch_study.hpp"

#include <aftershock/calendar/date.hpp>
#include <aftershock/calendar/trading_calendar.hpp>
#include <aftershock/csv/writer.hpp>
#include <aftershock/models/design_model.hpp>
#include <aftershock/report/json_stream.hpp>
#include <aftershock/report/svg_chart.hpp>
#include <aftershock/series/panel.hpp>
#include <aftershock/sources/events_file.hpp>
#include <aftershock/sources/factor_loader.hpp>
#include <aftershock/sources/price_cache.hpp>
#include <aftershock/util/atomic_file.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/parallel_for.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "background_file.hpp"
#include "commands.hpp"
#include "data_files.hpp"

namespace aftershock::cli {
namespace fs = std::filesystem;

namespace {

fs::path arc_file(const std::string& given, const std::optional<fs::path>& sibling,
                  const std::string& events_file, std::string_view option, std::string_view what) {
  if (!given.empty())
    return given;
  if (sibling)
    return *sibling;
  throw UsageError(fmt::format("{} is an EventStudyTools request file, but no {} price file was "
                               "found next to it",
                               util::quote_for_message(events_file), what),
                   fmt::format("pass --{} FILE (ID;DD.MM.YYYY;price, no header), or put a file "
                               "named like 02_FirmData.csv / 03_MarketData.csv beside it",
                               option));
}

// Firm-events per streamed chunk: AFTERSHOCK_BATCH_CHUNK (a whole number; 0 = no streaming,
// for comparisons), else 1024.
std::size_t stream_chunk(const CommandContext& context) {
  const std::string text = context.getenv ? context.getenv("AFTERSHOCK_BATCH_CHUNK") : "";
  if (text.empty())
    return 1024;
  const auto n = util::parse_int(text);
  if (!n || *n < 0)
    throw UsageError("AFTERSHOCK_BATCH_CHUNK=" + util::quote_for_message(text) +
                         " is not a whole number",
                     "unset it, or give 0 (no streaming) or a chunk size");
  return static_cast<std::size_t>(*n);
}

// Streams the report of a batch whose output is per firm-event (--format json or jsonl, or a
// CSV firm, day or CAR table): each finished chunk of firm-events is rendered and written at
// once, with the bytes of the output rendered from the whole result. JSON: the head (config,
// the event up to its "firms") when the run starts, the firms chunk by chunk, the aggregate and
// notes at the end (report/json_stream.hpp); jsonl: the firm_event lines, then the summary
// line; CSV: the rows, the header with the first chunk only.
// --output: into a temporary file renamed at the end (never a partial file on error). To
// stdout, nothing is written before the first ok firm-event has been computed: the errors
// known only later ("no firm-event can be studied", a model without its factor columns) end
// the run before that, so stdout never gets a partial report either (docs/batch.md). --dropped
// is opened first, so an unwritable path fails before any output. Returns the exit code.
int stream_batch(const std::vector<events::FirmEvent>& events,
                 const std::map<std::string, study::MarketData>& markets,
                 const series::SharesTable* shares, const study::StudyConfig& config,
                 const BatchInputs& inputs, const report::RenderOptions& render_options,
                 std::vector<std::string> notes, std::size_t chunk, CommandContext& context) {
  std::optional<BackgroundFile> file; // written on its own thread while the batch computes
  if (!inputs.output.empty() && inputs.output != "-")
    file.emplace(inputs.output);
  std::optional<util::AtomicFile> dropped_file;
  if (!inputs.dropped.empty())
    dropped_file.emplace(inputs.dropped);
  std::string held; // stdout: the output before the first ok firm-event
  bool release = false;
  const auto emit = [&](std::string text) {
    if (file)
      file->write(std::move(text));
    else if (!release)
      held += text;
    else
      context.out << text;
  };
  const auto release_held = [&] {
    release = true;
    context.out << held;
    held = std::string();
  };
  // The firms' text of a chunk in pieces: to the file in recycled buffers without joining them.
  const std::size_t threads = config.threads == 0 ? util::default_thread_count() : config.threads;
  const auto emit_pieces = [&](const auto& render_into) {
    std::vector<std::string> pieces;
    if (file)
      for (std::size_t p = 0; p < threads; ++p)
        pieces.push_back(file->buffer());
    render_into(pieces);
    if (file) {
      file->write(std::move(pieces));
      return;
    }
    for (auto& piece : pieces)
      emit(std::move(piece));
  };
  report::check_columns(render_options.csv_table, render_options.columns,
                        config.inference.tests); // as render() does
  const bool json = !inputs.jsonl && render_options.format == report::Format::json;
  // The pooled windows: each chunk's CSV rows fall back to them (a firm-event's own windows).
  const study::StudyConfig pooled = study::pooled_batch_config(events, config);
  study::StudyResult dropped; // the firm-events that are not ok (--dropped, --strict)
  dropped.events.emplace_back();
  dropped.events.front().id = config.event_id;
  bool first = true;
  std::size_t written = 0; // firm-events written so far
  const study::StudyStart start = [&](const study::StudyResult& head) {
    if (json)
      emit(report::json_head(head, render_options.inputs));
  };
  const study::FirmSink sink = [&](const std::vector<study::FirmResult>& firms) {
    bool any_ok = false;
    for (const auto& f : firms)
      if (f.status != study::FirmStatus::ok)
        dropped.events.front().firms.push_back(f);
      else
        any_ok = true;
    if (json) {
      emit_pieces([&](std::vector<std::string>& pieces) {
        report::json_firms_into(pieces, firms, written, config.threads);
      });
    } else if (inputs.jsonl) {
      emit_pieces([&](std::vector<std::string>& pieces) {
        report::jsonl_firm_lines_into(pieces, firms, config.event_id, config.threads);
      });
    } else {
      study::StudyResult part;
      part.config = config;
      part.events.emplace_back();
      part.events.front().id = config.event_id;
      part.events.front().event_window = pooled.event_window;
      part.events.front().estimation = pooled.estimation;
      part.events.front().firms = firms;
      std::string text = report::render(part, render_options);
      if (!first) {
        const auto header_end = text.find('\n');
        text.erase(0, header_end == std::string::npos ? text.size() : header_end + 1);
      }
      emit(std::move(text));
    }
    written += firms.size();
    first = false;
    if (any_ok && !file && !release)
      release_held();
  };
  auto result = study::run_batch_study_streaming(events, markets, shares, config, inputs.options,
                                                 sink, chunk, start);
  for (auto& note : notes)
    result.notes.push_back(std::move(note));
  if (!file && !release)
    release_held(); // not reached without an ok firm-event (the run throws)
  if (json)
    emit(report::json_tail(result, written));
  if (inputs.jsonl)
    emit(report::jsonl_summary_line(result, result.events.front(), render_options.inputs));
  const bool dropped_any = !dropped.events.front().firms.empty();
  if (dropped_file) {
    dropped_file->write(dropped_csv(dropped));
    dropped_file->commit();
  }
  if (file)
    file->commit();
  return inputs.strict && dropped_any ? static_cast<int>(ExitCode::partial)
                                      : static_cast<int>(ExitCode::ok);
}

} // namespace

std::string dropped_csv(const study::StudyResult& result) {
  const csv::WriterOptions options{',', csv::CellSafety::spreadsheet_safe};
  std::string out = csv::format_row({"event_id", "ticker", "market", "requested_date", "event_date",
                                     "group", "line", "status", "reason"},
                                    options);
  for (const auto& event : result.events)
    for (const auto& f : event.firms) {
      if (f.status == study::FirmStatus::ok)
        continue;
      const auto* e = f.event ? &*f.event : nullptr;
      out += csv::format_row(
          {e ? e->id : event.id, f.ticker, e ? e->market : event.market,
           e ? calendar::format_iso(e->requested_date) : calendar::format_iso(event.requested_date),
           e && e->event_date ? calendar::format_iso(*e->event_date) : std::string(),
           e ? e->group : std::string(), e ? std::to_string(e->line) : std::string(),
           std::string(study::status_code(f.status)), f.reason},
          options);
    }
  return out;
}

int run_batch(const BatchInputs& inputs, study::StudyConfig config,
              const sources::LoadOptions& load_options, report::RenderOptions render_options,
              CommandContext& context) {
  const auto file = sources::read_events_file(inputs.events_file, load_options.date_format);
  config.events_file = inputs.events_file;
  if (config.event_id == "event")
    config.event_id = fs::path(inputs.events_file).stem().string();

  // One panel per market: its dates are that market's trading calendar.
  std::set<std::string> market_names;
  for (const auto& e : file.events)
    market_names.insert(e.market.empty() ? config.market : e.market);

  // Prices: the ARC firm and market files, or --data.
  std::vector<series::PriceSeries> series;
  std::optional<sources::LoadedPanel> single_panel; // --data with one market: the panel path
  std::vector<std::string> notes;
  if (file.layout == sources::EventsLayout::arc_request) {
    if (!inputs.cache_panel.empty())
      throw UsageError("--cache-panel caches --data prices; an EventStudyTools request file "
                       "brings its own price files",
                       "drop --cache-panel");
    {
      const auto siblings = sources::find_arc_siblings(inputs.events_file);
      const auto firm_path =
          arc_file(inputs.firm_data, siblings.firm_data, inputs.events_file, "firm-data", "firm");
      const auto market_path = arc_file(inputs.market_data, siblings.market_data,
                                        inputs.events_file, "market-data", "market");
      auto firm_file = sources::read_arc_prices(firm_path);
      auto market_file = sources::read_arc_prices(market_path);
      series = std::move(firm_file.series);
      for (auto& m : market_file.series) {
        if (std::any_of(series.begin(), series.end(),
                        [&](const auto& s) { return s.ticker == m.ticker; }))
          throw Error(fmt::format("ID {} is in both {} and {}", util::quote_for_message(m.ticker),
                                  firm_path.generic_string(), market_path.generic_string()),
                      "give firms and markets different IDs");
        series.push_back(std::move(m));
      }
      render_options.inputs.data_paths = {firm_path.generic_string(), market_path.generic_string()};
      if (const auto n = firm_file.bid_ask_prices + market_file.bid_ask_prices; n > 0)
        notes.push_back(fmt::format("{} negative price(s) read as CRSP bid/ask midpoints "
                                    "(absolute value used)",
                                    n));
      notes.push_back(fmt::format("{}: EventStudyTools request file; prices from {} and {}",
                                  inputs.events_file, firm_path.generic_string(),
                                  market_path.generic_string()));
    }
  } else {
    if (!inputs.firm_data.empty() || !inputs.market_data.empty())
      throw UsageError("--firm-data and --market-data apply to EventStudyTools request files",
                       "give prices with --data for an events file with named columns");
    std::vector<fs::path> paths(inputs.data.begin(), inputs.data.end());
    std::vector<std::string> row_notes;
    std::size_t skipped_rows = 0;
    if (market_names.size() == 1) {
      // One market (the usual case): the panel of the market and the events' tickers is built
      // straight from the files (a large long CSV without per-ticker series), or read from
      // --cache-panel; the same panel, notes and messages as load_prices + align.
      sources::PanelRequest request{*market_names.begin(), {}};
      std::set<std::string> tickers;
      for (const auto& e : file.events)
        tickers.insert(e.ticker);
      request.tickers.assign(tickers.begin(), tickers.end());
      single_panel =
          inputs.cache_panel.empty()
              ? sources::load_panel(paths, load_options, request)
              : sources::load_panel_cached(paths, load_options, request, inputs.cache_panel);
      row_notes = std::move(single_panel->notes);
      skipped_rows = single_panel->skipped_rows;
    } else {
      if (!inputs.cache_panel.empty())
        throw UsageError(fmt::format("--cache-panel holds the panel of one market, but {} "
                                     "names {} markets",
                                     util::quote_for_message(inputs.events_file),
                                     market_names.size()),
                         "drop --cache-panel, or split the events file by market");
      auto loaded = sources::load_prices(paths, load_options);
      series = std::move(loaded.series);
      row_notes = std::move(loaded.notes);
      skipped_rows = loaded.skipped_rows;
    }
    for (auto& note : row_notes)
      notes.push_back(std::move(note));
    if (skipped_rows > 0)
      notes.push_back(fmt::format("{} malformed price rows skipped (--on-bad-row)", skipped_rows));
    render_options.inputs.data_paths = inputs.data;
  }
  std::optional<series::FactorTable> factor_table;
  if (!inputs.factors.empty()) {
    const std::vector<fs::path> factor_paths(inputs.factors.begin(), inputs.factors.end());
    factor_table = sources::load_factors(factor_paths);
  }
  std::map<std::string, study::MarketData> markets;
  for (const auto& name : market_names) {
    if (single_panel) {
      if (single_panel->panel.find(name) == nullptr)
        continue; // its firm-events get status unitmissing
      study::MarketData data;
      data.panel = std::move(single_panel->panel);
      if (factor_table)
        data.factors = models::align_factors(*factor_table, data.panel.calendar);
      markets.emplace(name, std::move(data));
      continue;
    }
    const auto market =
        std::find_if(series.begin(), series.end(), [&](const auto& s) { return s.ticker == name; });
    if (market == series.end())
      continue; // its firm-events get status unitmissing
    study::MarketData data;
    data.panel = series::align(calendar::TradingCalendar(market->dates), series);
    if (factor_table)
      data.factors = models::align_factors(*factor_table, data.panel.calendar);
    markets.emplace(name, std::move(data));
  }

  std::optional<series::SharesTable> shares;
  if (!inputs.shares.empty()) {
    shares = sources::load_shares(inputs.shares);
    render_options.inputs.shares_path = inputs.shares;
  } else if (file.layout == sources::EventsLayout::named_columns) {
    if (const auto path = default_shares_path(inputs.data)) {
      shares = sources::load_shares(*path);
      render_options.inputs.shares_path = path->generic_string();
    }
  }

  if (inputs.shard) {
    study::ShardRunInfo run{render_options.inputs.data_paths, render_options.inputs.shares_path,
                            render_options.inputs.date_format, render_options.inputs.on_bad_row,
                            notes};
    if (!shares)
      run.notes.push_back("no shares file: dollar figures are missing (give --shares FILE)");
    write_output(study::run_batch_shard(file.events, markets, shares ? &*shares : nullptr, config,
                                        inputs.options, *inputs.shard, run),
                 inputs.output, context);
    return static_cast<int>(ExitCode::ok);
  }
  if (!shares)
    notes.push_back("no shares file: dollar figures are missing (give --shares FILE)");
  // Streaming (issue 5): per-firm-event outputs are written as the firm-events complete.
  const bool per_firm_output = inputs.jsonl || render_options.format == report::Format::json ||
                               (render_options.format == report::Format::csv &&
                                (render_options.csv_table == report::CsvTable::firms ||
                                 render_options.csv_table == report::CsvTable::days ||
                                 render_options.csv_table == report::CsvTable::cars));
  if (const auto chunk = stream_chunk(context);
      per_firm_output && inputs.chart.empty() && chunk > 0)
    return stream_batch(file.events, markets, shares ? &*shares : nullptr, config, inputs,
                        render_options, std::move(notes), chunk, context);
  auto result = study::run_batch_study(file.events, markets, shares ? &*shares : nullptr, config,
                                       inputs.options);
  for (auto& note : notes)
    result.notes.push_back(std::move(note));

  bool dropped_any = false;
  for (const auto& event : result.events)
    for (const auto& f : event.firms)
      dropped_any = dropped_any || f.status != study::FirmStatus::ok;
  // Everything is computed before anything is written: no partial outputs after an error.
  const auto report_text = inputs.jsonl ? report::render_jsonl(result, render_options.inputs)
                                        : report::render(result, render_options);
  if (!inputs.dropped.empty())
    util::write_file_atomically(inputs.dropped, dropped_csv(result));
  if (!inputs.chart.empty())
    util::write_file_atomically(inputs.chart, report::render_svg_chart(result));
  write_output(report_text, inputs.output, context);
  return inputs.strict && dropped_any ? static_cast<int>(ExitCode::partial)
                                      : static_cast<int>(ExitCode::ok);
}

} // namespace aftershock::cli
