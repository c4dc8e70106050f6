// tempo::version(): the version this library was built as (the macros of the headers it was
// compiled with), which a program compiled against other headers can compare with its own.
#include "tempo/version.hpp"

namespace tempo {

std::string_view version() noexcept {
  return TEMPO_VERSION_STRING;
}

}  // namespace tempo
