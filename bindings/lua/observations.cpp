// tempo.observations for Lua (observations.hpp). As in module.cpp, Lua errors are raised only
// once no C++ object is alive (lua_error longjmps past destructors).
#include "observations.hpp"

#include <new>
#include <stdexcept>
#include <string>

#include "tempo/compile.hpp"

namespace tempo::lua {
namespace {

constexpr const char* observations_type = "tempo.observations";

Observations& check(lua_State* L, int index) {
  return *static_cast<Observations*>(luaL_checkudata(L, index, observations_type));
}

void push(lua_State* L, Observations record) {
  void* memory = lua_newuserdatauv(L, sizeof(Observations), 0);
  new (memory) Observations(std::move(record));
  luaL_setmetatable(L, observations_type);
}

int collect(lua_State* L) {
  check(L, 1).~Observations();
  return 0;
}

// record:add(step, name, value)
int add(lua_State* L) {
  Observations& record = check(L, 1);
  const double step = luaL_checknumber(L, 2);
  const char* name = luaL_checkstring(L, 3);
  const double value = luaL_checknumber(L, 4);
  bool failed = false;
  {
    try {
      record.add(step, name, value);
    } catch (const std::exception& e) {
      failed = true;
      lua_pushstring(L, e.what());
    }
  }
  if (failed) return lua_error(L);
  lua_settop(L, 1);
  return 1;  // the record, so that adds chain
}

int length(lua_State* L) {
  lua_pushinteger(L, static_cast<lua_Integer>(check(L, 1).size()));
  return 1;
}

// record:entries() → { {step=, name=, value=}, … } in the order reported
int entries(lua_State* L) {
  const Observations& record = check(L, 1);
  lua_createtable(L, static_cast<int>(record.size()), 0);
  lua_Integer i = 0;
  for (const Observation& o : record.entries()) {
    lua_createtable(L, 0, 3);
    lua_pushnumber(L, o.step);
    lua_setfield(L, -2, "step");
    lua_pushlstring(L, o.metric.data(), o.metric.size());
    lua_setfield(L, -2, "name");
    lua_pushnumber(L, o.value);
    lua_setfield(L, -2, "value");
    lua_rawseti(L, -2, ++i);
  }
  return 1;
}

int to_string(lua_State* L) {
  const Observations& record = check(L, 1);
  {
    const std::string text = record.to_csv();
    lua_pushlstring(L, text.data(), text.size());
  }
  return 1;
}

int equal(lua_State* L) {
  lua_pushboolean(L, check(L, 1) == check(L, 2));
  return 1;
}

}  // namespace

void register_observations(lua_State* L) {
  luaL_newmetatable(L, observations_type);
  const luaL_Reg methods[] = {{"add", add}, {"entries", entries}, {nullptr, nullptr}};
  luaL_newlib(L, methods);
  lua_setfield(L, -2, "__index");
  const luaL_Reg meta[] = {{"__len", length},
                           {"__tostring", to_string},
                           {"__eq", equal},
                           {"__gc", collect},
                           {nullptr, nullptr}};
  luaL_setfuncs(L, meta, 0);
  lua_pop(L, 1);
}

int new_observations(lua_State* L) {
  const char* text = luaL_optstring(L, 1, nullptr);
  bool failed = false;
  {
    auto result = text ? parse_observations(text) : Result<Observations>{Observations{}, {}, {}};
    if (result.value) {
      push(L, std::move(*result.value));
    } else {
      failed = true;
      const std::string message = result.message();
      lua_pushlstring(L, message.data(), message.size());
    }
  }
  return failed ? lua_error(L) : 1;
}

const Observations& check_observations(lua_State* L, int index) {
  return check(L, index);
}

}  // namespace tempo::lua
