// The SVG chart: a standalone file with the phases shaded and named, a grid at the value ticks,
// both axes labelled in human units, one path per series and a legend. One sample column per
// pixel; each column's path visits its first value, its extremes in step order and its last,
// so a jump is drawn as the vertical stroke it is.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "plot.hpp"

namespace tempo::plot {
namespace {

constexpr const char* palette[] = {"#1f77b4", "#d62728", "#2ca02c",
                                   "#9467bd", "#17becf", "#ff7f0e"};
constexpr const char* phase_fills[] = {"#eef2f8", "#f9fafc"};
constexpr int left = 64, right = 24, top = 40, bottom = 44;

std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

struct Area {
  double x0, y0, width, height;
  const Frame& frame;
  double x(double step) const { return x0 + frame.x_fraction(step) * width; }
  double y(double value) const {
    double f = frame.y_fraction(value);
    if (std::isnan(f)) f = 0;  // not representable on a log axis: at the bottom
    return y0 + (1 - f) * height;
  }
};

std::string path(const Area& area, const std::vector<Column>& columns) {
  std::string d;
  bool pen_down = false;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const Column& col = columns[c];
    if (col.empty) {
      pen_down = false;
      continue;
    }
    // The first value at the column's left edge, the extremes at its middle, the last at its
    // right edge: a slope stays a straight line, a jump becomes a vertical stroke.
    const double x = area.x0 + static_cast<double>(c);
    const double a = col.lo_first ? col.lo : col.hi, b = col.lo_first ? col.hi : col.lo;
    const std::pair<double, double> points[] = {
        {x, col.first}, {x + 0.5, a}, {x + 0.5, b}, {x + 1, col.last}};
    double previous_y = NAN;
    for (const auto& [px, v] : points) {
      const double y = area.y(v);
      if (y == previous_y && px == x + 0.5) continue;  // an extreme that is no extreme
      d += fmt::format("{}{:.2f} {:.2f}", pen_down ? " L" : (d.empty() ? "M" : " M"), px, y);
      pen_down = true;
      previous_y = y;
    }
  }
  return d;
}

}  // namespace

std::string svg(const Request& request) {
  const int width = request.width > 0 ? request.width : 800;
  const int height = request.height > 0 ? request.height : 400;
  const int columns = std::max(width - left - right, 16);
  const int rows = std::max(height - top - bottom, 16);
  std::vector<std::vector<Column>> samples;
  for (const auto& s : request.series) {
    samples.push_back(sample(s.schedule, request.from, request.to, columns));
  }
  const Frame frame = make_frame(request, samples, std::max(columns / 100, 2), rows / 50 + 2);
  const Area area{left, top, static_cast<double>(columns), static_cast<double>(rows), frame};
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" font-family=\"sans-serif\" font-size=\"12\">\n"
      "<rect width=\"{0}\" height=\"{1}\" fill=\"#ffffff\"/>\n",
      width, height);

  // The phases of the first series: alternating shades, a dashed line at each boundary, and
  // the name at the top on the first of three rows where it runs into no other name (a name
  // too long for the room left at the right edge ends there). A name that finds no row is cut
  // at its phase's end.
  const auto& phases = request.series.front().schedule.phases();
  const double right_edge = left + columns;
  double row_end[3] = {-1e9, -1e9, -1e9};
  std::string names;
  for (std::size_t i = 0; i < phases.size(); ++i) {
    const double start = std::max(phases[i].start, request.from);
    const double end = std::min(phases[i].end, request.to);
    if (!(start < end)) continue;
    const double x0 = area.x(start), x1 = area.x(end);
    out += fmt::format(
        "<rect class=\"phase\" x=\"{:.2f}\" y=\"{}\" width=\"{:.2f}\" height=\"{}\" "
        "fill=\"{}\"/>\n",
        x0, top, x1 - x0, rows, phase_fills[i % 2]);
    if (phases[i].start > request.from) {
      out += fmt::format(
          "<line x1=\"{0:.2f}\" y1=\"{1}\" x2=\"{0:.2f}\" y2=\"{2}\" stroke=\"#9aa3ad\" "
          "stroke-dasharray=\"3 3\"/>\n",
          x0, top, top + rows);
    }
    const double size = 6.3 * static_cast<double>(phases[i].name.size()) + 8;
    const double at = std::min(x0 + 4, right_edge - size);
    const auto row = std::find_if(std::begin(row_end), std::end(row_end),
                                  [&](double taken) { return taken <= at; });
    if (row != std::end(row_end)) {
      *row = at + size;
      names +=
          fmt::format("<text x=\"{:.2f}\" y=\"{}\" fill=\"#555555\" font-size=\"11\">{}</text>\n",
                      at, top + 14 + 13 * (row - std::begin(row_end)), escaped(phases[i].name));
    } else {
      names += fmt::format(
          "<clipPath id=\"phase{0}\"><rect x=\"{1:.2f}\" y=\"{2}\" width=\"{3:.2f}\" "
          "height=\"{4}\"/></clipPath>\n<text x=\"{5:.2f}\" y=\"{6}\" fill=\"#555555\" "
          "font-size=\"11\" clip-path=\"url(#phase{0})\">{7}</text>\n",
          i, x0, top, x1 - x0, rows, x0 + 4, top + 14, escaped(phases[i].name));
    }
  }
  out += names;

  // The value grid and labels, then the step ticks and labels.
  for (double t : frame.y_ticks) {
    const double y = area.y(t);
    out += fmt::format(
        "<line x1=\"{0}\" y1=\"{1:.2f}\" x2=\"{2}\" y2=\"{1:.2f}\" stroke=\"#dde1e6\"/>\n"
        "<text x=\"{3}\" y=\"{4:.2f}\" text-anchor=\"end\" fill=\"#333333\">{5}</text>\n",
        left, y, left + columns, left - 6, y + 4, escaped(human(t)));
  }
  for (double t : frame.x_ticks) {
    const double x = area.x(t);
    out += fmt::format(
        "<line x1=\"{0:.2f}\" y1=\"{1}\" x2=\"{0:.2f}\" y2=\"{2}\" stroke=\"#333333\"/>\n"
        "<text x=\"{0:.2f}\" y=\"{3}\" text-anchor=\"middle\" fill=\"#333333\">{4}</text>\n",
        x, top + rows, top + rows + 5, top + rows + 18, escaped(human(t)));
  }
  out += fmt::format(
      "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#333333\">step</text>\n"
      "<rect class=\"plot-area\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" "
      "stroke=\"#333333\" data-steps=\"{} {}\" data-values=\"{} {}\" data-scale=\"{}\"/>\n",
      left + columns / 2, top + rows + 36, left, top, columns, rows, request.from, request.to,
      frame.y_from, frame.y_to, frame.log ? "log" : "linear");

  // The curves, then the legend above the plot.
  double legend_x = left;
  for (std::size_t s = 0; s < samples.size(); ++s) {
    const char* colour = palette[s % std::size(palette)];
    out += fmt::format(
        "<path class=\"series\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\" "
        "stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n",
        path(area, samples[s]), colour);
    out += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{2:.1f}\" y2=\"{1}\" stroke=\"{3}\" "
        "stroke-width=\"3\"/>\n<text x=\"{4:.1f}\" y=\"{5}\" fill=\"#222222\">{6}</text>\n",
        legend_x, top - 16, legend_x + 22, colour, legend_x + 28, top - 12,
        escaped(request.series[s].label));
    legend_x += 28 + 7.5 * static_cast<double>(request.series[s].label.size()) + 24;
  }
  return out + "</svg>\n";
}

}  // namespace tempo::plot
