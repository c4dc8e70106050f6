// Tempo's peers on the same schedule and the same pseudo-random steps, each checked equal to
// the hand-written function first. Compare with BM_Tempo_RandomSteps in the same run.
#include <benchmark/benchmark.h>

#include <cmath>

#include "handwritten.hpp"
#include "peers.hpp"
#include "steps.hpp"

namespace {

void run_peer(benchmark::State& state, bench::Peer* peer) {
  if (!peer) {
    state.SkipWithError("not available on this machine");
    return;
  }
  for (double step = 0; step <= 110000; step += 7.5) {
    const double expected = bench::handwritten({}, step);
    if (std::fabs((*peer)(step)-expected) > 1e-12 * std::fabs(expected) + 1e-15) {
      state.SkipWithError("values differ from the hand-written function");
      return;
    }
  }
  const auto steps = bench::random_steps(100000);
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize((*peer)(steps[i++ & 4095]));
  state.SetItemsProcessed(state.iterations());
}

void BM_Peer_MuParser(benchmark::State& state) {
  auto peer = bench::make_muparser();
  run_peer(state, peer.get());
}
BENCHMARK(BM_Peer_MuParser);

void BM_Peer_Lua54(benchmark::State& state) {
  auto peer = bench::make_lua54();
  run_peer(state, peer.get());
}
BENCHMARK(BM_Peer_Lua54);

void BM_Peer_LuaJIT(benchmark::State& state) {
  auto peer = bench::make_luajit();
  run_peer(state, peer.get());
}
BENCHMARK(BM_Peer_LuaJIT);

}  // namespace
