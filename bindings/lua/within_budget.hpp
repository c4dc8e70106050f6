// Which scripted phases may run without the count hook. Lua 5.4 traps into the hook machinery
// before every instruction while a count hook is set, which costs more than the rest of a short
// call. A function that provably runs fewer instructions than the budget cannot exceed it, so
// running it unhooked changes nothing but the time. See within_budget.cpp for the proof.
#pragma once

struct lua_State;

namespace tempo::lua {

// True if the Lua function at `index` provably stays within the instruction budget: no calls, no
// upvalues or globals, no strings, no loops but numeric `for` loops with integer constant bounds,
// and no more instructions run (each counted once per iteration of its loops) than the budget.
// False whenever in doubt (a C function, a bytecode format this file does not know, anything it
// does not allow).
bool within_budget(lua_State* L, int index);

}  // namespace tempo::lua
