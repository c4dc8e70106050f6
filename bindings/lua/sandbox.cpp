// The sandboxed state: allocator with a cap, count hook with a wall clock, protected calls.
#include "sandbox.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <ctime>
#include <lua.hpp>

#include "tempo/limits.hpp"

namespace tempo::lua {
namespace {

// The count hook runs every this many instructions: it counts them against the budget and
// reads the clock. Few enough that instructions that work without allocating or calling (a
// comparison of two 8 MiB strings takes a millisecond) cannot add up to much past the limit.
constexpr int hook_every = 100;
// The allocator reads the clock whenever this many bytes were allocated since it last did.
constexpr std::size_t clock_every_bytes = 1 << 20;

// The coarse monotonic clock: a few ns to read (the hook reads it often), a few ms fine.
long long now_ns() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
  return static_cast<long long>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

struct Environment {
  int reference = LUA_NOREF;
};

// Builds the globals and keeps them in the registry. Stack: [data].
int make_environment(lua_State* L) {
  auto* environment = static_cast<Environment*>(lua_touserdata(L, 1));
  lua_newtable(L);
  open_allowlisted_libraries(L);
  environment->reference = luaL_ref(L, LUA_REGISTRYINDEX);
  return 0;
}

// Reads the table a script returned, raw (no metamethod runs), into a table only the host sees:
// name → {fn, params}, with params as {name1, default1, …}. Stack: [exports, data].
int read_phases(lua_State* L) {
  auto* reference = static_cast<int*>(lua_touserdata(L, 2));
  lua_settop(L, 1);
  lua_newtable(L);  // 2: the phases
  lua_pushnil(L);
  while (lua_next(L, 1)) {  // key at 3, value at 4
    if (lua_type(L, 3) != LUA_TSTRING) {
      lua_pop(L, 1);
      continue;
    }
    lua_createtable(L, 2, 0);  // 5: {fn, params}
    if (lua_type(L, 4) == LUA_TTABLE) {
      lua_pushliteral(L, "fn");
      lua_rawget(L, 4);
      lua_rawseti(L, 5, 1);
      lua_pushliteral(L, "params");
      if (lua_rawget(L, 4) == LUA_TTABLE) {  // 6
        lua_newtable(L);                     // 7
        lua_Integer n = 0;
        lua_pushnil(L);
        while (lua_next(L, 6)) {  // key at 8, value at 9
          if (lua_type(L, 8) == LUA_TSTRING) {
            lua_pushvalue(L, 8);
            lua_rawseti(L, 7, ++n);
            if (lua_type(L, 9) == LUA_TNUMBER) {
              lua_pushnumber(L, lua_tonumber(L, 9));
            } else {
              lua_pushboolean(L, 0);  // "required"
            }
            lua_rawseti(L, 7, ++n);
          }
          lua_pop(L, 1);
        }
        lua_rawseti(L, 5, 2);
      }
      lua_pop(L, 1);
    } else {
      lua_pushvalue(L, 4);
      lua_rawseti(L, 5, 1);
    }
    lua_pushvalue(L, 3);
    lua_insert(L, -2);
    lua_rawset(L, 2);  // phases[name] = entry
    lua_pop(L, 1);     // the value; the key stays for lua_next
  }
  *reference = luaL_ref(L, LUA_REGISTRYINDEX);
  return 0;
}

}  // namespace

Sandbox::Sandbox(const std::string& source, const std::string& chunkname) {
  state_ = lua_newstate(&Sandbox::allocate, this);
  if (!state_) {
    error_ = "cannot create a Lua state";
    return;
  }
  load(source, chunkname);
}

Sandbox::~Sandbox() {
  if (state_) lua_close(state_);
}

Sandbox& Sandbox::of(lua_State* L) {
  void* self = nullptr;
  lua_getallocf(L, &self);
  return *static_cast<Sandbox*>(self);
}

void Sandbox::load(const std::string& source, const std::string& chunkname) {
  Environment environment;
  if (!protect(make_environment, &environment, 0, 0, error_)) return;
  const std::string name = "@" + chunkname;
  if (luaL_loadbufferx(state_, source.data(), source.size(), name.c_str(), "t") != LUA_OK) {
    error_ = lua_type(state_, -1) == LUA_TSTRING ? lua_tostring(state_, -1) : "cannot load";
    lua_pop(state_, 1);
    return;
  }
  lua_rawgeti(state_, LUA_REGISTRYINDEX, environment.reference);
  lua_setupvalue(state_, -2, 1);  // the chunk's _ENV
  if (!call(0, error_)) return;
  if (!lua_istable(state_, -1)) {
    error_ = fmt::format("{} must return a table of phases", chunkname);
    lua_pop(state_, 1);
    return;
  }
  protect(read_phases, &phases_, 1, 0, error_);
}

bool Sandbox::protect(int (*work)(lua_State*), void* data, int arguments, int results,
                      std::string& error) {
  if (lua_gethookmask(state_) != 0) lua_sethook(state_, nullptr, 0, 0);
  lua_pushcfunction(state_, work);
  lua_insert(state_, -arguments - 1);
  lua_pushlightuserdata(state_, data);
  const int status = lua_pcall(state_, arguments + 1, results, 0);
  if (status == LUA_OK) return true;
  error = status == LUA_ERRMEM ? fmt::format("not enough memory (a script may use {} MiB)",
                                             limits::lua_memory_bytes >> 20)
          : lua_type(state_, -1) == LUA_TSTRING ? lua_tostring(state_, -1)
                                                : "error object is not a string";
  lua_pop(state_, 1);
  return false;
}

bool Sandbox::call(int arguments, std::string& error, bool hooked) {
  if (hooked) {
    used_ = 0;
    exceeded_.clear();
    allocated_since_clock_ = 0;
    deadline_ = now_ns() + limits::lua_seconds_per_call * 1'000'000'000LL;
    timing_ = true;
    // Setting the hook restarts its count, so each call gets the whole budget.
    lua_sethook(state_, &Sandbox::count_hook, LUA_MASKCOUNT, hook_every);
  } else if (lua_gethookmask(state_) != 0) {
    lua_sethook(state_, nullptr, 0, 0);
  }
  const int status = lua_pcall(state_, arguments, 1, 0);
  timing_ = false;
  if (status == LUA_OK) return true;
  if (status == LUA_ERRMEM) {
    error =
        fmt::format("not enough memory (a script may use {} MiB)", limits::lua_memory_bytes >> 20);
  } else if (lua_type(state_, -1) == LUA_TSTRING) {
    error = lua_tostring(state_, -1);
  } else if (lua_type(state_, -1) == LUA_TNUMBER) {
    error = lua_isinteger(state_, -1) ? fmt::format("{}", lua_tointeger(state_, -1))
                                      : fmt::format("{}", lua_tonumber(state_, -1));
  } else {
    error = "error object is not a string";
  }
  lua_pop(state_, 1);
  return false;
}

void* Sandbox::allocate(void* self, void* block, std::size_t old_size, std::size_t new_size) {
  auto* sandbox = static_cast<Sandbox*>(self);
  if (!block) old_size = 0;
  if (new_size == 0) {
    sandbox->memory_ -= old_size;
    std::free(block);
    return nullptr;
  }
  if (new_size > old_size) {
    if (sandbox->memory_ + (new_size - old_size) > limits::lua_memory_bytes) {
      return nullptr;  // Lua raises "not enough memory"
    }
    sandbox->allocated_since_clock_ += new_size;
    if (sandbox->timing_ && sandbox->allocated_since_clock_ > clock_every_bytes) {
      sandbox->allocated_since_clock_ = 0;
      // The allocator cannot raise an error; the next instruction's hook does.
      if (sandbox->exceeded_.empty() && sandbox->past_deadline()) {
        sandbox->exceeded_ = fmt::format("the script ran for more than {} s in one call",
                                         limits::lua_seconds_per_call);
        lua_sethook(sandbox->state_, &Sandbox::count_hook, LUA_MASKCOUNT, 1);
      }
    }
  }
  void* grown = std::realloc(block, new_size);
  if (grown) sandbox->memory_ = sandbox->memory_ - old_size + new_size;
  return grown;
}

bool Sandbox::past_deadline() const {
  return now_ns() > deadline_;
}

void Sandbox::count_hook(lua_State* L, lua_Debug*) {
  of(L).count(L);
}

// Once over a limit, every further instruction fails again, so a script's own pcall cannot
// catch the error and carry on.
void Sandbox::count(lua_State* L) {
  if (exceeded_.empty()) {
    used_ += hook_every;
    if (used_ > limits::lua_instructions_per_call) {
      exceeded_ = fmt::format("the script ran more than {} instructions in one call",
                              limits::lua_instructions_per_call);
    } else if (past_deadline()) {
      exceeded_ = fmt::format("the script ran for more than {} s in one call",
                              limits::lua_seconds_per_call);
    } else {
      return;
    }
    lua_sethook(L, &Sandbox::count_hook, LUA_MASKCOUNT, 1);
  }
  // No position: the limit belongs to the call, not to the line it happened to be on.
  lua_pushstring(L, exceeded_.c_str());
  lua_error(L);
}

void Sandbox::check_clock(lua_State* L) {
  if (!timing_ || (exceeded_.empty() && !past_deadline())) return;
  if (exceeded_.empty()) {
    exceeded_ =
        fmt::format("the script ran for more than {} s in one call", limits::lua_seconds_per_call);
  }
  lua_sethook(L, &Sandbox::count_hook, LUA_MASKCOUNT, 1);
  lua_pushstring(L, exceeded_.c_str());
  lua_error(L);
}

}  // namespace tempo::lua
