#include "text.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>

namespace tempo::cli {

std::string format_step(double step) {
  if (step == std::floor(step) && std::fabs(step) < 9.2e18) {
    return fmt::format("{}", static_cast<std::int64_t>(step));
  }
  return fmt::format("{}", step);
}

std::string format_value(double value) {
  return std::isnan(value) ? "-" : fmt::format("{:.6g}", value);
}

}  // namespace tempo::cli
