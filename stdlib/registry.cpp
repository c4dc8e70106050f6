// The one registration table: every primitive of LANGUAGE.md §5, every function of §6 and the
// named constants. The compiler, `tempo --help`, docs/language.md and the tests read it.
#include <fmt/format.h>

#include <numbers>

#include "primitive.hpp"

namespace tempo::stdlib {

extern const Primitive warmup_primitive, stable_primitive, linear_primitive, cosine_primitive,
    poly_primitive, decay_primitive, exponential_primitive, staircase_primitive,
    multistep_primitive, inv_sqrt_primitive, noam_primitive, cyclic_primitive, sgdr_primitive,
    onecycle_primitive, interp_primitive, repeat_primitive, curve_primitive, take_primitive,
    inv_time_primitive, plateau_primitive;

namespace {
const Primitive* const table[] = {
    &warmup_primitive,    &stable_primitive,   &linear_primitive,      &cosine_primitive,
    &poly_primitive,      &decay_primitive,    &exponential_primitive, &staircase_primitive,
    &multistep_primitive, &inv_sqrt_primitive, &noam_primitive,        &cyclic_primitive,
    &sgdr_primitive,      &onecycle_primitive, &interp_primitive,      &repeat_primitive,
    &curve_primitive,     &take_primitive,     &inv_time_primitive,    &plateau_primitive,
};

using detail::Op;
constexpr Function function_table[] = {
    {"min", 1, 0, Op::min, "the smallest argument"},
    {"max", 1, 0, Op::max, "the largest argument"},
    {"clamp", 3, 3, Op::clamp, "clamp(s, lo, hi): s limited to [lo, hi]"},
    {"sqrt", 1, 1, Op::fn_sqrt, "square root"},
    {"exp", 1, 1, Op::fn_exp, "e^x"},
    {"log", 1, 1, Op::fn_log, "natural logarithm"},
    {"cos", 1, 1, Op::fn_cos, "cosine (radians)"},
    {"sin", 1, 1, Op::fn_sin, "sine (radians)"},
    {"tanh", 1, 1, Op::fn_tanh, "hyperbolic tangent"},
    {"abs", 1, 1, Op::fn_abs, "absolute value"},
    {"round", 1, 1, Op::fn_round, "nearest integer, halves away from zero"},
    {"floor", 1, 1, Op::fn_floor, "largest integer ≤ x"},
    {"ceil", 1, 1, Op::fn_ceil, "smallest integer ≥ x"},
};
}  // namespace

std::string default_text(const Param& p) {
  switch (p.kind) {
    case Kind::level:
      return "L";
    case Kind::choice:
    case Kind::name:
      return std::string(p.choices[0]);
    case Kind::boolean:
      return "false";
    default:
      break;
  }
  if (!p.fallback) return {};
  std::string text = fmt::format("{}", *p.fallback);
  // fmt writes 1e-08; the language writes 1e-8.
  if (const auto e = text.find('e'); e != std::string::npos) {
    std::size_t digits = e + 1;
    if (digits < text.size() && (text[digits] == '-' || text[digits] == '+')) {
      if (text[digits] == '+')
        text.erase(digits, 1);
      else
        ++digits;
    }
    while (digits + 1 < text.size() && text[digits] == '0') text.erase(digits, 1);
  }
  return text;
}

std::string signature(const stdlib::Primitive& primitive) {
  std::string out = std::string(primitive.name) + "(";
  bool first = true;
  for (const auto& p : primitive.params) {
    out += first ? "" : ", ";
    first = false;
    if (p.kind == Kind::points) {
      out += "[x0, y0], [x1, y1], …";
      continue;
    }
    const std::string fallback = default_text(p);
    out += fallback.empty() || p.required ? std::string(p.name)
                                          : fmt::format("{}={}", p.name, fallback);
  }
  return out + ")";
}

std::span<const Primitive* const> primitives() {
  return table;
}

const Primitive* find_primitive(std::string_view name) {
  for (const Primitive* p : table) {
    if (p->name == name) return p;
  }
  return nullptr;
}

std::span<const Function> functions() {
  return function_table;
}

const Function* find_function(std::string_view name) {
  for (const Function& f : function_table) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::optional<double> find_constant(std::string_view name) {
  if (name == "pi") return std::numbers::pi;
  if (name == "e") return std::numbers::e;
  return std::nullopt;
}

}  // namespace tempo::stdlib
