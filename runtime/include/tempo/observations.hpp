// tempo::Observations: the record of metric values a host reports during training (LANGUAGE.md
// §10.9), which metric-driven phases (`plateau`) decide over. It is a plain value: the host adds
// to it as training goes, saves it with its checkpoint (to_csv) and restores it (from_csv), and
// binds a schedule to it (Schedule::bind) whenever it changed.
//
//   tempo::Observations record;
//   record.add(epoch, "loss", val_loss);
//   tempo::Schedule now = lr.bind(record);  // the decisions taken once, here
//   double value = now(epoch + 1);          // allocation-free, as any schedule
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tempo {

struct Observation {
  double step = 0;
  std::string metric;
  double value = 0;
};

// Where a text form of the record is wrong: the byte offset and length of the culprit.
struct ObservationsProblem {
  std::size_t offset = 0, length = 1;
  std::string message, hint;
};

class Observations {
 public:
  struct Point {
    double step, value;
  };

  // Records `value` of `metric`, reported at `step` (it decides the values at steps > step).
  // Throws std::invalid_argument for a step that is not finite or a metric name that is not an
  // identifier (letters, digits and _, not starting with a digit): plateau's `metric=` names it.
  void add(double step, std::string_view metric, double value);

  // Every observation in the order it was reported.
  std::span<const Observation> entries() const noexcept { return entries_; }
  std::size_t size() const noexcept { return entries_.size(); }
  bool empty() const noexcept { return entries_.empty(); }
  // One metric's observations by step; those at one step in the order they were reported.
  // Empty for a name never reported.
  std::span<const Point> series(std::string_view metric) const noexcept;
  // The metric names reported, in the order first seen.
  std::vector<std::string> metrics() const;

  // The same observations in the same order (a NaN value equals a NaN value).
  bool operator==(const Observations& other) const noexcept;

  // The text form: a `step,name,value` header, then one such line per observation in the order
  // reported, each number in its shortest form that reads back to the same double, so
  // from_csv(to_csv()) == *this.
  std::string to_csv() const;
  // Reads the text form (the header is optional; blank lines and lines starting with # are
  // skipped). Throws std::invalid_argument "line L, column C: message" on a bad line.
  static Observations from_csv(std::string_view text);
  // The same without exceptions: nullopt, and `problem` says where and why.
  static std::optional<Observations> parse_csv(std::string_view text, ObservationsProblem& problem);

  // Whether `name` may name a metric (an identifier).
  static bool valid_metric(std::string_view name) noexcept;

 private:
  struct Series {
    std::string metric;
    std::vector<Point> points;
  };
  std::vector<Observation> entries_;
  std::vector<Series> series_;  // few metrics: searched in order
};

}  // namespace tempo
