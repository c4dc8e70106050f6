// Compile cost (parse + check + build): the design-card expression, a file of 100 bindings, and
// the bytes a compiled schedule occupies (reported as a counter).
#include <benchmark/benchmark.h>

#include "compile_sources.hpp"
#include "handwritten.hpp"
#include "tempo/compile.hpp"

namespace {

void BM_Compile_DesignCard(benchmark::State& state) {
  tempo::Options options;
  options.total = 100000;
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto s = tempo::compile(bench::design_card, options);
    bytes = s.bytes();
    benchmark::DoNotOptimize(s);
  }
  state.counters["schedule_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_Compile_DesignCard);

void BM_Compile_HundredBindings(benchmark::State& state) {
  const std::string file = bench::hundred_bindings();
  for (auto _ : state) {
    auto program = tempo::try_compile_program(file);
    if (!program.ok()) state.SkipWithError(program.message().c_str());
    benchmark::DoNotOptimize(program);
  }
  state.counters["source_bytes"] = static_cast<double>(file.size());
}
BENCHMARK(BM_Compile_HundredBindings)->Unit(benchmark::kMicrosecond);

// The same file without the warnings pass (Options::warnings = false, as the C, Python and Lua
// bindings compile): the compiler's own cost, without the 2048 samples of each schedule.
void BM_Compile_HundredBindings_NoWarnings(benchmark::State& state) {
  const std::string file = bench::hundred_bindings();
  tempo::Options options;
  options.warnings = false;
  for (auto _ : state) {
    auto program = tempo::try_compile_program(file, options);
    if (!program.ok()) state.SkipWithError(program.message().c_str());
    benchmark::DoNotOptimize(program);
  }
  state.counters["source_bytes"] = static_cast<double>(file.size());
}
BENCHMARK(BM_Compile_HundredBindings_NoWarnings)->Unit(benchmark::kMicrosecond);

}  // namespace
