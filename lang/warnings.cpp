// The warnings of LANGUAGE.md's "Warnings" section: each reads the plan (lengths, levels and
// starts as laid out) and, where it is about values, the compiled schedule itself.
#include "warnings.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <tuple>

namespace tempo {
namespace {

// Samples taken of a run to judge its values: enough for a share of steps to within a percent,
// few enough that compiling thousands of bindings stays fast.
constexpr double max_samples = 2048;

std::optional<std::size_t> param_index(const ir::Node& call, std::string_view name) {
  for (std::size_t i = 0; i < call.row->params.size(); ++i) {
    if (call.row->params[i].name == name) return i;
  }
  return std::nullopt;
}

bool is_bare_fraction(const ast::Node& n) {
  return n.kind == ast::Kind::number && !n.parenthesized && (n.has_dot || n.has_percent) &&
         !n.has_magnitude && n.unit == ast::Unit::none;
}

// Whole numbers in full (12000, not 1.2e+04), others to 4 significant digits.
std::string number(double value) {
  if (value == std::round(value) && std::fabs(value) < 1e15) return fmt::format("{:.0f}", value);
  return fmt::format("{:.4g}", value);
}

struct Warner {
  const Schedule& schedule;
  const Context& context;
  std::vector<Diagnostic>& out;
  double run = 0;   // the steps of the run (total), 0 when it is not known
  double peak = 0;  // the largest value over the run
  std::set<const PlanNode*> seen;
  bool jumped = false;  // a jump explains the steps near 0 after it: one warning, not two

  void warn(const SourceSpan& span, std::string message, std::string hint) {
    out.push_back({span, std::move(message), std::move(hint), Severity::warning});
  }

  // A phase that lasts 0 steps although it was given a length, or got none from its sequence.
  void zero_length(const PlanNode& node) {
    const ir::Node& call = *node.ir;
    if (node.length != 0 || call.row->params.empty()) return;
    const ir::Argument& d = call.args[0];
    if (call.row->params[0].kind != stdlib::Kind::duration) return;
    if (!d.given) {
      warn(call.span(),
           fmt::format("`{}` lasts 0 steps: the other phases fill its space", call.text()),
           "shorten the other phases or give a larger total, or leave this phase out");
      return;
    }
    const ast::Node& n = d.value->ast();
    std::optional<double> written;
    if (is_bare_fraction(n) && context.total) {
      written = n.number * *context.total;
    } else if (n.unit == ast::Unit::none && d.value->is_constant()) {
      written = *d.value->value;
    }
    if (written && *written == 0) return;  // an explicit 0 is meant
    warn(d.value->span(), fmt::format("`{}` lasts 0 steps: its duration rounds to 0", call.text()),
         written ? fmt::format("`{}` is {} steps; durations are whole steps: give at least 1, or "
                               "leave the phase out",
                               d.value->text(), number(*written))
                 : "durations are whole steps: give at least 1, or leave the phase out");
  }

  // Milestones count from the phase's start; one at or past its end never applies.
  void milestones(const PlanNode& node) {
    const ir::Node& call = *node.ir;
    const auto at = param_index(call, "at");
    if (call.row->name != "multistep" || !at || !call.args[*at].given) return;
    std::vector<std::string> late;
    for (double m : call.args[*at].list) {
      if (m >= node.length) late.push_back(number(m));
    }
    if (late.empty()) return;
    warn(call.args[*at].value->span(),
         fmt::format("{} {} {} at or past the end of `{}` ({} steps), so {} never {}",
                     late.size() == 1 ? "milestone" : "milestones", fmt::join(late, ", "),
                     late.size() == 1 ? "is" : "are", call.text(), number(node.length),
                     late.size() == 1 ? "it" : "they", late.size() == 1 ? "applies" : "apply"),
         node.start > 0 ? fmt::format("milestones count from the phase's start (step {}): a "
                                      "milestone at step M of the run is written M - {}",
                                      number(node.start), number(node.start))
                        : "milestones count from the phase's start, up to its length");
  }

  void warmup_share(const PlanNode& node) {
    const ir::Node& call = *node.ir;
    if (call.row->name != "warmup" || !(run > 0) || !(node.length > 0.25 * run)) return;
    if (node.length == detail::forever) return;
    warn(call.span(),
         fmt::format("`{}` takes {}% of the run ({} of {} steps)", call.text(),
                     number(100 * node.length / run), number(node.length), number(run)),
         "warmups usually take a few percent of a run; check its length (a bare `0.3` is 30% "
         "of total)");
  }

  // A decay whose end is above its start rises: allowed, but rarely meant.
  void rising_decay(const PlanNode& node) {
    const ir::Node& call = *node.ir;
    const auto min = param_index(call, "min"), max = param_index(call, "max");
    if (!min || !max || call.row->params[*max].kind != stdlib::Kind::level) return;
    const ir::Argument& lo = call.args[*min];
    const double end = lo.given ? lo.number : call.row->params[*min].fallback.value_or(0);
    const double start = call.args[*max].given ? call.args[*max].number : node.level;
    if (!(end > start)) return;
    warn(lo.given ? lo.span : call.span(),
         fmt::format("`{}` rises: it starts at {} and ends at min={}", call.text(), number(start),
                     number(end)),
         fmt::format("`min` is where a decay ends; for a rise write `warmup({}, from={}, to={})`",
                     std::isfinite(node.length) && node.length != detail::forever
                         ? number(node.length)
                         : "d",
                     number(start), number(end)));
  }

  // The phases of a sequence, nested sequences laid out flat, with their global starts.
  void flatten(const PlanNode& node, std::vector<std::pair<const PlanNode*, double>>& out) {
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      const PlanNode& item = *node.items[i];
      if (item.ir->kind == ir::Kind::sequence) {
        flatten(item, out);
      } else {
        out.emplace_back(&item, node.start + node.starts[i]);
      }
    }
  }

  // An operation after `>>` starts from the level but does not start at it: usually `*` or `+`
  // binding tighter than `>>` (`warmup(2000) >> cosine() * 3e-4`).
  void jumps(const PlanNode& sequence) {
    std::vector<std::pair<const PlanNode*, double>> elements;
    flatten(sequence, elements);
    for (std::size_t i = 1; i < elements.size(); ++i) {
      const auto [element, at] = elements[i];
      const ir::Kind kind = element->ir->kind;
      if (kind != ir::Kind::arithmetic && kind != ir::Kind::function) continue;
      if (element->ir->is_constant() || !std::isfinite(at)) continue;
      const double before = schedule(std::nextafter(at, 0.0)), after = schedule(at);
      if (!(std::fabs(after - before) > 0.5 * peak)) continue;
      jumped = true;
      warn(element->written->span(),
           fmt::format("the schedule jumps from {} to {} at step {}, where `{}` starts",
                       number(before), number(after), number(at), element->written->text()),
           jump_hint(*sequence.ir, *element->written));
    }
  }

  static std::string jump_hint(const ir::Node& sequence, const ir::Node& element) {
    const ast::Node& e = element.ast();
    const ir::Node& op = ir::resolved(element);
    if (element.kind != ir::Kind::reference && op.kind == ir::Kind::arithmetic &&
        op.items.size() == 2 && e.ops.size() == 2 &&
        op.items[0]->is_constant() != op.items[1]->is_constant() && !e.parenthesized) {
      const bool constant_first = op.items[0]->is_constant();
      const ir::Node& operand = *op.items[constant_first ? 1 : 0];
      const std::string k(op.items[constant_first ? 0 : 1]->text());
      // The sequence as written, with this element replaced by its schedule operand.
      const ast::Node& s = sequence.ast();
      const std::string_view text = sequence.module->file->text();
      const std::uint32_t from = (*sequence.module)[s.items.front()].begin;
      const std::uint32_t to = (*sequence.module)[s.items.back()].end;
      if (from <= e.begin && e.end <= to) {
        const std::string whole = fmt::format("{}{}{}", text.substr(from, e.begin - from),
                                              operand.text(), text.substr(e.end, to - e.end));
        const char symbol = e.ops[1];
        const std::string meant = symbol == '*'    ? fmt::format("{} * ({})", k, whole)
                                  : constant_first ? fmt::format("{} {} ({})", k, symbol, whole)
                                                   : fmt::format("({}) {} {}", whole, symbol, k);
        return fmt::format(
            "`{}` binds tighter than `>>`, so it applies to `{}` alone, which "
            "starts from the level; did you mean `{}`?",
            symbol, operand.text(), meant);
      }
    }
    return "a phase after `>>` starts from the level the one before ends at; if the restart is "
           "meant, give the phase its start value (`max=`, `at=`, `from=`)";
  }

  // More than 10% of the run at or below 1% of the peak: steps that train very little.
  void low_values(const ir::Node& root, std::span<const double> values) {
    if (values.empty() || !(run > 0) || run == detail::forever) return;
    const double floor = 0.01 * peak;
    const auto low =
        std::count_if(values.begin(), values.end(), [&](double v) { return v <= floor; });
    const double share = static_cast<double>(low) / static_cast<double>(values.size());
    if (!(share > 0.1)) return;
    warn(root.span(),
         fmt::format("{}% of the run's steps are at or below 1% of the peak ({})",
                     number(std::round(100 * share)), number(peak)),
         "check the phases' lengths and the decay's `min`: steps that close to 0 train very "
         "little");
  }

  void visit(const PlanNode& node, bool top) {
    if (!seen.insert(&node).second || node.failed) return;
    switch (node.ir->kind) {
      case ir::Kind::phase:
        zero_length(node);
        milestones(node);
        warmup_share(node);
        rising_decay(node);
        top = false;  // its arguments are played in its own time
        break;
      case ir::Kind::sequence:
        if (top && peak > 0) jumps(node);
        break;
      default:
        break;
    }
    for (const PlanNode* item : node.items) visit(*item, top);
  }
};

}  // namespace

void find_warnings(const PlanNode& plan, const Schedule& schedule, const Context& context,
                   std::vector<Diagnostic>& warnings) {
  if (plan.ir->is_constant()) return;
  Warner w{schedule, context, warnings, 0, 0, {}};
  w.run = context.total ? *context.total : 0;  // the share of a run needs its total
  // Not zeroed first: fill writes every sample (zeroing 16 KiB was a tenth of the pass).
  std::unique_ptr<double[]> samples;
  std::span<double> values;
  if (w.run > 0 && w.run != detail::forever) {
    const double count = std::min(max_samples, std::ceil(w.run));
    samples = std::make_unique_for_overwrite<double[]>(static_cast<std::size_t>(count));
    values = std::span<double>(samples.get(), static_cast<std::size_t>(count));
    schedule.fill(0.0, values, w.run / count);
    for (double v : values) w.peak = std::max(w.peak, v);
  }
  for (const PhaseRow& row : schedule.phases()) {
    w.peak = std::max({w.peak, row.start_value, std::isnan(row.end_value) ? 0 : row.end_value});
  }
  w.visit(plan, true);
  if (w.peak > 0 && !w.jumped) w.low_values(*plan.ir, values);
}

std::vector<Diagnostic> sorted_warnings(std::vector<Diagnostic> warnings) {
  auto key = [](const Diagnostic& d) {
    return std::make_tuple(d.span.file ? d.span.file->name() : std::string(), d.span.begin,
                           d.span.end);
  };
  std::stable_sort(warnings.begin(), warnings.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  warnings.erase(std::unique(warnings.begin(), warnings.end(),
                             [&](const Diagnostic& a, const Diagnostic& b) {
                               return key(a) == key(b) && a.span.file == b.span.file;
                             }),
                 warnings.end());
  return warnings;
}

}  // namespace tempo
