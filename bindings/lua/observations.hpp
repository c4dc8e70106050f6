// The Lua face of tempo::Observations (LANGUAGE.md §10.9): tempo.observations([text]) makes a
// record; record:add(step, name, value), #record, record:entries(), tostring(record) (its text
// form, to save with a checkpoint). Schedules bind to it with s:bind(record) (module.cpp).
#pragma once

#include <lua.hpp>

#include "tempo/observations.hpp"

namespace tempo::lua {

// Registers the record's metatable.
void register_observations(lua_State* L);
// tempo.observations([text]): an empty record, or one read from its text form.
int new_observations(lua_State* L);
// The record at `index`; raises a Lua error when it is not one.
const Observations& check_observations(lua_State* L, int index);

}  // namespace tempo::lua
