// The Decider of a schedule with plateau phases: plans and lowers its resolved program again,
// now with the record, so that the decisions and every level after them come from it. Parsing,
// imports and checks are not repeated, and nothing is read from the Options the schedule was
// compiled with.
#include "decide.hpp"

#include <stdexcept>

#include "lower.hpp"

namespace tempo {
namespace {

class Decider final : public detail::Decider, public std::enable_shared_from_this<Decider> {
 public:
  Decider(std::shared_ptr<const ResolvedProgram> program, const ir::Node& root,
          const Context& context, std::string source)
      : program_(std::move(program)), root_(root), context_(context), source_(std::move(source)) {}

  std::shared_ptr<const detail::Tree> decide(const Observations& record) const override {
    std::vector<Diagnostic> diagnostics;
    auto tree = build_schedule(root_, context_, diagnostics, &record);
    // The same program compiled before: only the decisions differ, and they cannot fail.
    if (!tree) throw std::logic_error("binding a schedule to observations failed");
    tree->source = source_;
    tree->decider = shared_from_this();
    return tree;
  }

 private:
  std::shared_ptr<const ResolvedProgram> program_;  // owns root_ and all it points at
  const ir::Node& root_;
  Context context_;     // final by the time a schedule is built: a copy, not the compiler's
  std::string source_;  // the canonical source, the same for every record
};

}  // namespace

std::shared_ptr<const detail::Decider> make_decider(std::shared_ptr<const ResolvedProgram> program,
                                                    const ir::Node& root, const Context& context,
                                                    std::string source) {
  return std::make_shared<const Decider>(std::move(program), root, context, std::move(source));
}

}  // namespace tempo
