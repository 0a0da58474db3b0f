// libcurl is loaded at run time (curl_library.hpp). The loopback tests of http_client_test.cpp
// exercise the successful load; these check the failure values: a library that is not there,
// and one that is there but is not libcurl.
#include <aftershock/sources/curl_library.hpp>

#include <gtest/gtest.h>

namespace aftershock::sources {
namespace {

TEST(CurlLibrary, MissingLibraryIsAnErrorValueNamingItAndDlerrorsText) {
  const std::string name = "libaftershock-no-such-curl.so.4";
  const auto loaded = load_curl_library(name);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_NE(loaded.error().find("cannot load " + name), std::string::npos) << loaded.error();
  // glibc's dlerror text for a file the loader cannot find.
  EXPECT_NE(loaded.error().find("cannot open shared object file"), std::string::npos)
      << loaded.error();
}

TEST(CurlLibrary, LibraryWithoutTheCurlFunctionsIsAnErrorValueNamingTheFunction) {
  // zlib is loaded by this test binary anyway (the loopback server gzips), and has no curl_*.
  const auto loaded = load_curl_library("libz.so.1");
  ASSERT_FALSE(loaded.has_value());
  EXPECT_NE(loaded.error().find("cannot use libz.so.1"), std::string::npos) << loaded.error();
  EXPECT_NE(loaded.error().find("curl_global_init"), std::string::npos) << loaded.error();
}

TEST(CurlLibrary, TheInstalledLibcurlLoadsOnce) {
  const auto loaded = load_curl_library(k_curl_library);
  ASSERT_TRUE(loaded.has_value()) << loaded.error();
  EXPECT_NE(loaded->get(), nullptr);
  EXPECT_EQ(&curl_api(), &curl_api()); // one process-wide table
}

} // namespace
} // namespace aftershock::sources
