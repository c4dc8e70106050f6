// The token clock: an exact sum over integer steps, a chunk at a time, and a closed form once
// the tokens per step are constant (after the batch schedule's last phase).
#include "token_clock.hpp"

#include <fmt/format.h>

#include <cmath>

#include "limits.hpp"
#include "lower.hpp"

namespace tempo {

std::optional<TokenClock> TokenClock::make(const ir::Node& schedule, const Context& context,
                                           std::vector<Diagnostic>& diagnostics) {
  auto tree = build_schedule(schedule, context, diagnostics);
  if (!tree) return std::nullopt;
  // Settled: held after the last phase, or a last phase that is a constant.
  double settled = detail::forever;
  const detail::Node& top = tree->nodes[tree->root];
  if (top.op == detail::Op::constant) settled = 0;
  if (!tree->phases.empty() && std::isfinite(tree->phases.back().end)) {
    settled = tree->phases.back().end;
  } else if (top.op == detail::Op::sequence &&
             tree->nodes[tree->children[top.first + top.count - 1]].op == detail::Op::constant) {
    settled = tree->starts[top.first + top.count - 1];
  }
  return TokenClock(Schedule(std::move(tree)), settled);
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
  while (k > 0 && sum + (k - 1) * value >= tokens) --k;
  while (sum + k * value < tokens) ++k;
  if (n + k > limits::max_steps) {
    problem = "the token clock does not reach it within 2^53 steps";
    return std::nullopt;
  }
  return n + k;
}

}  // namespace tempo
