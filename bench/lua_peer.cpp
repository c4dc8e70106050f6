// Lua 5.4: the schedule as a Lua function, called from C with lua_call for each step.
#include <lua.hpp>
#include <stdexcept>

#include "peers.hpp"

namespace bench {
namespace {

class Lua54 final : public Peer {
 public:
  Lua54() : state_(luaL_newstate()) {
    luaL_openlibs(state_);
    if (luaL_dostring(state_, lua_source) != LUA_OK) throw std::runtime_error("lua: bad source");
    lua_getglobal(state_, "schedule");
    function_ = luaL_ref(state_, LUA_REGISTRYINDEX);
  }
  ~Lua54() override { lua_close(state_); }
  double operator()(double step) override {
    lua_rawgeti(state_, LUA_REGISTRYINDEX, function_);
    lua_pushnumber(state_, step);
    lua_call(state_, 1, 1);
    const double value = lua_tonumber(state_, -1);
    lua_pop(state_, 1);
    return value;
  }

 private:
  lua_State* state_;
  int function_ = 0;
};

}  // namespace

std::unique_ptr<Peer> make_lua54() {
  return std::make_unique<Lua54>();
}

}  // namespace bench
