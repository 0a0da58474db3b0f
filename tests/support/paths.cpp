#include "support/paths.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace aftershock::test {

std::filesystem::path source_dir() {
  return AFTERSHOCK_SOURCE_DIR;
}

std::filesystem::path data_dir() {
  return source_dir() / "data";
}

std::optional<std::filesystem::path> shared_dir() {
  if (const char* env = std::getenv("AFTERSHOCK_SHARED_DIR"); env != nullptr && *env != '\0') {
    if (std::filesystem::is_directory(env))
      return std::filesystem::path(env);
    return std::nullopt;
  }
  auto candidate = source_dir().parent_path() / "shared";
  if (std::filesystem::is_directory(candidate / "reference"))
    return candidate;
  return std::nullopt;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::runtime_error("cannot open " + path.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

} // namespace aftershock::test
