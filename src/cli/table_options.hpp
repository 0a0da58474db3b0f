#pragma once
// The output options `study`, `report` and `merge` share: --table, --columns, --csv-safe and
// --output (one definition, so their help, man page and completion read the same).

#include <aftershock/report/render.hpp>

#include <boost/program_options.hpp>

namespace aftershock::cli {

// Adds --table, --columns, --csv-safe and --output/-o (in that order) to `options`.
void add_table_options(boost::program_options::options_description& options);

// Sets options.csv_table, scope, columns and csv_safety from --table, --columns and --csv-safe
// (options.format must be set already). Throws UsageError (exit 2) for an unknown table, an
// unknown column (listing the valid ones), --table/--columns with --format json, or --csv-safe
// with a format other than csv.
void set_table_options(const boost::program_options::variables_map& map,
                       report::RenderOptions& options);

} // namespace aftershock::cli
