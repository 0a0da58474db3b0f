#pragma once
// The help text of `aftershock study` (the options themselves: study_options() in commands.hpp,
// defined in study_options.cpp).

#include <string_view>

namespace aftershock::cli {

// The usage line printed first by `study --help`.
inline constexpr std::string_view k_study_usage =
    "usage: aftershock study --event DATE|NAME [--data PATH]... [options]";

// The description printed after the usage line by `study --help`.
inline constexpr std::string_view k_study_description =
    "Runs an event study: abnormal returns per firm, their significance across firms, and the\n"
    "market value gained or lost. Reads every price file under --data into memory, or, with\n"
    "--source, downloads the firms and the market from a quote API (cached, like 'aftershock\n"
    "download'). Example: aftershock study --event deepseek --car-window 0:1\n"
    "Exit codes: 0 ok, 1 error (also: the market failed to load), 2 usage error, 3 the study\n"
    "ran but some --source tickers failed to load (listed as sourcefailed with the reason) or,\n"
    "with --shares sec, some share counts did not load (listed in the notes).\n";

} // namespace aftershock::cli
