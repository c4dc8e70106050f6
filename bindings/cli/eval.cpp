// `tempo eval`: the values of one or several schedules at the steps --at or --range give.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "command.hpp"
#include "source.hpp"
#include "text.hpp"

namespace tempo::cli {
namespace {

constexpr std::string_view options[] = {"-e", "--name", "--total", "--set", "--at", "--range"};

int run(const Args& a, std::ostream& out, std::ostream& err) {
  if (!a.has_steps) throw UsageError{"give the steps with --at or --range"};
  const auto source = one_source(a, err);
  if (!source) return 1;
  const auto program = compile_named(*source, a, err);
  if (!program) return 1;
  const Schedule& schedule = *chosen(*program, a).front().schedule;
  std::string text;
  (void)take_evaluation_error();
  for (double step : a.steps) {
    const double value = schedule(step);
    if (auto error = take_evaluation_error()) {  // a scripted phase failed
      out << text;
      fmt::print(err, "error: {}\n", *error);
      return 1;
    }
    text += fmt::format("{}\t{}\n", format_step(step), value);
    if (text.size() > (1 << 16)) {
      out << text;
      text.clear();
    }
  }
  out << text;
  return 0;
}

}  // namespace

extern const Command eval_command = {
    "eval",
    "(FILE | -e EXPR) [--name NAME] [--total N] [--set K=V]... (--at S[,S...] | --range "
    "A:B[:STRIDE])",
    "print `step<TAB>value` for each step (B is excluded, STRIDE defaults to 1)",
    "Evaluates a schedule at the given steps and prints one line per step: the step (as an "
    "integer when it is one), a tab, and the value in shortest round-trip form. Numbers read as "
    "in the language (`2M`, `100_000`); `-e EXPR` takes the next argument as the expression even "
    "when it starts with `-`.",
    "tempo eval -e 'warmup(2000) >> cosine(min=0.1)' --total 100k --at 0,1000,100000",
    options,
    run,
};

}  // namespace tempo::cli
