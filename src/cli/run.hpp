#pragma once
// Entry point of the command-line interface: the only place that touches argv, the
// environment, stdout/stderr and exit codes.

namespace aftershock::cli {

// Runs `aftershock` with the given arguments and returns the process exit code.
int run(int argc, char** argv);

// main(): run() in its own process. `study` first re-executes the binary once with heap huge
// pages (heap_tuning.hpp); tests and fuzzers call run() directly, so they never exec.
int run_process(int argc, char** argv);

} // namespace aftershock::cli
