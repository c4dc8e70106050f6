// Sandboxed Lua for scripted phases (see scripting.hpp). Each script gets, per thread, its own
// lua_State (so evaluation from several threads needs no lock) whose globals are a fresh table
// holding only safe functions: no io, os, package, debug, load, dofile, require, coroutine,
// string.dump or metatable access to strings. A count hook bounds the instructions of a call,
// a custom allocator bounds the memory of a state, and assigning a global is an error, so a
// script keeps state only in the locals it declares at its top.
//
// Library functions that could loop in C, out of the hook's sight, are left out or guarded:
// pattern matching (find, match, gmatch, gsub: backtracking without bound), table.insert,
// remove and move (they walk #t, which a sparse table makes huge), string.rep of an empty
// string, and __gc metamethods (Lua runs finalizers with hooks off).
#include "scripting.hpp"

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <lua.hpp>
#include <map>
#include <memory>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "../../lang/limits.hpp"
#include "within_budget.hpp"

namespace tempo::lua {
namespace {

struct Script {
  std::string source, chunkname;
  std::uint64_t id;
};

// One sandboxed state running one script, on one thread.
class Sandbox {
 public:
  explicit Sandbox(const Script& script) {
    state_ = lua_newstate(&Sandbox::allocate, this);
    if (!state_) {
      error_ = "cannot create a Lua state";
      return;
    }
    open_safe_libraries();
    load(script);
  }
  ~Sandbox() {
    if (state_) lua_close(state_);
  }
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  lua_State* state() const { return state_; }
  const std::string& error() const { return error_; }
  int exports() const { return exports_; }

  // Registry references to a phase's function and to its arguments table, made on its first
  // call: later calls allocate nothing (the table's fields are overwritten in place).
  struct Prepared {
    int function = LUA_NOREF, arguments = LUA_NOREF;
    bool hooked = true;  // false for code that provably cannot exceed the budget
  };
  std::unordered_map<const void*, Prepared> prepared;

  // Calls the function below its `arguments` values on the stack; leaves one result. Setting the
  // hook restarts its count, so each call gets the whole budget; the hook stays set in between,
  // as nothing else runs in this state. Code proven to stay within the budget runs unhooked
  // (within_budget.hpp).
  bool call(int arguments, std::string& error, bool hooked = true) {
    if (hooked) {
      used_ = 0;
      exceeded_.clear();
      lua_sethook(state_, &Sandbox::count, LUA_MASKCOUNT, hook_every);
    } else if (lua_gethookmask(state_) != 0) {
      lua_sethook(state_, nullptr, 0, 0);
    }
    const int status = lua_pcall(state_, arguments, 1, 0);
    if (status == LUA_OK) return true;
    const char* message = lua_tostring(state_, -1);
    error = message ? message : "error object is not a string";
    if (status == LUA_ERRMEM) {
      error = fmt::format("not enough memory (a script may use {} MiB)",
                          limits::lua_memory_bytes >> 20);
    }
    lua_pop(state_, 1);
    return false;
  }

 private:
  static void* allocate(void* self, void* block, std::size_t old_size, std::size_t new_size) {
    auto* sandbox = static_cast<Sandbox*>(self);
    if (!block) old_size = 0;
    if (new_size == 0) {
      sandbox->memory_ -= old_size;
      std::free(block);
      return nullptr;
    }
    if (new_size > old_size &&
        sandbox->memory_ + (new_size - old_size) > limits::lua_memory_bytes) {
      return nullptr;  // Lua raises "not enough memory"
    }
    void* grown = std::realloc(block, new_size);
    if (grown) sandbox->memory_ = sandbox->memory_ - old_size + new_size;
    return grown;
  }

  // Called every `hook_every` instructions: counts them against the budget, and past the first
  // call of a long run also checks the clock. Once over, every further instruction fails again,
  // so a script's own pcall cannot catch the error and carry on.
  static constexpr int hook_every = 1000;
  static void count(lua_State* L, lua_Debug*) {
    void* self = nullptr;
    lua_getallocf(L, &self);
    static_cast<Sandbox*>(self)->count(L);
  }
  void count(lua_State* L) {
    if (exceeded_.empty()) {
      used_ += hook_every;
      if (used_ > limits::lua_instructions_per_call) {
        exceeded_ = "the script ran more than " +
                    std::to_string(limits::lua_instructions_per_call) + " instructions in one call";
      } else if (used_ == hook_every) {
        started_ = std::chrono::steady_clock::now();
      } else if (std::chrono::steady_clock::now() - started_ >
                 std::chrono::seconds(limits::lua_seconds_per_call)) {
        exceeded_ = "the script ran for more than " + std::to_string(limits::lua_seconds_per_call) +
                    " s in one call";
      }
      if (exceeded_.empty()) return;
      lua_sethook(L, &Sandbox::count, LUA_MASKCOUNT, 1);
    }
    luaL_error(L, "%s", exceeded_.c_str());
  }

  // Sets table[name] to `guard`, a C closure holding the library's original function.
  void guard(int table, const char* name, const char* library, lua_CFunction check) {
    lua_getglobal(state_, library);
    if (std::string(library) == LUA_GNAME)
      lua_getglobal(state_, name);
    else
      lua_getfield(state_, -1, name);
    lua_pushcclosure(state_, check, 1);
    lua_setfield(state_, table, name);
    lua_pop(state_, 1);
  }

  // Calls the original function (upvalue 1) with this call's arguments.
  static int call_original(lua_State* L) {
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
  }

  static int no_finalizers(lua_State* L) {
    if (lua_type(L, 2) == LUA_TTABLE) {
      lua_pushliteral(L, "__gc");
      const bool finalizer = lua_rawget(L, 2) != LUA_TNIL;
      lua_pop(L, 1);
      if (finalizer) {
        return luaL_error(L,
                          "__gc metamethods are not allowed: finalizers run outside the "
                          "instruction budget");
      }
    }
    return call_original(L);
  }

  // string.rep would copy an empty string n times, for n up to 2^63.
  static int bounded_rep(lua_State* L) {
    std::size_t length = 0, separator = 0;
    luaL_checklstring(L, 1, &length);
    luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &separator);
    if (length + separator == 0) {
      lua_pushliteral(L, "");
      return 1;
    }
    return call_original(L);
  }

  static int no_new_globals(lua_State* L) {
    return luaL_error(L,
                      "assignment to undeclared global '%s': keep state in a local declared "
                      "at the top of the script",
                      luaL_optstring(L, 2, "?"));
  }

  void open_safe_libraries() {
    luaL_requiref(state_, LUA_GNAME, luaopen_base, 0);
    luaL_requiref(state_, LUA_MATHLIBNAME, luaopen_math, 1);
    luaL_requiref(state_, LUA_STRLIBNAME, luaopen_string, 1);
    luaL_requiref(state_, LUA_TABLIBNAME, luaopen_table, 1);
    luaL_requiref(state_, LUA_UTF8LIBNAME, luaopen_utf8, 1);
    lua_settop(state_, 0);
    // The script's globals: a new table with copies of the safe parts only.
    lua_newtable(state_);
    const int env = lua_gettop(state_);
    for (const char* name :
         {"assert", "error", "ipairs", "next", "pairs", "pcall", "select", "tonumber", "tostring",
          "type", "xpcall", "rawequal", "rawlen", "rawget"}) {
      lua_getglobal(state_, name);
      lua_setfield(state_, env, name);
    }
    guard(env, "setmetatable", LUA_GNAME, no_finalizers);
    const std::map<std::string, std::vector<const char*>> left_out = {
        {LUA_STRLIBNAME, {"dump", "find", "match", "gmatch", "gsub"}},
        {LUA_TABLIBNAME, {"insert", "remove", "move"}}};
    for (const char* library : {LUA_MATHLIBNAME, LUA_STRLIBNAME, LUA_TABLIBNAME, LUA_UTF8LIBNAME}) {
      lua_newtable(state_);  // a copy, so a script cannot change the library for the state
      lua_getglobal(state_, library);
      lua_pushnil(state_);
      while (lua_next(state_, -2)) {
        lua_pushvalue(state_, -2);
        lua_insert(state_, -2);
        lua_settable(state_, -5);
      }
      lua_pop(state_, 1);
      if (const auto out = left_out.find(library); out != left_out.end()) {
        for (const char* name : out->second) {
          lua_pushnil(state_);
          lua_setfield(state_, -2, name);
        }
      }
      lua_setfield(state_, env, library);
    }
    lua_getfield(state_, env, LUA_STRLIBNAME);
    guard(lua_gettop(state_), "rep", LUA_STRLIBNAME, bounded_rep);
    // Methods of strings ('x'):upper() look in the copy too, not in the state's own library.
    lua_pushliteral(state_, "");
    lua_getmetatable(state_, -1);
    lua_pushvalue(state_, -3);
    lua_setfield(state_, -2, "__index");
    lua_pop(state_, 3);
    lua_newtable(state_);  // its metatable: no new globals
    lua_pushcfunction(state_, no_new_globals);
    lua_setfield(state_, -2, "__newindex");
    lua_setmetatable(state_, env);
    env_ = luaL_ref(state_, LUA_REGISTRYINDEX);
  }

  void load(const Script& script) {
    const std::string name = "@" + script.chunkname;
    if (luaL_loadbufferx(state_, script.source.data(), script.source.size(), name.c_str(), "t") !=
        LUA_OK) {
      error_ = lua_tostring(state_, -1);
      lua_pop(state_, 1);
      return;
    }
    lua_rawgeti(state_, LUA_REGISTRYINDEX, env_);
    lua_setupvalue(state_, -2, 1);  // the chunk's _ENV
    if (!call(0, error_)) return;
    if (!lua_istable(state_, -1)) {
      error_ = fmt::format("{} must return a table of phases", script.chunkname);
      lua_pop(state_, 1);
      return;
    }
    exports_ = luaL_ref(state_, LUA_REGISTRYINDEX);
  }

  lua_State* state_ = nullptr;
  std::size_t memory_ = 0;
  long long used_ = 0;                             // instructions of this call, by thousands
  std::chrono::steady_clock::time_point started_;  // when this call passed its first thousand
  std::string exceeded_;                           // the limit this call went over, if any
  int env_ = LUA_NOREF, exports_ = LUA_NOREF;
  std::string error_;
};

// This thread's sandboxes, by script id. A script's phases may be gone while the thread lives
// on, so making a sandbox first closes those of scripts nobody holds any more: a host that
// loads scripts again and again keeps one state per live script, not one per script ever run.
struct ThreadSandboxes {
  struct Entry {
    std::weak_ptr<const Script> script;
    std::unique_ptr<Sandbox> sandbox;
  };
  std::unordered_map<std::uint64_t, Entry> by_script;

  Sandbox& get(const std::shared_ptr<const Script>& script) {
    if (const auto found = by_script.find(script->id); found != by_script.end()) {
      return *found->second.sandbox;
    }
    std::erase_if(by_script, [](const auto& entry) { return entry.second.script.expired(); });
    auto& entry = by_script[script->id];
    entry.script = script;
    entry.sandbox = std::make_unique<Sandbox>(*script);
    return *entry.sandbox;
  }
};
thread_local ThreadSandboxes thread_sandboxes;

// Pushes the function of phase `name` from the script's exports (a function, or {fn = …}).
bool push_function(lua_State* L, int exports, const std::string& name) {
  lua_rawgeti(L, LUA_REGISTRYINDEX, exports);
  lua_getfield(L, -1, name.c_str());
  lua_remove(L, -2);
  if (lua_istable(L, -1)) {
    lua_getfield(L, -1, "fn");
    lua_remove(L, -2);
  }
  return lua_isfunction(L, -1);
}

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
        Sandbox::Prepared* prepared = nullptr;
      };
      thread_local Last last;
      if (last.phase != this || last.script != script_->id) {
        last.sandbox = &thread_sandboxes.get(script_);
        last.prepared = &last.sandbox->prepared[this];
        last.phase = this;
        last.script = script_->id;
      }
      Sandbox& sandbox = *last.sandbox;
      if (!sandbox.error().empty()) return fail(a, sandbox.error());
      lua_State* L = sandbox.state();
      auto& prepared = *last.prepared;
      if (prepared.function == LUA_NOREF) {
        push_function(L, sandbox.exports(), name_);
        prepared.hooked = !within_budget(L, -1);
        prepared.function = luaL_ref(L, LUA_REGISTRYINDEX);
        lua_createtable(L, 0, static_cast<int>(params_.size()));
        prepared.arguments = luaL_ref(L, LUA_REGISTRYINDEX);
      }
      lua_rawgeti(L, LUA_REGISTRYINDEX, prepared.function);
      for (double x : {a.p, a.t, a.length, a.level}) lua_pushnumber(L, x);
      lua_rawgeti(L, LUA_REGISTRYINDEX, prepared.arguments);
      for (std::size_t i = 0; i < params_.size(); ++i) {
        lua_pushnumber(L, a.named[i]);
        lua_setfield(L, -2, params_[i].c_str());
      }
      std::string error;
      if (!sandbox.call(5, error, prepared.hooked)) return fail(a, error);
      const int type = lua_type(L, -1);
      const double value = lua_tonumber(L, -1);
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
  Sandbox reader(*script);  // reads the exports once, on this thread
  if (!reader.error().empty()) {
    error = reader.error();
    return {};
  }
  lua_State* L = reader.state();
  std::vector<PhaseDefinition> phases;
  lua_rawgeti(L, LUA_REGISTRYINDEX, reader.exports());
  std::map<std::string, bool> names;  // sorted: the same order on every run
  lua_pushnil(L);
  while (lua_next(L, -2)) {
    if (lua_type(L, -2) == LUA_TSTRING) names[lua_tostring(L, -2)] = true;
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  for (const auto& [name, unused] : names) {
    PhaseDefinition definition;
    definition.name = name;
    std::vector<std::string> params;
    lua_rawgeti(L, LUA_REGISTRYINDEX, reader.exports());
    lua_getfield(L, -1, name.c_str());
    if (lua_istable(L, -1)) {
      lua_getfield(L, -1, "params");
      if (lua_istable(L, -1)) {
        std::map<std::string, std::optional<double>> declared;
        lua_pushnil(L);
        while (lua_next(L, -2)) {
          const std::string key = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "";
          if (lua_type(L, -1) == LUA_TNUMBER) {
            declared[key] = lua_tonumber(L, -1);
          } else {
            declared[key] = std::nullopt;  // "required"
          }
          lua_pop(L, 1);
        }
        for (const auto& [key, fallback] : declared) {
          definition.params.emplace_back(key, fallback);
          params.push_back(key);
        }
      }
      lua_pop(L, 1);
    }
    lua_pop(L, 2);
    if (!push_function(L, reader.exports(), name)) {
      lua_pop(L, 1);
      error = fmt::format("{}: `{}` must be a function or a table with `fn`", chunkname, name);
      return {};
    }
    lua_Debug info;
    lua_getinfo(L, ">S", &info);
    definition.origin = fmt::format("{}:{}", chunkname, info.linedefined);
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
