#pragma once
// The output options `study` and `report` share: --table, --columns and --csv-safe.

#include <aftershock/report/render.hpp>

#include <boost/program_options.hpp>

namespace aftershock::cli {

// Sets options.csv_table, scope, columns and csv_safety from --table, --columns and --csv-safe
// (options.format must be set already). Throws UsageError (exit 2) for an unknown table, an
// unknown column (listing the valid ones), --table/--columns with --format json, or --csv-safe
// with a format other than csv.
void set_table_options(const boost::program_options::variables_map& map,
                       report::RenderOptions& options);

} // namespace aftershock::cli
