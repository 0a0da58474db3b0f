#pragma once
// The SIGBUS handler of the process (issue 7 hardening, left over from session 5): a mapped input
// file (a large long CSV, a --cache-panel file) that another program truncates while a study
// reads it loses its pages past the new end, and touching one raises SIGBUS. Instead of "Bus
// error", the handler prints the usual two lines naming the file (util/mapped_regions.hpp) and
// ends the process with exit code 1, like any other failed read. A fault outside every
// registered mapping keeps the default action (a crash with a core dump, as before). The
// temporary files of uncommitted outputs are removed first (util::remove_uncommitted_temp_files),
// so the run leaves no partial output, as any other error.

namespace aftershock::cli {

// Installs the handler (sigaction, SA_SIGINFO). Call once, before any file is mapped.
void install_fault_handler() noexcept;

} // namespace aftershock::cli
