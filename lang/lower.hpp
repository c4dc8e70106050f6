// lower: plan → runtime tree. Each phase's row builds its node (through CallView); sequences,
// arithmetic and functions become composite nodes. All folding happens here, once: an operation
// on constants becomes a constant, and constant factors and offsets around closed-form phases
// fold into the phases' own c0 and c1, so evaluation pays nothing for them.
#pragma once

#include <forward_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plan.hpp"

namespace tempo {

class Lowerer {
 public:
  Lowerer(Planner& planner, std::vector<Diagnostic>& diagnostics,
          const Observations* record = nullptr)
      : planner_(planner),
        diagnostics_(diagnostics),
        record_(record),
        tree_(std::make_shared<detail::Tree>()) {
    // Room for a short schedule's nodes: its tables then grow once, not at 1, 2, 4 and 8.
    lowered_.reserve(16);
    ends_.reserve(16);
    labels_.reserve(16);
  }

  stdlib::Built lower(const PlanNode& node);
  // The value a planned node holds from its end on: the next element's level. Computed only
  // where asked for (an operation's end needs an evaluation).
  double end_of(const PlanNode& node);
  // A phase's schedule (or curve expression) argument, at the length and level it asks for.
  stdlib::Built argument(const ir::Node& value, bool expression, double length, double level,
                         double start);
  // The rows of the top-level sequence for explain and Schedule::phases() (or the whole
  // schedule as one row), named after the phases as written.
  std::vector<PhaseRow> phase_rows(std::uint32_t root, std::string_view text, double space);

  // The record's observations of `metric` (none without a record); the tree decides over it.
  std::span<const Observations::Point> observations(std::string_view metric);

  detail::Tree& tree() { return *tree_; }
  std::shared_ptr<detail::Tree> take_tree() { return std::move(tree_); }

 private:
  stdlib::Built constant(double value);
  stdlib::Built variable(const PlanNode& node);
  stdlib::Built phase(const PlanNode& node);
  stdlib::Built sequence(const PlanNode& node);
  // The phases of a sequence, nested sequences laid out flat.
  void gather(const PlanNode& node, double offset, std::vector<std::uint32_t>& kids,
              std::vector<double>& starts);
  stdlib::Built composite(const PlanNode& node);
  // A copy of node `id` and what it is made of, multiplied by k and offset by `offset`.
  std::uint32_t scaled_copy(std::uint32_t id, double k, double offset);

  Planner& planner_;
  std::vector<Diagnostic>& diagnostics_;
  const Observations* record_;
  std::shared_ptr<detail::Tree> tree_;
  // By PlanNode::id and by runtime node: vectors, not maps, as compiling 10,000 phases spent a
  // tenth of its time inserting into maps. A label points into the source, which outlives the
  // lowering; phase_rows copies it.
  std::vector<std::optional<stdlib::Built>> lowered_;
  std::vector<std::optional<double>> ends_;
  std::vector<std::string_view> labels_;  // runtime node → the source it comes from (or null)
  // Labels made here (segments): stable addresses, and no allocation while there is none.
  std::forward_list<std::string> labels_owned_;
  void label(std::uint32_t id, std::string_view text);
  std::string_view label_of(std::uint32_t id) const;
};

// Keeps only the nodes reachable from the root (lowering leaves behind what folding replaced).
void compact(detail::Tree& tree);

// Resolve's output for one schedule, planned and lowered: the runtime tree with its phase table,
// or nullptr when an error was reported. With a record, plateau phases decide over it. With
// `warnings`, what looks wrong in a schedule that compiled is added there (warnings.hpp).
std::shared_ptr<detail::Tree> build_schedule(const ir::Node& root, const Context& context,
                                             std::vector<Diagnostic>& diagnostics,
                                             const Observations* record = nullptr,
                                             std::vector<Diagnostic>* warnings = nullptr);

}  // namespace tempo
