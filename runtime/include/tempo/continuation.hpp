// Does a new plan continue an old one? tempo::continues compares two schedules bit for bit at
// every integer step before `until`: the check a host runs before it replaces the plan of a
// running job (extending it, branching a cooldown, resuming under a changed config).
//
//   const tempo::Continuation c = tempo::continues(trunk, branch, 40'000);
//   if (!c) fail(c.step, c.old_value, c.new_value);
//
// Cost: ranges where both schedules are provably the same closed form (the same phase at the
// same start, or both constant at the same value) are skipped in O(1); every other step is
// evaluated once in each schedule, 4096 steps at a time, on the stack. So the work is at most
// `until` evaluations of each schedule (a few ns per step for common shapes) and usually far
// less; `compared` and `proven` say how the steps were covered.
#pragma once

#include <limits>

#include "tempo/schedule.hpp"

namespace tempo {

struct Continuation {
  bool continues = true;  // equal at every integer step s with 0 ≤ s < until
  // The first step where they differ, and the value of each there (NaN when they continue).
  double step = std::numeric_limits<double>::quiet_NaN();
  double old_value = std::numeric_limits<double>::quiet_NaN();
  double new_value = std::numeric_limits<double>::quiet_NaN();
  double compared = 0;  // steps evaluated in both schedules
  double proven = 0;    // steps shown equal by the plans' structure, without evaluating them

  explicit operator bool() const noexcept { return continues; }
};

// `until` is rounded up to an integer and clamped to [0, 2^53]. Equality is of the bit
// patterns: 0.0 and -0.0 differ, a NaN equals the same NaN.
Continuation continues(const Schedule& old_plan, const Schedule& new_plan, double until);

}  // namespace tempo
