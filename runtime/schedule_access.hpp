// detail::ScheduleAccess: the one door from the compiler (and the runtime's own tools) to the
// evaluation tree behind a tempo::Schedule. Hosts see a Schedule only as a value they evaluate;
// wrapping a tree and reading it back are internal, so this header is not installed.
#pragma once

#include <memory>
#include <utility>

#include "tempo/schedule.hpp"

namespace tempo::detail {

struct ScheduleAccess {
  static Schedule make(std::shared_ptr<const Tree> tree) noexcept {
    return Schedule(std::move(tree));
  }
  static const Tree& tree(const Schedule& schedule) noexcept { return *schedule.tree_; }
};

}  // namespace tempo::detail
