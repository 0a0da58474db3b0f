// Phase 1: encodings accepted and refused.
#include <aftershock/csv/encoding.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace aftershock::csv {
namespace {

using ::testing::HasSubstr;

TEST(Encoding, PlainUtf8PassesThrough) {
  const std::string bytes = "date,name\n2025-01-27,Soci\xc3\xa9t\xc3\xa9\n";
  const auto decoded = check_encoding(bytes, "a.csv");
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->encoding, Encoding::utf8);
  EXPECT_EQ(decoded->text, bytes);
}

TEST(Encoding, Utf8BomIsStripped) {
  const auto decoded = check_encoding("\xEF\xBB\xBF"
                                      "date,close\n",
                                      "a.csv");
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->encoding, Encoding::utf8_bom);
  EXPECT_EQ(decoded->text, "date,close\n");
}

TEST(Encoding, Utf16WithBomIsRefused) {
  const std::string bytes("\xFF\xFE"
                          "d\0a\0t\0e\0",
                          10);
  const auto decoded = check_encoding(bytes, "u16.csv");
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().file, "u16.csv");
  EXPECT_THAT(decoded.error().problem, HasSubstr("UTF-16"));
  EXPECT_THAT(decoded.error().hint, HasSubstr("UTF-8"));
}

TEST(Encoding, Utf16WithoutBomIsRecognisedByItsNulBytes) {
  const std::string bytes("d\0a\0t\0e\0\n\0", 10);
  const auto decoded = check_encoding(bytes, "u16.csv");
  ASSERT_FALSE(decoded);
  EXPECT_THAT(decoded.error().problem, HasSubstr("NUL byte at byte offset 1"));
  EXPECT_THAT(decoded.error().problem, HasSubstr("UTF-16"));
}

TEST(Encoding, NulByteNamesItsLine) {
  const std::string bytes("date,close\n2025-01-27,1\n2025-01-28,\0\n", 37);
  const auto decoded = check_encoding(bytes, "nul.csv");
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().line, 3U);
  EXPECT_THAT(decoded.error().message(), HasSubstr("nul.csv:3: NUL byte at byte offset 35"));
  EXPECT_THAT(decoded.error().problem, ::testing::Not(HasSubstr("UTF-16")));
}

TEST(Encoding, BinaryGarbageIsRefused) {
  const std::string bytes = "\x89PNG\r\n\x1a\n";
  const auto decoded = check_encoding(bytes, "chart.png");
  ASSERT_FALSE(decoded);
  EXPECT_THAT(decoded.error().problem, HasSubstr("0x89"));
  EXPECT_THAT(decoded.error().problem, HasSubstr("not valid UTF-8"));
}

TEST(Encoding, ControlByteIsBinary) {
  const auto decoded = check_encoding("date\x01,close\n", "ctl.csv");
  ASSERT_FALSE(decoded);
  EXPECT_THAT(decoded.error().problem, HasSubstr("control byte 0x01"));
}

TEST(Encoding, OverlongAndSurrogateSequencesAreRefused) {
  // RFC 3629 section 4: C0 80 (overlong NUL) and ED A0 80 (surrogate U+D800) are ill-formed.
  EXPECT_FALSE(check_encoding("a\xC0\x80", "x"));
  EXPECT_FALSE(check_encoding("a\xED\xA0\x80", "x"));
  EXPECT_FALSE(check_encoding("a\xF4\x90\x80\x80", "x"));            // above U+10FFFF
  EXPECT_FALSE(check_encoding("a\xE2\x82", "x"));                    // truncated
  EXPECT_TRUE(check_encoding("\xE2\x82\xAC \xF0\x9F\x93\x88", "x")); // euro sign, chart emoji
}

} // namespace
} // namespace aftershock::csv
