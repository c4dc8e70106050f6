// Reading a whole file, for compile_file and the tools.
#pragma once

#include <optional>
#include <string>

namespace tempo {

// The file's bytes, or nullopt when it cannot be read.
std::optional<std::string> read_file(const std::string& path);

}  // namespace tempo
