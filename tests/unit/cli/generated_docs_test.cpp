// `aftershock completion` and `aftershock man` are generated from the options the commands
// parse with: every option of every command must appear in both.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "command.hpp"
#include "commands.hpp"
#include "option_list.hpp"

namespace aftershock::cli {
namespace {

using ::testing::HasSubstr;

std::string run(int (*command)(const std::vector<std::string>&, CommandContext&),
                const std::vector<std::string>& args) {
  std::ostringstream out;
  std::ostringstream err;
  CommandContext context{out, err};
  EXPECT_EQ(command(args, context), 0);
  return out.str();
}

// "--no-config" as roff writes it: \-\-no\-config.
std::string roff_option(const std::string& name) {
  std::string out = "\\-\\-";
  for (const char ch : name)
    out += ch == '-' ? std::string("\\-") : std::string(1, ch);
  return out;
}

TEST(Completion, BashAndZshListEveryOptionOfEveryCommand) {
  const auto bash = run(run_completion, {"bash"});
  const auto zsh = run(run_completion, {"zsh"});
  std::size_t options = 0;
  for (const auto& command : command_list()) {
    EXPECT_THAT(bash, HasSubstr(std::string(command.name) + ") opts=\""));
    EXPECT_THAT(zsh, HasSubstr("'" + std::string(command.name) + ":"));
    for (const auto& row : option_rows(command)) {
      ++options;
      EXPECT_THAT(bash, HasSubstr("--" + row.long_name)) << command.name;
      EXPECT_THAT(zsh, HasSubstr("--" + row.long_name + (row.value_name.empty() ? "[" : "=[")))
          << command.name;
    }
  }
  EXPECT_GT(options, 60U); // study alone has more than 40
  EXPECT_THAT(bash, HasSubstr("complete -F _aftershock aftershock"));
  EXPECT_THAT(zsh, HasSubstr("#compdef aftershock"));
}

TEST(ManPage, HasTheStructureAndEveryCommandAndOption) {
  const auto page = run(run_man, {});
  EXPECT_EQ(page.rfind(".TH AFTERSHOCK 1 ", 0), 0U);
  for (const auto* section : {".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH COMMANDS",
                              ".SH EXIT STATUS", ".SH ENVIRONMENT", ".SH FILES"})
    EXPECT_THAT(page, HasSubstr(std::string("\n") + section + "\n"));
  for (const auto& command : command_list()) {
    EXPECT_THAT(page, HasSubstr(".SS " + std::string(command.name) + "\n"));
    for (const auto& row : option_rows(command))
      EXPECT_THAT(page, HasSubstr("\\fB" + roff_option(row.long_name) + "\\fR")) << command.name;
  }
  // No line starts with a stray request character from option text.
  std::istringstream lines(page);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && (line[0] == '.' || line[0] == '\'')) {
      EXPECT_THAT(line, ::testing::MatchesRegex("\\.(TH|SH|SS|TP|B|br) ?.*")) << line;
    }
  }
}

} // namespace
} // namespace aftershock::cli
