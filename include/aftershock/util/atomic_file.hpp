#pragma once
// Writing an output file all at once: the text goes to a temporary file in the same folder,
// is flushed to disk and then renamed over the target, so a failed run never leaves a partial
// file behind.

#include <filesystem>
#include <string_view>

namespace aftershock::util {

// Writes `contents` to `path` atomically (temp file in the same folder, fsync, rename). On any
// failure the temporary file is removed and aftershock::Error is thrown naming `path` and the
// system's reason (e.g. a missing or read-only folder, a full disk), with a hint.
void write_file_atomically(const std::filesystem::path& path, std::string_view contents);

} // namespace aftershock::util
