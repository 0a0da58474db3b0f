#include "data_files.hpp"

#include <system_error>

namespace aftershock::cli {

namespace fs = std::filesystem;

std::optional<fs::path> default_shares_path(const std::vector<std::string>& data) {
  if (data.empty())
    return std::nullopt;
  const fs::path first = data.front();
  std::error_code ignored;
  std::vector<fs::path> candidates;
  if (fs::is_directory(first, ignored))
    candidates.push_back(first / "shares_outstanding.csv");
  const auto parent = first.lexically_normal().parent_path();
  candidates.push_back((parent.empty() ? fs::path(".") : parent) / "shares_outstanding.csv");
  for (const auto& candidate : candidates)
    if (fs::is_regular_file(candidate, ignored))
      return candidate;
  return std::nullopt;
}

std::optional<fs::path> default_groups_path(const std::vector<std::string>& data,
                                            std::string_view name) {
  const fs::path first = data.empty() ? fs::path("data") : fs::path(data.front());
  std::error_code ignored;
  std::vector<fs::path> candidates;
  if (fs::is_directory(first, ignored))
    candidates.push_back(first / name);
  const auto parent = first.lexically_normal().parent_path();
  candidates.push_back((parent.empty() ? fs::path(".") : parent) / name);
  for (const auto& candidate : candidates)
    if (fs::is_regular_file(candidate, ignored))
      return candidate;
  return std::nullopt;
}

} // namespace aftershock::cli
