// Printing expressions back to source: from the syntax tree for `tempo fmt`, and from the resolved
// program for the canonical source (which follows every decision resolve made about a name).
// Both append to one string, so printing is linear in the size of what is printed.
#include "format.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

namespace tempo {
namespace {

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

void number_text(const ast::Module& module, const ast::Node& n, std::string& out) {
  out.append(module.file->text(), n.literal_begin, n.literal_end - n.literal_begin);
  switch (n.unit) {
    case ast::Unit::none:
      break;
    case ast::Unit::steps:
      out += " steps";
      break;
    case ast::Unit::epochs:
      out += " ep";
      break;
    case ast::Unit::tokens:
      out += " tok";
      break;
  }
}

// A bare number with '.' or '%' is a fraction of total where a duration goes (LANGUAGE.md §3):
// substituted for a name, which never is, it keeps its meaning only in parentheses.
bool reads_as_fraction(const ast::Node& n) {
  return n.kind == ast::Kind::number && !n.parenthesized && (n.has_dot || n.has_percent) &&
         !n.has_magnitude && n.unit == ast::Unit::none;
}

// What both printers share: precedence and parentheses, operator chains, calls and lists.
// `Printer::item(node, i, context)` prints the i-th operand of a node.
template <typename Printer>
struct Layout {
  std::string out;

  template <typename Body>
  void wrapped(bool parenthesized, int own, int context, Body body) {
    const bool parens = parenthesized || own < context;
    if (parens) out += '(';
    body();
    if (parens) out += ')';
  }

  template <typename Item>
  void operators(const ast::Node& n, Item item) {
    switch (n.kind) {
      case ast::Kind::negate:
        out += '-';
        item(0, 4);
        return;
      case ast::Kind::power:
        item(0, 6);
        out += '^';
        item(1, 4);
        return;
      default: {
        const int own = operator_precedence(n);
        item(0, own);
        for (std::size_t i = 1; i < n.items.size(); ++i) {
          out += n.kind == ast::Kind::sequence ? " >> " : fmt::format(" {} ", n.ops[i]);
          // Left-associative: a right operand of equal strength needs parentheses.
          item(i, n.kind == ast::Kind::sequence ? own : own + 1);
        }
      }
    }
  }

  template <typename Item>
  void separated(std::size_t count, Item item) {
    for (std::size_t i = 0; i < count; ++i) {
      if (i > 0) out += ", ";
      item(i);
    }
  }
};

// The syntax tree as written.
struct SyntaxPrinter : Layout<SyntaxPrinter> {
  const ast::Module& module;
  explicit SyntaxPrinter(const ast::Module& m) : module(m) {}

  void print(ast::NodeId id, int context = 0) {
    const ast::Node& n = module[id];
    wrapped(n.parenthesized, operator_precedence(n), context, [&] { bare(id); });
  }

  void bare(ast::NodeId id) {
    const ast::Node& n = module[id];
    switch (n.kind) {
      case ast::Kind::number:
        return number_text(module, n, out);
      case ast::Kind::boolean:
        out += n.truth ? "true" : "false";
        return;
      case ast::Kind::name:
        out += n.name;
        return;
      case ast::Kind::call:
        out += n.name;
        out += '(';
        separated(n.args.size(), [&](std::size_t i) {
          if (!n.args[i].name.empty()) {
            out += n.args[i].name;
            out += '=';
          }
          print(n.args[i].value);
        });
        out += ')';
        return;
      case ast::Kind::list:
        out += '[';
        separated(n.items.size(), [&](std::size_t i) { print(n.items[i]); });
        out += ']';
        return;
      default:
        return operators(n, [&](std::size_t i, int context) { print(n.items[i], context); });
    }
  }
};

// Is the i-th argument of `call`, as written, a duration or another step count?
bool is_duration(const ir::Node& call, std::size_t i) {
  for (std::size_t p = 0; p < call.args.size(); ++p) {
    if (call.args[p].given && call.args[p].value == call.written[i]) {
      const stdlib::Kind kind = call.row->params[p].kind;
      return kind == stdlib::Kind::duration || kind == stdlib::Kind::steps;
    }
  }
  return false;
}

// The resolved program: a name stands for what resolve bound it to. A binding used more than
// once is printed once, as a binding before the expression, so the text stays as small as the
// source (bindings of bindings used twice would otherwise double it at each level).
struct ResolvedPrinter : Layout<ResolvedPrinter> {
  std::map<const ir::Node*, std::size_t> uses;  // binding values → references to them
  std::map<const ir::Node*, std::string_view> names;
  std::string lines;  // `name = value; ` of the shared bindings, in dependency order
  std::set<const ir::Node*> printed;

  void count(const ir::Node& node) {
    if (node.kind == ir::Kind::reference) {
      if (uses[node.target]++ == 0) {
        names[node.target] = node.ast().name;
        count(*node.target);
      }
      return;
    }
    for (const ir::Node* item : node.items) count(*item);
    for (const ir::Node* arg : node.written) {
      if (arg) count(*arg);
    }
  }
  bool shared(const ir::Node& target) const {
    const auto it = uses.find(&target);
    if (it == uses.end() || it->second < 2) return false;
    const ast::Kind kind = target.ast().kind;
    return kind != ast::Kind::number && kind != ast::Kind::name;
  }

  std::string program(const ir::Node& root, const ContextBindings& context) {
    for (const auto& [name, value] : context) count(*value);
    count(root);
    out.reserve(root.text().size() + 16);  // about the source's own length
    for (const auto& [name, value] : context) {
      print(*value);
      lines += fmt::format("{} = {}; ", name, out);
      out.clear();
    }
    print(root);
    return lines + out;
  }

  // `duration`: the node stands where a duration goes.
  void print(const ir::Node& node, int context = 0, bool duration = false) {
    if (node.kind == ir::Kind::reference) {
      if (shared(*node.target)) {
        if (printed.insert(node.target).second) {  // its first use prints it as a binding
          std::string saved = std::move(out);
          out.clear();
          print(*node.target);
          lines += fmt::format("{} = {}; ", names[node.target], out);
          out = std::move(saved);
        }
        out += names[node.target];
        return;
      }
      const ir::Node& target = ir::resolved(node);
      const ast::Node& n = target.ast();
      wrapped(n.parenthesized || (duration && reads_as_fraction(n)), operator_precedence(n),
              context, [&] { bare(target); });
      return;
    }
    const ast::Node& n = node.ast();
    wrapped(n.parenthesized, operator_precedence(n), context, [&] { bare(node); });
  }

  void bare(const ir::Node& node) {
    const ast::Node& n = node.ast();
    switch (node.kind) {
      case ir::Kind::constant:
        if (n.kind == ast::Kind::number) return number_text(*node.module, n, out);
        out += n.name;
        return;
      case ir::Kind::variable:
        out += n.name;
        return;
      case ir::Kind::reference:
        return bare(ir::resolved(node));
      case ir::Kind::word:
        out += n.kind == ast::Kind::boolean ? (n.truth ? "true" : "false") : n.name;
        return;
      case ir::Kind::phase:
        out += n.name;
        out += '(';
        separated(n.args.size(), [&](std::size_t i) {
          if (!n.args[i].name.empty()) {
            out += n.args[i].name;
            out += '=';
          }
          print(*node.written[i], 0, is_duration(node, i));
        });
        out += ')';
        return;
      case ir::Kind::function:
        out += n.name;
        out += '(';
        separated(node.items.size(), [&](std::size_t i) { print(*node.items[i]); });
        out += ')';
        return;
      case ir::Kind::list:
        // The items of step lists and interp's points: (0.5) as a y means 0.5 as well.
        out += '[';
        separated(node.items.size(), [&](std::size_t i) { print(*node.items[i], 0, true); });
        out += ']';
        return;
      case ir::Kind::arithmetic:
      case ir::Kind::sequence:
        return operators(n, [&](std::size_t i, int context) { print(*node.items[i], context); });
      case ir::Kind::invalid:
        out += node.text();
        return;
    }
  }
};

}  // namespace

std::string canonical(const ir::Node& root, const ContextBindings& context) {
  return ResolvedPrinter{}.program(root, context);
}

std::string format_expression(const ast::Module& module, ast::NodeId id) {
  SyntaxPrinter printer(module);
  printer.print(id);
  return std::move(printer.out);
}

}  // namespace tempo
