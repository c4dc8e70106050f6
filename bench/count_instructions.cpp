// A fixed workload for `valgrind --tool=callgrind`: about a million evaluations of one shape of
// shapes.hpp (the design card by default) at pseudo-random steps, by Tempo and by the
// hand-written function, each in its own function so callgrind counts them apart; with `fill`,
// a whole run filled ten times by each; with `c`, Tempo's C++ call against the C API's
// tempo_eval. Instruction counts are repeatable where times are not;
// bench/run divides them by the number of evaluations.
#include <cstdio>
#include <cstring>
#include <vector>

#include "shapes.hpp"
#include "steps.hpp"
#include "tempo/compile.hpp"
#include "tempo/tempo.h"

constexpr int rounds = 244;  // 4096 steps × 244 rounds = 999,424 evaluations

[[gnu::noinline]] double run_tempo(const tempo::Schedule& s, const std::vector<double>& steps) {
  double sum = 0;
  for (int round = 0; round < rounds; ++round) {
    for (double step : steps) sum += s(step);
  }
  return sum;
}

[[gnu::noinline]] double run_handwritten(const bench::Shape& shape,
                                         const std::vector<double>& steps) {
  double sum = 0;
  for (int round = 0; round < rounds; ++round) {
    for (double step : steps) sum += shape.handwritten(step);
  }
  return sum;
}

// The same steps through the C API (libtempo_c.so, called through this program's PLT).
[[gnu::noinline]] double run_c_api(const tempo_schedule* s, const std::vector<double>& steps) {
  double sum = 0;
  for (int round = 0; round < rounds; ++round) {
    for (double step : steps) sum += tempo_eval(s, step);
  }
  return sum;
}

[[gnu::noinline]] void fill_tempo(const tempo::Schedule& s, std::vector<double>& out) {
  for (int k = 0; k < 10; ++k) s.fill(0, out);
}

[[gnu::noinline]] void fill_handwritten(const bench::Shape& shape, std::vector<double>& out) {
  for (int k = 0; k < 10; ++k) shape.handwritten_fill(out.data(), out.size());
}

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "--list") == 0) {
    for (const auto& s : bench::shapes()) std::printf("%s\n", s.name.c_str());
    return 0;
  }
  const bench::Shape* shape = bench::find_shape(argc > 1 ? argv[1] : "design_card");
  if (!shape) {
    std::fprintf(stderr, "usage: tempo_count_instructions [SHAPE [fill | c]]; shapes:");
    for (const auto& s : bench::shapes()) std::fprintf(stderr, " %s", s.name.c_str());
    std::fprintf(stderr, "\n");
    return 2;
  }
  tempo::Options options;
  options.total = shape->total;
  const auto schedule = tempo::compile(shape->source, options);
  if (argc > 2 && std::strcmp(argv[2], "fill") == 0) {
    std::vector<double> out(static_cast<std::size_t>(shape->total));
    fill_tempo(schedule, out);
    if (shape->handwritten_fill) fill_handwritten(*shape, out);
    std::printf("%zu\n", out.size() * 10);
    return 0;
  }
  const auto steps = bench::random_steps(shape->total);
  if (argc > 2 && std::strcmp(argv[2], "c") == 0) {  // C++ call against tempo_eval
    tempo_options* c_options = tempo_options_new();
    tempo_options_set_total(c_options, shape->total);
    tempo_schedule* c = tempo_compile(shape->source.c_str(), c_options, nullptr);
    tempo_options_free(c_options);
    if (!c) return 1;
    std::printf("%.6f %.6f\n", run_tempo(schedule, steps), run_c_api(c, steps));
    tempo_schedule_free(c);
    return 0;
  }
  std::printf("%.6f %.6f\n", run_tempo(schedule, steps), run_handwritten(*shape, steps));
}
