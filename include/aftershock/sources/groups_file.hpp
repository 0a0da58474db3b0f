#pragma once
// Groups files (`study --groups FILE`, data/deepseek_groups.csv): `ticker,group` with a header.

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace aftershock::sources {

// Reads a groups file: a header naming the columns ticker and group (any order, other columns
// ignored), one row per ticker. Tickers are upper-cased. Returns the pairs sorted by ticker.
// Throws aftershock::Error naming file, line, column and value on an empty ticker or group, a
// ticker listed twice (naming both lines), or missing columns.
std::vector<std::pair<std::string, std::string>>
read_groups_file(const std::filesystem::path& path);

} // namespace aftershock::sources
