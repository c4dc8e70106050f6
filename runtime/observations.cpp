// tempo::Observations: the record, its per-metric series (kept sorted as observations arrive, so
// binding reads them in order) and its text form. Numbers are written with std::to_chars'
// shortest round-trip form and read with std::from_chars, so a saved record restores exactly.
#include "tempo/observations.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace tempo {
namespace {

std::string number_text(double x) {
  std::array<char, 32> buffer;
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), x);
  return std::string(buffer.data(), result.ptr);
}

// The 1-based line and column of a byte offset, for messages.
std::pair<std::size_t, std::size_t> position(std::string_view text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

}  // namespace

bool Observations::valid_metric(std::string_view name) noexcept {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

void Observations::add(double step, std::string_view metric, double value) {
  if (!std::isfinite(step)) {
    throw std::invalid_argument("an observation's step must be a finite number, got " +
                                number_text(step));
  }
  if (!valid_metric(metric)) {
    throw std::invalid_argument(
        "a metric name is an identifier (letters, digits and _, not "
        "starting with a digit), got `" +
        std::string(metric) + "`");
  }
  auto it = std::find_if(series_.begin(), series_.end(),
                         [&](const Series& s) { return s.metric == metric; });
  if (it == series_.end()) it = series_.insert(series_.end(), Series{std::string(metric), {}});
  // After every point at the same step: those at one step keep the order they were reported.
  const auto at = std::upper_bound(it->points.begin(), it->points.end(), step,
                                   [](double s, const Point& p) { return s < p.step; });
  it->points.insert(at, Point{step, value});
  entries_.push_back({step, std::string(metric), value});
}

std::span<const Observations::Point> Observations::series(std::string_view metric) const noexcept {
  for (const Series& s : series_) {
    if (s.metric == metric) return s.points;
  }
  return {};
}

std::vector<std::string> Observations::metrics() const {
  std::vector<std::string> out;
  for (const Series& s : series_) out.push_back(s.metric);
  return out;
}

bool Observations::operator==(const Observations& other) const noexcept {
  auto same = [](double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); };
  return std::equal(entries_.begin(), entries_.end(), other.entries_.begin(), other.entries_.end(),
                    [&](const Observation& a, const Observation& b) {
                      return same(a.step, b.step) && a.metric == b.metric && same(a.value, b.value);
                    });
}

std::string Observations::to_csv() const {
  std::string out = "step,name,value\n";
  for (const Observation& o : entries_) {
    out += number_text(o.step) + ',' + o.metric + ',' + number_text(o.value) + '\n';
  }
  return out;
}

std::optional<Observations> Observations::parse_csv(std::string_view text,
                                                    ObservationsProblem& problem) {
  Observations record;
  auto fail = [&](std::size_t offset, std::size_t length, std::string message,
                  std::string hint = "each line is step,name,value, e.g. 1000,loss,2.31") {
    problem = {offset, std::max<std::size_t>(length, 1), std::move(message), std::move(hint)};
    return std::nullopt;
  };
  std::size_t begin = 0;
  bool first = true;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(begin, end - begin);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::size_t at = begin;
    begin = end + 1;
    const bool header = first && line == "step,name,value";
    first = false;
    if (line.empty() || line[0] == '#' || header) continue;

    // Three fields, split at the commas.
    const std::size_t comma1 = line.find(',');
    const std::size_t comma2 =
        comma1 == std::string_view::npos ? comma1 : line.find(',', comma1 + 1);
    if (comma2 == std::string_view::npos) {
      return fail(at, line.size(), "expected three fields: step,name,value");
    }
    if (line.find(',', comma2 + 1) != std::string_view::npos) {
      const std::size_t extra = line.find(',', comma2 + 1);
      return fail(at + extra, line.size() - extra, "more than three fields");
    }
    auto number = [&](std::size_t from, std::size_t to, const char* what) -> std::optional<double> {
      double x = 0;
      const char* first_char = line.data() + from;
      const char* last_char = line.data() + to;
      const auto result = std::from_chars(first_char, last_char, x);
      if (from == to || result.ec != std::errc() || result.ptr != last_char) {
        fail(at + from, to - from,
             std::string("the ") + what + " must be a number, got `" +
                 std::string(line.substr(from, to - from)) + "`");
        return std::nullopt;
      }
      return x;
    };
    const auto step = number(0, comma1, "step");
    if (!step) return std::nullopt;
    if (!std::isfinite(*step)) {
      return fail(
          at, comma1,
          "the step must be a finite number, got `" + std::string(line.substr(0, comma1)) + "`");
    }
    const std::string_view name = line.substr(comma1 + 1, comma2 - comma1 - 1);
    if (!valid_metric(name)) {
      return fail(at + comma1 + 1, name.size(),
                  "the metric name must be an identifier, got `" + std::string(name) + "`",
                  "letters, digits and _, not starting with a digit, as in metric=val_loss");
    }
    const auto value = number(comma2 + 1, line.size(), "value");
    if (!value) return std::nullopt;
    record.add(*step, name, *value);
  }
  return record;
}

Observations Observations::from_csv(std::string_view text) {
  ObservationsProblem problem;
  auto record = parse_csv(text, problem);
  if (!record) {
    const auto [line, column] = position(text, problem.offset);
    throw std::invalid_argument("line " + std::to_string(line) + ", column " +
                                std::to_string(column) + ": " + problem.message);
  }
  return std::move(*record);
}

}  // namespace tempo
