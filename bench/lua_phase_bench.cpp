// A Lua-scripted phase against a bare lua_call of the same function from C, with the same
// arguments (p, t, len, level and a reused arguments table): the cost Tempo adds around a
// script. Also the design-card schedule written as one scripted phase, beside the other peers.
#include <benchmark/benchmark.h>

#include <lua.hpp>
#include <mutex>

#include "handwritten.hpp"
#include "steps.hpp"
#include "tempo/lua.hpp"

namespace {

// REX: straight-line code, which Tempo runs without the count hook (within_budget.hpp).
constexpr const char* rex_body = R"(function(p, t, len, level, args)
  local z = 1 - p
  return args.min + (level - args.min) * z / (1 - args.k + args.k * z)
end)";

// A cosine through math.cos: a global and a call, so Tempo runs it under the count hook.
constexpr const char* cosine_body = R"(function(p, t, len, level, args)
  return args.min + (level - args.min) * (1 + math.cos(math.pi * p)) / 2
end)";

// A loop of 20 iterations with constant bounds, which Tempo also runs without the hook.
constexpr const char* loop_body = R"(function(p, t, len, level, args)
  local s = 0
  for i = 1, 20 do s = s + args.k * p / i end
  return s
end)";

// The same loop with its bound computed from an argument: it runs under the count hook, and
// every iteration's instructions pay the hook's trap.
constexpr const char* loop_hooked_body = R"(function(p, t, len, level, args)
  local s = 0
  for i = 1, len // 50 do s = s + args.k * p / i end
  return s
end)";

// A bare call: the function and a reused arguments table kept in the registry; per call, the
// arguments pushed and the named ones written into the table, as Tempo does.
struct LuaRex {
  lua_State* L = luaL_newstate();
  int function = 0, arguments = 0;
  explicit LuaRex(const char* body = rex_body) {
    luaL_openlibs(L);
    luaL_dostring(L, (std::string("return ") + body).c_str());
    function = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_createtable(L, 0, 2);
    arguments = luaL_ref(L, LUA_REGISTRYINDEX);
  }
  ~LuaRex() { lua_close(L); }
  double operator()(double t) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, function);
    for (double x : {t / 1000, t, 1000.0, 1.0}) lua_pushnumber(L, x);
    lua_rawgeti(L, LUA_REGISTRYINDEX, arguments);
    lua_pushnumber(L, 0.9);
    lua_setfield(L, -2, "k");
    lua_pushnumber(L, 0);
    lua_setfield(L, -2, "min");
    lua_call(L, 5, 1);
    const double value = lua_tonumber(L, -1);
    lua_pop(L, 1);
    return value;
  }
};

// Calls `rex` at pseudo-random steps, each call holding `lock` (NoLock: nothing, at no cost).
struct NoLock {
  void lock() {}
  void unlock() {}
};
template <class Lock = NoLock>
void run_rex(benchmark::State& state, LuaRex& rex, Lock&& lock = {}) {
  const auto steps = bench::random_steps(999);
  std::size_t i = 0;
  for (auto _ : state) {
    std::lock_guard guard(lock);
    benchmark::DoNotOptimize(rex(steps[i++ & 4095]));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Lua_BareCall(benchmark::State& state, const char* body) {
  LuaRex rex(body);
  run_rex(state, rex);
}
BENCHMARK_CAPTURE(BM_Lua_BareCall, rex, rex_body);
BENCHMARK_CAPTURE(BM_Lua_BareCall, cosine_hooked, cosine_body);
BENCHMARK_CAPTURE(BM_Lua_BareCall, loop, loop_body);
BENCHMARK_CAPTURE(BM_Lua_BareCall, loop_hooked, loop_hooked_body);

tempo::Options with_script(const std::string& source) {
  std::string error;
  tempo::Options options;
  options.phases = tempo::lua::load_phases(source, "bench.lua", error);
  return options;
}

void BM_Tempo_ScriptedPhase(benchmark::State& state, const char* body) {
  auto options = with_script(std::string("return { rex = { params = {k = 0.5, min = 0}, fn = ") +
                             body + " } }");
  const auto s = tempo::compile("rex(1000, k=0.9)", options);
  const auto steps = bench::random_steps(999);
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(s(steps[i++ & 4095]));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_Tempo_ScriptedPhase, rex, rex_body);
BENCHMARK_CAPTURE(BM_Tempo_ScriptedPhase, cosine_hooked, cosine_body);
BENCHMARK_CAPTURE(BM_Tempo_ScriptedPhase, loop, loop_body);
BENCHMARK_CAPTURE(BM_Tempo_ScriptedPhase, loop_hooked, loop_hooked_body);

// The design card as one scripted phase of length total, beside BM_Peer_Lua54.
void BM_Peer_TempoScripted(benchmark::State& state) {
  auto options = with_script(R"(return { card = function(p, t)
    if t < 2000 then return t / 2000 end
    if t < 92000 then return 1.0 end
    return 0.1 + 0.9 * (1 + math.cos(math.pi * (t - 92000) / 8000)) / 2
  end })");
  options.total = 100000;
  const auto s = tempo::compile("card()", options);
  for (double step = 0; step <= 110000; step += 7.5) {
    const double expected = bench::handwritten({}, step);
    if (std::abs(s(step) - expected) > 1e-12 * std::abs(expected) + 1e-15) {
      state.SkipWithError("values differ from the hand-written function");
      return;
    }
  }
  const auto steps = bench::random_steps(100000);
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(s(steps[i++ & 4095]));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Peer_TempoScripted);

// Threads: one Lua state per thread (what Tempo does) against one state behind a mutex, both
// calling the REX function from 1 and 2 threads.
void BM_Threads_StatePerThread(benchmark::State& state) {
  thread_local LuaRex rex;
  run_rex(state, rex);
}
BENCHMARK(BM_Threads_StatePerThread)->Threads(1)->Threads(2)->UseRealTime();

void BM_Threads_LockedSharedState(benchmark::State& state) {
  static LuaRex rex;
  static std::mutex lock;
  run_rex(state, rex, lock);
}
BENCHMARK(BM_Threads_LockedSharedState)->Threads(1)->Threads(2)->UseRealTime();

}  // namespace
