// The Lua sandbox under attack: scripts whose values raise inside the host's own reads and
// writes (never an abort), the wall clock whatever library function runs, purity (no way back
// to global state, nothing random or address-dependent), and zero-length scripted phases.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <string>

#include "tempo/compile.hpp"
#include "tempo/limits.hpp"
#include "tempo/lua.hpp"

namespace {

tempo::Options with_script(const std::string& source, std::string& error) {
  tempo::Options options;
  options.phases = tempo::lua::load_phases(source, "s.lua", error);
  return options;
}

// The first error of compiling `call` against `script`, or its load error.
std::string compile_error(const std::string& script, const std::string& call) {
  std::string error;
  const auto options = with_script(script, error);
  if (!error.empty()) return error;
  const auto result = tempo::try_compile(call, options);
  return result.diagnostics.empty() ? "" : result.diagnostics.front().message;
}

// The first error of `bad(100)` where `bad` runs `body`.
std::string error_of(const std::string& body) {
  return compile_error("return { bad = function(p, t, len, level, args)\n" + body + "\nend }",
                       "bad(100)");
}

}  // namespace

TEST_CASE("metamethods of a script's values never run unprotected in the host") {
  // The phase table's __index raises: the host reads it raw, so `fn` is simply not there.
  CHECK(compile_error("return { f = setmetatable({}, {__index = function() error('no') end}) }",
                      "f(10)") == "s.lua: `f` must be a function or a table with `fn`");
  // So does the exports table's: raw reads find the phases it holds.
  std::string error;
  auto options = with_script(
      "return setmetatable({f = function(p) return p end}, "
      "{__index = function() error('no') end, __pairs = function() error('no') end})",
      error);
  REQUIRE(error.empty());
  CHECK(tempo::compile("f(10)", options)(5) == 0.5);
  // A script that puts __newindex (or __index) on its arguments table: the host writes each
  // call's arguments raw, and the values stay right.
  options = with_script(R"(return { f = {params = {k = 2}, fn = function(p, t, len, level, args)
      local k = args.k
      setmetatable(args, {__newindex = function() error('no') end,
                          __index = function() error('no') end})
      args.k = nil
      return k * p
    end} })",
                        error);
  REQUIRE(error.empty());
  const auto s = tempo::compile("f(10, k=3)", options);
  for (int step = 0; step < 10; ++step) CHECK(s(step) == 3 * (step / 10.0));
  CHECK_FALSE(tempo::take_evaluation_error().has_value());
}

TEST_CASE("a script that fills its memory to the cap makes an error, not an abort") {
  // `fill` fills the state at its first call and keeps what it filled; the host then needs
  // memory to make `other` ready for its first call.
  const char* filler = R"(
    local keep, head = {}, nil
    local function strings(size) while true do keep[#keep + 1] = string.rep('x', size) end end
    local function tables() while true do head = {head} end end
    return {
      fill = function(p)
        if p == 0 then
          for _, size in ipairs {1 << 22, 1 << 18, 1 << 14, 1 << 10, 1 << 6} do pcall(strings, size) end
          pcall(tables)
        end
        return p
      end,
      other = {params = {k = 1}, fn = function(p) return p end},
    }
  )";
  // On a machine so loaded that filling takes more than 1 s of wall clock, the clock stops it.
  const auto start = std::chrono::steady_clock::now();
  const std::string error = compile_error(filler, "fill(10) >> other(10)");
  const bool slow = std::chrono::steady_clock::now() - start > std::chrono::seconds(1);
  CHECK(error == (slow ? "`fill` at step 0: the script ran for more than 1 s in one call"
                       : "`other` at step 10: not enough memory (a script may use 16 MiB)"));
}

TEST_CASE(
    "the wall clock stops a call within 1.5 times its limit, whatever library function runs") {
  CHECK(tempo::limits::lua_seconds_per_call == 1);
  const char* loops[] = {
      // table.sort of 100,000 numbers, again and again (each sort is one call into C)
      "local t = {} for i = 1, 100000 do t[i] = (i * 7919) % 100003 end "
      "while true do table.sort(t) end",
      // utf8.len of 7 MiB
      "local s = string.rep('x', 7 << 20) while true do local n = utf8.len(s) end",
      // string.rep with a separator
      "while true do local s = string.rep('ab', 1 << 20, ',') end",
      // table.concat
      "local t = {} for i = 1, 100000 do t[i] = 'abcdefgh' end "
      "while true do local s = table.concat(t) end",
      // a method of a long string
      "local s = string.rep('x', 1 << 22) while true do local u = s:upper() end",
      // concatenation, an instruction that copies megabytes
      "local s = string.rep('x', 1 << 22) while true do local u = s .. s end",
      // comparisons of long strings, which neither allocate nor call anything
      "local a, b = string.rep('x', 1 << 22), string.rep('x', 1 << 22) "
      "while true do local c = a < b or a == b end",
  };
  for (const char* loop : loops) {
    CAPTURE(loop);
    // Compiling tries the ends (p = 0 and 1), which return at once; step 50 runs the loop.
    std::string error;
    const auto options =
        with_script(std::string("return { slow = function(p) if p ~= 0.5 then return p end\n") +
                        loop + "\nend }",
                    error);
    REQUIRE(error.empty());
    const auto s = tempo::compile("slow(100)", options);
    (void)tempo::take_evaluation_error();
    const auto start = std::chrono::steady_clock::now();
    CHECK(std::isnan(s(50)));
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    CHECK(tempo::take_evaluation_error() ==
          "`slow` at step 50: the script ran for more than 1 s in one call");
    CHECK(took.count() >= 0.99);  // the coarse clock the sandbox reads is a few ms behind
    CHECK(took.count() < 1.5);
  }
}

TEST_CASE("a scripted phase is a pure function of its arguments") {
  // _ENV's metatable is protected: global assignment cannot be turned back on.
  CHECK(error_of("setmetatable(_ENV, nil) x = 1 return p") ==
        "`bad` at step 0: s.lua:2: cannot change a protected metatable");
  // Nothing random, nothing that shows an address, nothing that depends on the collector.
  CHECK(error_of("return math.random()") ==
        "`bad` at step 0: s.lua:2: attempt to call a nil value (field 'random')");
  CHECK(error_of("return math.randomseed") ==
        "`bad` at step 0: returned a nil, not a number (s.lua:1)");
  CHECK(error_of("assert(tostring({}) == 'table' and tostring(math.cos) == 'function') "
                 "assert(string.format('%s %5s', {}, 'x') == 'table     x') return p") == "");
  CHECK(error_of("return string.format('%p', {})") ==
        "`bad` at step 0: s.lua:2: string.format: %p is not allowed (addresses differ between "
        "runs)");
  CHECK(error_of("setmetatable({}, {__mode = 'k'}) return p") ==
        "`bad` at step 0: s.lua:2: weak tables (__mode) are not allowed: what they keep depends "
        "on when the collector runs");
  // The globals are exactly the allowlist.
  CHECK(error_of("local names = {} for k in pairs(_ENV) do names[#names + 1] = k end "
                 "table.sort(names) error(table.concat(names, ' '), 0)") ==
        "`bad` at step 0: assert error ipairs math next pairs pcall rawequal rawget rawlen "
        "select setmetatable string table tonumber tostring type utf8 xpcall");
  CHECK(error_of("local names = {} for k in pairs(string) do names[#names + 1] = k end "
                 "table.sort(names) error(table.concat(names, ' '), 0)") ==
        "`bad` at step 0: byte char format len lower pack packsize rep reverse sub unpack upper");
  CHECK(error_of("local names = {} for k in pairs(table) do names[#names + 1] = k end "
                 "table.sort(names) error(table.concat(names, ' '), 0)") ==
        "`bad` at step 0: concat pack sort unpack");
  // table.sort is stable: elements its comparator calls equal keep their order.
  std::string error;
  const auto options = with_script(R"(return { order = function(p)
      local t = {}
      for i = 1, 300 do t[i] = {k = i % 3, v = i} end
      table.sort(t, function(a, b) return a.k < b.k end)
      local n = {5, 3, 1, 4, 2}
      table.sort(n)
      return t[1].v + 1000 * t[2].v + 1e6 * t[101].v + 1e9 * (n[1] * 10 + n[5])
    end })",
                                   error);
  REQUIRE(error.empty());
  CHECK(tempo::compile("order(10)", options)(3) == 3 + 1000 * 6 + 1e6 * 1 + 1e9 * 15);
}

TEST_CASE("a zero-length scripted phase passes on its value at p = 1, like a built-in one") {
  std::string error;
  const auto options = with_script(R"(return {
      half = function(p, t, len, level) return level * (1 - p / 2) end,
      rex = {params = {k = 0.5, min = 0}, fn = function(p, t, len, level, args)
        local z = 1 - p
        return args.min + (level - args.min) * z / (1 - args.k + args.k * z)
      end},
      seen = function(p, t, len) return p * 1000 + t * 100 + len * 10 end,
      nan = function(p) return 0 / 0 end,
    })",
                                   error);
  REQUIRE(error.empty());
  const auto s = tempo::compile("stable(10, at=0.8) >> half(0) >> linear(10, to=1)", options);
  CHECK(s(9) == 0.8);
  CHECK(s(10) == 0.4);
  CHECK(s(15) == doctest::Approx(0.7).epsilon(1e-15));
  CHECK(tempo::compile("rex(0, min=0.25)", options)(0) == 0.25);
  CHECK(tempo::compile("seen(0)", options)(5) == 1000);  // p = 1, t = 0, len = 0
  CHECK(tempo::try_compile("nan(0)", options).diagnostics.front().message ==
        "`nan` at step 0: returned NaN, not a finite number (s.lua:8)");
}
