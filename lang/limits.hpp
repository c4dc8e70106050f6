// Every limit of the language in one place (LANGUAGE.md §8), like Lua's llimits.h. Each has a
// test in tests/limits_test.cpp.
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
// A backstop for library calls that do much work in few instructions (string.upper of a large
// string in a loop): checked every few thousand instructions once a call has run that long.
inline constexpr int lua_seconds_per_call = 1;

}  // namespace tempo::limits
