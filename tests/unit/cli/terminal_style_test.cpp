// Which sparkline glyphs and colour `study` asks the report for (cli/terminal_style.hpp): the
// rules of README "Sparklines and colour" over a fake environment.
#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>

#include "terminal_style.hpp"

namespace aftershock::cli {
namespace {

std::map<std::string, std::string>& fake_env() {
  static std::map<std::string, std::string> env;
  return env;
}

std::string fake_getenv(std::string_view name) {
  const auto it = fake_env().find(std::string(name));
  return it == fake_env().end() ? std::string{} : it->second;
}

class TerminalStyleTest : public ::testing::Test {
protected:
  void SetUp() override { fake_env() = {{"LANG", "en_US.UTF-8"}, {"TERM", "xterm-256color"}}; }
  report::TerminalStyle choose(GlyphRequest request = GlyphRequest::automatic,
                               Destination destination = Destination::standard_output) {
    CommandContext context{m_out, m_err};
    context.stdout_is_terminal = m_terminal;
    context.no_color = m_no_color;
    context.getenv = fake_getenv;
    return choose_terminal_style(context, request, destination);
  }
  std::ostringstream m_out;
  std::ostringstream m_err;
  bool m_terminal = true;
  bool m_no_color = false;
};

TEST_F(TerminalStyleTest, UnicodeAndColourOnAUtf8Terminal) {
  const auto style = choose();
  EXPECT_EQ(style.glyphs, report::Glyphs::unicode);
  EXPECT_EQ(style.colour, report::Colour::ansi);
}

TEST_F(TerminalStyleTest, AsciiWhenAskedOrTheLocaleIsNotUtf8) {
  EXPECT_EQ(choose(GlyphRequest::ascii).glyphs, report::Glyphs::ascii);
  fake_env()["LC_ALL"] = "C"; // LC_ALL wins over LANG
  EXPECT_EQ(choose().glyphs, report::Glyphs::ascii);
  fake_env() = {{"LC_CTYPE", "de_DE.utf8"}};
  EXPECT_EQ(choose().glyphs, report::Glyphs::unicode);
  fake_env() = {};
  EXPECT_EQ(choose().glyphs, report::Glyphs::ascii); // no locale: C
}

TEST_F(TerminalStyleTest, NoColourWhenPipedToAFileWithNoColorOrDumbTerminal) {
  m_terminal = false;
  EXPECT_EQ(choose().colour, report::Colour::off);
  m_terminal = true;
  EXPECT_EQ(choose(GlyphRequest::automatic, Destination::file).colour, report::Colour::off);
  m_no_color = true;
  EXPECT_EQ(choose().colour, report::Colour::off);
  m_no_color = false;
  fake_env()["TERM"] = "dumb";
  EXPECT_EQ(choose().colour, report::Colour::off);
  EXPECT_EQ(choose().glyphs, report::Glyphs::unicode); // glyphs follow the locale only
}

} // namespace
} // namespace aftershock::cli
