// Reads a function's bytecode (lua_dump, Lua 5.4's binary chunk format, ldump.c) and decides
// whether it is straight-line code that can never exceed the instruction budget.
//
// Why the allowed instructions are enough. Jumps only go forward and there is no loop or call
// instruction, so each instruction runs at most once: the call runs at most as many instructions
// as the function has, and this file accepts no more than the budget. The only other way to run
// Lua code is a metamethod. The function reaches no upvalue and no global, so its registers hold
// only its arguments (numbers, and an arguments table no other code sees), constants, and tables
// it creates; it loads no string constant, stores none into a table, and concatenates nothing,
// so no register ever holds a string (whose metatable leads to the script's `string` table) and
// no table it can reach has a metatable. Arithmetic, comparison, length and indexing on such
// values call no metamethod: they compute, or raise an error. Finalizers (__gc), which Lua runs
// with hooks off, are refused by the sandbox's setmetatable.
#include "straight_line.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

#include <lua.hpp>

#include "../../lang/limits.hpp"

namespace tempo::lua {
namespace {

// Lua 5.4's opcodes (lopcodes.h; the same list from 5.4.0 to 5.4.6), those this file names.
enum Opcode : std::uint32_t {
  op_move = 0, op_loadi, op_loadf, op_loadk, op_loadkx, op_loadfalse, op_lfalseskip, op_loadtrue,
  op_loadnil, op_getupval, op_setupval, op_gettabup, op_gettable, op_geti, op_getfield,
  op_settabup, op_settable, op_seti, op_setfield, op_newtable, op_self, op_addi, op_addk,
  op_subk, op_mulk, op_modk, op_powk, op_divk, op_idivk, op_bandk, op_bork, op_bxork, op_shri,
  op_shli, op_add, op_sub, op_mul, op_mod, op_pow, op_div, op_idiv, op_band, op_bor, op_bxor,
  op_shl, op_shr, op_mmbin, op_mmbini, op_mmbink, op_unm, op_bnot, op_not, op_len, op_concat,
  op_close, op_tbc, op_jmp, op_eq, op_lt, op_le, op_eqk, op_eqi, op_lti, op_lei, op_gti, op_gei,
  op_test, op_testset, op_call, op_tailcall, op_return, op_return0, op_return1, op_forloop,
  op_forprep, op_tforprep, op_tforcall, op_tforloop, op_setlist, op_closure, op_vararg,
  op_varargprep, op_extraarg,
};

// The fields of an instruction (lopcodes.h: op 7 bits, A 8, k 1, B 8, C 8; Bx and sJ overlap).
std::uint32_t opcode(std::uint32_t i) { return i & 0x7F; }
std::uint32_t arg_k(std::uint32_t i) { return (i >> 15) & 1; }
std::uint32_t arg_b(std::uint32_t i) { return (i >> 16) & 0xFF; }
std::uint32_t arg_c(std::uint32_t i) { return (i >> 24) & 0xFF; }
std::uint32_t arg_bx(std::uint32_t i) { return i >> 15; }
std::int64_t arg_sj(std::uint32_t i) { return static_cast<std::int64_t>(i >> 7) - 0xFFFFFF; }

// A cursor over the dump that turns every overrun into `ok = false`.
struct Reader {
  const std::string& bytes;
  std::size_t at = 0;
  bool ok = true;

  std::uint8_t byte() {
    if (at >= bytes.size()) {
      ok = false;
      return 0;
    }
    return static_cast<std::uint8_t>(bytes[at++]);
  }
  void skip(std::size_t n) {
    if (n > bytes.size() - at) ok = false;
    at = ok ? at + n : bytes.size();
  }
  bool expect(const char* literal, std::size_t n) {
    ok = ok && n <= bytes.size() - at && std::memcmp(bytes.data() + at, literal, n) == 0;
    at += ok ? n : 0;
    return ok;
  }
  // ldump.c's dumpSize: 7 bits a byte, most significant first, the last byte marked with 0x80.
  std::size_t size() {
    std::size_t x = 0;
    for (int n = 0; ok && n < 10; ++n) {
      const std::uint8_t b = byte();
      x = (x << 7) | (b & 0x7F);
      if (b & 0x80) return x;
    }
    ok = false;
    return 0;
  }
};

int collect(lua_State*, const void* data, std::size_t size, void* out) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(data), size);
  return 0;
}

}  // namespace

bool straight_line(lua_State* L, int index) {
  if (lua_type(L, index) != LUA_TFUNCTION || lua_iscfunction(L, index)) return false;
  std::string dump;
  lua_pushvalue(L, index);
  const int status = lua_dump(L, collect, &dump, 1);
  lua_pop(L, 1);
  if (status != 0) return false;

  Reader in{dump};
  // Header: signature, version 5.4, format 0, LUAC_DATA, and the sizes of Instruction,
  // lua_Integer and lua_Number that this file assumes; then LUAC_INT, LUAC_NUM, #upvalues.
  if (!in.expect("\x1bLua\x54\x00\x19\x93\r\n\x1a\n\x04\x08\x08", 15)) return false;
  in.skip(8 + 8 + 1);
  // The function: source (stripped), line defined, last line, #params, is_vararg, max stack.
  in.skip(std::max<std::size_t>(in.size(), 1) - 1);
  in.size();
  in.size();
  in.skip(3);
  const std::size_t code_size = in.size();
  if (!in.ok || code_size > static_cast<std::size_t>(limits::lua_instructions_per_call) ||
      code_size > (dump.size() - in.at) / 4) {
    return false;
  }
  const char* code = dump.data() + in.at;
  in.skip(code_size * 4);
  // Constants: which ones are strings.
  const std::size_t constant_count = in.size();
  std::string is_string;
  // Tags (lobject.h): nil 0, false 1, true 17, integer 3, float 19, short string 4, long 20.
  for (std::size_t k = 0; in.ok && k < constant_count; ++k) {
    const std::uint8_t tag = in.byte();
    if (tag == 4 || tag == 20) {
      in.skip(std::max<std::size_t>(in.size(), 1) - 1);
    } else if (tag == 3 || tag == 19) {
      in.skip(8);
    } else if (tag != 0 && tag != 1 && tag != 17) {
      return false;  // a format this file does not know
    }
    is_string.push_back(tag == 4 || tag == 20);
  }
  if (!in.ok) return false;
  auto string_constant = [&](std::uint32_t k) { return k >= is_string.size() || is_string[k]; };

  for (std::size_t pc = 0; pc < code_size; ++pc) {
    std::uint32_t i = 0;
    std::memcpy(&i, code + pc * 4, 4);
    switch (opcode(i)) {
      case op_move: case op_loadi: case op_loadf: case op_loadfalse: case op_lfalseskip:
      case op_loadtrue: case op_loadnil: case op_gettable: case op_geti: case op_getfield:
      case op_newtable: case op_addi: case op_shri: case op_shli: case op_add: case op_sub:
      case op_mul: case op_mod: case op_pow: case op_div: case op_idiv: case op_band:
      case op_bor: case op_bxor: case op_shl: case op_shr: case op_mmbin: case op_mmbini:
      case op_unm: case op_bnot: case op_not: case op_len: case op_eq: case op_lt: case op_le:
      case op_eqk: case op_eqi: case op_lti: case op_lei: case op_gti: case op_gei: case op_test:
      case op_testset: case op_return: case op_return0: case op_return1: case op_setlist:
      case op_vararg: case op_varargprep: case op_extraarg:
        break;
      case op_loadk:
        if (string_constant(arg_bx(i))) return false;
        break;
      case op_addk: case op_subk: case op_mulk: case op_modk: case op_powk: case op_divk:
      case op_idivk: case op_bandk: case op_bork: case op_bxork:
        if (string_constant(arg_c(i))) return false;
        break;
      case op_mmbink:
        if (string_constant(arg_b(i))) return false;
        break;
      case op_settable: case op_seti: case op_setfield:  // the value is a constant when k is set
        if (arg_k(i) && string_constant(arg_c(i))) return false;
        break;
      case op_jmp:
        if (arg_sj(i) < 0) return false;
        break;
      default:  // upvalues, globals, self, concat, to-be-closed, calls, loops, closures, loadkx
        return false;
    }
  }
  return true;
}

}  // namespace tempo::lua
