#pragma once
// Where the CLI finds the files that sit next to the price data (shared by study and batch runs).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace aftershock::cli {

// The default shares file: shares_outstanding.csv in the first --data folder, or next to it;
// nullopt when there is none (or no --data path).
std::optional<std::filesystem::path> default_shares_path(const std::vector<std::string>& data);

} // namespace aftershock::cli
