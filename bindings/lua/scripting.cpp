// Lua-scripted phases (see <tempo/lua.hpp>): each script runs, per thread, in its own sandboxed
// lua_State (sandbox.hpp), so evaluation from several threads needs no lock.
#include <fmt/format.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <lua.hpp>
#include <map>
#include <memory>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "sandbox.hpp"
#include "tempo/lua.hpp"
#include "within_budget.hpp"

namespace tempo::lua {
namespace {

struct Script {
  std::string source, chunkname;
  std::uint64_t id;
};

// A phase made ready on one thread's state, on its first call there: a C closure (`invoke`)
// over the phase's function, its arguments table and the argument names, so that later calls
// allocate nothing (the table's fields are overwritten in place).
struct Prepared {
  int invoke = LUA_NOREF;
  bool hooked = true;  // false for code that provably cannot exceed the budget
  std::string error;   // why the phase cannot run in this state
};

// Upvalues: 1 the function, 2 its arguments table, 3 the argument names {k1, k2, …}, 4 their
// count. Stack: p, t, len, level, the named values (light userdata). Writes the arguments raw,
// so a metatable the script gave its table runs nothing here.
int invoke(lua_State* L) {
  const auto* named = static_cast<const double*>(lua_touserdata(L, 5));
  const lua_Integer count = lua_tointeger(L, lua_upvalueindex(4));
  for (lua_Integer i = 0; i < count; ++i) {
    lua_rawgeti(L, lua_upvalueindex(3), i + 1);
    lua_pushnumber(L, named[i]);
    lua_rawset(L, lua_upvalueindex(2));
  }
  lua_settop(L, 4);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_pushvalue(L, lua_upvalueindex(2));
  lua_call(L, 5, 1);
  return 1;
}

struct Preparation {
  const std::string* name;
  const std::vector<std::string>* params;
  int phases;
  int invoke = LUA_NOREF;
};

// Makes the `invoke` closure of a phase (under Sandbox::protect) and leaves its function.
int prepare(lua_State* L) {
  auto* p = static_cast<Preparation*>(lua_touserdata(L, 1));
  lua_rawgeti(L, LUA_REGISTRYINDEX, p->phases);  // 2
  lua_pushlstring(L, p->name->data(), p->name->size());
  lua_rawget(L, 2);                                                             // 3: {fn, params}
  if (lua_type(L, 3) != LUA_TTABLE || lua_rawgeti(L, 3, 1) != LUA_TFUNCTION) {  // 4
    return luaL_error(L, "`%s` is not a function in this state", p->name->c_str());
  }
  const auto count = static_cast<int>(p->params->size());
  lua_createtable(L, 0, count);  // 5: the arguments
  lua_createtable(L, count, 0);  // 6: their names
  for (int i = 0; i < count; ++i) {
    lua_pushlstring(L, (*p->params)[i].data(), (*p->params)[i].size());
    lua_pushvalue(L, -1);
    lua_rawseti(L, 6, i + 1);
    lua_pushnumber(L, 0);
    lua_rawset(L, 5);
  }
  lua_pushvalue(L, 4);
  lua_pushvalue(L, 5);
  lua_pushvalue(L, 6);
  lua_pushinteger(L, count);
  lua_pushcclosure(L, invoke, 4);
  p->invoke = luaL_ref(L, LUA_REGISTRYINDEX);
  lua_pushvalue(L, 4);
  return 1;
}

// This thread's sandboxes, by script id. A script's phases may be gone while the thread lives
// on, so making a sandbox first closes those of scripts nobody holds any more: a host that
// loads scripts again and again keeps one state per live script, not one per script ever run.
struct ThreadSandboxes {
  struct Entry {
    std::weak_ptr<const Script> script;
    std::unique_ptr<Sandbox> sandbox;
    std::unordered_map<const void*, Prepared> prepared;  // by phase
  };
  std::unordered_map<std::uint64_t, Entry> by_script;

  Entry& get(const std::shared_ptr<const Script>& script) {
    if (const auto found = by_script.find(script->id); found != by_script.end()) {
      return found->second;
    }
    std::erase_if(by_script, [](const auto& entry) { return entry.second.script.expired(); });
    auto& entry = by_script[script->id];
    entry.script = script;
    entry.sandbox = std::make_unique<Sandbox>(script->source, script->chunkname);
    return entry;
  }
};
thread_local ThreadSandboxes thread_sandboxes;

class LuaPhase final : public ScriptedPhase {
 public:
  LuaPhase(std::shared_ptr<const Script> script, std::string name, std::vector<std::string> params,
           std::string origin)
      : script_(std::move(script)),
        name_(std::move(name)),
        params_(std::move(params)),
        origin_(std::move(origin)) {}

  double evaluate(const ScriptedArgs& a) const noexcept override {
    try {
      // Consecutive calls of one phase on one thread skip the lookups (map nodes are stable).
      // One thread-local record (one TLS lookup in position-independent code); the script id
      // guards against a new phase reusing a freed phase's address.
      struct Last {
        const LuaPhase* phase = nullptr;
        std::uint64_t script = 0;
        Sandbox* sandbox = nullptr;
        Prepared* prepared = nullptr;
      };
      thread_local Last last;
      if (last.phase != this || last.script != script_->id) {
        auto& entry = thread_sandboxes.get(script_);
        last.sandbox = entry.sandbox.get();
        last.prepared = &entry.prepared[this];
        last.phase = this;
        last.script = script_->id;
      }
      Sandbox& sandbox = *last.sandbox;
      if (!sandbox.error().empty()) return fail(a, sandbox.error());
      lua_State* L = sandbox.state();
      Prepared& prepared = *last.prepared;
      if (prepared.invoke == LUA_NOREF && prepared.error.empty()) {
        Preparation preparation{&name_, &params_, sandbox.phases()};
        if (sandbox.protect(prepare, &preparation, 0, 1, prepared.error)) {
          prepared.hooked = !within_budget(L, -1);
          lua_pop(L, 1);
          prepared.invoke = preparation.invoke;
        }
      }
      if (!prepared.error.empty()) return fail(a, prepared.error);
      lua_rawgeti(L, LUA_REGISTRYINDEX, prepared.invoke);
      for (double x : {a.p, a.t, a.length, a.level}) lua_pushnumber(L, x);
      lua_pushlightuserdata(L, const_cast<double*>(a.named));
      std::string error;
      if (!sandbox.call(5, error, prepared.hooked)) return fail(a, error);
      const int type = lua_type(L, -1);
      const double value = type == LUA_TNUMBER ? lua_tonumber(L, -1) : 0.0;
      lua_pop(L, 1);
      if (type != LUA_TNUMBER) {
        return fail(
            a, fmt::format("returned a {}, not a number ({})", lua_typename(L, type), origin_));
      }
      if (!std::isfinite(value)) {
        return fail(a, fmt::format("returned {}, not a finite number ({})",
                                   std::isnan(value) ? "NaN"
                                   : value > 0       ? "inf"
                                                     : "-inf",
                                   origin_));
      }
      return value;
    } catch (...) {
      return fail(a, "out of memory");
    }
  }

 private:
  double fail(const ScriptedArgs& a, const std::string& what) const noexcept {
    try {
      set_evaluation_error(fmt::format("`{}` at step {}: {}", name_, a.step, what));
    } catch (...) {
    }
    return std::nan("");
  }

  std::shared_ptr<const Script> script_;
  std::string name_;
  std::vector<std::string> params_;
  std::string origin_;
};

std::uint64_t next_script_id() {
  static std::atomic<std::uint64_t> id{0};
  return ++id;
}

}  // namespace

std::vector<PhaseDefinition> load_phases(const std::string& source, const std::string& chunkname,
                                         std::string& error) {
  auto script = std::make_shared<Script>(Script{source, chunkname, next_script_id()});
  const Sandbox reader(source, chunkname);  // reads the phases once, on this thread
  if (!reader.error().empty()) {
    error = reader.error();
    return {};
  }
  // The phases as the sandbox read them (raw, into a table only the host sees): plain reads
  // that run no Lua code and allocate nothing in the state.
  lua_State* L = reader.state();
  struct Read {
    std::vector<std::pair<std::string, std::optional<double>>> params;
    std::optional<int> line;  // set when the phase is a function
  };
  std::map<std::string, Read> read;  // sorted: the same order on every run
  lua_rawgeti(L, LUA_REGISTRYINDEX, reader.phases());
  lua_pushnil(L);
  while (lua_next(L, -2)) {
    Read& phase = read[lua_tostring(L, -2)];
    if (lua_rawgeti(L, -1, 2) == LUA_TTABLE) {
      const auto n = static_cast<lua_Integer>(lua_rawlen(L, -1));
      std::map<std::string, std::optional<double>> declared;  // sorted by name
      for (lua_Integer i = 1; i + 1 <= n; i += 2) {
        lua_rawgeti(L, -1, i);
        lua_rawgeti(L, -2, i + 1);
        declared[lua_tostring(L, -2)] =
            lua_type(L, -1) == LUA_TNUMBER ? std::optional(lua_tonumber(L, -1)) : std::nullopt;
        lua_pop(L, 2);
      }
      phase.params.assign(declared.begin(), declared.end());
    }
    lua_pop(L, 1);
    if (lua_rawgeti(L, -1, 1) == LUA_TFUNCTION) {
      lua_Debug info;
      lua_getinfo(L, ">S", &info);
      phase.line = info.linedefined;
    } else {
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  std::vector<PhaseDefinition> phases;
  for (auto& [name, phase] : read) {
    if (!phase.line) {
      error = fmt::format("{}: `{}` must be a function or a table with `fn`", chunkname, name);
      return {};
    }
    PhaseDefinition definition;
    definition.name = name;
    definition.origin = fmt::format("{}:{}", chunkname, *phase.line);
    std::vector<std::string> params;
    for (auto& [key, fallback] : phase.params) {
      params.push_back(key);
      definition.params.emplace_back(std::move(key), fallback);
    }
    definition.phase =
        std::make_shared<LuaPhase>(script, name, std::move(params), definition.origin);
    phases.push_back(std::move(definition));
  }
  return phases;
}

std::size_t lua_states_on_this_thread() {
  return thread_sandboxes.by_script.size();
}

std::vector<PhaseDefinition> import_file(const std::string& path, const std::string& from,
                                         std::string& error) {
  namespace fs = std::filesystem;
  const fs::path base =
      from.empty() || from.front() == '<' ? fs::path() : fs::path(from).parent_path();
  const fs::path full = base / path;
  std::ifstream in(full, std::ios::binary);
  if (!in) {
    error = fmt::format("cannot read `{}`", full.string());
    return {};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return load_phases(text.str(), full.filename().string(), error);
}

}  // namespace tempo::lua
