// The token clock: an exact sum over integer steps, a chunk at a time, and a closed form once
// the tokens per step are constant (after the batch schedule's last phase).
#include "token_clock.hpp"

#include <fmt/format.h>

#include <cmath>

#include "../runtime/schedule_access.hpp"
#include "lower.hpp"
#include "tempo/limits.hpp"

namespace tempo {

namespace {

// The local time from which node `id` keeps one value: a constant at once; a phase from its end
// on (it holds its end value); a sequence from where its last element settles; arithmetic and
// functions once every operand has. Forever when the value keeps moving (a curve over `step`, a
// repeat, a phase that never ends).
double constant_from(const detail::Tree& tree, std::uint32_t id) {
  const detail::Node& n = tree.nodes[id];
  if (n.op == detail::Op::constant || (detail::is_closed_form(n.op) && n.c1 == 0.0)) return 0;
  double from = detail::forever;
  if (n.op == detail::Op::sequence) {
    const std::uint32_t last = n.first + n.count - 1;
    from = tree.starts[last] + constant_from(tree, tree.children[last]);
  } else if (n.op == detail::Op::repeat) {
    from = constant_from(tree, tree.children[n.first]) == 0 ? 0 : detail::forever;
  } else if (detail::is_composite(n.op)) {
    from = 0;
    for (std::uint32_t i = 0; i < n.count; ++i) {
      from = std::max(from, constant_from(tree, tree.children[n.first + i]));
    }
  }
  return std::min(from, n.length);
}

}  // namespace

std::optional<TokenClock> TokenClock::make(const ir::Node& schedule, const Context& context,
                                           std::vector<Diagnostic>& diagnostics) {
  auto tree = build_schedule(schedule, context, diagnostics);
  if (!tree) return std::nullopt;
  const double settled = constant_from(*tree, tree->root);
  return TokenClock(detail::ScheduleAccess::make(std::move(tree)), settled);
}

std::optional<double> TokenClock::steps(double tokens, std::string& problem) const {
  if (!(tokens > 0)) return 0.0;
  auto below_one = [&](double value, double step) {
    problem = fmt::format("tokens_per_step is {} at step {}, but it must be ≥ 1", value, step);
    return std::nullopt;
  };
  double sum = 0, n = 0;
  std::vector<double> chunk(1 << 16);
  while (n < settled_) {
    if (n >= max_summed_steps) {
      problem = fmt::format(
          "the token clock does not reach it within {} steps, and tokens_per_step never settles",
          max_summed_steps);
      return std::nullopt;
    }
    const double count = std::min<double>(static_cast<double>(chunk.size()), settled_ - n);
    schedule_.fill(n, std::span<double>(chunk.data(), static_cast<std::size_t>(count)));
    for (std::size_t i = 0; i < static_cast<std::size_t>(count); ++i) {
      if (!(chunk[i] >= 1)) return below_one(chunk[i], n);
      sum += chunk[i];
      n += 1;
      if (sum >= tokens) return n;
    }
  }
  // Constant from here on: the smallest k with sum + k·value ≥ tokens, settled exactly.
  const double value = schedule_(n);
  if (!(value >= 1)) return below_one(value, n);
  double k = std::max(0.0, std::ceil((tokens - sum) / value));
  // Past 2^53 steps k − 1 is k again: the exact settling below would never end.
  if (n + k > limits::max_steps) {
    problem = "the token clock does not reach it within 2^53 steps";
    return std::nullopt;
  }
  while (k > 0 && sum + (k - 1) * value >= tokens) --k;
  while (sum + k * value < tokens) ++k;
  if (n + k > limits::max_steps) {
    problem = "the token clock does not reach it within 2^53 steps";
    return std::nullopt;
  }
  return n + k;
}

}  // namespace tempo
