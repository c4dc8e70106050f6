// The Lua face of fingerprints, continuation checks, branches and checkpoints. As in module.cpp,
// C++ work finishes in an inner scope before lua_error, which longjmps past destructors.
#include "lifecycle.hpp"

#include <cmath>
#include <lua.hpp>
#include <new>
#include <string>

#include "tempo/branch.hpp"
#include "tempo/checkpoint.hpp"
#include "tempo/continuation.hpp"

namespace tempo::lua {
namespace {

constexpr const char* schedule_type = "tempo.schedule";  // module.cpp's metatable

Schedule& check_schedule(lua_State* L, int index) {
  return *static_cast<Schedule*>(luaL_checkudata(L, index, schedule_type));
}

void push_schedule(lua_State* L, Schedule schedule) {
  new (lua_newuserdatauv(L, sizeof(Schedule), 0)) Schedule(std::move(schedule));
  luaL_setmetatable(L, schedule_type);
}

void push_string(lua_State* L, const std::string& s) {
  lua_pushlstring(L, s.data(), s.size());
}

// s:fingerprint() → 16 hex digits
int fingerprint(lua_State* L) {
  const Schedule& s = check_schedule(L, 1);
  { push_string(L, s.fingerprint()); }
  return 1;
}

// tempo.continues(old, new, until) → ok, {step=, old_value=, new_value=, compared=, proven=}
int continues_(lua_State* L) {
  const Continuation c =
      continues(check_schedule(L, 1), check_schedule(L, 2), luaL_checknumber(L, 3));
  lua_pushboolean(L, c.continues);
  lua_createtable(L, 0, 5);
  const std::pair<const char*, double> fields[] = {{"step", c.step},
                                                   {"old_value", c.old_value},
                                                   {"new_value", c.new_value},
                                                   {"compared", c.compared},
                                                   {"proven", c.proven}};
  for (const auto& [key, value] : fields) {
    if (std::isnan(value)) continue;  // nil where there is no difference
    lua_pushnumber(L, value);
    lua_setfield(L, -2, key);
  }
  return 2;
}

// Pushes the branch (schedule, canonical source) or its error message; returns false on error.
bool push_branch(lua_State* L, const Result<Branch>& b) {
  if (!b.ok()) {
    push_string(L, b.message());
    return false;
  }
  push_schedule(L, b.value->schedule);
  push_string(L, b.value->source);
  return true;
}

// s:cool_down{at=, over=, shape="linear"} → schedule, source
int cool_down_(lua_State* L) {
  const Schedule& trunk = check_schedule(L, 1);
  luaL_checktype(L, 2, LUA_TTABLE);
  lua_getfield(L, 2, "at");
  const double at = luaL_checknumber(L, -1);
  lua_getfield(L, 2, "over");
  const double over = luaL_checknumber(L, -1);
  lua_getfield(L, 2, "shape");
  const char* shape = luaL_optstring(L, -1, "linear");
  bool ok = false;
  { ok = push_branch(L, cool_down(trunk, at, over, shape)); }
  return ok ? 2 : lua_error(L);
}

// s:branch(at, then) → schedule, source
int branch_(lua_State* L) {
  const Schedule& trunk = check_schedule(L, 1);
  const double at = luaL_checknumber(L, 2);
  const char* then = luaL_checkstring(L, 3);
  bool ok = false;
  { ok = push_branch(L, branch(trunk, at, then)); }
  return ok ? 2 : lua_error(L);
}

// tempo.checkpoint(s, step [, observations]) → JSON text; observations: {{step, name, value}, …}
int checkpoint_(lua_State* L) {
  const Schedule& s = check_schedule(L, 1);
  const double step = luaL_checknumber(L, 2);
  std::vector<Observation> observations;
  if (!lua_isnoneornil(L, 3)) {
    luaL_checktype(L, 3, LUA_TTABLE);
    const lua_Integer n = luaL_len(L, 3);
    for (lua_Integer i = 1; i <= n; ++i) {
      lua_geti(L, 3, i);
      luaL_checktype(L, -1, LUA_TTABLE);
      lua_geti(L, -1, 1);
      lua_geti(L, -2, 2);
      lua_geti(L, -3, 3);
      observations.push_back(
          {luaL_checknumber(L, -3), luaL_checkstring(L, -2), luaL_checknumber(L, -1)});
      lua_pop(L, 4);
    }
  }
  { push_string(L, to_json(checkpoint(s, step, std::move(observations)))); }
  return 1;
}

// tempo.resume(json, s [, policy]) → schedule, report, step
int resume_(lua_State* L) {
  const char* json = luaL_checkstring(L, 1);
  const Schedule& current = check_schedule(L, 2);
  const char* policy_name = luaL_optstring(L, 3, "error");
  const auto policy = on_change_named(policy_name);
  if (!policy) return luaL_argerror(L, 3, "the policy is \"error\", \"adopt\" or \"keep\"");
  bool ok = false;
  {
    const auto saved = read_checkpoint(json);
    if (!saved.ok()) {
      push_string(L, saved.message());
    } else if (auto r = resume(*saved.value, current, *policy); !r.ok()) {
      push_string(L, r.message());
    } else {
      push_schedule(L, r.value->schedule);
      push_string(L, r.value->report);
      lua_pushnumber(L, saved.value->step);
      ok = true;
    }
  }
  return ok ? 3 : lua_error(L);
}

}  // namespace

void add_lifecycle(lua_State* L) {
  const luaL_Reg functions[] = {{"continues", continues_},
                                {"checkpoint", checkpoint_},
                                {"resume", resume_},
                                {nullptr, nullptr}};
  luaL_setfuncs(L, functions, 0);
  luaL_getmetatable(L, schedule_type);
  lua_getfield(L, -1, "__index");
  const luaL_Reg methods[] = {{"fingerprint", fingerprint},
                              {"cool_down", cool_down_},
                              {"branch", branch_},
                              {nullptr, nullptr}};
  luaL_setfuncs(L, methods, 0);
  lua_pop(L, 2);
}

}  // namespace tempo::lua
