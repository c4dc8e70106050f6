// Lua-scripted phases: a .lua file returns a table of phases, each a function
// `function(p, t, len, level, args) … return value end`, or `{params = {k = 0.9}, fn = …}` to
// declare named arguments with their defaults ("required" for none). They run sandboxed, one
// Lua state per script and thread, with an instruction budget and a memory cap per state.
// Library: tempo_scripting (CMake tempo::tempo_scripting), which links liblua5.4.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "tempo/compile.hpp"

namespace tempo::lua {

// The phases a script defines. `chunkname` names it in messages ("shapes.lua"). On failure,
// returns nothing and sets `error`.
std::vector<PhaseDefinition> load_phases(const std::string& source, const std::string& chunkname,
                                         std::string& error);

// An Options::import that reads `path` relative to the importing file's folder.
std::vector<PhaseDefinition> import_file(const std::string& path, const std::string& from,
                                         std::string& error);

// How many Lua states this thread keeps: one per script it has run whose phases are still held
// somewhere (states of released scripts close when the thread next meets a new script).
std::size_t lua_states_on_this_thread();

}  // namespace tempo::lua
