// Scalar evaluation of the design-card schedule: Tempo against the hand-written function, at
// pseudo-random and at sequential steps. Values are checked equal before anything is timed.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "handwritten.hpp"
#include "steps.hpp"
#include "tempo/compile.hpp"

namespace {

tempo::Schedule design_card() {
  tempo::Options options;
  options.total = 100000;
  return tempo::compile(bench::design_card, options);
}

// Both sides must agree before their speeds mean anything.
const bool checked = [] {
  const auto s = design_card();
  for (double step = 0; step <= 110000; step += 0.5) {
    const double a = s(step), b = bench::handwritten({}, step);
    if (std::fabs(a - b) > 1e-12 * std::fabs(b) + 1e-15) {
      std::fprintf(stderr, "mismatch at %g: tempo %.17g, hand-written %.17g\n", step, a, b);
      std::abort();
    }
  }
  return true;
}();

void BM_Handwritten_RandomSteps(benchmark::State& state) {
  const auto steps = bench::random_steps(100000);
  const bench::DesignCard params;
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(bench::handwritten(params, steps[i++ & 4095]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Handwritten_RandomSteps);

void BM_Tempo_RandomSteps(benchmark::State& state) {
  const auto steps = bench::random_steps(100000);
  const auto s = design_card();
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(s(steps[i++ & 4095]));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Tempo_RandomSteps);

void BM_Handwritten_MixedPhaseSteps(benchmark::State& state) {
  const auto steps = bench::mixed_phase_steps();
  const bench::DesignCard params;
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(bench::handwritten(params, steps[i++ & 4095]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Handwritten_MixedPhaseSteps);

void BM_Tempo_MixedPhaseSteps(benchmark::State& state) {
  const auto steps = bench::mixed_phase_steps();
  const auto s = design_card();
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(s(steps[i++ & 4095]));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Tempo_MixedPhaseSteps);

void BM_Handwritten_SequentialSteps(benchmark::State& state) {
  const bench::DesignCard params;
  double step = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(bench::handwritten(params, step));
    step = step < 100000 ? step + 1 : 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Handwritten_SequentialSteps);

void BM_Tempo_SequentialSteps(benchmark::State& state) {
  const auto s = design_card();
  double step = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(s(step));
    step = step < 100000 ? step + 1 : 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Tempo_SequentialSteps);

}  // namespace
