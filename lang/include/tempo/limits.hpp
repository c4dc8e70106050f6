// Every limit of the language in one place (LANGUAGE.md §8, docs/limits.md), like Lua's llimits.h:
// public, so that hosts and the bindings read the same numbers the compiler enforces.
// Each has a test (tests/limits_test.cpp, tests/sandbox_test.cpp).
#pragma once

#include <cstddef>

namespace tempo::limits {

inline constexpr std::size_t max_source_bytes = 1 << 20;  // 1 MiB
inline constexpr std::size_t max_nesting = 256;           // brackets, unary minus, ^; and bindings
inline constexpr std::size_t max_syntax_nodes = 100'000;  // per file
// Syntax nesting and binding substitution together: bounds the compiler's recursion (and so its
// stack use) for a file whose bindings each nest deeply.
inline constexpr std::size_t max_compile_depth = 1024;
inline constexpr double max_steps = 9007199254740992.0;  // 2^53: every step count is exact

// Lua-scripted phases (bindings/lua/scripting.cpp): per call and per script state.
inline constexpr int lua_instructions_per_call = 1'000'000;
inline constexpr std::size_t lua_memory_bytes = 16 << 20;  // 16 MiB
// Wall clock per call, from its start: read every 100 instructions, around every library
// function whose work grows with its input, and every MiB allocated (docs/limits.md).
inline constexpr int lua_seconds_per_call = 1;

}  // namespace tempo::limits
