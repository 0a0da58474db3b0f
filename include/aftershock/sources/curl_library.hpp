#pragma once
// libcurl is loaded at run time (dlopen), the first time an HTTP client is made, instead of being
// linked: a CSV study never needs it, and linking it made every start of the binary load ~30
// shared libraries (TLS, Kerberos, LDAP, SSH, ...), about 60 % of `aftershock --version`
// (issue 6). Git keeps curl out of its main binary for the same reason.

#include <aftershock/util/result.hpp>

#include <memory>
#include <string>

namespace aftershock::sources {

// The libcurl functions aftershock calls (defined in src/sources/curl_api.hpp, private to sources).
struct CurlApi;

// The shared library loaded by curl_api(): libcurl's ABI 4 (Debian package libcurl4).
inline constexpr const char* k_curl_library = "libcurl.so.4";

// Opens `library` (a dlopen name or path) and resolves every libcurl function of CurlApi. The
// library stays loaded for the rest of the process. Error value: a message naming `library` and
// dlerror's text (which names the missing file or function). Does not call curl_global_init.
util::Result<std::shared_ptr<const CurlApi>, std::string>
load_curl_library(const std::string& library);

// The process-wide table: loads k_curl_library and calls curl_global_init, once, thread-safe.
// Throws aftershock::Error naming the library and dlerror's text, with the hint to install the
// Debian package libcurl4; a later call tries again.
const CurlApi& curl_api();

} // namespace aftershock::sources
