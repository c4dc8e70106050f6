// The evaluation context of LANGUAGE.md §1, and the names that set it.
#pragma once

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

namespace tempo {

struct Context {
  std::optional<double> total, steps_per_epoch, tokens_per_step;

  static constexpr std::array<std::string_view, 3> names = {"total", "steps_per_epoch",
                                                            "tokens_per_step"};
  static bool is_name(std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  }
  std::optional<double>& operator[](std::string_view name) {
    return name == "total" ? total : name == "steps_per_epoch" ? steps_per_epoch : tokens_per_step;
  }
  const std::optional<double>& operator[](std::string_view name) const {
    return const_cast<Context&>(*this)[name];
  }
};

}  // namespace tempo
