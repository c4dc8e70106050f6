// `tempo version` and `tempo --version`: the project version CMake was configured with.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "command.hpp"

namespace tempo::cli {
namespace {

int run(const Args& a, std::ostream& out, std::ostream&) {
  if (!a.files.empty()) throw UsageError{"version takes no arguments"};
  fmt::print(out, "tempo {}\n", TEMPO_VERSION);
  return 0;
}

}  // namespace

extern const Command version_command = {
    "version",
    "",
    "print the version of tempo",
    "Prints `tempo VERSION`; `tempo --version` too.",
    "tempo version",
    {},
    run,
};

}  // namespace tempo::cli
