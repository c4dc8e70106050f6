#include "mentions.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>

#include "../stdlib/primitive.hpp"

namespace tempo {

void names_in(const ast::Module& module, ast::NodeId id, std::vector<ast::NodeId>& out,
              bool in_curve) {
  const ast::Node& n = module[id];
  if (n.kind == ast::Kind::name) {
    static constexpr std::string_view curve_names[] = {"p", "t", "len", "step", "level"};
    const bool curve_variable =
        std::find(std::begin(curve_names), std::end(curve_names), n.name) != std::end(curve_names);
    if (!(in_curve && curve_variable)) out.push_back(id);
    return;
  }
  for (auto item : n.items) names_in(module, item, out, in_curve);
  const stdlib::Primitive* row =
      n.kind == ast::Kind::call ? stdlib::find_primitive(n.name) : nullptr;
  std::size_t position = 0;
  for (const auto& a : n.args) {
    bool expression = false;
    if (row) {
      for (std::size_t i = 0; i < row->params.size(); ++i) {
        const bool matches = a.name.empty() ? i == position : row->params[i].name == a.name;
        if (matches) expression = row->params[i].kind == stdlib::Kind::expression;
      }
    }
    if (a.name.empty()) ++position;
    names_in(module, a.value, out, in_curve || expression);
  }
}

}  // namespace tempo
