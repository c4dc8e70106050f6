// The checks a source passes before it is parsed (LANGUAGE.md §8): its size, NUL bytes, UTF-8.
#pragma once

#include <memory>
#include <vector>

#include "tempo/diagnostic.hpp"

namespace tempo {

// False, with a diagnostic, when the source cannot be parsed.
bool check_text(const std::shared_ptr<const SourceFile>& file, std::vector<Diagnostic>& out);

}  // namespace tempo
