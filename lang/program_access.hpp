// detail::ProgramAccess: how the compiler fills a Program (program.cpp) whose contents hosts see
// only through find/main/names (compile.cpp). Internal, not installed.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

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

// try_compile_program, with the warnings pass (LANGUAGE.md "Warnings") only when `warnings`:
// compile() and compile_file() drop a Result's warnings, so they skip the pass, which samples
// every schedule 2048 times and was half the cost of compiling the design card.
Result<Program> compile_program(std::string_view source, const Options& options, bool warnings);
}  // namespace detail

}  // namespace tempo
