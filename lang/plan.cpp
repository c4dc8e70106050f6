// plan: layout (LANGUAGE.md §4). Durations were measured by resolve; here each node is given its
// space, level and start, top-down: the elastic phase of a sequence fills what the others leave,
// and each element starts from the end value of the one before it.
#include "plan.hpp"

#include <fmt/format.h>

#include <bit>

#include "lower.hpp"
#include "tempo/limits.hpp"

namespace tempo {

void Planner::error(const SourceSpan& span, std::string message, std::string hint) {
  diagnostics_.push_back({span, std::move(message), std::move(hint)});
}

std::string Planner::describe_phases(const ir::Node& e) const {
  std::vector<std::string> parts;
  auto describe = [&](const ir::Node& item) {
    parts.push_back(item.extent.kind == ir::Extent::fixed
                        ? fmt::format("`{}` takes {}", item.text(), item.extent.steps)
                        : fmt::format("`{}` is elastic", item.text()));
  };
  const ir::Node& sequence = ir::resolved(e);
  if (sequence.kind == ir::Kind::sequence) {
    for (const ir::Node* item : sequence.items) describe(*item);
  } else {
    describe(e);
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

const PlanNode* Planner::plan_root(const ir::Node& root, Lowerer& lowerer) {
  lowerer_ = &lowerer;
  const ir::Extent extent = root.extent;
  double space =
      extent.kind == ir::Extent::elastic && context_.total ? *context_.total : detail::forever;
  if (extent.kind == ir::Extent::fixed) space = extent.steps;
  if (extent.kind == ir::Extent::fixed && context_.total && extent.steps > *context_.total) {
    error(root.span(),
          fmt::format("the phases take {} steps, more than total ({})", extent.steps,
                      *context_.total),
          describe_phases(root));
  }
  return &plan(root, space, 1.0, 0.0);
}

PlanNode& Planner::make(const ir::Node& written, double space, double level, double start) {
  PlanNode& node = nodes_.emplace_back();
  node.id = static_cast<std::uint32_t>(nodes_.size() - 1);
  node.written = &written;
  node.ir = &ir::resolved(written);
  node.length = space;
  node.level = level;
  node.start = start;
  node.elastic = node.ir->extent.kind != ir::Extent::fixed;
  return node;
}

std::size_t Planner::KeyHash::operator()(const Key& k) const noexcept {
  // Multiply-xorshift mixing of the four words (as in splitmix64's finalizer).
  std::uint64_t h = reinterpret_cast<std::uintptr_t>(k.ir);
  for (const std::uint64_t word : {k.space, k.level, k.start}) {
    h = (h ^ word) * 0x9e3779b97f4a7c15u;
    h ^= h >> 32;
  }
  return static_cast<std::size_t>(h);
}

const PlanNode& Planner::plan(const ir::Node& written, double space, double level, double start) {
  const ir::Node& ir = ir::resolved(written);
  // Keyed by bits, so that a NaN level is a key like any other.
  const Key key{&ir, std::bit_cast<std::uint64_t>(space), std::bit_cast<std::uint64_t>(level),
                std::bit_cast<std::uint64_t>(start)};
  if (const auto it = memo_.find(key); it != memo_.end()) return *it->second;
  PlanNode& node = make(written, space, level, start);
  struct Depth {
    std::size_t& depth;
    ~Depth() { --depth; }
  } depth{++depth_};
  if (depth_ > limits::max_compile_depth) {
    error(written.span(),
          fmt::format("the schedule nests deeper than {} levels through its bindings",
                      limits::max_compile_depth),
          "flatten the deepest bindings");
    node.failed = true;
    return node;
  }
  switch (ir.kind) {
    case ir::Kind::constant:
    case ir::Kind::variable:
      break;
    case ir::Kind::phase:
      plan_phase(node);
      break;
    case ir::Kind::function:
    case ir::Kind::arithmetic:
      plan_operands(node);
      break;
    case ir::Kind::sequence:
      plan_sequence(node);
      break;
    case ir::Kind::reference:
    case ir::Kind::list:
    case ir::Kind::word:
    case ir::Kind::invalid:
      node.failed = true;  // not a schedule; resolve has reported it
      break;
  }
  for (const PlanNode* item : node.items) node.failed = node.failed || item->failed;
  memo_[key] = &node;
  return node;
}

void Planner::plan_phase(PlanNode& node) {
  const ir::Node& call = *node.ir;
  const stdlib::Primitive& row = *call.row;
  if (call.extent.kind == ir::Extent::fixed) node.length = call.extent.steps;
  if (node.length == detail::forever && row.needs_length) {
    const ast::Node& n = call.ast();
    error(call.module->span(n.begin, n.name_end),
          fmt::format("`{}` needs a length: give d or total", row.name),
          fmt::format("e.g. {}(10000), or --total N", row.name));
    node.failed = true;
    return;
  }
  // Schedule arguments fill their own length, curve's expression the phase's, a body the phase's
  // when elastic; all start from the phase's level. The row's build asks for them again through
  // CallView::compile.
  for (std::size_t i = 0; i < row.params.size(); ++i) {
    const ir::Argument& arg = call.args[i];
    if (!arg.given) continue;
    if (row.params[i].kind == stdlib::Kind::schedule) {
      node.items.push_back(&plan(*arg.value, arg.value->extent.steps, node.level, node.start));
    } else if (row.params[i].kind == stdlib::Kind::expression) {
      node.items.push_back(&plan(*arg.value, node.length, node.level, node.start));
    } else if (row.params[i].kind == stdlib::Kind::body) {
      const ir::Extent extent = arg.value->extent;
      const double space = extent.kind == ir::Extent::fixed ? extent.steps : node.length;
      node.items.push_back(&plan(*arg.value, space, node.level, node.start));
    }
  }
}

void Planner::plan_operands(PlanNode& node) {
  const ir::Node& e = *node.ir;
  const double space = node.length;
  if (e.extent.kind == ir::Extent::fixed) node.length = e.extent.steps;
  if (e.kind == ir::Kind::arithmetic && e.extent.kind == ir::Extent::elastic &&
      space != detail::forever) {
    // A fixed operand cannot be longer than the space the elastic node fills.
    for (const ir::Node* item : e.items) {
      if (item->extent.kind == ir::Extent::fixed && item->extent.steps > space) {
        error(item->span(),
              fmt::format("this takes {} steps, more than the {} its expression fills",
                          item->extent.steps, space));
        node.failed = true;
      }
    }
  }
  for (const ir::Node* item : e.items) {
    node.items.push_back(&plan(*item, space, node.level, node.start));
  }
}

void Planner::plan_sequence(PlanNode& node) {
  const ir::Node& e = *node.ir;
  const double space = node.length;
  double fixed = 0;
  std::optional<std::size_t> elastic;
  for (std::size_t i = 0; i < e.items.size(); ++i) {
    if (e.items[i]->extent.kind == ir::Extent::fixed) {
      fixed += e.items[i]->extent.steps;
    } else {
      elastic = i;  // resolve made sure there is at most one
    }
  }
  // The elastic phase fills what the others leave (LANGUAGE.md §4).
  double elastic_length = 0;
  if (elastic) {
    const ir::Node& item = *e.items[*elastic];
    if (space == detail::forever) {
      elastic_length = detail::forever;
      if (*elastic + 1 != e.items.size()) {
        error(item.span(),
              fmt::format("`{}` is elastic but not last, so its length needs total", item.text()),
              "give --total N (or a `total = N` line), or give it a duration");
        node.failed = true;
        return;
      }
    } else {
      elastic_length = space - fixed;
      if (elastic_length < 0) {
        error(item.span(),
              fmt::format("no room for `{}`: the other phases take {} of {} steps", item.text(),
                          fixed, space),
              describe_phases(e));
        node.failed = true;
        return;
      }
    }
  }
  double at = 0, current = node.level;
  node.items.reserve(e.items.size());
  node.starts.reserve(e.items.size());
  for (std::size_t i = 0; i < e.items.size(); ++i) {
    const ir::Node& item = *e.items[i];
    const double length = elastic && *elastic == i ? elastic_length : item.extent.steps;
    const PlanNode& element = plan(item, length, current, node.start + at);
    node.items.push_back(&element);
    node.starts.push_back(at);
    if (element.failed) {
      node.failed = true;
      return;
    }
    current = lowerer_->end_of(element);
    at += length;
  }
  node.length = at;
}

}  // namespace tempo
