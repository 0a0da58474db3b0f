#pragma once
// How `study --format table` decorates its output (sparkline glyphs, colour), decided here from
// the terminal, the locale and NO_COLOR, so that the report never reads the environment.

#include <aftershock/report/terminal_style.hpp>

#include "command.hpp"

namespace aftershock::cli {

enum class GlyphRequest { automatic, ascii };     // --ascii given or not
enum class Destination { standard_output, file }; // stdout, or --output FILE

// Glyphs: Unicode when `request` is automatic and the locale's character set is UTF-8 (the
// first non-empty of LC_ALL, LC_CTYPE, LANG names UTF-8 or utf8); ASCII otherwise (also with no
// locale set: the C locale). Colour: ANSI only when writing to standard output, stdout is a
// terminal, NO_COLOR is unset (https://no-color.org) and TERM is not "dumb".
report::TerminalStyle choose_terminal_style(const CommandContext& context, GlyphRequest request,
                                            Destination destination);

} // namespace aftershock::cli
