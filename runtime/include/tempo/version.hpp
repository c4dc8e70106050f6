// The version of Tempo: the macros TEMPO_VERSION_MAJOR, _MINOR, _PATCH, TEMPO_VERSION_NUMBER and
// TEMPO_VERSION_STRING give the headers a program is compiled against, tempo::version() the
// library it is linked with.
#pragma once

#include <string_view>

#include "tempo/version.h"

namespace tempo {

// "MAJOR.MINOR.PATCH" of the linked library, e.g. "0.1.0".
std::string_view version() noexcept;

}  // namespace tempo
