// A fixed workload for `valgrind --tool=callgrind`: one million evaluations of the design-card
// schedule at pseudo-random steps, by Tempo and by the hand-written function. Instruction counts
// are repeatable where times are not; bench/run divides them by the number of calls.
#include <cstdio>

#include "handwritten.hpp"
#include "steps.hpp"
#include "tempo/compile.hpp"

[[gnu::noinline]] double run_tempo(const tempo::Schedule& s, const std::vector<double>& steps) {
  double sum = 0;
  for (int round = 0; round < 244; ++round) {
    for (double step : steps) sum += s(step);
  }
  return sum;
}

[[gnu::noinline]] double run_handwritten(const std::vector<double>& steps) {
  const bench::DesignCard params;
  double sum = 0;
  for (int round = 0; round < 244; ++round) {
    for (double step : steps) sum += bench::handwritten(params, step);
  }
  return sum;
}

int main() {
  tempo::Options options;
  options.total = 100000;
  const auto schedule = tempo::compile(bench::design_card, options);
  const auto steps = bench::random_steps(100000);  // 4096 steps × 244 rounds ≈ 1M calls
  std::printf("%.6f %.6f\n", run_tempo(schedule, steps), run_handwritten(steps));
}
