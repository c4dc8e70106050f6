// Scaling: evaluation cost against the number of phases (a sequence finds its phase by binary
// search, so O(log n)), and compile cost against source size.
#include <benchmark/benchmark.h>

#include "compile_sources.hpp"
#include "steps.hpp"
#include "tempo/compile.hpp"

namespace {

void BM_Scaling_EvaluatePhases(benchmark::State& state) {
  const auto s = tempo::compile(bench::phases(state.range(0)));
  const auto steps = bench::random_steps(static_cast<double>(state.range(0) * 10));
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(s(steps[i++ & 4095]));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Scaling_EvaluatePhases)->RangeMultiplier(10)->Range(1, 10000);

void BM_Scaling_CompilePhases(benchmark::State& state) {
  const std::string source = bench::phases(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(tempo::compile(source));
  state.counters["source_bytes"] = static_cast<double>(source.size());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(source.size()));
}
BENCHMARK(BM_Scaling_CompilePhases)
    ->RangeMultiplier(10)
    ->Range(1, 10000)
    ->Unit(benchmark::kMicrosecond);

}  // namespace
