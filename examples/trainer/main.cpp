// A small trainer that takes its lr, weight decay and β1 from a .tempo file: it compares
// schedules on the same seed and data (no warmup vs warmup, cosine vs WSD) and shows WSD's
// branching: one run to the end of the plateau, then two decays of different lengths.
//   trainer [SCHEDULES.tempo] [--csv FILE] [--threshold LOSS]
#include <cstdio>
#include <fstream>
#include <string>
#include <tempo/compile.hpp>
#include <vector>

#include "dataset.hpp"
#include "model.hpp"

namespace {

struct Schedules {
  tempo::Schedule lr, wd, beta1;
};

// The lr schedule `lr_name` with wd and beta1, from the file; total overridable.
Schedules load(const std::string& path, const std::string& lr_name, std::optional<double> total) {
  auto get = [&](const std::string& name) {
    tempo::Options options;
    options.name = name;
    options.total = total;
    return tempo::compile_file(path, options);
  };
  return {get(lr_name), get("wd"), get("beta1")};
}

std::vector<double> train(trainer::Model& model, const std::vector<trainer::Example>& data,
                          const Schedules& s, long from, long to) {
  std::vector<double> losses;
  for (long step = from; step < to; ++step) {
    const double t = static_cast<double>(step);
    losses.push_back(model.step(data, {s.lr(t), s.wd(t), s.beta1(t)}));
  }
  return losses;
}

long steps_to(const std::vector<double>& losses, double threshold) {
  for (std::size_t i = 0; i < losses.size(); ++i) {
    if (losses[i] < threshold) return static_cast<long>(i);
  }
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = TEMPO_TRAINER_SCHEDULES, csv = "trainer-loss.csv";
  double threshold = 0.5;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--csv" && i + 1 < argc) {
      csv = argv[++i];
    } else if (arg == "--threshold" && i + 1 < argc) {
      threshold = std::stod(argv[++i]);
    } else {
      path = arg;
    }
  }
  try {
    const auto data = trainer::spirals(100, 42);
    const trainer::Model initial(16, 7);
    const long total = static_cast<long>(load(path, "lr_cosine", std::nullopt).lr.total());

    // Same seed, same data, only the lr schedule differs.
    const std::vector<std::string> runs = {"lr_constant", "lr_cosine", "lr_warmup_cosine",
                                           "lr_wsd"};
    std::vector<std::vector<double>> curves;
    bool learned = true;  // every run must end below where it started
    std::printf("%-18s %12s %18s\n", "lr schedule", "final loss", "steps to loss<th");
    for (const auto& name : runs) {
      trainer::Model model = initial;
      curves.push_back(train(model, data, load(path, name, std::nullopt), 0, total));
      const long reached = steps_to(curves.back(), threshold);
      learned = learned && model.loss(data) < curves.back().front();
      std::printf("%-18s %12.4f %18s\n", name.c_str(), model.loss(data),
                  reached < 0 ? "never" : std::to_string(reached).c_str());
    }
    std::printf("(threshold %.2f, %ld steps, AdamW, 3-spiral data, seed 42)\n\n", threshold, total);

    std::ofstream out(csv);
    out << "step";
    for (const auto& name : runs) out << "," << name;
    out << "\n";
    for (long step = 0; step < total; ++step) {
      out << step;
      for (const auto& curve : curves) out << "," << curve[static_cast<std::size_t>(step)];
      out << "\n";
    }

    // WSD branching: the plateau does not depend on the total, so one run to the end of the
    // plateau serves every decay length that follows.
    const long plateau_end = 1000;
    const Schedules short_run = load(path, "lr_wsd_branch", 1300);
    const Schedules long_run = load(path, "lr_wsd_branch", 1500);
    long differing = 0;
    for (long step = 0; step < plateau_end; ++step) {
      const double t = static_cast<double>(step);
      differing += short_run.lr(t) != long_run.lr(t);
    }
    trainer::Model checkpoint = initial;
    train(checkpoint, data, long_run, 0, plateau_end);
    trainer::Model branch_a = checkpoint, branch_b = checkpoint;
    train(branch_a, data, short_run, plateau_end, 1300);
    train(branch_b, data, long_run, plateau_end, 1500);
    std::printf("WSD branching from the checkpoint at step %ld (loss %.4f):\n", plateau_end,
                checkpoint.loss(data));
    std::printf(
        "  lr values before the decay that differ between totals 1300 and 1500: %ld of %ld\n",
        differing, plateau_end);
    std::printf("  %-22s lr(999)=%g lr(1000)=%g lr(end-1)=%g final loss %.4f\n",
                "decay to 1300:", short_run.lr(999), short_run.lr(1000), short_run.lr(1299),
                branch_a.loss(data));
    std::printf("  %-22s lr(999)=%g lr(1000)=%g lr(end-1)=%g final loss %.4f\n",
                "decay to 1500:", long_run.lr(999), long_run.lr(1000), long_run.lr(1499),
                branch_b.loss(data));
    std::printf("per-step losses: %s\n", csv.c_str());
    return differing == 0 && learned ? 0 : 1;
  } catch (const tempo::CompileError& e) {
    std::fputs(e.what(), stderr);
    return 1;
  }
}
