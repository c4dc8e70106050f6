// The globals of a script, built from an allowlist: a function Lua adds in a later version is
// not available until it is listed here. A scripted phase must be a pure function of its
// arguments, so nothing random (math.random), nothing that reveals an address (tostring of a
// table, string.format's %p and %s of a table), nothing that depends on when the collector
// runs (weak tables, finalizers) and no sort whose result depends on a random pivot.
//
// Library functions whose work grows with their input (string, table and utf8 functions,
// tonumber, select) run in C where the count hook cannot see them, so each reads the call's
// clock before and after (bounded by the memory cap, one such call takes milliseconds).
// Functions that could loop without bound in C are left out: pattern matching (find, match,
// gmatch, gsub: backtracking), table.insert, remove and move (they walk #t, which a sparse
// table makes huge); string.rep of an empty string returns at once.
#include <algorithm>
#include <cstring>
#include <lua.hpp>
#include <string>
#include <utility>

#include "sandbox.hpp"

namespace tempo::lua {
namespace {

// Runs the original C function (upvalue 1) on this very call frame, so that its error messages
// name the function and the script's line as they would unwrapped. (The originals listed with
// a wrapper use no upvalues of their own; open_allowlisted_libraries checks this.)
int call_original(lua_State* L) {
  return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

bool has_upvalue(lua_State* L) {
  if (!lua_getupvalue(L, -1, 1)) return false;
  lua_pop(L, 1);
  return true;
}

int clocked(lua_State* L) {
  Sandbox& sandbox = Sandbox::of(L);
  sandbox.check_clock(L);
  const int results = call_original(L);
  sandbox.check_clock(L);
  return results;
}

bool is_reference(int type) {
  return type == LUA_TTABLE || type == LUA_TFUNCTION || type == LUA_TUSERDATA ||
         type == LUA_TTHREAD || type == LUA_TLIGHTUSERDATA;
}

// A table, function or userdata without __tostring prints as its type name, not its address.
int pure_tostring(lua_State* L) {
  luaL_checkany(L, 1);
  const int type = lua_type(L, 1);
  if (is_reference(type)) {
    if (luaL_getmetafield(L, 1, "__tostring") == LUA_TNIL) {
      lua_pushstring(L, lua_typename(L, type));
      return 1;
    }
    lua_pop(L, 1);
  }
  luaL_tolstring(L, 1, nullptr);
  return 1;
}

// string.format without %p, and with tables (without __tostring) as their type name.
int pure_format(lua_State* L) {
  std::size_t length = 0;
  const char* format = luaL_checklstring(L, 1, &length);
  for (std::size_t i = 0; i + 1 < length; ++i) {
    if (format[i] != '%') continue;
    std::size_t j = i + 1;
    while (j < length && std::strchr("-+ #0123456789.", format[j]) && format[j]) ++j;
    if (j < length && format[j] == 'p') {
      return luaL_error(L, "string.format: %%p is not allowed (addresses differ between runs)");
    }
    i = j;
  }
  for (int i = 2; i <= lua_gettop(L); ++i) {
    const int type = lua_type(L, i);
    if (!is_reference(type)) continue;
    if (luaL_getmetafield(L, i, "__tostring") != LUA_TNIL) {
      lua_pop(L, 1);
      continue;
    }
    lua_pushstring(L, lua_typename(L, type));
    lua_replace(L, i);
  }
  return clocked(L);
}

// string.rep would copy an empty string n times, for n up to 2^63.
int bounded_rep(lua_State* L) {
  std::size_t length = 0, separator = 0;
  luaL_checklstring(L, 1, &length);
  luaL_checkinteger(L, 2);
  luaL_optlstring(L, 3, "", &separator);
  if (length + separator == 0) {
    lua_pushliteral(L, "");
    return 1;
  }
  return clocked(L);
}

int guarded_setmetatable(lua_State* L) {
  if (lua_type(L, 2) == LUA_TTABLE) {
    lua_pushliteral(L, "__gc");
    const bool finalizer = lua_rawget(L, 2) != LUA_TNIL;
    lua_pushliteral(L, "__mode");
    const bool weak = lua_rawget(L, 2) != LUA_TNIL;
    lua_pop(L, 2);
    if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL) {
      return luaL_error(L, "cannot change a protected metatable");
    }
    if (finalizer) {
      return luaL_error(L,
                        "__gc metamethods are not allowed: finalizers run outside the "
                        "instruction budget");
    }
    if (weak) {
      return luaL_error(L,
                        "weak tables (__mode) are not allowed: what they keep depends on when "
                        "the collector runs");
    }
  }
  return call_original(L);
}

// table.sort as a stable merge sort: Lua's own picks random pivots for long arrays, so the
// order of elements its comparator calls equal would differ from run to run.
bool less(lua_State* L, int comparator, int a, int b) {
  a = lua_absindex(L, a);
  b = lua_absindex(L, b);
  if (comparator == 0) return lua_compare(L, a, b, LUA_OPLT);
  lua_pushvalue(L, comparator);
  lua_pushvalue(L, a);
  lua_pushvalue(L, b);
  lua_call(L, 2, 1);
  const bool result = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return result;
}

int stable_sort(lua_State* L) {
  Sandbox& sandbox = Sandbox::of(L);
  sandbox.check_clock(L);
  luaL_checktype(L, 1, LUA_TTABLE);
  const lua_Integer n = luaL_len(L, 1);
  luaL_argcheck(L, n < (1 << 30), 1, "array too big");
  int comparator = 0;
  if (!lua_isnoneornil(L, 2)) {
    luaL_checktype(L, 2, LUA_TFUNCTION);
    comparator = 2;
  }
  lua_settop(L, 2);
  lua_createtable(L, static_cast<int>(n), 0);  // 3: from
  lua_createtable(L, static_cast<int>(n), 0);  // 4: to
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_geti(L, 1, i);
    lua_rawseti(L, 3, i);
  }
  for (lua_Integer width = 1; width < n; width *= 2) {
    for (lua_Integer left = 1; left <= n; left += 2 * width) {
      const lua_Integer middle = std::min(left + width, n + 1),
                        end = std::min(left + 2 * width, n + 1);
      lua_Integer i = left, j = middle, k = left;
      while (i < middle && j < end) {
        lua_rawgeti(L, 3, i);
        lua_rawgeti(L, 3, j);
        if (less(L, comparator, -1, -2)) {  // take the right one only if it is smaller
          lua_rawseti(L, 4, k++);
          lua_pop(L, 1);
          ++j;
        } else {
          lua_pop(L, 1);
          lua_rawseti(L, 4, k++);
          ++i;
        }
      }
      for (; i < middle; ++i, ++k) {
        lua_rawgeti(L, 3, i);
        lua_rawseti(L, 4, k);
      }
      for (; j < end; ++j, ++k) {
        lua_rawgeti(L, 3, j);
        lua_rawseti(L, 4, k);
      }
    }
    lua_rotate(L, 3, 1);  // swap from and to
    sandbox.check_clock(L);
  }
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_rawgeti(L, 3, i);
    lua_seti(L, 1, i);
  }
  sandbox.check_clock(L);
  return 0;
}

int no_new_globals(lua_State* L) {
  return luaL_error(L,
                    "assignment to undeclared global '%s': keep state in a local declared "
                    "at the top of the script",
                    luaL_optstring(L, 2, "?"));
}

// What a script may use. `wrapper` is null for a function copied as it is (constant work, or
// work the count hook sees); otherwise a C closure over the original.
struct Allowed {
  const char* library;  // LUA_GNAME for the base functions
  const char* name;
  lua_CFunction wrapper;
};

constexpr Allowed allowlist[] = {
    {LUA_GNAME, "assert", nullptr},
    {LUA_GNAME, "error", nullptr},
    {LUA_GNAME, "ipairs", nullptr},
    {LUA_GNAME, "next", nullptr},
    {LUA_GNAME, "pairs", nullptr},
    {LUA_GNAME, "pcall", nullptr},
    {LUA_GNAME, "rawequal", nullptr},
    {LUA_GNAME, "rawget", nullptr},
    {LUA_GNAME, "rawlen", nullptr},
    {LUA_GNAME, "select", clocked},
    {LUA_GNAME, "setmetatable", guarded_setmetatable},
    {LUA_GNAME, "tonumber", clocked},
    {LUA_GNAME, "tostring", pure_tostring},
    {LUA_GNAME, "type", nullptr},
    {LUA_GNAME, "xpcall", nullptr},
    {LUA_MATHLIBNAME, "abs", nullptr},
    {LUA_MATHLIBNAME, "acos", nullptr},
    {LUA_MATHLIBNAME, "asin", nullptr},
    {LUA_MATHLIBNAME, "atan", nullptr},
    {LUA_MATHLIBNAME, "ceil", nullptr},
    {LUA_MATHLIBNAME, "cos", nullptr},
    {LUA_MATHLIBNAME, "deg", nullptr},
    {LUA_MATHLIBNAME, "exp", nullptr},
    {LUA_MATHLIBNAME, "floor", nullptr},
    {LUA_MATHLIBNAME, "fmod", nullptr},
    {LUA_MATHLIBNAME, "huge", nullptr},
    {LUA_MATHLIBNAME, "log", nullptr},
    {LUA_MATHLIBNAME, "max", nullptr},
    {LUA_MATHLIBNAME, "maxinteger", nullptr},
    {LUA_MATHLIBNAME, "min", nullptr},
    {LUA_MATHLIBNAME, "mininteger", nullptr},
    {LUA_MATHLIBNAME, "modf", nullptr},
    {LUA_MATHLIBNAME, "pi", nullptr},
    {LUA_MATHLIBNAME, "rad", nullptr},
    {LUA_MATHLIBNAME, "sin", nullptr},
    {LUA_MATHLIBNAME, "sqrt", nullptr},
    {LUA_MATHLIBNAME, "tan", nullptr},
    {LUA_MATHLIBNAME, "tointeger", nullptr},
    {LUA_MATHLIBNAME, "type", nullptr},
    {LUA_MATHLIBNAME, "ult", nullptr},
    {LUA_STRLIBNAME, "byte", clocked},
    {LUA_STRLIBNAME, "char", clocked},
    {LUA_STRLIBNAME, "format", pure_format},
    {LUA_STRLIBNAME, "len", nullptr},
    {LUA_STRLIBNAME, "lower", clocked},
    {LUA_STRLIBNAME, "pack", clocked},
    {LUA_STRLIBNAME, "packsize", clocked},
    {LUA_STRLIBNAME, "rep", bounded_rep},
    {LUA_STRLIBNAME, "reverse", clocked},
    {LUA_STRLIBNAME, "sub", clocked},
    {LUA_STRLIBNAME, "unpack", clocked},
    {LUA_STRLIBNAME, "upper", clocked},
    {LUA_TABLIBNAME, "concat", clocked},
    {LUA_TABLIBNAME, "pack", clocked},
    {LUA_TABLIBNAME, "sort", stable_sort},
    {LUA_TABLIBNAME, "unpack", clocked},
    {LUA_UTF8LIBNAME, "char", clocked},
    {LUA_UTF8LIBNAME, "charpattern", nullptr},
    {LUA_UTF8LIBNAME, "codepoint", clocked},
    {LUA_UTF8LIBNAME, "codes", clocked},
    {LUA_UTF8LIBNAME, "len", clocked},
    {LUA_UTF8LIBNAME, "offset", clocked},
};

}  // namespace

int open_allowlisted_libraries(lua_State* L) {
  const int env = lua_gettop(L);
  const std::pair<const char*, lua_CFunction> libraries[] = {{LUA_GNAME, luaopen_base},
                                                             {LUA_MATHLIBNAME, luaopen_math},
                                                             {LUA_STRLIBNAME, luaopen_string},
                                                             {LUA_TABLIBNAME, luaopen_table},
                                                             {LUA_UTF8LIBNAME, luaopen_utf8}};
  for (const auto& [name, open] : libraries) {
    luaL_requiref(L, name, open, 0);  // the library itself, kept out of the script's reach
    const int library = lua_gettop(L);
    const bool base = std::strcmp(name, LUA_GNAME) == 0;
    if (!base) lua_newtable(L);  // the script's copy
    const int into = base ? env : lua_gettop(L);
    for (const Allowed& allowed : allowlist) {
      if (std::strcmp(allowed.library, name) != 0) continue;
      lua_getfield(L, library, allowed.name);
      if (allowed.wrapper) {
        if (!lua_iscfunction(L, -1) || has_upvalue(L)) {
          return luaL_error(L, "%s.%s is not a C function without upvalues", name, allowed.name);
        }
        lua_pushcclosure(L, allowed.wrapper, 1);
      }
      lua_setfield(L, into, allowed.name);
    }
    if (!base) lua_setfield(L, env, name);
    lua_settop(L, env);
  }
  // Methods of strings ('x'):upper() look in the script's `string`, not in the library; the
  // arithmetic metamethods of strings ("1" + 1 converts a string of any length) are clocked.
  lua_pushliteral(L, "");
  lua_getmetatable(L, -1);
  const int metatable = lua_gettop(L);
  lua_pushnil(L);
  while (lua_next(L, metatable)) {
    if (lua_iscfunction(L, -1) && !has_upvalue(L)) {
      lua_pushcclosure(L, clocked, 1);
      lua_pushvalue(L, -2);
      lua_insert(L, -2);
      lua_rawset(L, metatable);  // an existing key: lua_next goes on
    } else {
      lua_pop(L, 1);
    }
  }
  lua_getfield(L, env, LUA_STRLIBNAME);
  lua_setfield(L, metatable, "__index");
  lua_settop(L, env);
  // No new globals, and a protected metatable: setmetatable(_ENV, nil) is an error.
  lua_createtable(L, 0, 2);
  lua_pushcfunction(L, no_new_globals);
  lua_setfield(L, -2, "__newindex");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, env);
  return 0;
}

}  // namespace tempo::lua
