// One sandboxed Lua state running one script (see <tempo/lua.hpp> for what a script is). The
// state's globals are built from an allowlist (sandbox_library.cpp); its limits are those of
// <tempo/limits.hpp>: an instruction budget and a wall clock per call, a memory cap per state.
//
// Every touch of a script's values happens inside lua_pcall: the script runs there, and so
// does the host's own work on the state (reading the exports, writing a call's arguments), so
// a metamethod that raises or an allocation over the cap is an error, never a Lua panic that
// aborts the host.
#pragma once

#include <cstddef>
#include <string>

struct lua_State;
struct lua_Debug;

namespace tempo::lua {

class Sandbox {
 public:
  Sandbox(const std::string& source, const std::string& chunkname);
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  lua_State* state() const { return state_; }
  // Why the state could not be made or the script did not load; empty if it did.
  const std::string& error() const { return error_; }
  // A registry reference to the script's phases, read raw once at load: a table from each
  // phase's name to {fn, params}, where params is {name1, default1, name2, default2, …} (a
  // default is a number, or false for a required argument). The script never sees this table.
  int phases() const { return phases_; }

  // Calls the function below its `arguments` values on the stack, leaving one result. A hooked
  // call runs under the instruction budget and the wall clock from this moment on; an unhooked
  // one (code proven to stay within the budget, within_budget.hpp) runs bare.
  bool call(int arguments, std::string& error, bool hooked = true);

  // Runs `work` (host code that only uses the Lua API, and holds no C++ object a longjmp would
  // skip) protected and without the hook, on the `arguments` values on top of the stack and
  // then `data` as a light userdata. Any Lua error it raises becomes `error`; on success it
  // leaves `results` values.
  bool protect(int (*work)(lua_State*), void* data, int arguments, int results, std::string& error);

  // The sandbox running on `L`.
  static Sandbox& of(lua_State* L);
  // Raises the limit error if this call is past its wall clock (library wrappers call this
  // before and after the work they do in C, out of the count hook's sight).
  void check_clock(lua_State* L);

 private:
  static void* allocate(void* self, void* block, std::size_t old_size, std::size_t new_size);
  static void count_hook(lua_State* L, lua_Debug*);
  void count(lua_State* L);
  bool past_deadline() const;
  void load(const std::string& source, const std::string& chunkname);

  lua_State* state_ = nullptr;
  std::size_t memory_ = 0;
  // Bytes allocated since the clock was last read: copying work (concatenation, string.rep,
  // table growth) allocates as it goes, so the allocator reads the clock every few MiB.
  std::size_t allocated_since_clock_ = 0;
  long long used_ = 0;      // instructions of this call, counted by the hook
  bool timing_ = false;     // a hooked call is running
  long long deadline_ = 0;  // in ns of CLOCK_MONOTONIC_COARSE
  std::string exceeded_;    // the limit this call went over, if any
  int phases_ = -2;         // LUA_NOREF
  std::string error_;
};

// Builds the script's globals from the allowlist into the table on top of the stack and points
// string methods at its `string` (sandbox_library.cpp). Runs under Sandbox::protect.
int open_allowlisted_libraries(lua_State* L);

}  // namespace tempo::lua
