// The per-thread slot for evaluation errors of scripted phases (see scripted.hpp).
#include "tempo/scripted.hpp"

namespace tempo {
namespace {
thread_local std::optional<std::string> last_error;
}  // namespace

std::optional<std::string> take_evaluation_error() noexcept {
  std::optional<std::string> error;
  error.swap(last_error);
  return error;
}

void set_evaluation_error(std::string message) noexcept {
  try {
    if (!last_error) last_error = std::move(message);  // the first error is the useful one
  } catch (...) {
  }
}

}  // namespace tempo
