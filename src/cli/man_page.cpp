// `aftershock man`: the manual page in roff (man(7) macros), generated from the command table
// and the same Boost.Program_options descriptions the commands parse with.
//   aftershock man > aftershock.1 && man ./aftershock.1
#include <aftershock/util/error.hpp>

#include <fmt/format.h>

#include <ostream>

#include "commands.hpp"
#include "option_list.hpp"

namespace aftershock::cli {

namespace {

// Text safe for roff: backslashes as \e, hyphens as \-, and a line starting with . or ' gets
// the zero-width \& in front so it is not read as a request.
std::string roff(std::string_view text) {
  std::string out;
  bool line_start = true;
  for (const char ch : text) {
    if (line_start && (ch == '.' || ch == '\''))
      out += "\\&";
    if (ch == '\\')
      out += "\\e";
    else if (ch == '-')
      out += "\\-";
    else
      out += ch;
    line_start = ch == '\n';
  }
  return out;
}

void option_item(std::string& out, const OptionRow& row) {
  out += ".TP\n";
  std::string head = "\\fB\\-\\-" + roff(row.long_name) + "\\fR";
  if (!row.short_name.empty())
    head = "\\fB\\-" + roff(row.short_name) + "\\fR, " + head;
  if (!row.value_name.empty())
    head += " \\fI" + roff(row.value_name) + "\\fR";
  out += head + "\n" + roff(row.description) + (row.repeatable ? " (repeatable)" : "") + "\n";
}

} // namespace

std::string man_page() {
  std::string out = fmt::format(
      ".TH AFTERSHOCK 1 \"\" \"aftershock {}\" \"User Commands\"\n"
      ".SH NAME\naftershock \\- what a market event did to stock prices and market value\n"
      ".SH SYNOPSIS\n.B aftershock\n\\fIcommand\\fR [\\fIoptions\\fR]\n"
      ".br\n.B aftershock\n\\-\\-help | \\-\\-version\n"
      ".SH DESCRIPTION\n"
      "aftershock is an event-study tool: from daily prices of a set of stocks and a market "
      "index, and an event date, it estimates a normal-return model per firm, measures the "
      "abnormal returns around the event, tests them across firms and converts them into "
      "market value. Results go to standard output (or \\fB\\-\\-output\\fR), diagnostics to "
      "standard error.\n"
      ".SH COMMANDS\n",
      AFTERSHOCK_VERSION);
  for (const auto& command : command_list()) {
    out += fmt::format(".SS {}\n{}.\n.br\n{}\n", roff(command.name), roff(command.summary),
                       roff(command.usage));
    if (!command.operands.empty())
      out += fmt::format(".br\nOperands: \\fI{}\\fR\n", roff(command.operands));
    for (const auto& row : option_rows(command))
      option_item(out, row);
  }
  out += ".SH EXIT STATUS\n"
         ".TP\n0\nsuccess (also when standard output is a closed pipe)\n"
         ".TP\n1\ndata or runtime error: bad input file, ticker not in the data, unreadable "
         "result file, unwritable output\n"
         ".TP\n2\nusage error: unknown command or option, bad option value, bad configuration "
         "file entry\n"
         ".TP\n3\npartial result: some tickers failed to load (\\fBstudy \\-\\-source\\fR, "
         "\\fBdownload\\fR)\n"
         ".SH ENVIRONMENT\n"
         ".TP\nAFTERSHOCK_ALPHAVANTAGE_API_KEY, AFTERSHOCK_STOOQ_API_KEY\nAPI keys of the quote "
         "sources (also from the [keys] section of the configuration file)\n"
         ".TP\nAFTERSHOCK_SEC_USER_AGENT, AFTERSHOCK_CONTACT\ncontact for SEC requests\n"
         ".TP\nAFTERSHOCK_CACHE_DIR\nthe response cache (default $XDG_CACHE_HOME/aftershock)\n"
         ".TP\nXDG_CONFIG_HOME\nwhere the default configuration file is looked for\n"
         ".TP\nNO_COLOR\nno colour on a terminal\n"
         ".SH FILES\n"
         ".TP\n$XDG_CONFIG_HOME/aftershock/config.ini (default ~/.config/aftershock/config.ini)\n"
         "INI defaults for command options, in sections named after the commands ([study], "
         "[download], [report]) or before the first section, and API keys in [keys]; the "
         "command line wins. \\fB\\-\\-config\\fR \\fIFILE\\fR reads another file, "
         "\\fB\\-\\-no\\-config\\fR none.\n"
         ".SH SEE ALSO\nREADME.md and docs/ in the aftershock sources.\n";
  return out;
}

int run_man(const std::vector<std::string>& args, CommandContext& context) {
  if (args.size() == 1 && (args.front() == "--help" || args.front() == "-h")) {
    context.out << "usage: aftershock man\n\nPrints the manual page (roff). View it with\n"
                   "aftershock man > aftershock.1 && man ./aftershock.1\n";
    return 0;
  }
  if (!args.empty())
    throw UsageError("man takes no arguments", "aftershock man > aftershock.1");
  context.out << man_page();
  return 0;
}

} // namespace aftershock::cli
