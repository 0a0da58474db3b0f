#pragma once
// Where the CLI finds the files that sit next to the price data (shared by study and batch runs).

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::cli {

// The default shares file: shares_outstanding.csv in the first --data folder, or next to it;
// nullopt when there is none (or no --data path).
std::optional<std::filesystem::path> default_shares_path(const std::vector<std::string>& data);

// The bundled grouping of a named event (e.g. deepseek_groups.csv): in the first --data folder
// (default data/) or next to it, like the shares file; nullopt when absent.
std::optional<std::filesystem::path> default_groups_path(const std::vector<std::string>& data,
                                                         std::string_view name);

} // namespace aftershock::cli
