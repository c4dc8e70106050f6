// lower: plan → runtime tree, with all folding in this one pass.
#include "lower.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "../runtime/make.hpp"
#include "../runtime/schedule_access.hpp"
#include "call_view.hpp"
#include "constant_op.hpp"
#include "warnings.hpp"

namespace tempo {
namespace {

using stdlib::Built;
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

bool is_plain_constant(const detail::Tree& tree, std::uint32_t id) {
  const detail::Node& n = tree.nodes[id];
  return n.op == detail::Op::constant && n.length == detail::forever;
}

// True when node `id` is made only of closed-form phases (sequences and repeats of them
// included), so that a factor and an offset around it fold into its phases' c0 and c1.
bool is_affine(const detail::Tree& tree, std::uint32_t id) {
  const detail::Node& n = tree.nodes[id];
  if (detail::is_closed_form(n.op) || n.op == detail::Op::scripted) return true;
  if (n.op != detail::Op::sequence && n.op != detail::Op::repeat) return false;
  for (std::uint32_t i = 0; i < n.count; ++i) {
    if (!is_affine(tree, tree.children[n.first + i])) return false;
  }
  return true;
}

// Does curve's expression use p or len, which need a length?
bool uses_length(const ir::Node& e) {
  if (e.kind == ir::Kind::variable) {
    return e.variable == ir::Variable::p || e.variable == ir::Variable::len;
  }
  for (const ir::Node* item : e.items) {
    if (uses_length(*item)) return true;
  }
  return false;
}

// A label for the segments of a phase (onecycle, interp): short, so that a phase of thousands of
// segments does not copy its whole text into each.
std::string segment_label(std::string_view text, std::string_view name, std::uint32_t i,
                          std::uint32_t count) {
  if (text.size() > 60) return fmt::format("{}(…) [{}/{}]", name, i + 1, count);
  return fmt::format("{} [{}/{}]", text, i + 1, count);
}

}  // namespace

detail::Tree& CallView::tree() {
  return lowerer_->tree();
}

std::span<const Observations::Point> CallView::observations(std::string_view metric) {
  return lowerer_->observations(metric);
}

std::span<const Observations::Point> Lowerer::observations(std::string_view metric) {
  auto& metrics = tree_->metrics;
  if (std::find(metrics.begin(), metrics.end(), metric) == metrics.end()) {
    metrics.emplace_back(metric);
  }
  if (!record_) return {};
  return record_->series(metric);
}

Built CallView::compile(std::size_t i, double length, double level) {
  const bool expression = call_.row->params[i].kind == stdlib::Kind::expression;
  return lowerer_->argument(*call_.args[i].value, expression, length, level, layout_.start);
}

Built Lowerer::argument(const ir::Node& value, bool expression, double length, double level,
                        double start) {
  const PlanNode& planned = planner_.plan(value, length, level, start);
  if (planned.failed) return constant(nan);
  const Built built = lower(planned);
  // p and len need a length; a curve that runs forever may still use t and step.
  if (expression && length == detail::forever && uses_length(value)) {
    diagnostics_.push_back({value.span(),
                            "this curve uses p or len, so it needs a length: give d or total",
                            "e.g. curve(10000, 1 - p^2), or --total N"});
  }
  return built;
}

Built Lowerer::constant(double value) {
  return {detail::make::constant(*tree_, value), value};
}

Built Lowerer::lower(const PlanNode& node) {
  if (node.id < lowered_.size() && lowered_[node.id]) return *lowered_[node.id];
  Built built;
  switch (node.ir->kind) {
    case ir::Kind::constant:
      built = constant(*node.ir->value);
      break;
    case ir::Kind::variable:
      built = variable(node);
      break;
    case ir::Kind::phase:
      built = phase(node);
      break;
    case ir::Kind::sequence:
      built = sequence(node);
      break;
    case ir::Kind::function:
    case ir::Kind::arithmetic:
      built = composite(node);
      break;
    case ir::Kind::reference:
    case ir::Kind::list:
    case ir::Kind::word:
    case ir::Kind::invalid:
      built = constant(nan);  // never planned: see Planner::plan
      break;
  }
  if (node.id >= lowered_.size()) lowered_.resize(node.id + 1);
  lowered_[node.id] = built;
  return built;
}

// curve's variables, over the curve's length and from its level (the space and level its
// expression was planned with).
Built Lowerer::variable(const PlanNode& node) {
  // p and t are lines from 0 that run for ever: the curve that uses them has the length.
  switch (node.ir->variable) {
    case ir::Variable::len:
      return constant(node.length);
    case ir::Variable::level:
      return constant(node.level);
    case ir::Variable::step:
      return {detail::make::step(*tree_), nan};
    case ir::Variable::p:  // τ / len
      return {detail::make::linear(*tree_, 0.0, 1.0 / node.length, detail::forever, 0.0), nan};
    case ir::Variable::t:  // τ
      return {detail::make::linear(*tree_, 0.0, 1.0, detail::forever, 0.0), nan};
  }
  return constant(nan);  // unreachable: the switch names every variable
}

Built Lowerer::phase(const PlanNode& node) {
  CallView call(*node.ir, {node.length, node.level, node.start}, diagnostics_, this);
  const Built built = node.ir->row->build(call);
  const std::string_view text = node.ir->text();
  label(built.node, text);
  // Segments a phase is made of (onecycle, interp) are named after it in the phase table.
  const detail::Node n = tree_->nodes[built.node];
  if (n.op == detail::Op::sequence) {
    for (std::uint32_t i = 0; i < n.count; ++i) {
      // segment_label makes a new string: kept in labels_owned_ for the views.
      label(tree_->children[n.first + i],
            labels_owned_.emplace_front(segment_label(text, node.ir->row->name, i, n.count)));
    }
  }
  return built;
}

double Lowerer::end_of(const PlanNode& node) {
  if (node.id < ends_.size() && ends_[node.id]) return *ends_[node.id];
  double end = nan;
  if (node.ir->kind == ir::Kind::sequence) {
    if (node.length != detail::forever && !node.items.empty()) end = end_of(*node.items.back());
  } else {
    const Built built = lower(node);
    end = built.end;
    const detail::Node& n = tree_->nodes[built.node];
    if (std::isnan(end) && node.length != detail::forever && !detail::is_closed_form(n.op) &&
        n.op != detail::Op::scripted) {
      end = tree_->value(built.node, node.length, node.start + node.length);
      tree_->nodes[built.node].end = end;
    }
  }
  if (node.id >= ends_.size()) ends_.resize(node.id + 1);
  ends_[node.id] = end;
  return end;
}

void Lowerer::gather(const PlanNode& node, double offset, std::vector<std::uint32_t>& kids,
                     std::vector<double>& starts) {
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const PlanNode& item = *node.items[i];
    const double at = offset + node.starts[i];
    if (item.ir->kind == ir::Kind::sequence) {
      gather(item, at, kids, starts);  // a nested sequence is laid out flat: its phases are ours
      continue;
    }
    const Built built = lower(item);
    end_of(item);
    label(built.node, item.written->text());
    const detail::Node child = tree_->nodes[built.node];
    if (child.op == detail::Op::sequence) {  // a phase made of segments, or one folded into
      for (std::uint32_t k = 0; k < child.count; ++k) {
        kids.push_back(tree_->children[child.first + k]);
        starts.push_back(at + tree_->starts[child.first + k]);
      }
    } else {
      kids.push_back(built.node);
      starts.push_back(at);
    }
  }
}

Built Lowerer::sequence(const PlanNode& node) {
  std::vector<std::uint32_t> kids;
  std::vector<double> starts;
  kids.reserve(node.items.size());  // one each, unless nested sequences or segments add more
  starts.reserve(node.items.size());
  gather(node, 0.0, kids, starts);
  const double end = end_of(node);
  return {detail::make::sequence(*tree_, kids, starts, node.length, end), end};
}

std::uint32_t Lowerer::scaled_copy(std::uint32_t id, double k, double offset) {
  detail::Node n = tree_->nodes[id];
  n.end = k * n.end + offset;
  std::uint32_t copy = 0;
  if (n.op == detail::Op::sequence || n.op == detail::Op::repeat) {
    std::vector<std::uint32_t> kids;
    std::vector<double> aux;
    for (std::uint32_t i = 0; i < n.count; ++i) {
      kids.push_back(scaled_copy(tree_->children[n.first + i], k, offset));
      aux.push_back(tree_->starts[n.first + i]);
    }
    copy = tree_->add(n, kids, aux);
  } else {
    n.c0 = k * n.c0 + offset;
    n.c1 *= k;
    copy = tree_->add(n);
  }
  if (const std::string_view text = label_of(id); text.data()) label(copy, text);
  return copy;
}

Built Lowerer::composite(const PlanNode& node) {
  const ir::Node& e = *node.ir;
  if (e.is_constant()) return constant(*e.value);
  std::vector<Built> kids;
  for (const PlanNode* item : node.items) kids.push_back(lower(*item));
  const detail::Tree& t = *tree_;

  // One varying operand among constants folds into that operand's phases.
  std::size_t varying = kids.size(), varying_count = 0;
  for (std::size_t i = 0; i < kids.size(); ++i) {
    if (!is_plain_constant(t, kids[i].node)) {
      varying = i;
      ++varying_count;
    }
  }
  if (e.kind == ir::Kind::arithmetic && varying_count == 1 && is_affine(t, kids[varying].node)) {
    auto value_of = [&](std::size_t i) { return t.nodes[kids[i].node].c0; };
    double k = 1, offset = 0;
    bool foldable = true;
    if (e.op == detail::Op::sum) {
      for (std::size_t i = 0; i < kids.size(); ++i) {
        if (i == varying) {
          k = e.aux[i];
        } else {
          offset += e.aux[i] * value_of(i);
        }
      }
    } else if (e.op == detail::Op::product) {
      for (std::size_t i = 0; i < kids.size() && foldable; ++i) {
        if (i == varying) {
          foldable = e.aux[i] != 0.0;
        } else {
          k = e.aux[i] == 0.0 ? k / value_of(i) : k * value_of(i);
        }
      }
    } else {
      foldable = false;
    }
    if (foldable) {
      const std::uint32_t id = scaled_copy(kids[varying].node, k, offset);
      return {id, tree_->nodes[id].end};
    }
  }

  std::vector<std::uint32_t> ids;
  std::vector<double> values;
  bool all_constant = true;
  for (const Built& kid : kids) {
    ids.push_back(kid.node);
    all_constant = all_constant && is_plain_constant(t, kid.node);
    values.push_back(t.nodes[kid.node].c0);
  }
  // curve's len and level are constants once laid out: operations on them fold too.
  if (all_constant) return constant(apply_constant(e.op, values, e.aux));
  const std::uint32_t id = detail::make::composite(*tree_, e.op, ids, e.aux);
  detail::make::end_at(*tree_, id, detail::forever, nan);  // end_of computes it where needed
  return {id, nan};
}

// The first label given to a node stays.
void Lowerer::label(std::uint32_t id, std::string_view text) {
  if (id >= labels_.size()) labels_.resize(id + 1);
  if (!labels_[id].data()) labels_[id] = text;
}

std::string_view Lowerer::label_of(std::uint32_t id) const {
  return id < labels_.size() ? labels_[id] : std::string_view();
}

std::vector<PhaseRow> Lowerer::phase_rows(std::uint32_t root, std::string_view text, double space) {
  std::vector<PhaseRow> rows;
  const detail::Tree& t = *tree_;
  const detail::Node top = t.nodes[root];
  rows.reserve(top.op == detail::Op::sequence ? top.count : 1);
  auto row = [&](std::uint32_t id, double start, double end) {
    const std::string_view label = label_of(id);
    rows.push_back({std::string(label.data() ? label : text), start, end, t.value(id, 0.0, start),
                    end == detail::forever ? nan : t.nodes[id].end});
  };
  if (top.op == detail::Op::sequence) {
    for (std::uint32_t i = 0; i < top.count; ++i) {
      const double start = t.starts[top.first + i];
      const double end = i + 1 < top.count ? t.starts[top.first + i + 1] : top.length;
      row(t.children[top.first + i], start, end);
    }
  } else {
    row(root, 0.0, space);
  }
  return rows;
}

std::shared_ptr<detail::Tree> build_schedule(const ir::Node& root, const Context& context,
                                             std::vector<Diagnostic>& diagnostics,
                                             const Observations* record,
                                             std::vector<Diagnostic>* warnings) {
  const std::size_t errors = diagnostics.size();
  Planner planner(context, diagnostics);
  Lowerer lowerer(planner, diagnostics, record);
  const PlanNode* plan = planner.plan_root(root, lowerer);
  if (diagnostics.size() != errors || plan->failed) return nullptr;
  const Built built = lowerer.lower(*plan);
  lowerer.end_of(*plan);
  if (diagnostics.size() != errors) return nullptr;
  std::vector<PhaseRow> rows = lowerer.phase_rows(built.node, root.text(), plan->length);
  std::shared_ptr<detail::Tree> tree = lowerer.take_tree();
  tree->root = built.node;
  compact(*tree);
  tree->finalize();
  tree->phases = std::move(rows);
  if (context.total) tree->total = *context.total;
  if (context.steps_per_epoch) tree->steps_per_epoch = *context.steps_per_epoch;
  if (context.tokens_per_step) tree->tokens_per_step = *context.tokens_per_step;
  if (warnings) find_warnings(*plan, detail::ScheduleAccess::make(tree), context, *warnings);
  return tree;
}

}  // namespace tempo
