// The C API's cost over the C++ call: tempo_eval (libtempo_c.so, reached through this program's
// PLT) against Schedule::operator() (linked statically) on the design card, at the same
// pseudo-random and mixed-phase steps. Inside the library tempo_eval jumps straight to
// operator(): hidden visibility leaves no PLT hop there. Values are checked equal first.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "handwritten.hpp"
#include "steps.hpp"
#include "tempo/compile.hpp"
#include "tempo/tempo.h"

namespace {

tempo::Schedule cpp_schedule() {
  tempo::Options options;
  options.total = 100000;
  return tempo::compile(bench::design_card, options);
}

struct Free {
  void operator()(tempo_schedule* s) const { tempo_schedule_free(s); }
};
std::unique_ptr<tempo_schedule, Free> c_schedule() {
  tempo_options* options = tempo_options_new();
  tempo_options_set_total(options, 100000);
  tempo_schedule* s = tempo_compile(bench::design_card, options, nullptr);
  tempo_options_free(options);
  if (!s) std::abort();
  return std::unique_ptr<tempo_schedule, Free>(s);
}

const bool checked = [] {
  const auto cpp = cpp_schedule();
  const auto c = c_schedule();
  for (double step = 0; step <= 110000; step += 0.5) {
    if (cpp(step) != tempo_eval(c.get(), step)) {
      std::fprintf(stderr, "mismatch at %g: C++ %.17g, C %.17g\n", step, cpp(step),
                   tempo_eval(c.get(), step));
      std::abort();
    }
  }
  return true;
}();

void BM_Cpp_Call_RandomSteps(benchmark::State& state) {
  const auto steps = bench::random_steps(100000);
  const auto s = cpp_schedule();
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(s(steps[i++ & 4095]));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Cpp_Call_RandomSteps);

void BM_CApi_Eval_RandomSteps(benchmark::State& state) {
  const auto steps = bench::random_steps(100000);
  const auto s = c_schedule();
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(tempo_eval(s.get(), steps[i++ & 4095]));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CApi_Eval_RandomSteps);

void BM_Cpp_Call_MixedPhaseSteps(benchmark::State& state) {
  const auto steps = bench::mixed_phase_steps();
  const auto s = cpp_schedule();
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(s(steps[i++ & 4095]));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Cpp_Call_MixedPhaseSteps);

void BM_CApi_Eval_MixedPhaseSteps(benchmark::State& state) {
  const auto steps = bench::mixed_phase_steps();
  const auto s = c_schedule();
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(tempo_eval(s.get(), steps[i++ & 4095]));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CApi_Eval_MixedPhaseSteps);

}  // namespace
