// Compile cost (parse + check + build): the design-card expression, a file of 100 bindings, and
// the bytes a compiled schedule occupies (reported as a counter).
#include <benchmark/benchmark.h>
#include <fmt/format.h>

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

std::string hundred_bindings() {
  std::string file = "total = 100_000\npeak = 3e-4\n";
  for (int i = 0; i < 98; ++i) {
    file += fmt::format("s{} = peak * (warmup({}) >> stable(0.{}) >> cosine(min=0.1))\n", i,
                        100 + i, 10 + i % 80);
  }
  return file + "lr = s0\n";
}

void BM_Compile_HundredBindings(benchmark::State& state) {
  const std::string file = hundred_bindings();
  for (auto _ : state) {
    auto program = tempo::try_compile_program(file);
    if (!program.ok()) state.SkipWithError(program.message().c_str());
    benchmark::DoNotOptimize(program);
  }
  state.counters["source_bytes"] = static_cast<double>(file.size());
}
BENCHMARK(BM_Compile_HundredBindings)->Unit(benchmark::kMicrosecond);

}  // namespace
