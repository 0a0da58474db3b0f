#pragma once
// How the sources module sees configuration from the environment: the CLI passes a lookup
// function (the only code that reads the real environment), tests pass a map.

#include <functional>
#include <string>
#include <string_view>

namespace aftershock::sources {

// Returns the value of a variable, or "" when it is unset.
using EnvLookup = std::function<std::string(std::string_view name)>;

} // namespace aftershock::sources
