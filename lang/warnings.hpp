// Warnings: schedules that compile but are rarely what was meant (issue 12 point 5), found by one
// pass over the finished plan and the compiled values. Each is a Diagnostic of severity warning
// with a hint; docs/language.md ("Warnings") lists them.
#pragma once

#include <vector>

#include "context.hpp"
#include "plan.hpp"
#include "tempo/diagnostic.hpp"
#include "tempo/schedule.hpp"

namespace tempo {

// Adds to `warnings` what looks wrong in `schedule`, planned as `plan` (the root of its plan).
void find_warnings(const PlanNode& plan, const Schedule& schedule, const Context& context,
                   std::vector<Diagnostic>& warnings);

// In source order, one per span: a binding used by another is compiled in each, and warns once.
std::vector<Diagnostic> sorted_warnings(std::vector<Diagnostic> warnings);

}  // namespace tempo
