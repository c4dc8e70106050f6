// A token clock that follows the batch size (LANGUAGE.md §10.3): with `tokens_per_step` a
// schedule, `N tok` is the first step n at which the tokens of steps 0 … n−1 sum to at least N.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "context.hpp"
#include "ir.hpp"
#include "tempo/schedule.hpp"

namespace tempo {

class TokenClock {
 public:
  // Plans and lowers the tokens_per_step schedule once; nullopt when it has errors (reported).
  static std::optional<TokenClock> make(const ir::Node& schedule, const Context& context,
                                        std::vector<Diagnostic>& diagnostics);

  // The step count of `tokens`, or nullopt with the reason in `problem`.
  std::optional<double> steps(double tokens, std::string& problem) const;

  // Steps summed one by one before giving up on a clock whose value never settles.
  static constexpr double max_summed_steps = 1 << 24;

 private:
  explicit TokenClock(Schedule schedule, double settled)
      : schedule_(std::move(schedule)), settled_(settled) {}
  Schedule schedule_;
  double settled_;  // from this step on the value is constant (+∞: not known to settle)
};

}  // namespace tempo
