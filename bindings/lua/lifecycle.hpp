// docs/lifecycle.md for Lua: s:fingerprint(), s:cool_down{…}, s:branch(at, then),
// tempo.continues, tempo.checkpoint, tempo.resume. Added to the module by luaopen_tempo.
#pragma once

struct lua_State;

namespace tempo::lua {

// Adds the methods to the schedule metatable "tempo.schedule" and the functions to the module
// table on top of the stack.
void add_lifecycle(lua_State* L);

}  // namespace tempo::lua
