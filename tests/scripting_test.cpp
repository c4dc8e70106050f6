// Lua-scripted phases: values, durations/levels/holds as for built-ins, argument checking, every
// sandbox escape attempt and every limit with its exact error, and evaluation from threads.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <lua.hpp>
#include <vector>

#include "../bindings/lua/within_budget.hpp"
#include "support.hpp"
#include "tempo/compile.hpp"
#include "tempo/limits.hpp"
#include "tempo/lua.hpp"

namespace {

const char* shapes = R"(
local calls = 0   -- state a script declares at its top is kept between calls
return {
  half = function(p, t, len, level, args) return level * (1 - p / 2) end,
  rex = {
    params = {k = 0.5, min = 0},
    fn = function(p, t, len, level, args)
      local z = 1 - p
      return args.min + (level - args.min) * z / (1 - args.k + args.k * z)
    end,
  },
  needs = {params = {width = "required"}, fn = function(p, t, len, level, args) return args.width end},
  counter = function(p) calls = calls + 1 return calls end,
  stepper = function(p, t, len, level, args) return t end,
}
)";

tempo::Options with_phases(const std::string& source) {
  std::string error;
  tempo::Options options;
  options.phases = tempo::lua::load_phases(source, "shapes.lua", error);
  REQUIRE_MESSAGE(error.empty(), error);
  return options;
}

// The first error of `bad(100)` where `bad` runs `body`.
std::string error_of(const std::string& body) {
  std::string error;
  tempo::Options options;
  options.phases = tempo::lua::load_phases(
      "return { bad = function(p, t, len, level, args)\n" + body + "\nend }", "bad.lua", error);
  if (!error.empty()) return error;
  const auto result = tempo::try_compile("bad(100)", options);
  return result.diagnostics.empty() ? "" : result.diagnostics.front().message;
}

}  // namespace

TEST_CASE("a scripted phase gets p, t, len, level and its arguments") {
  auto options = with_phases(shapes);
  options.total = 1000;
  const auto s = tempo::compile("warmup(100) >> stable(0.5) >> rex(k=0.9)", options);
  const double z = 1 - 200.0 / 400;
  CHECK(s(800) == doctest::Approx(z / (1 - 0.9 + 0.9 * z)).epsilon(1e-15));
  CHECK(s(1000) == 0);  // holds its value at p = 1
  CHECK(tempo::compile("stable(10, at=0.5) >> half(100)", options)(60) == 0.5 * (1 - 0.25));
  CHECK(tempo::compile("stepper(100)", options)(42) == 42);
  // Elastic, levels, arithmetic folding: as for built-ins.
  CHECK(tempo::compile("2 * half()", options)(500) == 2 * (1 - 0.25));
}

TEST_CASE("scripted phases are checked like built-ins") {
  auto options = with_phases(shapes);
  auto first = [&](const char* source) {
    return tempo::try_compile(source, options).diagnostics.front().message;
  };
  CHECK(first("rex(100, kk=1)") == "`rex` has no argument `kk`");
  CHECK(first("needs(100)") == "`needs` needs the argument `width`");
  CHECK(tempo::compile("needs(100, width=3)", options)(5) == 3);
  CHECK(first("rex()") == "`rex` needs a length: give d or total");
  CHECK(first("rex(100, k=[1])") == "`k` must be a number, not a list");
  CHECK(first("rexx(100)") == "unknown function `rexx`");
  CHECK(tempo::try_compile("rexx(100)", options).diagnostics.front().hint == "did you mean `rex`?");
}

TEST_CASE("state a script declares is kept; globals cannot be assigned") {
  auto options = with_phases(shapes);
  const auto s = tempo::compile("counter(100)", options);
  const double before = s(1);
  CHECK(s(2) == before + 1);
  CHECK(error_of("x = 1 return p") ==
        "`bad` at step 0: bad.lua:2: assignment to undeclared global 'x': keep state in a local "
        "declared at the top of the script");
}

TEST_CASE("every sandbox escape attempt is an error") {
  CHECK(error_of("io.open('/etc/passwd') return p") ==
        "`bad` at step 0: bad.lua:2: attempt to index a nil value (global 'io')");
  CHECK(error_of("os.execute('ls') return p") ==
        "`bad` at step 0: bad.lua:2: attempt to index a nil value (global 'os')");
  CHECK(error_of("require('os') return p") ==
        "`bad` at step 0: bad.lua:2: attempt to call a nil value (global 'require')");
  CHECK(error_of("load('return 1') return p") ==
        "`bad` at step 0: bad.lua:2: attempt to call a nil value (global 'load')");
  CHECK(error_of("dofile('/etc/passwd') return p") ==
        "`bad` at step 0: bad.lua:2: attempt to call a nil value (global 'dofile')");
  CHECK(error_of("return string.dump(print)") ==
        "`bad` at step 0: bad.lua:2: attempt to call a nil value (field 'dump')");
  CHECK(error_of("return debug.getinfo(1)") ==
        "`bad` at step 0: bad.lua:2: attempt to index a nil value (global 'debug')");
  CHECK(error_of("return package.loaded") ==
        "`bad` at step 0: bad.lua:2: attempt to index a nil value (global 'package')");
  CHECK(error_of("return getmetatable('').__index") ==
        "`bad` at step 0: bad.lua:2: attempt to call a nil value (global 'getmetatable')");
  // Methods of strings come from the script's copy of `string`, not from the state's library:
  // changing the copy changes only this script's methods, and what the copy lacks is gone.
  CHECK(error_of("string.upper = nil return ('x'):upper() and p") ==
        "`bad` at step 0: bad.lua:2: attempt to call a nil value (method 'upper')");
  CHECK(error_of("return ('').dump(print)") ==
        "`bad` at step 0: bad.lua:2: attempt to call a nil value (field 'dump')");
  // Library functions that could loop in C, where the instruction budget cannot see them.
  CHECK(error_of("return ('x'):gsub('x', 'y')") ==
        "`bad` at step 0: bad.lua:2: attempt to call a nil value (method 'gsub')");
  CHECK(error_of("return string.find('a', 'a')") ==
        "`bad` at step 0: bad.lua:2: attempt to call a nil value (field 'find')");
  CHECK(error_of("table.insert({}, 1) return p") ==
        "`bad` at step 0: bad.lua:2: attempt to call a nil value (field 'insert')");
  CHECK(error_of("setmetatable({}, {__gc = function() while true do end end}) return p") ==
        "`bad` at step 0: bad.lua:2: __gc metamethods are not allowed: finalizers run outside the "
        "instruction budget");
  CHECK(error_of("return setmetatable({}, {__index = function() return p end}).x") == "");
  CHECK(error_of("local co = coroutine.wrap(function() while true do end end) co() return p") ==
        "`bad` at step 0: bad.lua:2: attempt to index a nil value (global 'coroutine')");
}

TEST_CASE("the instruction budget and the memory cap turn loops and bombs into errors") {
  CHECK(tempo::limits::lua_instructions_per_call == 1'000'000);
  CHECK(tempo::limits::lua_memory_bytes == 16u << 20);
  CHECK(error_of("while true do end") ==
        "`bad` at step 0: the script ran more than 1000000 instructions in one call");
  CHECK(error_of("local s = 0 for i = 1, 100000 do s = s + i end return p") == "");  // within it
  // A script's own pcall cannot swallow the budget: past it, every instruction fails again.
  CHECK(error_of("while true do pcall(function() while true do end end) end") ==
        "`bad` at step 0: the script ran more than 1000000 instructions in one call");
  CHECK(error_of("local x <close> = setmetatable({}, {__close = function() while true do end "
                 "end}) error('boom')") ==
        "`bad` at step 0: the script ran more than 1000000 instructions in one call");
  // Few instructions, much work each: the clock stops it.
  CHECK(tempo::limits::lua_seconds_per_call == 1);
  CHECK(error_of("local s = string.rep('x', 1 << 22) while true do local u = s:upper() end") ==
        "`bad` at step 0: the script ran for more than 1 s in one call");
  CHECK(error_of("return #string.rep('', 1 << 62) + p") == "");  // an empty result, at once
  CHECK(error_of("return #string.rep('x', 1 << 30)") ==
        "`bad` at step 0: not enough memory (a script may use 16 MiB)");
  // On a machine so loaded that this call takes more than 1 s of wall clock, the clock is
  // what stops it (and that is right too); otherwise the memory cap.
  const auto start = std::chrono::steady_clock::now();
  const std::string bomb =
      error_of("local t = {} for i = 1, 200 do t[i] = string.rep('x', 1 << 20) .. i end return p");
  const bool slow = std::chrono::steady_clock::now() - start > std::chrono::seconds(1);
  CHECK(bomb == (slow ? "`bad` at step 0: the script ran for more than 1 s in one call"
                      : "`bad` at step 0: not enough memory (a script may use 16 MiB)"));
}

TEST_CASE("functions proven to stay within the budget, and only they, run without the count hook") {
  lua_State* L = luaL_newstate();
  auto proven = [&](const std::string& chunk) {
    REQUIRE(luaL_loadstring(L, chunk.c_str()) == LUA_OK);
    lua_call(L, 0, 1);
    const bool result = tempo::lua::within_budget(L, -1);
    lua_pop(L, 1);
    return result;
  };
  auto phase = [&](const std::string& body) {
    return proven("return function(p, t, len, level, args)\n" + body + "\nend");
  };
  CHECK(phase(
      "local z = 1 - p return args.min + (level - args.min) * z / (1 - args.k + args.k * z)"));
  CHECK(phase("if p < 0.5 and t ~= 3 then return 2 * p end return 1 - p"));
  CHECK(phase("local v = {p, t, n = 3} v.x = true args.y = 1 return v[1] + #v + v.n"));
  CHECK(phase("return args.name == 'rex' and 1 or p ^ 2 // 1 % 3"));  // compares with a string
  CHECK_FALSE(phase("while true do end"));
  CHECK_FALSE(phase("repeat local x = p until x > 2"));
  CHECK_FALSE(phase("::again:: if p > 2 then goto again end return p"));
  // Numeric loops with integer constant bounds: each instruction counts once per iteration.
  CHECK(phase("local s = 0 for i = 1, 20 do s = s + args.k * p / i end return s"));
  CHECK(phase("for i = 10, 1, -3 do for j = 1, 10 do if j > p then break end end end return p"));
  CHECK(phase("for i = 1, 3 do if i == 2 then goto next end p = p + i ::next:: end return p"));
  CHECK(phase("for i = 9223372036854775806, 9223372036854775807 do end return p"));
  CHECK(phase("for i = 1, 300000 do local x = i end return p"));  // 2 instructions × 300000
  CHECK_FALSE(phase("for i = 1, 600000 do local x = i end return p"));
  CHECK_FALSE(phase("for i = 1, 1000 do for j = 1, 1000 do end end return p"));
  CHECK_FALSE(phase("for i = -9223372036854775807, 9223372036854775807 do end return p"));
  CHECK_FALSE(phase("for i = 1, t do end return p"));       // a bound from an argument
  CHECK_FALSE(phase("for i = 1, 3, 0 do end return p"));    // a zero step
  CHECK_FALSE(phase("for i = 0, 1, 0.5 do end return p"));  // a float loop
  CHECK_FALSE(phase("for i = 1, 3 do while true do end end return p"));
  CHECK_FALSE(phase("for k, v in pairs(args) do end return p"));
  CHECK_FALSE(phase("return math.cos(p)"));                  // a global
  CHECK_FALSE(phase("return args.f(p)"));                    // a call
  CHECK_FALSE(phase("return (function() return p end)()"));  // a closure
  CHECK_FALSE(phase("local s = 'x' return p"));              // a string in a register
  CHECK_FALSE(phase("args.s = 'x' return p"));               // a string stored in a table
  CHECK_FALSE(phase("return p .. ''"));
  CHECK_FALSE(proven("local k = 2 return function(p) return k * p end"));  // an upvalue
  CHECK_FALSE(proven("return print"));                                     // C
  lua_close(L);
}

TEST_CASE("an unhooked call leaves the budget in force for the next hooked one") {
  auto options = with_phases(R"(return {
    pure = function(p) return p end,
    sum = function(p) local s = 0 for i = 1, 300000 do s = s + i end return s * p end,
    loop = function(p) while true do end end,
  })");
  CHECK(tempo::compile("pure(100)", options)(50) == 0.5);
  CHECK(tempo::compile("sum(100)", options)(50) ==
        45000150000 * 0.5);  // unhooked: 900k instructions
  CHECK(tempo::try_compile("loop(100)", options).diagnostics.front().message ==
        "`loop` at step 0: the script ran more than 1000000 instructions in one call");
  CHECK(tempo::compile("pure(100)", options)(25) == 0.25);
  CHECK(error_of("return args.nope + p") ==
        "`bad` at step 0: bad.lua:2: attempt to perform arithmetic on a nil value (field 'nope')");
}

TEST_CASE("a result that is not a finite number names the function, the step and the file:line") {
  CHECK(error_of("return 'a'") == "`bad` at step 0: returned a string, not a number (bad.lua:1)");
  CHECK(error_of("return 0/0") == "`bad` at step 0: returned NaN, not a finite number (bad.lua:1)");
  CHECK(error_of("if p > 0.5 then return 1/0 end return p") ==
        "`bad` at step 100: returned inf, not a finite number (bad.lua:1)");
  // An error past the checked ends surfaces at evaluation: NaN, and the per-thread error slot.
  std::string error;
  tempo::Options options;
  options.phases = tempo::lua::load_phases(
      "return { mid = function(p) if p > 0.4 and p < 0.6 then error('boom') end return p end }",
      "mid.lua", error);
  const auto s = tempo::compile("mid(100)", options);
  (void)tempo::take_evaluation_error();
  CHECK(std::isnan(s(50)));
  CHECK(tempo::take_evaluation_error() == "`mid` at step 50: mid.lua:1: boom");
  CHECK(s(10) == 0.1);
  CHECK_FALSE(tempo::take_evaluation_error().has_value());
}

TEST_CASE("a thread keeps Lua states only for scripts still held") {
  auto options_for = [](const std::string& source) {
    std::string error;
    tempo::Options options;
    options.phases = tempo::lua::load_phases(source, "f.lua", error);
    return options;
  };
  const auto held = options_for("local n = 0 return { f = function(p) n = n + 1 return n end }");
  const auto kept = tempo::compile("f(10)", held);
  const double first = kept(1);  // the count so far (compiling calls f too)
  const std::size_t before = tempo::lua::lua_states_on_this_thread();
  for (int i = 0; i < 50; ++i) {
    CHECK(tempo::compile("f(10)", options_for("return { f = function(p) return p end }"))(5) ==
          0.5);
  }
  CHECK(tempo::lua::lua_states_on_this_thread() <= before + 1);
  CHECK(kept(1) == first + 1);  // the held script's state, with its local, lives on
}

TEST_CASE("scripts that do not load are errors at the import") {
  std::string error;
  CHECK(tempo::lua::load_phases("return {", "x.lua", error).empty());
  CHECK(error == "x.lua:1: unexpected symbol near <eof>");
  CHECK(tempo::lua::load_phases("return 5", "x.lua", error).empty());
  CHECK(error == "x.lua must return a table of phases");
  CHECK(tempo::lua::load_phases("return {f = 5}", "x.lua", error).empty());
  CHECK(error == "x.lua: `f` must be a function or a table with `fn`");
}

TEST_CASE("import reads a .lua file relative to the importing file") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "tempo-import-test";
  fs::create_directories(dir / "sub");
  std::ofstream(dir / "sub" / "shapes.lua") << shapes;
  std::ofstream(dir / "lr.tempo") << "import \"sub/shapes.lua\"\nlr = rex(100)\n";
  tempo::Options options;
  options.import = tempo::lua::import_file;
  const auto program = tempo::try_compile_file((dir / "lr.tempo").string(), options);
  REQUIRE_MESSAGE(program.ok(), program.message());
  CHECK(program.value->main()(100) == 0);
  std::ofstream(dir / "missing.tempo") << "import \"nope.lua\"\nlr = 1\n";
  const auto missing = tempo::try_compile_file((dir / "missing.tempo").string(), options);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.diagnostics.front().message == "cannot read `" + (dir / "nope.lua").string() + "`");
  CHECK(missing.diagnostics.front().line() == 1);
  CHECK(missing.diagnostics.front().column() == 8);
  const auto builtin = tempo::try_compile("import \"x.lua\"\nlr = 1");
  CHECK(builtin.diagnostics.front().message == "this host cannot import files");
  fs::remove_all(dir);
}

TEST_CASE("a scripted schedule evaluated from several threads gives the same values") {
  auto options = with_phases(shapes);
  options.total = 10000;
  const auto s = tempo::compile("warmup(100) >> rex(k=0.7) + 0 * stepper()", options);
  std::vector<double> steps;
  for (int i = 0; i < 5000; ++i) steps.push_back(i * 2.0);
  CHECK(tempo::testing::mismatches_across_threads(s, steps) == 0);
}
