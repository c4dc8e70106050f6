// `tempo plot`: one or several schedules drawn on the terminal (braille, a colour per schedule)
// or into a standalone SVG (bindings/plot does the drawing).
#include "../plot/plot.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "colour.hpp"
#include "command.hpp"
#include "options.hpp"
#include "source.hpp"

namespace tempo::cli {
namespace {

constexpr std::string_view options[] = {"-e",    "--name",  "--total",  "--set", "--range",
                                        "--log", "--width", "--height", "--svg", "--vs-total"};

// --range A:B, or from 0 to where the schedules end: their total, else their last phase's end.
std::pair<double, double> plotted_range(const Args& a, const std::vector<plot::Series>& series) {
  if (const auto spec = a.value("--range")) {
    const auto colon = spec->find(':');
    if (colon == std::string::npos || spec->find(':', colon + 1) != std::string::npos) {
      throw UsageError{"plot takes --range A:B, e.g. --range 0:10k"};
    }
    const double from = parse_number(spec->substr(0, colon), "--range");
    const double to = parse_number(spec->substr(colon + 1), "--range");
    if (!(to > from)) {
      throw UsageError{fmt::format("--range {}: the end is not after the start", *spec)};
    }
    return {from, to};
  }
  double to = 0;
  for (const auto& s : series) {
    double end = s.schedule.total();
    if (std::isnan(end) && !s.schedule.phases().empty()) end = s.schedule.phases().back().end;
    if (std::isnan(end) || std::isinf(end)) {
      throw UsageError{"the schedule runs forever and has no total",
                       "give --total N or --range A:B"};
    }
    to = std::max(to, end);
  }
  if (!(to > 0)) throw UsageError{"the schedule has no steps to draw", "give --range A:B"};
  return {0, to};
}

std::string label_of(const Named& named) {
  if (!named.name.empty()) return named.name;
  const std::string& source = named.schedule->source();
  return source.size() <= 60 ? source : source.substr(0, 59) + "…";
}

int run(const Args& a, std::ostream& out, std::ostream& err) {
  const auto source = one_source(a, err);
  if (!source) return 1;
  const auto program = compile_named(*source, a, err);
  if (!program) return 1;
  plot::Request request;
  for (const auto& named : chosen(*program, a)) {
    request.series.push_back({label_of(named), *named.schedule});
  }
  std::optional<Program> other;  // the same schedules at --vs-total
  if (const auto vs = a.value("--vs-total")) {
    if (request.series.size() != 1) throw UsageError{"--vs-total compares one schedule"};
    Args at_other = a;
    at_other.options.total = parse_number(*vs, "--vs-total");
    other = compile_named(*source, at_other, err);
    if (!other) return 1;
    const Schedule& first = request.series[0].schedule;
    const Schedule& second = *chosen(*other, at_other).front().schedule;
    const std::string name = request.series[0].label;
    request.series[0].label = fmt::format("{} (total {})", name, plot::human(first.total()));
    request.series.push_back(
        {fmt::format("{} (total {})", name, plot::human(second.total())), second});
  }
  std::tie(request.from, request.to) = plotted_range(a, request.series);
  request.log = a.has("--log");
  const auto svg_file = a.value("--svg");
  auto size = [&](std::string_view option, int fallback) {
    const auto v = a.value(option);
    return v ? static_cast<int>(parse_number(*v, option)) : fallback;
  };
  const char* columns = std::getenv("COLUMNS");
  const int terminal_width = columns && std::atoi(columns) > 0 ? std::atoi(columns) : 80;
  request.width = size("--width", svg_file ? 800 : terminal_width);
  request.height = size("--height", svg_file ? 400 : 16);
  request.colour = !svg_file && colour_on(out);  // colour.hpp

  (void)take_evaluation_error();
  const std::string drawing = svg_file ? plot::svg(request) : plot::terminal(request);
  if (auto error = take_evaluation_error()) {  // a scripted phase failed
    fmt::print(err, "error: {}\n", *error);
    return 1;
  }
  if (!svg_file || *svg_file == "-") {
    out << drawing;
    return 0;
  }
  std::ofstream file(*svg_file, std::ios::binary);
  file << drawing;
  if (!file.flush()) {
    fmt::print(err, "error: cannot write `{}`\n", *svg_file);
    return 1;
  }
  return 0;
}

}  // namespace

extern const Command plot_command = {
    "plot",
    "(FILE | -e EXPR) [--name NAME]... [--total N] [--set K=V]... [--range A:B] [--log] "
    "[--width W] [--height H] [--svg FILE] [--vs-total N]",
    "draw schedules on the terminal, or into an SVG file",
    "Draws the schedules on the terminal in Unicode braille, with the value and step axes in "
    "human units (2k, 1.5M, 3e-4), the phases named above the chart and a dotted line at each "
    "boundary; each `--name` is overlaid in its own colour (colours only on a terminal, and not "
    "when NO_COLOR is set). `--svg FILE` writes a standalone SVG instead, with the phases shaded "
    "and named, and a legend (`-` writes it to standard output). `--vs-total N` overlays the "
    "schedule at --total and at N. Every step under a pixel column is evaluated, so a restart or "
    "a stair is never lost between two samples. The range defaults to 0 to the total.",
    "tempo plot examples/design-card.tempo --width 72 --height 10",
    options,
    run,
};

}  // namespace tempo::cli
