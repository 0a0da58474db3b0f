#include <aftershock/csv/table.hpp>
#include <aftershock/sources/groups_file.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace aftershock::sources {

std::vector<std::pair<std::string, std::string>>
read_groups_file(const std::filesystem::path& path) {
  csv::ReadOptions options;
  options.header = csv::HeaderMode::present;
  const auto table = csv::read_table(path, options);
  const auto ticker = table.find_column("ticker");
  const auto group = table.find_column("group");
  if (!ticker || !group)
    throw Error(fmt::format("{}:{}: a groups file needs the columns ticker and group", table.file,
                            table.header_line),
                "write a header line ticker,group and one row per ticker");
  std::map<std::string, std::pair<std::string, std::size_t>> rows; // ticker -> group, line
  for (std::size_t row = 0; row < table.rows.size(); ++row) {
    const auto name = util::to_upper(table.text(row, *ticker));
    const auto value = std::string(table.text(row, *group));
    if (name.empty() || value.empty())
      throw csv::to_error(table.error_at(row, name.empty() ? ticker : group, "empty cell",
                                         "give every row a ticker and a group"));
    const auto line = table.rows[row].line;
    const auto [it, inserted] = rows.emplace(name, std::make_pair(value, line));
    if (!inserted)
      throw csv::to_error(
          table.error_at(row, ticker,
                         fmt::format("ticker {} is also on line {}", util::quote_for_message(name),
                                     it->second.second),
                         "list each ticker once"));
  }
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(rows.size());
  for (const auto& [name, value] : rows)
    out.emplace_back(name, value.first);
  return out;
}

} // namespace aftershock::sources
