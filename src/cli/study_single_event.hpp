#pragma once
// The single-event path of `aftershock study` (--event DATE|NAME), called by study_command.cpp
// once the shared options are parsed.

#include <boost/program_options/variables_map.hpp>

#include "command.hpp"
#include "study_settings.hpp"

namespace aftershock::cli {

// Loads the prices (--data files, or --source), runs the study of `setup.config` on the market's
// trading calendar, writes the report (and --chart); returns the exit code: 0, or 3 when some
// --source tickers or SEC share counts failed, or under --strict when a firm is not ok.
int run_single_event(const boost::program_options::variables_map& map, StudySetup setup,
                     CommandContext& context);

} // namespace aftershock::cli
