#include <aftershock/util/atomic_file.hpp>

#include <ostream>

#include "commands.hpp"

namespace aftershock::cli {

void write_output(const std::string& text, const std::string& output, CommandContext& context) {
  if (output.empty() || output == "-") {
    context.out << text;
    return;
  }
  util::write_file_atomically(output, text);
}

} // namespace aftershock::cli
