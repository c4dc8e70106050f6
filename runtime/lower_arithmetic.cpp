// The arithmetic of phases, piece by piece (lowering.hpp). Each operand is lowered over the
// node's span; the span is cut wherever an operand's segment changes; on each piece the
// operation is folded into one segment where the operands' kernels allow it bit for bit:
//  - constants fold to the tree's value on the piece;
//  - products of constants and at most two linear operands become one product kernel, in the
//    order of the tree's left-to-right product, and `x^2` is x·x (as the tree computes it);
//  - min and max of a constant and a linear operand split where the linear one crosses (the
//    first double at which the tree's comparison turns), each side being one operand;
//  - a sum of one term is that term.
// Whatever else (functions of phases, products of curves, sums of several phases) walks the tree
// on its piece only.
#include <bit>
#include <optional>

#include "lowering.hpp"

namespace tempo::detail {
namespace {

using Segment = Tree::Segment;
using Kind = Tree::Kind;

struct Linear {
  double c0 = 0, c1 = 0, start = 0;  // c0 + c1·(step − start)
  double at(double step) const noexcept { return c0 + c1 * (step - start); }
};

// What an operand is on a piece, as far as folding can tell.
struct Form {
  enum class Type { constant, linear, product, other } type = Type::other;
  double value = 0;  // constant
  Linear A, B;       // linear: A; product: a·((b·A)·B), or a·(b·A) alone
  double a = 1, b = 1;
  bool has_b = false;
  double at(double step) const noexcept { return type == Type::constant ? value : A.at(step); }
};

bool one(double x) {
  return x == 1.0;
}
bool same(const Linear& x, const Linear& y) {
  return std::bit_cast<std::uint64_t>(x.c0) == std::bit_cast<std::uint64_t>(y.c0) &&
         std::bit_cast<std::uint64_t>(x.c1) == std::bit_cast<std::uint64_t>(y.c1) &&
         std::bit_cast<std::uint64_t>(x.start) == std::bit_cast<std::uint64_t>(y.start);
}

Form constant_form(double value) {
  Form f;
  f.type = Form::Type::constant;
  f.value = value;
  return f;
}
Form linear_form(Linear l) {
  Form f;
  f.type = Form::Type::linear;
  f.A = l;
  return f;
}
Form product_form(double a, double b, Linear A, const Linear* B) {
  Form f;
  f.type = Form::Type::product;
  f.a = a;
  f.b = b;
  f.A = A;
  f.has_b = B != nullptr;
  if (B) f.B = *B;
  return f;
}

Form form_of(const Segment& s) {
  if (s.kind == Kind::constant) return constant_form(s.c0);
  if (s.kind == Kind::affine) return linear_form({s.c0, s.c1, s.start});
  if (s.kind == Kind::kernel && (s.kernel == kernels::square || s.kernel == kernels::square_one)) {
    const Linear A{s.c0, s.c1, s.start};
    return product_form(s.a, 1.0, A, &A);
  }
  if (s.kind == Kind::kernel &&
      (s.kernel == kernels::product || s.kernel == kernels::product_one)) {
    const Linear B{s.k0, s.k1, s.inner};
    return product_form(s.a, s.b, {s.c0, s.c1, s.start},
                        s.kernel == kernels::product ? &B : nullptr);
  }
  return {};
}

Segment segment_of(const Form& f, std::uint32_t id, double from) {
  Segment s;
  s.node = id;
  s.from = from;
  switch (f.type) {
    case Form::Type::constant:
      s.kind = Kind::constant;
      s.c0 = f.value;
      s.start = from;
      return s;
    case Form::Type::linear:
      s.kind = Kind::affine;
      s.c0 = f.A.c0, s.c1 = f.A.c1, s.start = f.A.start;
      return s;
    case Form::Type::product:
      if (!f.has_b && one(f.a) && one(f.b)) return segment_of(linear_form(f.A), id, from);
      s.kind = Kind::kernel;
      s.c0 = f.A.c0, s.c1 = f.A.c1, s.start = f.A.start;
      s.k0 = f.B.c0, s.k1 = f.B.c1, s.inner = f.B.start;
      s.a = f.a, s.b = f.b;
      if (!f.has_b) {
        s.kernel = kernels::product_one, s.fill = kernels::fill<kernels::product_one>;
      } else if (one(f.b) && same(f.A, f.B) && one(f.a)) {
        s.kernel = kernels::square_one, s.fill = kernels::fill<kernels::square_one>;
      } else if (one(f.b) && same(f.A, f.B)) {
        s.kernel = kernels::square, s.fill = kernels::fill<kernels::square>;
      } else {
        s.kernel = kernels::product, s.fill = kernels::fill<kernels::product>;
      }
      return s;
    case Form::Type::other:
      break;
  }
  return Lowering::tree_walk(id, 0.0, from);  // never reached: callers fold only known forms
}

// total·x, where total is the product of the factors so far: what the fold can keep exact.
std::optional<Form> multiply(const Form& total, const Form& x) {
  using T = Form::Type;
  if (total.type == T::constant) {
    if (x.type == T::constant) return constant_form(total.value * x.value);
    if (x.type == T::linear) return product_form(1.0, total.value, x.A, nullptr);  // c·L
    if (x.type == T::product && one(x.a)) {
      return product_form(total.value, x.b, x.A, x.has_b ? &x.B : nullptr);  // c·((b·A)·B)
    }
    return std::nullopt;
  }
  if (total.type == T::linear) {
    if (x.type == T::constant) return product_form(1.0, x.value, total.A, nullptr);  // d·L
    if (x.type == T::linear) return product_form(1.0, 1.0, total.A, &x.A);           // L·M
    return std::nullopt;
  }
  if (total.type == T::product && one(total.a)) {
    if (x.type == T::constant) {  // ((b·A)·B)·d = d·((b·A)·B)
      return product_form(x.value, total.b, total.A, total.has_b ? &total.B : nullptr);
    }
    if (x.type == T::linear && !total.has_b) return product_form(1.0, total.b, total.A, &x.A);
  }
  return std::nullopt;
}

using Pieces = std::vector<std::pair<double, Form>>;  // (first step, form), in order

// best = min(best, x) (or max) over [from, to), as the tree's std::min/std::max compute it: x
// wins where x < best (max: best < x). A constant against a linear operand turns once; the
// turn is the first double at which the comparison changes.
bool min_max(bool is_min, const Form& best, const Form& x, double from, double to, Pieces& out) {
  using T = Form::Type;
  if (best.type == T::constant && x.type == T::constant) {
    out.emplace_back(from, constant_form(is_min ? std::min(best.value, x.value)
                                                : std::max(best.value, x.value)));
    return true;
  }
  const bool mixed = (best.type == T::constant && x.type == T::linear) ||
                     (best.type == T::linear && x.type == T::constant);
  if (!mixed) return false;
  const Linear& l = best.type == T::linear ? best.A : x.A;
  const double c = best.type == T::constant ? best.value : x.value;
  if (l.c1 == 0.0) return false;
  auto wins = [&](double step) {
    return is_min ? x.at(step) < best.at(step) : best.at(step) < x.at(step);
  };
  const bool first = wins(from);
  const double crossing = l.start + (c - l.c0) / l.c1;
  if (std::isnan(crossing)) return false;
  const double guess = std::min(std::max(crossing, from), to);
  const auto turn = first_turn([&](double step) { return wins(step) != first; }, guess);
  // The comparison did not settle near a crossing inside the piece: walk the tree there.
  if (!turn && guess == crossing && std::isfinite(crossing)) return false;
  out.emplace_back(from, first ? x : best);
  if (turn && *turn > from && *turn < to) {
    out.emplace_back(*turn, first ? best : x);
  } else if (!turn && to == forever && wins(forever) != first) {
    out.emplace_back(forever, first ? best : x);  // they cross only at +∞ (the linear one is ±∞)
  }
  return true;
}

// One piece [from, to) of node `id`, its operands' forms known: folded, or the tree walked.
bool fold(const Tree& t, std::uint32_t id, double origin, double from, double to,
          const std::vector<Form>& operands, Pieces& out) {
  const Node& n = t.nodes[id];
  const double* aux = t.starts.data() + n.first;
  bool all_constant = true;
  for (const Form& f : operands) all_constant = all_constant && f.type == Form::Type::constant;
  if (all_constant) {
    out.emplace_back(from, constant_form(t.value(id, from - origin, from)));
    return true;
  }
  switch (n.op) {
    case Op::sum:
      if (n.count != 1 || !one(aux[0]) || operands[0].type == Form::Type::other) return false;
      out.emplace_back(from, operands[0]);  // 0 + 1·x is x
      return true;
    case Op::product: {
      Form total = operands[0];
      for (std::uint32_t i = 1; i < n.count; ++i) {
        if (aux[i] == 0.0) return false;  // a division by a phase
        const auto next = multiply(total, operands[i]);
        if (!next) return false;
        total = *next;
      }
      if (total.type == Form::Type::other) return false;
      out.emplace_back(from, total);
      return true;
    }
    case Op::pow:  // x^2 is x·x, in the tree walk too (power in ops.hpp)
      if (operands[0].type != Form::Type::linear || operands[1].type != Form::Type::constant ||
          operands[1].value != 2.0) {
        return false;
      }
      out.emplace_back(from, product_form(1.0, 1.0, operands[0].A, &operands[0].A));
      return true;
    case Op::min:
    case Op::max: {
      Pieces best{{from, operands[0]}};
      for (std::uint32_t i = 1; i < n.count; ++i) {
        Pieces next;
        for (std::size_t j = 0; j < best.size(); ++j) {
          const double until = j + 1 < best.size() ? best[j + 1].first : to;
          if (!min_max(n.op == Op::min, best[j].second, operands[i], best[j].first, until, next)) {
            return false;
          }
        }
        best = std::move(next);
      }
      for (const auto& piece : best) {
        if (piece.second.type == Form::Type::other) return false;
      }
      out.insert(out.end(), best.begin(), best.end());
      return true;
    }
    default:
      return false;  // clamp and the functions of phases: the tree walk
  }
}

}  // namespace

void Lowering::arithmetic(std::uint32_t id, double origin, double to) {
  const Node& n = t_.nodes[id];
  std::vector<std::vector<Segment>> operands(n.count);
  for (std::uint32_t i = 0; i < n.count; ++i) {
    Lowering operand(t_, budget_, depth_);
    if (!operand.node(t_.children[n.first + i], origin, to) || operand.segments.empty() ||
        budget_ == 0) {
      return push(tree_walk(id, origin, origin));
    }
    operands[i] = std::move(operand.segments);
  }
  std::vector<std::size_t> at(n.count, 0);
  std::vector<Form> forms(n.count);
  double from = origin;
  while (from < to) {
    double until = to;
    for (std::uint32_t i = 0; i < n.count; ++i) {
      const auto& list = operands[i];
      while (at[i] + 1 < list.size() && list[at[i] + 1].from <= from) ++at[i];
      if (at[i] + 1 < list.size()) until = std::min(until, list[at[i] + 1].from);
      forms[i] = form_of(list[at[i]]);
    }
    Pieces pieces;
    if (fold(t_, id, origin, from, until, forms, pieces)) {
      for (const auto& [first, form] : pieces) push(segment_of(form, id, first));
    } else {
      push(tree_walk(id, origin, from));
    }
    from = until;
  }
}

}  // namespace tempo::detail
