// tempo::Schedule: the public face of the evaluation tree. Defines what happens at the edges of
// time (negative and NaN steps) and splits `fill` so that negative steps stay pointwise.
#include "tempo/schedule.hpp"

#include <cmath>

#include "tree.hpp"

namespace tempo {

Schedule::Schedule(std::shared_ptr<const detail::Tree> tree) noexcept : tree_(std::move(tree)) {}

void Schedule::fill(double first_step, std::span<double> out, double stride) const noexcept {
  // Steps that are negative or NaN take the pointwise path; the rest go phase by phase.
  std::size_t i = 0;
  const auto step_at = [&](std::size_t k) { return first_step + static_cast<double>(k) * stride; };
  while (i < out.size() && !(step_at(i) >= 0.0)) {
    out[i] = (*this)(step_at(i));
    ++i;
  }
  if (i == out.size()) return;
  if (stride > 0.0 && i == 0) {
    tree_->fill_segments(first_step, stride, out.data(), out.size());
    return;
  }
  for (; i < out.size(); ++i) out[i] = (*this)(step_at(i));
}

Schedule Schedule::bind(const Observations& record) const {
  if (!tree_->decider) return *this;
  return Schedule(tree_->decider->decide(record));
}

const std::vector<std::string>& Schedule::metrics() const noexcept {
  return tree_->metrics;
}

const std::vector<PhaseRow>& Schedule::phases() const noexcept {
  return tree_->phases;
}
const std::string& Schedule::source() const noexcept {
  return tree_->source;
}
double Schedule::total() const noexcept {
  return tree_->total;
}

double Schedule::steps_per_epoch() const noexcept {
  return tree_->steps_per_epoch;
}
double Schedule::tokens_per_step() const noexcept {
  return tree_->tokens_per_step;
}

std::size_t Schedule::bytes() const noexcept {
  const auto& t = *tree_;
  return sizeof(t) + t.nodes.size() * sizeof(detail::Node) +
         t.children.size() * sizeof(std::uint32_t) + t.starts.size() * sizeof(double) +
         t.values.size() * sizeof(double) + t.table.size() * sizeof(detail::Tree::Segment) +
         t.table_starts.size() * sizeof(double) + t.bucket_first.size() * sizeof(std::uint32_t);
}

}  // namespace tempo
