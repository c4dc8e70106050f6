// The terminal chart: a grid of Unicode braille cells (2×4 dots each), the value axis on the
// left, the step axis below, the phase names above with a dotted line at each boundary, and a
// legend. Each series has its own colour when colours are on; a cell takes the colour of the
// last series drawn through it.
#include <fmt/color.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "plot.hpp"

namespace tempo::plot {
namespace {

constexpr fmt::terminal_color palette[] = {
    fmt::terminal_color::bright_blue,  fmt::terminal_color::bright_red,
    fmt::terminal_color::bright_green, fmt::terminal_color::bright_magenta,
    fmt::terminal_color::bright_cyan,  fmt::terminal_color::bright_yellow};
constexpr int no_series = -1;

// The dot of braille pattern U+2800 at column dx (0, 1) and row dy (0–3) of a cell.
constexpr unsigned char braille_bit[2][4] = {{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}};

std::string braille(unsigned char bits) {
  const unsigned code = 0x2800u + bits;
  return {static_cast<char>(0xE0 | (code >> 12)), static_cast<char>(0x80 | ((code >> 6) & 0x3F)),
          static_cast<char>(0x80 | (code & 0x3F))};
}

std::string paint(const std::string& text, int series, bool colour) {
  if (!colour || series == no_series) return text;
  return fmt::format(fmt::fg(palette[series % std::size(palette)]), "{}", text);
}

struct Canvas {
  int cells_x, cells_y;
  std::vector<unsigned char> bits;
  std::vector<int> owner;

  Canvas(int x, int y) : cells_x(x), cells_y(y), bits(x * y, 0), owner(x * y, no_series) {}
  int rows() const { return cells_y * 4; }
  void dot(int px, int py, int series) {
    const int cell = (py / 4) * cells_x + px / 2;
    bits[cell] |= braille_bit[px % 2][py % 4];
    owner[cell] = series;
  }
  // The pixel row of a value: row 0 at the top of the axis.
  int row(const Frame& frame, double value) const {
    double f = frame.y_fraction(value);
    if (std::isnan(f)) f = 0;  // not representable on a log axis: at the bottom
    return static_cast<int>(std::lround((1 - std::clamp(f, 0.0, 1.0)) * (rows() - 1)));
  }
};

// Draws one series: a vertical run of dots per pixel column, from the previous column's last
// value through this column's extremes, so jumps become vertical strokes.
void draw(Canvas& canvas, const Frame& frame, const std::vector<Column>& columns, int series) {
  const Column* previous = nullptr;
  for (int x = 0; x < static_cast<int>(columns.size()); ++x) {
    const Column& c = columns[x];
    if (c.empty) {
      previous = nullptr;
      continue;
    }
    double lo = c.lo, hi = c.hi;
    if (previous) {
      lo = std::min(lo, previous->last);
      hi = std::max(hi, previous->last);
    }
    for (int y = canvas.row(frame, hi); y <= canvas.row(frame, lo); ++y) canvas.dot(x, y, series);
    previous = &c;
  }
}

// The cell column of a step.
int cell_of(const Frame& frame, double step, int cells) {
  const double f = std::clamp(frame.x_fraction(step), 0.0, 1.0);
  return static_cast<int>(std::lround(f * (2 * cells - 1))) / 2;
}

// Phase names above the chart, on up to two lines: each name starts at its phase's first cell
// where it fits without touching another; else it is cut short at the next boundary.
struct Names {
  std::vector<std::string> lines[2];
  explicit Names(int cells) : lines{std::vector<std::string>(cells, " "), {}} {
    lines[1] = lines[0];
  }
  bool free(int line, int at, int size) const {
    const auto& l = lines[line];
    for (int i = std::max(at - 1, 0); i < std::min<int>(at + size + 1, l.size()); ++i) {
      if (l[i] != " ") return false;
    }
    return at >= 0 && at + size <= static_cast<int>(l.size());
  }
  void write(int line, int at, const std::string& text, int room) {
    auto& l = lines[line];
    room = std::min(room, static_cast<int>(l.size()) - at);
    if (room <= 0 || at < 0) return;
    const bool cut = static_cast<int>(text.size()) > room;
    const int shown = cut ? room - 1 : static_cast<int>(text.size());
    for (int i = 0; i < shown; ++i) l[at + i] = std::string(1, text[i]);
    if (cut) l[at + shown] = "…";
  }
  void place(int at, const std::string& text, int room) {
    const int size = static_cast<int>(text.size());
    for (int line = 0; line < 2; ++line) {
      if (free(line, at, size)) return write(line, at, text, size);
    }
    const int end = static_cast<int>(lines[0].size());
    if (at + size > end && free(0, end - size, size)) return write(0, end - size, text, size);
    if (free(0, at, 1)) write(0, at, text, room);
  }
};

std::string joined(const std::vector<std::string>& cells) {
  std::string out;
  for (const auto& c : cells) out += c;
  return out.substr(0, out.find_last_not_of(' ') + 1);
}

}  // namespace

std::string terminal(const Request& request) {
  const int height = std::max(request.height, 4);
  std::vector<std::vector<Column>> samples;
  // The width of the value labels depends on the ticks, which depend on the samples: sample at
  // a first guess of the width, then once more if the labels turned out wider.
  int margin = 8, cells = 0;
  Frame frame;
  for (int pass = 0; pass < 2; ++pass) {
    cells = std::max(request.width - margin - 2, 8);
    samples.clear();
    for (const auto& s : request.series) {
      samples.push_back(sample(s.schedule, request.from, request.to, 2 * cells));
    }
    frame = make_frame(request, samples, std::max(cells / 10, 2), std::max(height / 4, 2));
    std::size_t widest = 0;
    for (double t : frame.y_ticks) widest = std::max(widest, human(t).size());
    if (static_cast<int>(widest) + 1 == margin) break;
    margin = static_cast<int>(widest) + 1;
  }
  Canvas canvas(cells, height);
  for (std::size_t s = 0; s < samples.size(); ++s) draw(canvas, frame, samples[s], s);

  // Phase boundaries of the first series, as cell columns, and the names between them.
  const auto& phases = request.series.front().schedule.phases();
  std::vector<int> boundaries;
  Names names(cells);
  for (std::size_t i = 0; i < phases.size(); ++i) {
    const double start = std::max(phases[i].start, request.from);
    const double end = std::min(phases[i].end, request.to);
    if (!(start < end) && !(i == 0 && start == end)) continue;
    const int at = cell_of(frame, start, cells);
    if (phases[i].start > request.from) boundaries.push_back(at);
    const int until = phases[i].end < request.to ? cell_of(frame, phases[i].end, cells) : cells;
    const int skip = phases[i].start > request.from ? 1 : 0;  // the boundary mark's cell
    names.place(at + skip, phases[i].name, until - at - skip - 1 + (until == cells));
  }

  std::string out;
  // The legend: one entry per series, in its colour.
  std::string legend(margin + 1, ' ');
  for (std::size_t s = 0; s < request.series.size(); ++s) {
    legend += paint("⣀⣀", s, request.colour) + " " + request.series[s].label + "   ";
  }
  out += legend.substr(0, legend.find_last_not_of(' ') + 1) + "\n";
  for (const auto& line : names.lines) {
    const std::string text = joined(line);
    if (!text.empty()) out += std::string(margin + 1, ' ') + text + "\n";
  }

  std::vector<std::string> labels(height);
  for (double t : frame.y_ticks) {
    const int r = canvas.row(frame, t) / 4;
    if (labels[r].empty()) labels[r] = human(t);
  }
  for (int y = 0; y < height; ++y) {
    std::string line =
        fmt::format("{:>{}} {}", labels[y], margin - 1, labels[y].empty() ? "│" : "┤");
    for (int x = 0; x < cells; ++x) {
      const int cell = y * cells + x;
      if (canvas.bits[cell] != 0) {
        line += paint(braille(canvas.bits[cell]), canvas.owner[cell], request.colour);
      } else if (std::find(boundaries.begin(), boundaries.end(), x) != boundaries.end()) {
        line += request.colour ? fmt::format(fmt::fg(fmt::terminal_color::bright_black), "┊")
                               : std::string("┊");
      } else {
        line += ' ';
      }
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }

  // The step axis: a tick per round step, labels centred under them where they fit.
  std::string axis = std::string(margin, ' ') + "└";
  std::string steps(cells + 2 * margin, ' ');
  std::vector<int> tick_cells;
  for (double t : frame.x_ticks) tick_cells.push_back(cell_of(frame, t, cells));
  for (int x = 0; x < cells; ++x) {
    axis += std::find(tick_cells.begin(), tick_cells.end(), x) != tick_cells.end() ? "┬" : "─";
  }
  int free_from = 0;
  for (std::size_t i = 0; i < frame.x_ticks.size(); ++i) {
    const std::string label = human(frame.x_ticks[i]);
    const int size = static_cast<int>(label.size());
    int at = margin + 1 + tick_cells[i] - size / 2;
    at = std::min(std::max(at, 0), margin + 1 + cells - size);
    if (at < free_from) continue;
    steps.replace(at, size, label);
    free_from = at + size + 1;
  }
  out += axis + "\n" + steps.substr(0, steps.find_last_not_of(' ') + 1) + "\n";
  return out;
}

}  // namespace tempo::plot
