// The embeddable engines Tempo is compared with, each evaluating the design-card schedule as one
// function of the step: muparser (a `?:` expression), Lua 5.4 and LuaJIT (a Lua function called
// through the C API). Each is a small class so that the benchmark code is the same for all.
#pragma once

#include <memory>

namespace bench {

class Peer {
 public:
  virtual ~Peer() = default;
  virtual double operator()(double step) = 0;
};

std::unique_ptr<Peer> make_muparser();
std::unique_ptr<Peer> make_lua54();
// Null when libluajit-5.1.so.2 cannot be loaded.
std::unique_ptr<Peer> make_luajit();

// The schedule as a Lua function, shared by both Lua peers.
inline constexpr const char* lua_source = R"(
function schedule(t)
  if t < 2000 then return t / 2000 end
  if t < 92000 then return 1.0 end
  if t < 100000 then return 0.1 + 0.9 * (1 + math.cos(math.pi * (t - 92000) / 8000)) / 2 end
  return 0.1
end)";

}  // namespace bench
