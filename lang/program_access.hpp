// detail::ProgramAccess: how the compiler fills a Program (program.cpp) whose contents hosts see
// only through find/main/names (compile.cpp). Internal, not installed.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "tempo/compile.hpp"

namespace tempo {

struct Program::Contents {
  std::map<std::string, Schedule, std::less<>> schedules;
  std::string main;
};

namespace detail {
struct ProgramAccess {
  using Contents = Program::Contents;
  static Program make(Contents contents) {
    Program program;
    program.contents_ = std::make_shared<const Program::Contents>(std::move(contents));
    return program;
  }
};
}  // namespace detail

}  // namespace tempo
