// A fixed compile workload for `valgrind --tool=callgrind`: the design card compiled 1000 times,
// a file of 100 bindings (with or without the warnings pass), or a sequence of N phases (the
// sources of compile_bench.cpp and scaling_bench.cpp), each inside compile_workload() so callgrind
// counts it apart from start-up. Instruction counts are repeatable where times on this shared
// machine are not; bench/run divides them by the number of compiles.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "compile_sources.hpp"
#include "handwritten.hpp"
#include "tempo/compile.hpp"

namespace {

[[gnu::noinline]] std::size_t compile_workload(const std::string& what, const std::string& source,
                                               int times) {
  std::size_t bytes = 0;
  tempo::Options options;
  if (what == "design_card") options.total = 100000;
  if (what == "bindings_quiet") options.warnings = false;
  for (int i = 0; i < times; ++i) {
    if (what == "bindings" || what == "bindings_quiet") {
      auto program = tempo::try_compile_program(source, options);
      if (!program.ok()) {
        std::fprintf(stderr, "%s\n", program.message().c_str());
        std::exit(1);
      }
      bytes += source.size();
    } else {
      bytes += tempo::compile(source, options).bytes();
    }
  }
  return bytes;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string what = argc > 1 ? argv[1] : "design_card";
  std::string source;
  int times = 0;
  if (what == "design_card") {
    source = bench::design_card;
    times = 1000;
  } else if (what == "bindings" || what == "bindings_quiet") {
    source = bench::hundred_bindings();
    times = 10;
  } else if (what == "phases" && argc > 2) {
    const long n = std::strtol(argv[2], nullptr, 10);
    source = bench::phases(n);
    times = n >= 1000 ? 2 : 10000 / static_cast<int>(n);
  } else {
    std::fprintf(stderr,
                 "usage: tempo_compile_count design_card | bindings | bindings_quiet | phases N\n");
    return 2;
  }
  const std::size_t bytes = compile_workload(what, source, times);
  // The number of compiles first: bench/run divides the instruction count by it.
  std::printf("%d %zu\n", times, bytes);
}
