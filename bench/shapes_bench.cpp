// Every shape of shapes.hpp: Tempo against its hand-written function, at pseudo-random steps, at
// consecutive steps, and `fill` over a whole run. Registered at start-up, one benchmark per shape
// and contestant (BM_Shape/<shape>/<contestant>/<steps>); values are checked before timing.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "shapes.hpp"
#include "steps.hpp"
#include "tempo/compile.hpp"

namespace {

tempo::Schedule compile(const bench::Shape& shape) {
  tempo::Options options;
  options.total = shape.total;
  return tempo::compile(shape.source, options);
}

void check(const bench::Shape& shape, const tempo::Schedule& s) {
  const double stride = shape.total / 20000;
  for (double step = 0; step <= shape.total * 1.1; step += stride) {
    const double a = s(step), b = shape.handwritten(step);
    if (!(std::fabs(a - b) <= 1e-12 * std::fabs(b) + 1e-15)) {
      std::fprintf(stderr, "%s: mismatch at %g: tempo %.17g, hand-written %.17g\n",
                   shape.name.c_str(), step, a, b);
      std::abort();
    }
  }
  if (shape.handwritten_fill) {
    const auto n = static_cast<std::size_t>(shape.total * 1.1);
    std::vector<double> a(n), b(n);
    s.fill(0, a);
    shape.handwritten_fill(b.data(), n);
    for (std::size_t i = 0; i < n; ++i) {
      if (!(std::fabs(a[i] - b[i]) <= 1e-12 * std::fabs(b[i]) + 1e-15)) {
        std::fprintf(stderr, "%s: fill mismatch at %zu: tempo %.17g, hand-written %.17g\n",
                     shape.name.c_str(), i, a[i], b[i]);
        std::abort();
      }
    }
  }
}

template <class F>
void random_steps(benchmark::State& state, double total, const F& f) {
  const auto steps = bench::random_steps(total);
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(f(steps[i++ & 4095]));
  state.SetItemsProcessed(state.iterations());
}

template <class F>
void sequential_steps(benchmark::State& state, double total, const F& f) {
  double step = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(f(step));
    step = step < total ? step + 1 : 0;
  }
  state.SetItemsProcessed(state.iterations());
}

template <class F>
void fill_run(benchmark::State& state, double total, const F& f) {
  std::vector<double> out(static_cast<std::size_t>(total));
  for (auto _ : state) {
    f(out);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(out.size()));
}

const bool registered = [] {
  for (const bench::Shape& shape : bench::shapes()) {
    const auto s = compile(shape);
    check(shape, s);
    const std::string name = "BM_Shape/" + shape.name;
    const double total = shape.total;
    const auto hand = shape.handwritten;
    benchmark::RegisterBenchmark((name + "/handwritten/random").c_str(),
                                 [=](benchmark::State& st) { random_steps(st, total, hand); });
    benchmark::RegisterBenchmark((name + "/tempo/random").c_str(),
                                 [=](benchmark::State& st) { random_steps(st, total, s); });
    benchmark::RegisterBenchmark((name + "/handwritten/sequential").c_str(),
                                 [=](benchmark::State& st) { sequential_steps(st, total, hand); });
    benchmark::RegisterBenchmark((name + "/tempo/sequential").c_str(),
                                 [=](benchmark::State& st) { sequential_steps(st, total, s); });
    if (shape.handwritten_fill) {
      const auto hand_fill = shape.handwritten_fill;
      benchmark::RegisterBenchmark((name + "/handwritten/fill").c_str(), [=](benchmark::State& st) {
        fill_run(st, total, [&](std::vector<double>& out) { hand_fill(out.data(), out.size()); });
      });
    }
    benchmark::RegisterBenchmark((name + "/tempo/fill").c_str(), [=](benchmark::State& st) {
      fill_run(st, total, [&](std::vector<double>& out) { s.fill(0, out); });
    });
  }
  return true;
}();

}  // namespace
