#include <aftershock/sources/url.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/parse.hpp>

namespace aftershock::sources {

std::string percent_encode(std::string_view text) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                            (byte >= '0' && byte <= '9') || c == '-' || c == '.' || c == '_' ||
                            c == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += k_hex[byte >> 4U];
      out += k_hex[byte & 0xfU];
    }
  }
  return out;
}

std::string base_url_from_env(const EnvLookup& env, std::string_view variable,
                              std::string_view fallback) {
  std::string value = env ? env(variable) : std::string();
  if (value.empty())
    return std::string(fallback);
  while (!value.empty() && value.back() == '/')
    value.pop_back();
  const auto scheme_end = value.find("://");
  const auto scheme =
      scheme_end == std::string::npos ? std::string() : util::to_lower(value.substr(0, scheme_end));
  const bool has_path = scheme_end != std::string::npos &&
                        value.find_first_of("/?#", scheme_end + 3) != std::string::npos;
  if ((scheme != "http" && scheme != "https") || has_path || value.size() <= scheme_end + 3)
    throw Error(std::string(variable) + " = " + util::quote_for_message(value) +
                    " is not a base URL of the form scheme://host[:port]",
                "use e.g. http://127.0.0.1:8123 (the provider's paths are appended)");
  return value;
}

} // namespace aftershock::sources
