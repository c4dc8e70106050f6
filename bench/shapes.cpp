// The hand-written baselines of shapes.hpp. Parameters live in `P`, a non-const global, so each
// function loads them at run time like a trainer's function of its config would.
#include "shapes.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <vector>

namespace bench {

struct Parameters {
  double peak = 1, min = 0.1, warmup = 2000, total = 100000;
  double period = 1000, mult = 2, sgdr_min = 0.01;
  double gamma = 0.5, every = 10000;
  double milestones[12] = {5000,  10000, 20000, 30000, 40000, 50000,
                           60000, 70000, 80000, 85000, 90000, 95000};
  double half = 2000, exp_gamma = 0.99999;
  double d_model = 512, noam_warmup = 4000;
  double scale = 10000, decay_gamma = 0.99995;
  double up = 30000;  // onecycle: round(0.3·total)
  double xs[10] = {0, 1000, 5000, 10000, 20000, 30000, 50000, 70000, 90000, 100000};
  double ys[10] = {0, 1, 0.9, 0.8, 0.85, 0.5, 0.4, 0.2, 0.1, 0};
  // sequences of n phases: warmup(10) >> cosine(10, min=0.1) >> linear(10, to=1) >> …, their
  // starts padded with +∞ to a power of two; one table per length.
  std::vector<double> starts[3];
};
Parameters P;

namespace {

// Step i as a double, through the signed conversion (one instruction), as Tempo's fill does.
double at(std::size_t i) {
  return static_cast<double>(static_cast<std::int64_t>(i));
}

double cosine_ramp(double from, double to, double p) {
  return (from + to) / 2 + (from - to) / 2 * std::cos(std::numbers::pi * p);
}

[[gnu::noinline]] double design_card(double step) {
  if (step < P.warmup) return step / P.warmup;
  const double decay_start = P.total * 0.92;
  if (step < decay_start) return 1.0;
  if (step < P.total)
    return cosine_ramp(1.0, P.min, (step - decay_start) / (P.total - decay_start));
  return P.min;
}
[[gnu::noinline]] void design_card_fill(double* out, std::size_t n) {
  const double decay_start = P.total * 0.92, scale = 1.0 / (P.total - decay_start);
  std::size_t i = 0;
  for (; i < n && at(i) < P.warmup; ++i) out[i] = at(i) / P.warmup;
  std::size_t j = std::min(n, static_cast<std::size_t>(decay_start));
  std::fill(out + i, out + j, 1.0);
  for (i = j; i < n && at(i) < P.total; ++i) {
    out[i] = cosine_ramp(1.0, P.min, (at(i) - decay_start) * scale);
  }
  std::fill(out + i, out + n, P.min);
}

[[gnu::noinline]] double wsd_sqrt(double step) {  // warmup >> stable >> decay(shape=sqrt)
  const double decay_start = P.total * 0.92;
  if (step < P.warmup) return step / P.warmup;
  if (step < decay_start) return 1.0;
  if (step < P.total) return 1.0 - std::sqrt((step - decay_start) / (P.total - decay_start));
  return 0.0;
}

// PyTorch CosineAnnealingWarmRestarts' formula: the cycle by logarithm, then the cosine.
[[gnu::noinline]] double sgdr(double step) {
  if (step >= P.total) step = P.total;  // (held: total ends mid-cycle)
  const double n = std::floor(std::log(step / P.period * (P.mult - 1) + 1) / std::log(P.mult));
  const double start = P.period * (std::pow(P.mult, n) - 1) / (P.mult - 1);
  const double length = P.period * std::pow(P.mult, n);
  return P.sgdr_min +
         (P.peak - P.sgdr_min) * (1 + std::cos(std::numbers::pi * (step - start) / length)) / 2;
}

[[gnu::noinline]] double multistep(double step) {  // PyTorch MultiStepLR: bisect + pow
  if (step >= P.total) step = std::nextafter(P.total, 0.0);
  const auto passed = std::upper_bound(P.milestones, P.milestones + 12, step) - P.milestones;
  return P.peak * std::pow(P.gamma, static_cast<double>(passed));
}

[[gnu::noinline]] double staircase(double step) {  // PyTorch StepLR
  if (step >= P.total) step = std::nextafter(P.total, 0.0);
  return P.peak * std::pow(P.gamma, std::floor(step / P.every));
}

[[gnu::noinline]] double cyclic_triangular(double step) {
  step = std::min(step, P.total);
  const double cycle = std::floor(step / (2 * P.half));
  const double x = std::fabs(step / P.half - 2 * cycle - 1);
  return P.min + (P.peak - P.min) * std::max(0.0, 1 - x);
}
[[gnu::noinline]] double cyclic_triangular2(double step) {
  step = std::min(step, P.total);
  const double cycle = std::floor(step / (2 * P.half));
  const double x = std::fabs(step / P.half - 2 * cycle - 1);
  return P.min + (P.peak - P.min) * std::max(0.0, 1 - x) / std::exp2(cycle);
}
[[gnu::noinline]] double cyclic_exp_range(double step) {
  step = std::min(step, P.total);
  const double cycle = std::floor(step / (2 * P.half));
  const double x = std::fabs(step / P.half - 2 * cycle - 1);
  return P.min + (P.peak - P.min) * std::max(0.0, 1 - x) * std::pow(P.exp_gamma, step);
}

[[gnu::noinline]] double noam(double step) {
  const double s = std::max(std::min(step, P.total), 1.0);
  return std::pow(P.d_model, -0.5) * std::min(std::pow(s, -0.5), s * std::pow(P.noam_warmup, -1.5));
}

[[gnu::noinline]] double inv_sqrt(double step) {  // warmup >> inv_sqrt
  if (step < P.warmup) return step / P.warmup;
  const double tau = std::min(step, P.total) - P.warmup;
  return std::sqrt(P.scale / (P.scale + tau));
}

[[gnu::noinline]] double exponential(double step) {  // warmup >> exponential
  if (step < P.warmup) return step / P.warmup;
  return std::pow(P.decay_gamma, std::min(step, P.total) - P.warmup);
}

[[gnu::noinline]] double interp(double step) {  // 10 points, linear between them
  if (step >= P.xs[9]) return P.ys[9];
  const auto i = static_cast<std::size_t>(std::upper_bound(P.xs, P.xs + 10, step) - P.xs) - 1;
  return P.ys[i] + (P.ys[i + 1] - P.ys[i]) * (step - P.xs[i]) / (P.xs[i + 1] - P.xs[i]);
}

[[gnu::noinline]] double onecycle(double step) {  // PyTorch OneCycleLR, cosine, two phases
  const double low = P.peak / 25, end = low / 1e4;
  if (step < P.up) return cosine_ramp(low, P.peak, step / P.up);
  if (step < P.total) return cosine_ramp(P.peak, end, (step - P.up) / (P.total - P.up));
  return end;
}
[[gnu::noinline]] double onecycle_three(double step) {  // three phases, linear
  const double low = P.peak / 25, end = low / 1e4;
  if (step < P.up) return low + (P.peak - low) * step / P.up;
  if (step < 2 * P.up) return P.peak + (low - P.peak) * (step - P.up) / P.up;
  if (step < P.total) return low + (end - low) * (step - 2 * P.up) / (P.total - 2 * P.up);
  return end;
}

[[gnu::noinline]] double repeat(double step) {  // repeat(warmup(2000) >> cosine(8000), times=10)
  if (step >= P.total) return 0.0;
  const double tau = std::fmod(step, 10000);
  if (tau < 2000) return tau / 2000;
  return cosine_ramp(1.0, 0.0, (tau - 2000) / 8000);
}

[[gnu::noinline]] double curve(double step) {  // curve(d, level * (1 - p)^2)
  const double p = std::min(step, P.total) / P.total;
  return (1 - p) * (1 - p);
}

[[gnu::noinline]] double arithmetic(double step) {
  // min(1, 0.5 + warmup(2000)) * (1 - 0.9 * linear(to=1, from=0))
  const double w = step < P.warmup ? step / P.warmup : 1.0;
  const double l = std::min(step, P.total) / P.total;
  return std::min(1.0, 0.5 + w) * (1 - 0.9 * l);
}

[[gnu::noinline]] double peak_plus_floor(double step) {  // peak * (a >> b) + wd_floor
  const double base = step < P.warmup ? step / P.warmup
                      : step < P.total
                          ? cosine_ramp(1.0, 0.0, (step - P.warmup) / (P.total - P.warmup))
                          : 0.0;
  return 3e-4 * base + 1e-5;
}

// A sequence of n phases found by a branch-free binary search over its starts.
template <std::size_t n, int table>
[[gnu::noinline]] double sequence(double step) {
  const std::vector<double>& starts = P.starts[table];
  const double* base = starts.data();
  std::size_t size = starts.size();
  while (size > 1) {
    const std::size_t half = size / 2;
    base = base[half] <= step ? base + half : base;
    size -= half;
  }
  const auto i = static_cast<std::size_t>(base - starts.data());
  if (i >= n) return (n - 1) % 2 ? 0.1 : 1.0;  // held after the end
  const double tau = step - *base;
  if (i == 0) return tau / 10;
  if (i % 2) return 0.55 + 0.45 * std::cos(std::numbers::pi / 10 * tau);
  return 0.1 + 0.09 * tau;
}

// --- hand-written fills: one loop per phase over the consecutive steps 0, 1, …, count − 1 ----

// The steps [from, to) of a run of `count`, clamped to it.
struct Run {
  std::size_t from, to;
};
Run run(double from, double to, std::size_t count) {
  const auto clamp = [&](double x) {
    return x <= 0 ? std::size_t{0} : std::min(count, static_cast<std::size_t>(std::ceil(x)));
  };
  return {clamp(from), clamp(to)};
}

[[gnu::noinline]] void wsd_sqrt_fill(double* out, std::size_t n) {
  const double decay_start = P.total * 0.92, scale = 1.0 / (P.total - decay_start);
  const Run w = run(0, P.warmup, n), s = run(P.warmup, decay_start, n);
  const Run d = run(decay_start, P.total, n);
  for (std::size_t i = w.from; i < w.to; ++i) out[i] = at(i) / P.warmup;
  std::fill(out + s.from, out + s.to, 1.0);
  for (std::size_t i = d.from; i < d.to; ++i) {
    out[i] = 1.0 - std::sqrt((at(i) - decay_start) * scale);
  }
  std::fill(out + d.to, out + n, 0.0);
}

[[gnu::noinline]] void sgdr_fill(double* out, std::size_t n) {  // a loop per cycle
  double start = 0, length = P.period;
  std::size_t i = 0;
  for (; i < n && at(i) < P.total; start += length, length *= P.mult) {
    const Run c = run(start, std::min(start + length, P.total), n);
    const double omega = std::numbers::pi / length, half = (P.peak - P.sgdr_min) / 2;
    for (i = c.from; i < c.to; ++i) {
      out[i] = P.sgdr_min + half * (1 + std::cos(omega * (at(i) - start)));
    }
  }
  std::fill(out + i, out + n, sgdr(P.total));
}

[[gnu::noinline]] void multistep_fill(double* out, std::size_t n) {  // a constant run per step
  double value = P.peak, from = 0;
  for (std::size_t k = 0; k <= 12; ++k) {
    const double to = k < 12 ? P.milestones[k] : P.total;
    const Run r = run(from, to, n);
    std::fill(out + r.from, out + r.to, value);
    value *= P.gamma, from = to;
  }
  std::fill(out + run(P.total, P.total, n).from, out + n, multistep(P.total));
}

[[gnu::noinline]] void staircase_fill(double* out, std::size_t n) {
  double value = P.peak;
  for (double from = 0; from < P.total; from += P.every, value *= P.gamma) {
    const Run r = run(from, std::min(from + P.every, P.total), n);
    std::fill(out + r.from, out + r.to, value);
  }
  std::fill(out + run(P.total, P.total, n).from, out + n, staircase(P.total));
}

// cyclic and noam are one phase each: their formula in one loop, then the hold.
template <double (*formula)(double)>
[[gnu::noinline]] void one_loop_fill(double* out, std::size_t n) {
  const Run r = run(0, P.total, n);
  for (std::size_t i = r.from; i < r.to; ++i) out[i] = formula(at(i));
  std::fill(out + r.to, out + n, formula(P.total));  // held from the end on
}
double cyclic_triangular_formula(double step) {
  const double cycle = std::floor(step / (2 * P.half));
  return P.min + (P.peak - P.min) * std::max(0.0, 1 - std::fabs(step / P.half - 2 * cycle - 1));
}
double cyclic_triangular2_formula(double step) {
  const double cycle = std::floor(step / (2 * P.half));
  const double x = std::fabs(step / P.half - 2 * cycle - 1);
  return P.min + (P.peak - P.min) * std::max(0.0, 1 - x) / std::exp2(cycle);
}
double cyclic_exp_range_formula(double step) {
  const double cycle = std::floor(step / (2 * P.half));
  const double x = std::fabs(step / P.half - 2 * cycle - 1);
  return P.min + (P.peak - P.min) * std::max(0.0, 1 - x) * std::pow(P.exp_gamma, step);
}
double noam_formula(double step) {
  const double s = std::max(step, 1.0);
  return std::pow(P.d_model, -0.5) * std::min(std::pow(s, -0.5), s * std::pow(P.noam_warmup, -1.5));
}

void warmup_fill(double* out, Run w) {
  for (std::size_t i = w.from; i < w.to; ++i) out[i] = at(i) / P.warmup;
}

[[gnu::noinline]] void inv_sqrt_fill(double* out, std::size_t n) {
  const Run w = run(0, P.warmup, n), d = run(P.warmup, P.total, n);
  warmup_fill(out, w);
  for (std::size_t i = d.from; i < d.to; ++i) {
    out[i] = std::sqrt(P.scale / (P.scale + (at(i) - P.warmup)));
  }
  std::fill(out + d.to, out + n, inv_sqrt(P.total));
}

[[gnu::noinline]] void exponential_fill(double* out, std::size_t n) {
  const Run w = run(0, P.warmup, n), d = run(P.warmup, P.total, n);
  warmup_fill(out, w);
  for (std::size_t i = d.from; i < d.to; ++i) out[i] = std::pow(P.decay_gamma, at(i) - P.warmup);
  std::fill(out + d.to, out + n, exponential(P.total));
}

[[gnu::noinline]] void interp_fill(double* out, std::size_t n) {  // a loop per segment
  for (std::size_t k = 0; k + 1 < 10; ++k) {
    const Run r = run(P.xs[k], P.xs[k + 1], n);
    const double slope = (P.ys[k + 1] - P.ys[k]) / (P.xs[k + 1] - P.xs[k]);
    for (std::size_t i = r.from; i < r.to; ++i) out[i] = P.ys[k] + slope * (at(i) - P.xs[k]);
  }
  std::fill(out + run(P.xs[9], P.xs[9], n).from, out + n, P.ys[9]);
}

[[gnu::noinline]] void onecycle_fill(double* out, std::size_t n) {
  const double low = P.peak / 25, end = low / 1e4, scale = 1.0 / (P.total - P.up);
  const Run a = run(0, P.up, n), b = run(P.up, P.total, n);
  for (std::size_t i = a.from; i < a.to; ++i) out[i] = cosine_ramp(low, P.peak, at(i) / P.up);
  for (std::size_t i = b.from; i < b.to; ++i) {
    out[i] = cosine_ramp(P.peak, end, (at(i) - P.up) * scale);
  }
  std::fill(out + b.to, out + n, end);
}

[[gnu::noinline]] void onecycle_three_fill(double* out, std::size_t n) {
  const double low = P.peak / 25, end = low / 1e4, span = P.total - 2 * P.up;
  const Run a = run(0, P.up, n), b = run(P.up, 2 * P.up, n), c = run(2 * P.up, P.total, n);
  for (std::size_t i = a.from; i < a.to; ++i) out[i] = low + (P.peak - low) * at(i) / P.up;
  for (std::size_t i = b.from; i < b.to; ++i) {
    out[i] = P.peak + (low - P.peak) * (at(i) - P.up) / P.up;
  }
  for (std::size_t i = c.from; i < c.to; ++i)
    out[i] = low + (end - low) * (at(i) - 2 * P.up) / span;
  std::fill(out + c.to, out + n, end);
}

[[gnu::noinline]] void repeat_fill(double* out, std::size_t n) {  // two loops per cycle
  for (double start = 0; start < P.total; start += 10000) {
    const Run w = run(start, start + 2000, n), c = run(start + 2000, start + 10000, n);
    for (std::size_t i = w.from; i < w.to; ++i) out[i] = (at(i) - start) / 2000;
    for (std::size_t i = c.from; i < c.to; ++i) {
      out[i] = cosine_ramp(1.0, 0.0, (at(i) - start - 2000) / 8000);
    }
  }
  std::fill(out + run(P.total, P.total, n).from, out + n, 0.0);
}

[[gnu::noinline]] void curve_fill(double* out, std::size_t n) {
  const Run r = run(0, P.total, n);
  for (std::size_t i = r.from; i < r.to; ++i) {
    const double p = at(i) / P.total;
    out[i] = (1 - p) * (1 - p);
  }
  std::fill(out + r.to, out + n, 0.0);
}

[[gnu::noinline]] void arithmetic_fill(double* out, std::size_t n) {  // a loop per phase
  const Run w = run(0, P.warmup, n), s = run(P.warmup, P.total, n);
  for (std::size_t i = w.from; i < w.to; ++i) {
    out[i] = std::min(1.0, 0.5 + at(i) / P.warmup) * (1 - 0.9 * (at(i) / P.total));
  }
  for (std::size_t i = s.from; i < s.to; ++i) out[i] = 1 - 0.9 * (at(i) / P.total);
  std::fill(out + s.to, out + n, 0.1);
}

[[gnu::noinline]] void peak_plus_floor_fill(double* out, std::size_t n) {
  const double scale = 1.0 / (P.total - P.warmup);
  const Run w = run(0, P.warmup, n), c = run(P.warmup, P.total, n);
  for (std::size_t i = w.from; i < w.to; ++i) out[i] = 3e-4 * (at(i) / P.warmup) + 1e-5;
  for (std::size_t i = c.from; i < c.to; ++i) {
    out[i] = 3e-4 * cosine_ramp(1.0, 0.0, (at(i) - P.warmup) * scale) + 1e-5;
  }
  std::fill(out + c.to, out + n, 1e-5);
}

// warmup(10) >> cosine(10, min=0.1) >> linear(10, to=1) >> …: a loop per phase.
template <std::size_t phases>
[[gnu::noinline]] void sequence_fill(double* out, std::size_t n) {
  for (std::size_t k = 0; k < phases; ++k) {
    const double start = 10.0 * static_cast<double>(k);
    const Run r = run(start, start + 10, n);
    if (k == 0) {
      for (std::size_t i = r.from; i < r.to; ++i) out[i] = (at(i) - start) / 10;
    } else if (k % 2) {
      for (std::size_t i = r.from; i < r.to; ++i) {
        out[i] = 0.55 + 0.45 * std::cos(std::numbers::pi / 10 * (at(i) - start));
      }
    } else {
      for (std::size_t i = r.from; i < r.to; ++i) out[i] = 0.1 + 0.09 * (at(i) - start);
    }
  }
  const double end = 10.0 * static_cast<double>(phases);
  std::fill(out + run(end, end, n).from, out + n, (phases - 1) % 2 ? 0.1 : 1.0);
}

std::string sequence_source(std::size_t n) {
  std::string source = "warmup(10)";
  for (std::size_t i = 1; i < n; ++i)
    source += i % 2 ? " >> cosine(10, min=0.1)" : " >> linear(10, to=1)";
  return source;
}

void set_starts(int table, std::size_t n) {
  std::size_t padded = 1;
  while (padded < n + 1) padded *= 2;
  P.starts[table].assign(padded, std::numeric_limits<double>::infinity());
  for (std::size_t i = 0; i <= n; ++i) P.starts[table][i] = 10.0 * static_cast<double>(i);
}

std::vector<Shape> make_shapes() {
  set_starts(0, 8);
  set_starts(1, 100);
  set_starts(2, 10000);
  return {
      {"design_card", "warmup(2000) >> stable(0.9) >> cosine(min=0.1)", 100000, design_card,
       design_card_fill},
      {"wsd_sqrt", "warmup(2000) >> stable(0.9) >> decay(shape=sqrt)", 100000, wsd_sqrt,
       wsd_sqrt_fill},
      {"sgdr_mult2", "sgdr(period=1000, mult=2, min=0.01)", 100000, sgdr, sgdr_fill},
      {"multistep_12",
       "multistep(at=[5000, 10000, 20000, 30000, 40000, 50000, 60000, 70000, 80000, 85000, 90000, "
       "95000], gamma=0.5)",
       100000, multistep, multistep_fill},
      {"staircase", "staircase(every=10000, gamma=0.5)", 100000, staircase, staircase_fill},
      {"cyclic_triangular", "cyclic(base=0.1, max=1, half=2000)", 100000, cyclic_triangular,
       one_loop_fill<cyclic_triangular_formula>},
      {"cyclic_triangular2", "cyclic(base=0.1, max=1, half=2000, mode=triangular2)", 100000,
       cyclic_triangular2, one_loop_fill<cyclic_triangular2_formula>},
      {"cyclic_exp_range", "cyclic(base=0.1, max=1, half=2000, mode=exp_range, gamma=0.99999)",
       100000, cyclic_exp_range, one_loop_fill<cyclic_exp_range_formula>},
      {"noam", "noam(d_model=512, warmup=4000)", 100000, noam, one_loop_fill<noam_formula>},
      {"inv_sqrt", "warmup(2000) >> inv_sqrt(scale=10000)", 100000, inv_sqrt, inv_sqrt_fill},
      {"exponential", "warmup(2000) >> exponential(gamma=0.99995)", 100000, exponential,
       exponential_fill},
      {"interp_10",
       "interp([0, 0], [1000, 1], [5000, 0.9], [10000, 0.8], [20000, 0.85], [30000, 0.5], "
       "[50000, 0.4], [70000, 0.2], [90000, 0.1], [100000, 0])",
       100000, interp, interp_fill},
      {"onecycle", "onecycle(max=1)", 100000, onecycle, onecycle_fill},
      {"onecycle_three", "onecycle(max=1, three_phase=true, anneal=linear)", 100000, onecycle_three,
       onecycle_three_fill},
      {"repeat", "repeat(warmup(2000) >> cosine(8000), times=10)", 100000, repeat, repeat_fill},
      {"curve", "curve(100000, level * (1 - p)^2)", 100000, curve, curve_fill},
      {"arithmetic", "min(1, 0.5 + warmup(2000)) * (1 - 0.9 * linear(to=1, from=0))", 100000,
       arithmetic, arithmetic_fill},
      {"peak_plus_floor", "3e-4 * (warmup(2000) >> cosine()) + 1e-5", 100000, peak_plus_floor,
       peak_plus_floor_fill},
      {"sequence_8", sequence_source(8), 80, sequence<8, 0>, sequence_fill<8>},
      {"sequence_100", sequence_source(100), 1000, sequence<100, 1>, sequence_fill<100>},
      {"sequence_10000", sequence_source(10000), 100000, sequence<10000, 2>, sequence_fill<10000>},
  };
}

}  // namespace

std::span<const Shape> shapes() {
  static const std::vector<Shape> all = make_shapes();
  return all;
}

const Shape* find_shape(const std::string& name) {
  for (const Shape& s : shapes()) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

}  // namespace bench
