#include "terminal_style.hpp"

#include <aftershock/util/parse.hpp>

#include <string>

namespace aftershock::cli {

namespace {

std::string env(const CommandContext& context, std::string_view name) {
  return context.getenv == nullptr ? std::string{} : context.getenv(name);
}

bool locale_is_utf8(const CommandContext& context) {
  // POSIX precedence of the locale categories (XBD 8.2): LC_ALL, then LC_CTYPE, then LANG.
  for (const auto name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const std::string value = env(context, name);
    if (value.empty())
      continue;
    const std::string upper = util::to_upper(value);
    return upper.find("UTF-8") != std::string::npos || upper.find("UTF8") != std::string::npos;
  }
  return false;
}

} // namespace

report::TerminalStyle choose_terminal_style(const CommandContext& context, GlyphRequest request,
                                            Destination destination) {
  report::TerminalStyle style;
  style.glyphs = request == GlyphRequest::automatic && locale_is_utf8(context)
                     ? report::Glyphs::unicode
                     : report::Glyphs::ascii;
  const bool colour = destination == Destination::standard_output && context.stdout_is_terminal &&
                      !context.no_color && env(context, "TERM") != "dumb";
  style.colour = colour ? report::Colour::ansi : report::Colour::off;
  return style;
}

} // namespace aftershock::cli
