// `fill` of 1,000,000 consecutive steps against a hand-written loop per phase, and a constant
// schedule against std::fill (what a constant segment must cost).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <vector>

#include "handwritten.hpp"
#include "tempo/compile.hpp"

namespace {

constexpr std::size_t steps = 1'000'000;

// Fills a million consecutive steps of `s` per iteration.
void fill_million(benchmark::State& state, const tempo::Schedule& s) {
  std::vector<double> out(steps);
  for (auto _ : state) {
    s.fill(0, out);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(steps));
}

void BM_Handwritten_Fill(benchmark::State& state) {
  std::vector<double> out(steps);
  const bench::DesignCard params;
  for (auto _ : state) {
    bench::handwritten_fill(params, 0, out.data(), out.size());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(steps));
}
BENCHMARK(BM_Handwritten_Fill);

void BM_Tempo_Fill(benchmark::State& state) {
  tempo::Options options;
  options.total = 100000;
  fill_million(state, tempo::compile(bench::design_card, options));
}
BENCHMARK(BM_Tempo_Fill);

// All million steps inside one cosine: one cos() per step.
void BM_Tempo_FillCosineOnly(benchmark::State& state) {
  tempo::Options options;
  options.total = steps;
  fill_million(state, tempo::compile("cosine(min=0.1)", options));
}
BENCHMARK(BM_Tempo_FillCosineOnly);

void BM_StdFill(benchmark::State& state) {
  std::vector<double> out(steps);
  for (auto _ : state) {
    std::fill(out.begin(), out.end(), 0.5);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(steps));
}
BENCHMARK(BM_StdFill);

void BM_Tempo_FillConstant(benchmark::State& state) {
  fill_million(state, tempo::compile("stable(at=0.5)"));
}
BENCHMARK(BM_Tempo_FillConstant);

}  // namespace
