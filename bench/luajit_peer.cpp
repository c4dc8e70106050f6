// LuaJIT, loaded with dlopen. LuaJIT and Lua 5.4 export the same `lua_*` symbol names with
// different ABIs, so linking both into one binary would bind every call to whichever library
// the loader saw first. Resolving LuaJIT's entry points by hand through dlsym keeps the two
// apart without a second process, and needs none of LuaJIT's headers (which would clash with
// Lua 5.4's): the few functions used are declared here with their Lua 5.1 signatures.
// RTLD_DEEPBIND matters too: without it LuaJIT's calls into itself would be interposed by the
// Lua 5.4 symbols already loaded, and crash.
#include <dlfcn.h>

#include "peers.hpp"

namespace bench {
namespace {

struct lua_State;
constexpr int globals_index = -10002;  // LUA_GLOBALSINDEX in Lua 5.1

struct LuaJitApi {
  lua_State* (*newstate)();
  void (*openlibs)(lua_State*);
  int (*loadstring)(lua_State*, const char*);
  int (*pcall)(lua_State*, int, int, int);
  void (*getfield)(lua_State*, int, const char*);
  void (*pushvalue)(lua_State*, int);
  void (*pushnumber)(lua_State*, double);
  void (*call)(lua_State*, int, int);
  double (*tonumber)(lua_State*, int);
  void (*settop)(lua_State*, int);
  void (*close)(lua_State*);
};

template <typename F>
bool resolve(void* library, const char* name, F& function) {
  function = reinterpret_cast<F>(dlsym(library, name));
  return function != nullptr;
}

class LuaJit final : public Peer {
 public:
  LuaJit(void* library, const LuaJitApi& api) : library_(library), api_(api) {
    state_ = api_.newstate();
    api_.openlibs(state_);
    api_.loadstring(state_, lua_source);
    api_.pcall(state_, 0, 0, 0);
    api_.getfield(state_, globals_index, "schedule");  // stays at stack index 1
  }
  ~LuaJit() override {
    api_.close(state_);
    dlclose(library_);
  }
  double operator()(double step) override {
    api_.pushvalue(state_, 1);
    api_.pushnumber(state_, step);
    api_.call(state_, 1, 1);
    const double value = api_.tonumber(state_, -1);
    api_.settop(state_, 1);
    return value;
  }

 private:
  void* library_;
  LuaJitApi api_;
  lua_State* state_ = nullptr;
};

}  // namespace

std::unique_ptr<Peer> make_luajit() {
  void* library = dlopen("libluajit-5.1.so.2", RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
  if (!library) return nullptr;
  LuaJitApi api{};
  const bool ok =
      resolve(library, "luaL_newstate", api.newstate) &&
      resolve(library, "luaL_openlibs", api.openlibs) &&
      resolve(library, "luaL_loadstring", api.loadstring) &&
      resolve(library, "lua_pcall", api.pcall) && resolve(library, "lua_getfield", api.getfield) &&
      resolve(library, "lua_pushvalue", api.pushvalue) &&
      resolve(library, "lua_pushnumber", api.pushnumber) &&
      resolve(library, "lua_call", api.call) && resolve(library, "lua_tonumber", api.tonumber) &&
      resolve(library, "lua_settop", api.settop) && resolve(library, "lua_close", api.close);
  if (!ok) {
    dlclose(library);
    return nullptr;
  }
  return std::make_unique<LuaJit>(library, api);
}

}  // namespace bench
