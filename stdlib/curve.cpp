// curve(d, expr): a phase given by a formula of p, t (= τ), len (= d), step (global), total and
// level (= L). The compiler compiles `expr` with those names bound; this file only ends it.
#include "primitive.hpp"

namespace tempo::stdlib {
namespace {
enum { D, EXPR };
constexpr Param params[] = {
    {"d", Kind::duration, {}, Range::non_negative, {}, "length"},
    {"expr",
     Kind::expression,
     {},
     Range::any,
     {},
     "formula over p, t, len, step, total, level",
     true},
};

Built build(Call& c) {
  const Built body = c.compile(EXPR, c.length(), c.level());
  auto& tree = c.tree();
  // The curve holds its formula's value at p = 1 from its end on.
  const make::Id terms[] = {body.node};
  const double signs[] = {1.0};
  const auto id = make::sum(tree, terms, signs);
  double end = 0;
  if (c.length() != detail::forever)
    end = tree.value(body.node, c.length(), c.start() + c.length());
  make::end_at(tree, id, c.length(), end);
  return {id, end};
}
}  // namespace

extern const Primitive curve_primitive{"curve",
                                       "a phase given by a formula",
                                       "expr with p, t, len, step, total, level bound",
                                       "expr at p = 1",
                                       params,
                                       false,
                                       build};

}  // namespace tempo::stdlib
