// Reads a function's bytecode (lua_dump, Lua 5.4's binary chunk format, ldump.c) and decides
// whether it can never exceed the instruction budget.
//
// Why the allowed instructions are enough. There is no call instruction and the only backward
// jump is a numeric `for` loop's FORLOOP. Every loop accepted here has integer constants loaded
// into its control registers just before its FORPREP, and nothing jumps past those loads into it,
// so FORPREP fixes its iteration count (Lua 5.4 precomputes an integer loop's count, and code
// compiled from text — the sandbox loads nothing else — never writes a loop's control
// registers). So an instruction runs at most once per iteration of each loop around it, and this
// file accepts a function only if that sum stays within the budget. The only other way to run
// Lua code is a metamethod. The function reaches no upvalue and no global, so its registers hold
// only its arguments (numbers, and an arguments table no other code sees), constants, and tables
// it creates; it loads no string constant, stores none into a table, and concatenates nothing,
// so no register ever holds a string (whose metatable leads to the script's `string` table) and
// no table it can reach has a metatable. Arithmetic, comparison, length and indexing on such
// values call no metamethod: they compute, or raise an error. Finalizers (__gc), which Lua runs
// with hooks off, are refused by the sandbox's setmetatable.
#include "within_budget.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <lua.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tempo/limits.hpp"

namespace tempo::lua {
namespace {

// Lua 5.4's opcodes (lopcodes.h; the same list from 5.4.0 to 5.4.6), those this file names.
enum Opcode : std::uint32_t {
  op_move = 0,
  op_loadi,
  op_loadf,
  op_loadk,
  op_loadkx,
  op_loadfalse,
  op_lfalseskip,
  op_loadtrue,
  op_loadnil,
  op_getupval,
  op_setupval,
  op_gettabup,
  op_gettable,
  op_geti,
  op_getfield,
  op_settabup,
  op_settable,
  op_seti,
  op_setfield,
  op_newtable,
  op_self,
  op_addi,
  op_addk,
  op_subk,
  op_mulk,
  op_modk,
  op_powk,
  op_divk,
  op_idivk,
  op_bandk,
  op_bork,
  op_bxork,
  op_shri,
  op_shli,
  op_add,
  op_sub,
  op_mul,
  op_mod,
  op_pow,
  op_div,
  op_idiv,
  op_band,
  op_bor,
  op_bxor,
  op_shl,
  op_shr,
  op_mmbin,
  op_mmbini,
  op_mmbink,
  op_unm,
  op_bnot,
  op_not,
  op_len,
  op_concat,
  op_close,
  op_tbc,
  op_jmp,
  op_eq,
  op_lt,
  op_le,
  op_eqk,
  op_eqi,
  op_lti,
  op_lei,
  op_gti,
  op_gei,
  op_test,
  op_testset,
  op_call,
  op_tailcall,
  op_return,
  op_return0,
  op_return1,
  op_forloop,
  op_forprep,
  op_tforprep,
  op_tforcall,
  op_tforloop,
  op_setlist,
  op_closure,
  op_vararg,
  op_varargprep,
  op_extraarg,
};

// The fields of an instruction (lopcodes.h: op 7 bits, A 8, k 1, B 8, C 8; Bx and sJ overlap).
std::uint32_t opcode(std::uint32_t i) {
  return i & 0x7F;
}
std::uint32_t arg_a(std::uint32_t i) {
  return (i >> 7) & 0xFF;
}
std::uint32_t arg_k(std::uint32_t i) {
  return (i >> 15) & 1;
}
std::uint32_t arg_b(std::uint32_t i) {
  return (i >> 16) & 0xFF;
}
std::uint32_t arg_c(std::uint32_t i) {
  return (i >> 24) & 0xFF;
}
std::uint32_t arg_bx(std::uint32_t i) {
  return i >> 15;
}
std::int64_t arg_sbx(std::uint32_t i) {
  return static_cast<std::int64_t>(i >> 15) - 0xFFFF;
}
std::int64_t arg_sj(std::uint32_t i) {
  return static_cast<std::int64_t>(i >> 7) - 0xFFFFFF;
}

// The budget, as the unsigned counts below use it.
constexpr std::uint64_t budget = limits::lua_instructions_per_call;

// Instructions that may skip the next one (a test skips its jump, arithmetic its MMBIN).
bool may_skip_next(std::uint32_t op) {
  return (op >= op_addi && op <= op_shr) || (op >= op_eq && op <= op_testset) ||
         op == op_lfalseskip;
}

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
  std::int64_t integer() {
    std::int64_t x = 0;
    if (bytes.size() - at >= sizeof x) std::memcpy(&x, bytes.data() + at, sizeof x);
    skip(sizeof x);
    return x;
  }
};

int collect(lua_State*, const void* data, std::size_t size, void* out) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(data), size);
  return 0;
}

// What this file needs of a constant.
struct Constant {
  bool is_string = false;
  std::optional<std::int64_t> integer;
};

// The function's code and constants.
struct Function {
  std::vector<std::uint32_t> code;
  std::vector<Constant> constants;

  bool string_constant(std::uint32_t k) const {
    return k >= constants.size() || constants[k].is_string;
  }
  std::optional<std::int64_t> integer_constant(std::uint32_t k) const {
    return k < constants.size() ? constants[k].integer : std::nullopt;
  }
};

std::optional<Function> read(const std::string& dump) {
  Reader in{dump};
  // Header: signature, version 5.4, format 0, LUAC_DATA, and the sizes of Instruction,
  // lua_Integer and lua_Number that this file assumes; then LUAC_INT, LUAC_NUM, #upvalues.
  if (!in.expect("\x1bLua\x54\x00\x19\x93\r\n\x1a\n\x04\x08\x08", 15)) return std::nullopt;
  in.skip(8 + 8 + 1);
  // The function: source (stripped), line defined, last line, #params, is_vararg, max stack.
  in.skip(std::max<std::size_t>(in.size(), 1) - 1);
  in.size();
  in.size();
  in.skip(3);
  const std::size_t code_size = in.size();
  if (!in.ok || code_size > budget || code_size > (dump.size() - in.at) / 4) {
    return std::nullopt;
  }
  Function f;
  f.code.resize(code_size);
  std::memcpy(f.code.data(), dump.data() + in.at, code_size * 4);
  in.skip(code_size * 4);
  // Tags (lobject.h): nil 0, false 1, true 17, integer 3, float 19, short string 4, long 20.
  const std::size_t constant_count = in.size();
  for (std::size_t k = 0; in.ok && k < constant_count; ++k) {
    const std::uint8_t tag = in.byte();
    Constant constant;
    if (tag == 4 || tag == 20) {
      constant.is_string = true;
      in.skip(std::max<std::size_t>(in.size(), 1) - 1);
    } else if (tag == 3) {
      constant.integer = in.integer();
    } else if (tag == 19) {
      in.skip(8);
    } else if (tag != 0 && tag != 1 && tag != 17) {
      return std::nullopt;  // a format this file does not know
    }
    f.constants.push_back(constant);
  }
  if (!in.ok) return std::nullopt;
  return f;
}

// Whether one instruction is allowed at all, whatever its place (loops are checked apart).
bool allowed(const Function& f, std::uint32_t i) {
  switch (opcode(i)) {
    case op_move:
    case op_loadi:
    case op_loadf:
    case op_loadfalse:
    case op_lfalseskip:
    case op_loadtrue:
    case op_loadnil:
    case op_gettable:
    case op_geti:
    case op_getfield:
    case op_newtable:
    case op_addi:
    case op_shri:
    case op_shli:
    case op_add:
    case op_sub:
    case op_mul:
    case op_mod:
    case op_pow:
    case op_div:
    case op_idiv:
    case op_band:
    case op_bor:
    case op_bxor:
    case op_shl:
    case op_shr:
    case op_mmbin:
    case op_mmbini:
    case op_unm:
    case op_bnot:
    case op_not:
    case op_len:
    case op_eq:
    case op_lt:
    case op_le:
    case op_eqk:
    case op_eqi:
    case op_lti:
    case op_lei:
    case op_gti:
    case op_gei:
    case op_test:
    case op_testset:
    case op_return:
    case op_return0:
    case op_return1:
    case op_setlist:
    case op_vararg:
    case op_varargprep:
    case op_extraarg:
    case op_forprep:
    case op_forloop:
      return true;
    case op_loadk:
      return !f.string_constant(arg_bx(i));
    case op_addk:
    case op_subk:
    case op_mulk:
    case op_modk:
    case op_powk:
    case op_divk:
    case op_idivk:
    case op_bandk:
    case op_bork:
    case op_bxork:
      return !f.string_constant(arg_c(i));
    case op_mmbink:
      return !f.string_constant(arg_b(i));
    case op_settable:
    case op_seti:
    case op_setfield:  // the value is a constant when k is set
      return !(arg_k(i) && f.string_constant(arg_c(i)));
    case op_jmp:
      return arg_sj(i) >= 0;
    default:  // upvalues, globals, self, concat, to-be-closed, calls, generic loops, closures
      return false;
  }
}

// A numeric `for` loop: FORPREP at `prep`, FORLOOP at `last`, its body between.
struct Loop {
  std::size_t prep = 0, last = 0;
  std::uint64_t iterations = 0;
};

// The integer a constant load puts into register `a`, if `i` is one.
std::optional<std::int64_t> constant_into(const Function& f, std::uint32_t i, std::uint32_t a) {
  if (arg_a(i) != a) return std::nullopt;
  if (opcode(i) == op_loadi) return arg_sbx(i);
  if (opcode(i) == op_loadk) return f.integer_constant(arg_bx(i));
  return std::nullopt;
}

// The loop whose FORPREP is at `prep`, if its bounds are integer constants loaded just before it
// and its FORLOOP is where FORPREP says. Iterations as lvm.c's forprep counts them.
std::optional<Loop> constant_loop(const Function& f, std::size_t prep) {
  const std::uint32_t i = f.code[prep];
  const std::uint32_t a = arg_a(i);
  const std::size_t last = prep + 1 + arg_bx(i);
  if (prep < 3 || last >= f.code.size() || opcode(f.code[last]) != op_forloop ||
      arg_a(f.code[last]) != a || arg_bx(f.code[last]) != arg_bx(i) + 1) {
    return std::nullopt;
  }
  const auto init = constant_into(f, f.code[prep - 3], a);
  const auto limit = constant_into(f, f.code[prep - 2], a + 1);
  const auto step = constant_into(f, f.code[prep - 1], a + 2);
  if (!init || !limit || !step || *step == 0) return std::nullopt;
  Loop loop{prep, last, 0};
  const auto u = [](std::int64_t x) { return static_cast<std::uint64_t>(x); };
  if (*step > 0 && *init <= *limit) {
    loop.iterations = (u(*limit) - u(*init)) / u(*step);
  } else if (*step < 0 && *init >= *limit) {
    loop.iterations = (u(*init) - u(*limit)) / (u(-(*step + 1)) + 1);
  } else {
    return loop;  // skipped
  }
  loop.iterations = std::min(loop.iterations, budget) + 1;
  return loop;
}

// Where an instruction may go other than the next one (a FORLOOP's jump back is its loop's).
std::optional<std::size_t> jump_target(std::uint32_t i, std::size_t pc) {
  if (opcode(i) == op_jmp) return pc + 1 + static_cast<std::size_t>(arg_sj(i));
  if (opcode(i) == op_forprep) return pc + 2 + arg_bx(i);
  if (may_skip_next(opcode(i))) return pc + 2;
  return std::nullopt;
}

}  // namespace

bool within_budget(lua_State* L, int index) {
  if (lua_type(L, index) != LUA_TFUNCTION || lua_iscfunction(L, index)) return false;
  std::string dump;
  lua_pushvalue(L, index);
  const int status = lua_dump(L, collect, &dump, 1);
  lua_pop(L, 1);
  if (status != 0) return false;
  const auto f = read(dump);
  if (!f) return false;

  std::vector<Loop> loops;
  std::vector<bool> loop_end(f->code.size());
  for (std::size_t pc = 0; pc < f->code.size(); ++pc) {
    const std::uint32_t i = f->code[pc];
    if (!allowed(*f, i)) return false;
    if (opcode(i) == op_forprep) {
      const auto loop = constant_loop(*f, pc);
      if (!loop) return false;
      loops.push_back(*loop);
      loop_end[loop->last] = true;
    }
    if (opcode(i) == op_forloop && !loop_end[pc]) return false;
  }
  // One sweep: loops must nest; each instruction counts once per iteration of every loop around
  // it; and for each instruction, the innermost loop whose loads or body hold it.
  constexpr std::size_t none = SIZE_MAX;
  std::vector<std::size_t> innermost(f->code.size(), none);
  struct Open {
    std::size_t loop;
    std::uint64_t times;  // how often its FORPREP runs
  };
  std::vector<Open> open;
  std::uint64_t times = 1, total = 0;
  std::size_t next = 0;
  for (std::size_t pc = 0; pc < f->code.size(); ++pc) {
    while (!open.empty() && pc > loops[open.back().loop].last) {
      times = open.back().times;
      open.pop_back();
    }
    if (next < loops.size() && loops[next].prep - 2 == pc) {
      if (!open.empty() && loops[next].last >= loops[open.back().loop].last) return false;
      open.push_back({next++, times});
    }
    if (!open.empty()) {
      const Loop& loop = loops[open.back().loop];
      innermost[pc] = open.back().loop;
      if (pc == loop.prep + 1) times = std::min(times * loop.iterations, budget + 1);
    }
    total += times;
    if (total > budget) return false;
  }
  // Nothing enters a loop, or its constant loads, but through them: a jump into one comes from
  // its own FORPREP or body (and so from inside every loop around it).
  for (std::size_t pc = 0; pc < f->code.size(); ++pc) {
    const auto target = jump_target(f->code[pc], pc);
    if (!target || *target >= f->code.size() || innermost[*target] == none) continue;
    const Loop& loop = loops[innermost[*target]];
    if (pc < loop.prep || pc > loop.last) return false;
  }
  return true;
}

}  // namespace tempo::lua
