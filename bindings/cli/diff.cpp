// `tempo diff`: where two schedules differ — two files, two bindings of one file, or one
// schedule at two totals — with a verdict per phase. Exit 0 identical, 1 different, 2 trouble.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <cmath>

#include "command.hpp"
#include "compare.hpp"
#include "options.hpp"
#include "source.hpp"
#include "stats.hpp"
#include "tempo/continuation.hpp"
#include "text.hpp"

namespace tempo::cli {
namespace {

constexpr std::string_view options[] = {"-e",         "--name", "--total",
                                        "--vs-total", "--set",  "--until"};

struct Side {
  std::string label;
  Program program;
  std::string name;  // the binding; empty: the default schedule
  const Schedule& schedule() const { return name.empty() ? program.main() : *program.find(name); }
};

// One side of the comparison; nullopt when its source does not compile (reported).
std::optional<Side> side(const Source& source, Options options, const std::string& name,
                         std::ostream& err) {
  options.name = name;
  auto program = compile(source, options, err);
  if (!program) return std::nullopt;
  // An expression is named by its text; a file by its path.
  std::string label = source.name == "<expr>" ? source.text : source.name;
  const std::string& binding = name.empty() ? program->main_name() : name;
  if (!binding.empty()) label += fmt::format(" ({})", binding);
  return Side{label, std::move(*program), name};
}

std::string with_total(const std::string& label, const Schedule& s) {
  return std::isnan(s.total()) ? label : fmt::format("{}, total {}", label, format_step(s.total()));
}

void print_report(const Side& a, const Side& b, const Comparison& c, std::ostream& out) {
  fmt::print(out, "A: {}\nB: {}\n", with_total(a.label, a.schedule()),
             with_total(b.label, b.schedule()));
  fmt::print(out, "compared: steps 0 to {}\n", format_step(static_cast<double>(c.end - 1)));
  if (!c.first_difference) {
    fmt::print(out, "identical: every value is the same\n");
  } else {
    const auto at = [](const Difference& d) {
      return fmt::format("step {} (A {}, B {})", format_step(static_cast<double>(d.step)), d.a,
                         d.b);
    };
    fmt::print(out, "first difference:        {}\n", at(*c.first_difference));
    fmt::print(out, "max absolute difference: {} at {}\n", c.max_absolute.size, at(c.max_absolute));
    fmt::print(out, "max relative difference: {} at {}\n", c.max_relative.size, at(c.max_relative));
  }
  std::size_t width = 5;
  for (const auto& p : c.phases) width = std::max(width, p.name.size());
  fmt::print(out, "\n{:<{}}  {:>10}  {:>10}  {:>10}  {:>10}  {}\n", "phase", width, "A start",
             "A end", "B start", "B end", "verdict");
  const auto step = [](std::optional<double> s) {
    return !s ? std::string("-") : std::isinf(*s) ? std::string("forever") : format_step(*s);
  };
  for (const auto& p : c.phases) {
    fmt::print(out, "{:<{}}  {:>10}  {:>10}  {:>10}  {:>10}  {}\n", p.name, width, step(p.a_start),
               step(p.a_end), step(p.b_start), step(p.b_end), verdict_name(p.verdict));
  }
}

// Does B continue A before the end of the comparison, bit for bit (tempo::continues)?
void print_continuation(const Side& a, const Side& b, const Continuation& k, std::int64_t end,
                        std::ostream& out) {
  if (k) {
    fmt::print(
        out,
        "\ncontinues: B equals A bit for bit at every step before {} ({} proven, {} compared)\n",
        format_step(static_cast<double>(end)), format_step(k.proven), format_step(k.compared));
  } else {
    fmt::print(out, "\ncontinues: no, B parts from A at step {} (A {}, B {})\n",
               format_step(k.step), k.old_value, k.new_value);
  }
  fmt::print(out, "fingerprints: A {}, B {}\n", a.schedule().fingerprint(),
             b.schedule().fingerprint());
}

int run(const Args& a, std::ostream& out, std::ostream& err) {
  std::vector<Source> sources;
  for (const auto& file : a.files) {
    auto source = read_source(file, err);
    if (!source) return 2;
    sources.push_back(std::move(*source));
  }
  for (const auto& e : a.expressions) sources.push_back({e, "<expr>"});
  const auto vs_total = a.value("--vs-total");
  // Two sources, or one with two --names or with --vs-total.
  const bool two =
      sources.size() == 2 ? !vs_total : sources.size() == 1 && (a.names.size() == 2) != !!vs_total;
  if (!two || a.names.size() > 2) {
    throw UsageError{"give two schedules: A B, one FILE with two --names, or --vs-total N",
                     "e.g. tempo diff lr.tempo --total 100k --vs-total 120k"};
  }
  Options other = a.options;
  if (vs_total) other.total = parse_number(*vs_total, "--vs-total");
  const std::string name_a = a.names.empty() ? "" : a.names[0];
  const std::string name_b = a.names.size() == 2 ? a.names[1] : name_a;
  auto left = side(sources[0], a.options, name_a, err);
  if (!left) return 2;
  auto right = side(sources.back(), vs_total ? other : a.options, name_b, err);
  if (!right) return 2;
  std::optional<std::int64_t> end;
  for (const Side* s : {&*left, &*right}) {
    if (const auto n = steps_covered(s->schedule())) end = std::max(end.value_or(0), *n);
  }
  if (const auto until = a.value("--until")) {
    const double u = std::clamp(std::ceil(parse_number(*until, "--until")), 0.0, 9e15);
    end = end ? std::min<std::int64_t>(*end, static_cast<std::int64_t>(u))
              : static_cast<std::int64_t>(u);
  }
  if (!end) {
    throw UsageError{"the schedules have no total, so there is no end to compare up to",
                     "give --total N or --until STEP"};
  }
  if (*end > max_steps) {
    throw UsageError{fmt::format("{} steps to compare, more than {}", *end, max_steps),
                     "compare the first steps with --until STEP"};
  }
  const Comparison c = compare(left->schedule(), right->schedule(), *end);
  print_report(*left, *right, c, out);
  if (a.value("--until")) {  // the continuation check of docs/lifecycle.md, bit for bit
    const Continuation k =
        continues(left->schedule(), right->schedule(), static_cast<double>(*end));
    print_continuation(*left, *right, k, *end, out);
    if (!k) return 1;
  }
  return c.first_difference ? 1 : 0;
}

}  // namespace

extern const Command diff_command = {
    "diff",
    "(FILE | -e EXPR) [FILE | -e EXPR] [--name NAME]... [--total N] [--vs-total N] [--set "
    "K=V]... [--until STEP]",
    "compare two schedules step by step; exit 0 identical, 1 different",
    "Compares two schedules at every integer step from 0 up to the larger of their totals: two "
    "FILEs (or -e EXPRs, files first), two `--name`s of one file, or one schedule at `--total` "
    "and at `--vs-total`. Prints the first step where the values differ, the largest absolute and "
    "relative differences and where they are, and a verdict per phase: identical (same steps, "
    "same values), shifted (same length and values, other steps), extended or shortened (same "
    "start and values on the steps both have, longer or shorter in B) or changed. `--until STEP` "
    "compares only the steps before STEP and also checks that B continues A there bit for bit "
    "(0 and -0 differ), printing both fingerprints (docs/lifecycle.md). Exits 0 when every value "
    "is the same, 1 when one "
    "differs, 2 on a usage error or a schedule that does not compile.",
    "tempo diff -e 'warmup(2000) >> stable() >> decay(10%)' --total 100k --vs-total 120k",
    options,
    run,
};

}  // namespace tempo::cli
