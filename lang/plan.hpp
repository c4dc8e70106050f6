// plan: the layout of a resolved schedule (LANGUAGE.md §4). Every node gets the space it fills,
// the level it starts from and its global start step; every sequence gets its elements' starts.
// The plan is a value: `tempo explain`, Schedule::phases(), diff, plot and fingerprints read its
// phase table. End values, which set the next phase's level, come from lowering each element.
#pragma once

#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "context.hpp"
#include "ir.hpp"

namespace tempo {

struct PlanNode {
  const ir::Node* ir = nullptr;       // references followed
  const ir::Node* written = nullptr;  // as written at this place
  double start = 0;                   // global step where it starts
  double length = detail::forever;    // the space it fills
  double level = 1;                   // L
  bool elastic = false;
  bool failed = false;                 // an error was reported here or below: nothing to lower
  std::uint32_t id = 0;                // its index among the planner's nodes (Lowerer's tables)
  std::vector<const PlanNode*> items;  // elements, operands, or a phase's schedule arguments
  std::vector<double> starts;          // sequence: each element's start, from this node's start
};

class Lowerer;

class Planner {
 public:
  Planner(const Context& context, std::vector<Diagnostic>& diagnostics)
      : context_(context), diagnostics_(diagnostics) {}

  // The schedule at the top level: level 1, filling total when it is elastic.
  const PlanNode* plan_root(const ir::Node& root, Lowerer& lowerer);
  const PlanNode& plan(const ir::Node& node, double space, double level, double start);

 private:
  PlanNode& make(const ir::Node& written, double space, double level, double start);
  void plan_sequence(PlanNode& node);
  void plan_phase(PlanNode& node);
  void plan_operands(PlanNode& node);
  std::string describe_phases(const ir::Node& sequence) const;
  void error(const SourceSpan& span, std::string message, std::string hint = {});

  const Context& context_;
  std::vector<Diagnostic>& diagnostics_;
  Lowerer* lowerer_ = nullptr;
  std::deque<PlanNode> nodes_;
  // A node planned in the same space, at the same level and start is planned once. Keyed by
  // bits, so that a NaN level is a key like any other; hashed, as a sorted map's comparisons of
  // the four fields were a tenth of planning a long sequence.
  struct Key {
    const ir::Node* ir;
    std::uint64_t space, level, start;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const noexcept;
  };
  std::unordered_map<Key, const PlanNode*, KeyHash> memo_;
  std::size_t depth_ = 0;
};

}  // namespace tempo
