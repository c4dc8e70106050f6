// Rewriting a file in place without ever leaving it half-written (`tempo fmt -i`).
#pragma once

#include <string>
#include <string_view>

namespace tempo::cli {

// Writes `text` to a temporary file in `path`'s folder, with `path`'s permissions, flushes it to
// disk and renames it over `path`: a reader sees the old file or the new one, never a mix.
// Returns an empty string, or what went wrong (and leaves `path` as it was).
std::string replace_file(const std::string& path, std::string_view text);

}  // namespace tempo::cli
