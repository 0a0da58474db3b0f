#include "option_list.hpp"

#include <boost/program_options.hpp>

namespace aftershock::cli {

namespace po = boost::program_options;

std::vector<OptionRow> option_rows(const Command& command) {
  std::vector<OptionRow> rows;
  if (command.options == nullptr)
    return rows;
  const auto options = command.options();
  for (const auto& option : options.options()) {
    OptionRow row;
    row.long_name = option->long_name();
    const auto short_name =
        option->canonical_display_name(po::command_line_style::allow_dash_for_short);
    if (short_name.size() == 2 && short_name[0] == '-' && short_name[1] != '-')
      row.short_name = short_name.substr(1);
    const auto* semantic = option->semantic().get();
    if (semantic->max_tokens() > 0) {
      row.value_name = semantic->name(); // "arg" unless value_name() was given
      if (const auto cut = row.value_name.find(" (="); cut != std::string::npos)
        row.value_name.resize(cut); // "N (=4)": the default is in the description
      if (row.value_name == "arg")
        row.value_name = "VALUE";
    }
    row.description = option->description();
    row.repeatable =
        dynamic_cast<const po::typed_value<std::vector<std::string>>*>(semantic) != nullptr;
    for (const char* file_name : {"PATH", "FILE", "DIR", "DIR|FILE"})
      row.takes_file = row.takes_file || row.value_name == file_name;
    rows.push_back(std::move(row));
  }
  return rows;
}

} // namespace aftershock::cli
