#pragma once
// URL helpers for the providers: percent-encoding and the per-provider base URL override.

#include <aftershock/sources/env_lookup.hpp>

#include <string>
#include <string_view>

namespace aftershock::sources {

// Percent-encodes everything but RFC 3986 unreserved characters ("^GSPC" -> "%5EGSPC").
std::string percent_encode(std::string_view text);

// The base URL (scheme://host[:port], no path) from `variable` when set, else `fallback`.
// Throws aftershock::Error naming the variable and value when it is not http(s) or has a path.
std::string base_url_from_env(const EnvLookup& env, std::string_view variable,
                              std::string_view fallback);

} // namespace aftershock::sources
