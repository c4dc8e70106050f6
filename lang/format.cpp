// Printing expressions back to source, with precedence from LANGUAGE.md §6.
#include "format.hpp"

#include <fmt/format.h>

namespace tempo::compiler {
namespace {

using Bindings = std::map<std::string, Binding, std::less<>>;

// Binding strength, lowest first: >>, + −, * /, unary −, ^, primary.
int operator_precedence(const ast::Node& n) {
  switch (n.kind) {
    case ast::Kind::sequence:
      return 1;
    case ast::Kind::sum:
      return 2;
    case ast::Kind::product:
      return 3;
    case ast::Kind::negate:
      return 4;
    case ast::Kind::power:
      return 5;
    default:
      return 6;
  }
}

// As an operand: parentheses make anything a primary.
int precedence(const ast::Node& n) {
  return n.parenthesized ? 6 : operator_precedence(n);
}

class Printer {
 public:
  explicit Printer(const Bindings* bindings) : bindings_(bindings) {}

  std::string print(Expr e, int context = 0) {
    const ast::Node& n = e.node();
    std::string body = bare(e);
    const int own = n.kind == ast::Kind::name ? substituted_precedence(n) : precedence(n);
    if (n.parenthesized || own < context) return "(" + body + ")";
    return body;
  }

 private:
  const Binding* binding(const ast::Node& n) const {
    if (!bindings_ || depth_ > 256) return nullptr;
    const auto it = bindings_->find(n.name);
    return it == bindings_->end() ? nullptr : &it->second;
  }
  int substituted_precedence(const ast::Node& n) const {
    const Binding* b = binding(n);
    return b ? precedence(b->value.node()) : 6;
  }

  std::string bare(Expr e) {
    const ast::Node& n = e.node();
    auto item = [&](std::size_t i, int context) { return print({e.module, n.items[i]}, context); };
    switch (n.kind) {
      case ast::Kind::number: {
        std::string text(e.text());
        const auto space = text.find_first_of(" \t");
        if (space == std::string::npos) return text;
        return text.substr(0, space) + " " + text.substr(text.find_last_of(" \t") + 1);
      }
      case ast::Kind::boolean:
        return n.truth ? "true" : "false";
      case ast::Kind::name: {
        const Binding* b = binding(n);
        if (!b) return n.name;
        ++depth_;
        std::string text = bare(b->value);
        if (b->value.node().parenthesized) text = "(" + text + ")";
        --depth_;
        return text;
      }
      case ast::Kind::call: {
        std::vector<std::string> args;
        for (const auto& a : n.args) {
          const std::string value = print({e.module, a.value});
          args.push_back(a.name.empty() ? value : a.name + "=" + value);
        }
        return fmt::format("{}({})", n.name, fmt::join(args, ", "));
      }
      case ast::Kind::list: {
        std::vector<std::string> items;
        for (std::size_t i = 0; i < n.items.size(); ++i) items.push_back(item(i, 0));
        return fmt::format("[{}]", fmt::join(items, ", "));
      }
      case ast::Kind::negate:
        return fmt::format("-{}", item(0, 4));
      case ast::Kind::power:
        return fmt::format("{}^{}", item(0, 6), item(1, 4));
      case ast::Kind::sequence:
      case ast::Kind::sum:
      case ast::Kind::product: {
        const int own = operator_precedence(n);
        std::string out = item(0, own);
        for (std::size_t i = 1; i < n.items.size(); ++i) {
          const std::string op = n.kind == ast::Kind::sequence ? ">>" : std::string(1, n.ops[i]);
          // Left-associative: a right operand of equal strength needs parentheses.
          out += " " + op + " " + item(i, n.kind == ast::Kind::sequence ? own : own + 1);
        }
        return out;
      }
    }
    return {};
  }

  const Bindings* bindings_;
  int depth_ = 0;
};

}  // namespace

std::string canonical(Expr e, const Bindings& bindings) {
  return Printer(&bindings).print(e);
}
std::string canonical(Expr e) {
  return Printer(nullptr).print(e);
}

}  // namespace tempo::compiler
