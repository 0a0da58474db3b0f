#include <aftershock/sources/file_description.hpp>
#include <aftershock/sources/price_file.hpp>
#include <aftershock/util/error.hpp>

#include <algorithm>

namespace aftershock::sources {

std::vector<FileDescription> describe_files(const std::vector<std::filesystem::path>& paths,
                                            const LoadOptions& options) {
  LoadOptions lenient = options;
  lenient.on_bad_row = BadRowPolicy::report;
  std::vector<FileDescription> descriptions;
  for (const auto& path : expand_price_paths(paths)) {
    const auto table = read_price_table(path, options);
    FileDescription description;
    description.file = table.file;
    description.sniff = table.sniff;
    description.columns = table.columns;
    description.rows = table.rows.size();
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
