// Plans that change, in a training loop (docs/lifecycle.md). From the open-ended trunk of
// trunk.tempo, this program
//  1. trains a planned run uninterrupted, then again stopped at a checkpoint (model state and
//     Tempo record written to disk) and resumed from it: every lr and loss must be identical;
//  2. refuses to resume under a changed warmup (policy `error`), printing why;
//  3. branches three cooldowns off one trunk checkpoint with tempo::cool_down, each proven to
//     continue the trunk, resumed with policy `adopt` (which reports a jump of 0).
// Exits 1 if any of it does not hold.
//   trainer_resume [TRUNK.tempo] [--dir DIRECTORY]
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <tempo/branch.hpp>
#include <tempo/checkpoint.hpp>
#include <tempo/compile.hpp>
#include <tempo/continuation.hpp>
#include <vector>

#include "dataset.hpp"
#include "model.hpp"

namespace {

struct Run {
  tempo::Schedule lr, wd, beta1;
};

Run load(const std::string& path) {
  auto get = [&](const char* name) {
    tempo::Options options;
    options.name = name;
    return tempo::compile_file(path, options);
  };
  return {get("lr"), get("wd"), get("beta1")};
}

struct Trace {
  std::vector<double> lr, loss;
};

void train(trainer::Model& model, const std::vector<trainer::Example>& data, const Run& run,
           long from, long to, Trace& trace) {
  for (long step = from; step < to; ++step) {
    const double t = static_cast<double>(step);
    trace.lr.push_back(run.lr(t));
    trace.loss.push_back(model.step(data, {run.lr(t), run.wd(t), run.beta1(t)}));
  }
}

// A checkpoint on disk: the model's state and the lr plan's Tempo record.
void save(const std::filesystem::path& dir, const trainer::Model& model, const tempo::Schedule& lr,
          long step) {
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "model.txt") << [&] {
    std::ostringstream text;
    model.save(text);
    return text.str();
  }();
  std::ofstream(dir / "schedule.json") << tempo::to_json(tempo::checkpoint(lr, step));
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Loads the checkpoint in `dir` into `model` and resumes `lr` under `policy`.
tempo::Result<tempo::Resumed> restore(const std::filesystem::path& dir, trainer::Model& model,
                                      const tempo::Schedule& lr, tempo::OnChange policy) {
  std::ifstream state(dir / "model.txt");
  if (!model.load(state)) throw std::runtime_error("cannot read " + (dir / "model.txt").string());
  const auto saved = tempo::read_checkpoint(read(dir / "schedule.json"));
  if (!saved.ok()) throw tempo::CompileError(saved.diagnostics);
  return tempo::resume(*saved.value, lr, policy);
}

tempo::Schedule branched(const tempo::Schedule& trunk, long at, long over, const char* shape) {
  auto b = tempo::cool_down(trunk, static_cast<double>(at), static_cast<double>(over), shape);
  if (!b.ok()) throw tempo::CompileError(b.diagnostics);
  return b.value->schedule;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = TEMPO_TRAINER_TRUNK;
  std::filesystem::path dir = "trainer-checkpoints";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--dir" && i + 1 < argc) {
      dir = argv[++i];
    } else {
      path = arg;
    }
  }
  bool ok = true;
  try {
    const auto data = trainer::spirals(100, 42);
    const trainer::Model initial(16, 7);
    const Run trunk = load(path);

    // 1. A planned run (the trunk cooled down at 1000 over 300 steps), uninterrupted and resumed.
    Run planned = trunk;
    planned.lr = branched(trunk.lr, 1000, 300, "sqrt");
    Trace whole, parts;
    trainer::Model model = initial;
    train(model, data, planned, 0, 1300, whole);
    trainer::Model first = initial;
    train(first, data, planned, 0, 600, parts);
    save(dir / "step-600", first, planned.lr, 600);
    trainer::Model second(16, 0);  // a fresh process: nothing but what is on disk
    const Run again = {load(path).lr, planned.wd, planned.beta1};
    Run resumed = planned;
    {
      const auto r = restore(dir / "step-600", second, branched(again.lr, 1000, 300, "sqrt"),
                             tempo::OnChange::error);
      if (!r.ok()) throw tempo::CompileError(r.diagnostics);
      resumed.lr = r.value->schedule;
    }
    train(second, data, resumed, 600, 1300, parts);
    const bool identical = parts.lr == whole.lr && parts.loss == whole.loss;
    std::printf(
        "1. resumed at step 600 from %s: %s (%zu lr values and losses compared)\n",
        (dir / "step-600").c_str(),
        identical ? "identical to the uninterrupted run" : "DIFFERS from the uninterrupted run",
        whole.lr.size());
    ok = ok && identical;

    // 2. A changed warmup: refused under the default policy, with the reason.
    tempo::Options changed;
    changed.name = "lr";
    changed.set = {{"lr", "peak * (warmup(100) >> stable())"}};
    const tempo::Schedule other = branched(tempo::compile_file(path, changed), 1000, 300, "sqrt");
    trainer::Model scratch(16, 0);
    const auto refused = restore(dir / "step-600", scratch, other, tempo::OnChange::error);
    std::printf("2. resuming with warmup(100) instead of warmup(150): %s\n%s",
                refused.ok() ? "ACCEPTED" : "refused",
                refused.ok() ? "" : refused.message().c_str());
    ok = ok && !refused.ok();

    // 3. Three cooldowns branched off one trunk checkpoint at step 1000.
    const long at = 1000;
    trainer::Model stem = initial;
    Trace trunk_trace;
    train(stem, data, trunk, 0, at, trunk_trace);
    save(dir / "trunk-1000", stem, trunk.lr, at);
    std::printf("3. cooldowns from the trunk checkpoint at step %ld (loss %.4f):\n", at,
                stem.loss(data));
    const struct {
      long over;
      const char* shape;
    } cooldowns[] = {{200, "linear"}, {300, "sqrt"}, {500, "cosine"}};
    for (const auto& c : cooldowns) {
      const tempo::Schedule lr = branched(trunk.lr, at, c.over, c.shape);
      const tempo::Continuation check = tempo::continues(trunk.lr, lr, static_cast<double>(at));
      trainer::Model branch(16, 0);
      const auto r = restore(dir / "trunk-1000", branch, lr, tempo::OnChange::adopt);
      if (!r.ok()) throw tempo::CompileError(r.diagnostics);
      Run run = trunk;
      run.lr = r.value->schedule;
      Trace trace;
      train(branch, data, run, at, at + c.over, trace);
      const double jump = r.value->new_value - r.value->old_value;
      std::printf(
          "   %-44s continues: %s (%g steps proven, %g compared), jump %g, final loss "
          "%.4f\n",
          lr.source().c_str() + lr.source().rfind(">> ") + 3, check ? "yes" : "NO", check.proven,
          check.compared, jump, branch.loss(data));
      ok = ok && check && jump == 0 && branch.loss(data) < stem.loss(data);
    }
  } catch (const std::exception& e) {
    std::fputs(e.what(), stderr);
    return 1;
  }
  return ok ? 0 : 1;
}
