// `require "tempo"` for Lua 5.4: tempo.compile → a schedule userdata (s(t), s:at, s:fill,
// s:explain, tostring), and a builder per stdlib phase and function, generated from the
// registration table, whose results combine with >> and arithmetic into Tempo source.
//
// Lua raises errors with longjmp, which skips C++ destructors: every function below finishes
// its C++ work in an inner scope and calls lua_error only when no C++ object is alive.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <lua.hpp>
#include <new>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "expression.hpp"
#include "lifecycle.hpp"
#include "observations.hpp"
#include "tempo/compile.hpp"
#include "tempo/export.h"
#include "tempo/lua.hpp"
#include "tempo/reference.hpp"
#include "tempo/version.hpp"

namespace tempo::lua {
namespace {

constexpr const char* schedule_type = "tempo.schedule";
constexpr const char* expression_type = "tempo.expression";

// --- userdata --------------------------------------------------------------------------------

// An expression keeps one user value: its schedule compiled with no options, made by its first
// e(t) call and reused by the next ones.
template <typename T>
T* push_object(lua_State* L, T value, const char* type) {
  void* memory = lua_newuserdatauv(L, sizeof(T), std::is_same_v<T, Expression> ? 1 : 0);
  T* object = new (memory) T(std::move(value));
  luaL_setmetatable(L, type);
  return object;
}

template <typename T>
int collect(lua_State* L) {
  static_cast<T*>(lua_touserdata(L, 1))->~T();
  return 0;
}

Schedule& check_schedule(lua_State* L, int index) {
  return *static_cast<Schedule*>(luaL_checkudata(L, index, schedule_type));
}

Expression* to_expression(lua_State* L, int index) {
  return static_cast<Expression*>(luaL_testudata(L, index, expression_type));
}

int raise(lua_State* L, const std::string& message) {
  lua_pushlstring(L, message.data(), message.size());
  return -1;  // the caller returns lua_error(L) once its C++ objects are gone
}

// --- tempo.compile ----------------------------------------------------------------------------

// Reads {total=, steps_per_epoch=, tokens_per_step=, name=, set={k=v}} at `index`.
Options read_options(lua_State* L, int index) {
  Options options;
  options.warnings = false;  // the module raises errors and shows no warnings
  if (lua_isnoneornil(L, index)) return options;
  luaL_checktype(L, index, LUA_TTABLE);
  const std::pair<const char*, std::optional<double> Options::*> context[] = {
      {"total", &Options::total},
      {"steps_per_epoch", &Options::steps_per_epoch},
      {"tokens_per_step", &Options::tokens_per_step}};
  for (const auto& [key, field] : context) {
    lua_getfield(L, index, key);
    if (!lua_isnil(L, -1)) options.*field = luaL_checknumber(L, -1);
    lua_pop(L, 1);
  }
  lua_getfield(L, index, "name");
  if (!lua_isnil(L, -1)) options.name = luaL_checkstring(L, -1);
  lua_pop(L, 1);
  lua_getfield(L, index, "set");
  if (lua_istable(L, -1)) {
    lua_pushnil(L);
    while (lua_next(L, -2)) {
      lua_pushvalue(L, -2);  // keep the key intact for lua_next
      const char* key = lua_tostring(L, -1);
      const char* value = lua_tostring(L, -2);
      if (key && value) options.set.emplace_back(key, value);
      lua_pop(L, 2);
    }
  }
  lua_pop(L, 1);
  return options;
}

// tempo.compile(source_or_expression [, options]) → schedule
int compile(lua_State* L) {
  const Expression* built = to_expression(L, 1);
  const char* text = built ? nullptr : luaL_checkstring(L, 1);
  bool failed = false;
  {
    Options options = read_options(L, 2);
    options.import = import_file;  // relative to the working directory for a string source
    auto result = try_compile(built ? built->source : std::string(text), options);
    if (result.value) {
      push_object(L, std::move(*result.value), schedule_type);
    } else {
      failed = true;
      raise(L, result.message());
    }
  }
  return failed ? lua_error(L) : 1;
}

// --- schedule methods -------------------------------------------------------------------------

int schedule_at(lua_State* L) {
  const Schedule& s = check_schedule(L, 1);
  lua_pushnumber(L, s(luaL_checknumber(L, 2)));
  return 1;
}

// s:fill(a, b [, stride]) → {s(a), s(a + stride), …} for steps < b
int schedule_fill(lua_State* L) {
  const Schedule& s = check_schedule(L, 1);
  const double from = luaL_checknumber(L, 2), to = luaL_checknumber(L, 3);
  const double stride = luaL_optnumber(L, 4, 1.0);
  luaL_argcheck(L, stride > 0, 4, "stride must be > 0");
  const double count = std::ceil((to - from) / stride);
  luaL_argcheck(L, count <= 1e8, 3, "more than 100,000,000 steps");
  const auto n = static_cast<lua_Integer>(std::max(0.0, count));
  lua_createtable(L, static_cast<int>(n), 0);
  for (lua_Integer i = 0; i < n; ++i) {
    lua_pushnumber(L, s(from + static_cast<double>(i) * stride));
    lua_rawseti(L, -2, i + 1);
  }
  return 1;
}

int schedule_explain(lua_State* L) {
  const Schedule& s = check_schedule(L, 1);
  lua_createtable(L, static_cast<int>(s.phases().size()), 0);
  lua_Integer i = 0;
  for (const auto& row : s.phases()) {
    lua_createtable(L, 0, 6);
    lua_pushlstring(L, row.name.data(), row.name.size());
    lua_setfield(L, -2, "name");
    const std::pair<const char*, double> fields[] = {{"start", row.start},
                                                     {"end", row.end},
                                                     {"length", row.end - row.start},
                                                     {"start_value", row.start_value},
                                                     {"end_value", row.end_value}};
    for (const auto& [key, value] : fields) {
      lua_pushnumber(L, value);
      lua_setfield(L, -2, key);
    }
    lua_rawseti(L, -2, ++i);
  }
  return 1;
}

// s:bind(record) → the schedule decided over the observations (plateau phases)
int schedule_bind(lua_State* L) {
  const Schedule& s = check_schedule(L, 1);
  push_object(L, s.bind(check_observations(L, 2)), schedule_type);
  return 1;
}

// s:metrics() → the metric names its plateau phases decide over
int schedule_metrics(lua_State* L) {
  const Schedule& s = check_schedule(L, 1);
  lua_createtable(L, static_cast<int>(s.metrics().size()), 0);
  lua_Integer i = 0;
  for (const auto& name : s.metrics()) {
    lua_pushlstring(L, name.data(), name.size());
    lua_rawseti(L, -2, ++i);
  }
  return 1;
}

int schedule_call(lua_State* L) {  // s(t)
  return schedule_at(L);
}

int schedule_tostring(lua_State* L) {
  const Schedule& s = check_schedule(L, 1);
  lua_pushlstring(L, s.source().data(), s.source().size());
  return 1;
}

// --- building schedules in Lua ----------------------------------------------------------------

// The Tempo source of the Lua value at `index`: a number, a boolean, a built expression, a
// list (a table with only an array part), or a bare name (for choices such as shape="cosine").
std::optional<Expression> source_of(lua_State* L, int index, std::string& problem) {
  switch (lua_type(L, index)) {
    case LUA_TNUMBER: {
      const bool integer = lua_isinteger(L, index);
      const double value = lua_tonumber(L, index);
      std::string text = number_source(value, integer);
      if (text.empty()) {
        problem = "numbers must be finite";
        return std::nullopt;
      }
      return Expression{text, text[0] == '-' ? 4 : 6};
    }
    case LUA_TBOOLEAN:
      return Expression{lua_toboolean(L, index) ? "true" : "false", 6};
    case LUA_TSTRING: {  // a bare name, for choices: shape="cosine"
      const std::string name = lua_tostring(L, index);
      const bool identifier = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) &&
                              std::all_of(name.begin(), name.end(), [](char c) {
                                return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
                              });
      if (identifier) return Expression{name, 6};
      problem = "a string stands for a name such as \"cosine\", not `" + name + "`";
      return std::nullopt;
    }
    case LUA_TUSERDATA:
      if (const Expression* e = to_expression(L, index)) return *e;
      break;
    case LUA_TTABLE: {
      std::string list = "[";
      const auto n = static_cast<lua_Integer>(lua_rawlen(L, index));
      for (lua_Integer i = 1; i <= n; ++i) {
        lua_rawgeti(L, index, i);
        auto item = source_of(L, lua_gettop(L), problem);
        lua_pop(L, 1);
        if (!item) return std::nullopt;
        list += (i > 1 ? ", " : "") + item->source;
      }
      return Expression{list + "]", 6};
    }
    default:
      break;
  }
  problem = std::string("cannot use a ") + luaL_typename(L, index) + " in a schedule";
  return std::nullopt;
}

// A builder: tempo.NAME(positional…) or tempo.NAME{positional…, name=value…}. Named arguments
// are written in the order of the registration table, as the canonical source has them.
int build_call(lua_State* L) {
  const char* name = lua_tostring(L, lua_upvalueindex(1));
  const int top = lua_gettop(L);
  const bool table_call = top == 1 && lua_istable(L, 1) && !to_expression(L, 1);
  bool failed = false;
  {
    std::vector<std::string> args;
    std::string problem;
    auto add = [&](int index, const std::string& key) {
      auto value = source_of(L, index, problem);
      if (!value) return false;
      args.push_back(key.empty() ? value->source : key + "=" + value->source);
      return true;
    };
    bool ok = true;
    if (table_call) {
      const auto n = static_cast<lua_Integer>(lua_rawlen(L, 1));
      for (lua_Integer i = 1; ok && i <= n; ++i) {
        lua_rawgeti(L, 1, i);
        ok = add(lua_gettop(L), "");
        lua_pop(L, 1);
      }
      // Named arguments: every key of the table that is a parameter of this call, in order.
      std::vector<std::string> keys;
      if (const auto* p = reference::find_phase(name)) {
        for (const auto& param : p->params) keys.emplace_back(param.name);
      }
      lua_pushnil(L);
      while (ok && lua_next(L, 1)) {
        if (lua_type(L, -2) == LUA_TSTRING &&
            std::find(keys.begin(), keys.end(), lua_tostring(L, -2)) == keys.end()) {
          keys.emplace_back(lua_tostring(L, -2));  // unknown: the compiler will name it
        }
        lua_pop(L, 1);
      }
      for (const auto& key : keys) {
        if (!ok) break;
        lua_getfield(L, 1, key.c_str());
        if (!lua_isnil(L, -1)) ok = add(lua_gettop(L), key);
        lua_pop(L, 1);
      }
    } else {
      for (int i = 1; ok && i <= top; ++i) ok = add(i, "");
    }
    if (ok) {
      std::string source = std::string(name) + "(";
      for (std::size_t i = 0; i < args.size(); ++i) source += (i ? ", " : "") + args[i];
      push_object(L, Expression{source + ")", 6}, expression_type);
    } else {
      failed = true;
      raise(L, std::string("tempo.") + name + ": " + problem);
    }
  }
  return failed ? lua_error(L) : 1;
}

// The metamethods of built expressions: >>, + - * / ^ and unary minus.
template <int Precedence>
int build_binary(lua_State* L, const char* op) {
  bool failed = false;
  {
    std::string problem;
    auto left = source_of(L, 1, problem);
    auto right = left ? source_of(L, 2, problem) : std::nullopt;
    if (left && right) {
      push_object(L, binary(*left, op, *right, Precedence), expression_type);
    } else {
      failed = true;
      raise(L, std::string("tempo: ") + problem);
    }
  }
  return failed ? lua_error(L) : 1;
}

int build_sequence(lua_State* L) {
  return build_binary<1>(L, ">>");
}
int build_add(lua_State* L) {
  return build_binary<2>(L, "+");
}
int build_sub(lua_State* L) {
  return build_binary<2>(L, "-");
}
int build_mul(lua_State* L) {
  return build_binary<3>(L, "*");
}
int build_div(lua_State* L) {
  return build_binary<3>(L, "/");
}
int build_pow(lua_State* L) {
  return build_binary<5>(L, "^");
}
int build_negate(lua_State* L) {
  push_object(L, negate(*to_expression(L, 1)), expression_type);
  return 1;
}

int expression_tostring(lua_State* L) {
  const Expression* e = to_expression(L, 1);
  lua_pushlstring(L, e->source.data(), e->source.size());
  return 1;
}

// e(t) compiles the expression with no options once (kept in its user value) and evaluates it.
int expression_call(lua_State* L) {
  lua_settop(L, 2);
  if (lua_getiuservalue(L, 1, 1) != LUA_TUSERDATA) {  // 3
    lua_pop(L, 1);
    lua_pushcfunction(L, compile);
    lua_pushvalue(L, 1);
    lua_call(L, 1, 1);
    lua_pushvalue(L, -1);
    lua_setiuservalue(L, 1, 1);
  }
  const Schedule& s = check_schedule(L, 3);
  lua_pushnumber(L, s(luaL_checknumber(L, 2)));
  return 1;
}

int expression_compile(lua_State* L) {  // e:compile(options)
  lua_settop(L, 2);
  lua_pushcfunction(L, compile);
  lua_insert(L, 1);
  lua_call(L, 2, 1);
  return 1;
}

void register_metatables(lua_State* L) {
  const luaL_Reg schedule_methods[] = {{"at", schedule_at},           {"fill", schedule_fill},
                                       {"explain", schedule_explain}, {"bind", schedule_bind},
                                       {"metrics", schedule_metrics}, {nullptr, nullptr}};
  luaL_newmetatable(L, schedule_type);
  luaL_newlib(L, schedule_methods);
  lua_setfield(L, -2, "__index");
  const luaL_Reg schedule_meta[] = {{"__call", schedule_call},
                                    {"__tostring", schedule_tostring},
                                    {"__gc", collect<Schedule>},
                                    {nullptr, nullptr}};
  luaL_setfuncs(L, schedule_meta, 0);
  lua_pop(L, 1);

  luaL_newmetatable(L, expression_type);
  const luaL_Reg expression_methods[] = {{"compile", expression_compile}, {nullptr, nullptr}};
  luaL_newlib(L, expression_methods);
  lua_setfield(L, -2, "__index");
  const luaL_Reg expression_meta[] = {{"__shr", build_sequence},
                                      {"__add", build_add},
                                      {"__sub", build_sub},
                                      {"__mul", build_mul},
                                      {"__div", build_div},
                                      {"__pow", build_pow},
                                      {"__unm", build_negate},
                                      {"__call", expression_call},
                                      {"__tostring", expression_tostring},
                                      {"__gc", collect<Expression>},
                                      {nullptr, nullptr}};
  luaL_setfuncs(L, expression_meta, 0);
  lua_pop(L, 1);
}

}  // namespace
}  // namespace tempo::lua

extern "C" TEMPO_API int luaopen_tempo(lua_State* L) {
  using namespace tempo::lua;
  register_metatables(L);
  register_observations(L);
  lua_newtable(L);
  lua_pushcfunction(L, compile);
  lua_setfield(L, -2, "compile");
  lua_pushcfunction(L, new_observations);
  lua_setfield(L, -2, "observations");
  const std::string_view version = tempo::version();
  lua_pushlstring(L, version.data(), version.size());
  lua_setfield(L, -2, "version");
  // One builder per phase and function of the registration table, so none can be missing.
  auto add_builder = [&](std::string_view name) {
    lua_pushlstring(L, name.data(), name.size());
    lua_pushcclosure(L, build_call, 1);
    lua_setfield(L, -2, std::string(name).c_str());
  };
  for (const auto& p : tempo::reference::phases()) add_builder(p.name);
  for (const auto& f : tempo::reference::functions()) add_builder(f.name);
  add_lifecycle(L);  // fingerprints, continuation checks, branches, checkpoints
  return 1;
}
