// Schedule::bind for schedules with plateau phases (LANGUAGE.md §10.9): what such a schedule
// keeps of the program it was compiled from, and the detail::Decider that plans and lowers it
// again over a record of observations.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ast.hpp"
#include "context.hpp"
#include "host_phase.hpp"
#include "ir.hpp"

namespace tempo {

// The part of a compile that outlives it: the syntax trees, the host's phases and the resolved
// nodes, which point into both. The schedules that decide over observations share it; the rest
// (diagnostics, bindings, statements, the Options) is gone when the compile returns.
struct ResolvedProgram {
  std::vector<std::unique_ptr<ast::Module>> modules;
  HostPhases host_phases;
  ir::NodeStore nodes;  // the Resolver's nodes: stable addresses, they point at each other
};

// The Decider of the schedule resolved to `root` (a node of `program`), compiled in `context`
// to the canonical `source`.
std::shared_ptr<const detail::Decider> make_decider(std::shared_ptr<const ResolvedProgram> program,
                                                    const ir::Node& root, const Context& context,
                                                    std::string source);

}  // namespace tempo
