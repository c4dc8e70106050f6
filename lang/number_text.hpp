// The value of a number token the grammar has already matched (grammar::number_text): what
// tempo::read_number returns after checking the text, without checking it again. The parser reads
// every literal through it (parse_builder.hpp).
#pragma once

#include <string_view>

#include "tempo/number.hpp"

namespace tempo::detail {

NumberLiteral read_number_text(std::string_view text);

}  // namespace tempo::detail
