#pragma once
// Internal to study: the convention strings of the report header.

#include <aftershock/study/config.hpp>
#include <aftershock/study/result.hpp>

namespace aftershock::study {

// Every convention in effect for `config` (design/methods.md s.5).
Conventions describe_conventions(const StudyConfig& config);

} // namespace aftershock::study
