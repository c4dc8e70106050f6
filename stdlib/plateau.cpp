// plateau(d, factor=0.1, patience=10, threshold=1e-4, threshold_mode=rel, cooldown=0, mode=min,
// min=0, eps=1e-8, metric=loss, from=L): PyTorch's ReduceLROnPlateau over the observations the host
// reports for `metric` (LANGUAGE.md §10.9). The phase starts at `from` (L, as the other level-based
// phases); the observations inside it (start ≤ step < end) are replayed in order, each as one
// `scheduler.step(metric)` of torch 1.13, with its arithmetic, and each reduction it decides
// changes the value at the steps after the observation. Its patience, cooldown and best value start
// with the phase.
#include <cmath>
#include <limits>
#include <vector>

#include "primitive.hpp"

namespace tempo::stdlib {
namespace {
enum { D, FACTOR, PATIENCE, THRESHOLD, THRESHOLD_MODE, COOLDOWN, MODE, MIN, EPS, METRIC, FROM };
constexpr std::string_view threshold_modes[] = {"rel", "abs"};
constexpr std::string_view modes[] = {"min", "max"};
constexpr std::string_view default_metric[] = {"loss"};
constexpr Param params[] = {
    {"d", Kind::duration, {}, Range::non_negative, {}, "length"},
    {"factor", Kind::number, 0.1, Range::open_unit, {}, "multiplies the value at each reduction"},
    {"patience",
     Kind::count,
     10.0,
     Range::non_negative,
     {},
     "observations without improvement tolerated"},
    {"threshold", Kind::number, 1e-4, Range::non_negative, {}, "the least improvement counted"},
    {"threshold_mode",
     Kind::choice,
     {},
     Range::any,
     threshold_modes,
     "rel: relative to the best, abs: absolute"},
    {"cooldown",
     Kind::count,
     0.0,
     Range::non_negative,
     {},
     "observations ignored after a reduction"},
    {"mode", Kind::choice, {}, Range::any, modes, "min: lower is better, max: higher is better"},
    {"min", Kind::number, 0.0, Range::any, {}, "the value is not reduced below min"},
    {"eps", Kind::number, 1e-8, Range::non_negative, {}, "a smaller reduction is skipped"},
    {"metric", Kind::name, {}, Range::any, default_metric, "the metric it decides over"},
    {"from", Kind::level, {}, Range::any, {}, "value at the start (default: the level L)"},
};

// ReduceLROnPlateau's state, with its arithmetic (torch/optim/lr_scheduler.py, 1.13).
struct Rule {
  double factor, patience, threshold, cooldown, min, eps;
  bool maximize, relative;

  bool better(double a, double best) const {
    if (!maximize && relative) return a < best * (1.0 - threshold);
    if (!maximize) return a < best - threshold;
    if (relative) return a > best * (threshold + 1.0);
    return a > best + threshold;
  }
};

Built build(Call& c) {
  const Rule rule{c.number(FACTOR),        c.number(PATIENCE),
                  c.number(THRESHOLD),     c.number(COOLDOWN),
                  c.number(MIN),           c.number(EPS),
                  c.choice(MODE) == "max", c.choice(THRESHOLD_MODE) == "rel"};
  const double start = c.start(), end = start + c.length();
  double value = c.number(FROM);
  double best = rule.maximize ? -std::numeric_limits<double>::infinity()
                              : std::numeric_limits<double>::infinity();
  double bad = 0, cooling = 0;
  std::vector<double> steps, values{value};
  for (const auto& o : c.observations(c.choice(METRIC))) {
    if (o.step < start) continue;  // not the phase's own
    if (!(o.step < end)) break;    // decides the steps after the phase
    if (rule.better(o.value, best)) {
      best = o.value;
      bad = 0;
    } else {
      ++bad;
    }
    if (cooling > 0) {
      --cooling;
      bad = 0;  // bad observations in the cooldown are ignored
    }
    if (bad > rule.patience) {
      const double reduced = std::max(value * rule.factor, rule.min);
      if (value - reduced > rule.eps) {
        value = reduced;
        const double at = o.step - start;
        if (!steps.empty() && steps.back() == at) {
          values.back() = value;  // two reductions at one step: the steps after see both
        } else {
          steps.push_back(at);
          values.push_back(value);
        }
      }
      cooling = rule.cooldown;
      bad = 0;
    }
  }
  return {make::plateau(c.tree(), steps, values, c.length(), value), value};
}
}  // namespace

extern const Primitive plateau_primitive{
    "plateau",
    "reduce on plateau of an observed metric",
    "from, times factor at each reduction (not below min) decided over the observed metric",
    "the value after the phase's last reduction",
    params,
    false,
    build};

}  // namespace tempo::stdlib
