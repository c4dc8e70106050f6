// Tracing a string taken out of a config file back to the file: which byte of the file each
// byte of the string comes from, through quotes, escapes, folding and indentation.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "tempo/diagnostic.hpp"

namespace tempo {

// The offset in origin.file_text of each byte of `text`, and one more for where the string
// ends (its closing quote). Empty when the file at origin.line:origin.column does not spell
// `text` the way origin.quoting says.
std::vector<std::uint32_t> trace_in_file(const Origin& origin, std::string_view text);

}  // namespace tempo
