#include "table_options.hpp"

#include <aftershock/util/error.hpp>
#include <aftershock/util/parse.hpp>

#include <string>

#include "arguments.hpp"

namespace aftershock::cli {

namespace po = boost::program_options;

void add_table_options(po::options_description& options) {
  // clang-format off
  options.add_options()
    ("table", po::value<std::string>()->value_name("TABLE"), "firms, days, cars (default for csv), "
     "aggregate-days or aggregate-cars: the one table to show (csv always shows one)")
    ("columns", po::value<std::string>()->value_name("A,B,..."), "only these columns of --table, in this "
     "order (names as in the CSV header; see README)")
    ("csv-safe", po::bool_switch(), "CSV cells starting with = + - @ get a leading ' (safe to open in a spreadsheet)")
    ("output,o", po::value<std::string>()->value_name("FILE"), "write to FILE (atomically) instead of stdout");
  // clang-format on
}

void set_table_options(const boost::program_options::variables_map& map,
                       report::RenderOptions& options) {
  const auto table = get_string(map, "table");
  const auto columns = get_string(map, "columns");
  if ((table || columns) && options.format == report::Format::json)
    throw UsageError("--table and --columns do not apply to --format json",
                     "use --format csv, table, markdown or latex, or drop them");
  if (map.count("csv-safe") != 0 && map["csv-safe"].as<bool>()) {
    if (options.format != report::Format::csv)
      throw UsageError("--csv-safe applies to --format csv only",
                       "add --format csv, or drop --csv-safe");
    options.csv_safety = csv::CellSafety::spreadsheet_safe;
  }
  if (table) {
    const auto parsed = report::parse_csv_table_name(*table);
    if (!parsed)
      bad_value("table", *table, "expected firms, days, cars, aggregate-days or aggregate-cars");
    options.csv_table = *parsed;
    options.scope = report::TableScope::one_table;
  }
  if (columns) {
    for (const auto& part : util::split(*columns, ','))
      options.columns.emplace_back(util::trim(part));
    report::check_columns(options.csv_table, options.columns);
    options.scope = report::TableScope::one_table;
  }
}

} // namespace aftershock::cli
