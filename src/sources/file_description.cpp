#include <aftershock/sources/factor_loader.hpp>
#include <aftershock/sources/file_description.hpp>
#include <aftershock/sources/price_file.hpp>
#include <aftershock/util/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace aftershock::sources {
namespace {

// Column names of the Kenneth French data library's daily factor files.
constexpr std::array<std::string_view, 11> k_factor_names{
    "Mkt-RF", "SMB", "HML", "RF", "RMW", "CMA", "Mom", "WML", "UMD", "ST_Rev", "LT_Rev"};

bool is_factor_name(std::string_view name) {
  return std::find(k_factor_names.begin(), k_factor_names.end(), name) != k_factor_names.end();
}

// A factor file: either every non-date column is a factor name, or there is no date column at
// all (the original Kenneth French layout starts with description lines).
bool looks_like_factor_file(const csv::Table& table) {
  if (!table.sniff.date_column)
    return true;
  for (std::size_t c = 0; c < table.columns.size(); ++c)
    if (c != *table.sniff.date_column && !is_factor_name(table.columns[c].name))
      return false;
  return table.columns.size() > 1;
}

bool describe_factor_file(const std::filesystem::path& path, const LoadOptions& options,
                          FileDescription& description) {
  FactorFile file;
  try {
    file = read_factor_file(path, options.date_format);
  } catch (const Error&) {
    return false; // not a factor file after all: describe it as a price file
  }
  description.sniff = file.sniff;
  description.columns = file.columns;
  description.layout = "factors";
  description.layout_reason = "Kenneth French factor columns; percent, read as fractions";
  description.rows = file.factors.dates.size();
  if (!file.factors.dates.empty()) {
    description.first_date = file.factors.dates.front();
    description.last_date = file.factors.dates.back();
  }
  if (file.lines_before > 0 || file.lines_after > 0)
    description.notes.push_back(fmt::format(
        "{} description lines before the header and {} lines after the daily data ignored",
        file.lines_before, file.lines_after));
  return true;
}

bool looks_like_shares_file(const csv::Table& table) {
  return table.sniff.has_header && table.find_column("ticker") && table.find_column("shares") &&
         !table.find_column("close");
}

} // namespace

std::vector<FileDescription> describe_files(const std::vector<std::filesystem::path>& paths,
                                            const LoadOptions& options) {
  LoadOptions lenient = options;
  lenient.on_bad_row = BadRowPolicy::report;
  std::vector<FileDescription> descriptions;
  for (const auto& path : expand_price_paths(paths)) {
    const auto table = read_price_table(path, options);
    FileDescription description;
    description.file = table.file;
    if (looks_like_factor_file(table) && describe_factor_file(path, options, description)) {
      descriptions.push_back(std::move(description));
      continue;
    }
    description.sniff = table.sniff;
    description.columns = table.columns;
    description.rows = table.rows.size();
    if (looks_like_shares_file(table)) {
      description.layout = "shares";
      try {
        const auto shares = load_shares(path);
        description.layout_reason = "columns ticker and shares";
        for (const auto& record : shares.records)
          description.tickers.push_back(record.ticker);
      } catch (const Error& error) {
        description.problem = error.what();
      }
      descriptions.push_back(std::move(description));
      continue;
    }
    PriceFile file;
    try {
      const auto layout = detect_layout(table, path);
      description.layout = std::string(layout_name(layout.layout));
      description.layout_reason = layout.reason;
      extract_prices(table, layout, lenient, file);
      for (const auto& series : file.series) {
        description.tickers.push_back(series.ticker);
        if (series.dates.empty())
          continue;
        const auto first = series.dates.front();
        const auto last = series.dates.back();
        description.first_date =
            description.first_date ? std::min(*description.first_date, first) : first;
        description.last_date =
            description.last_date ? std::max(*description.last_date, last) : last;
      }
    } catch (const Error& error) {
      description.problem = error.what();
      if (!error.hint().empty())
        description.problem += " (hint: " + error.hint() + ")";
    }
    description.skipped_rows = file.skipped_rows;
    description.row_errors = std::move(file.row_errors);
    description.notes = std::move(file.notes);
    descriptions.push_back(std::move(description));
  }
  return descriptions;
}

} // namespace aftershock::sources
