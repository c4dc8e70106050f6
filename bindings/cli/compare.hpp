// Two schedules compared at every integer step (`tempo diff`): where they first differ, by how
// much at most, and a verdict for each phase.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tempo/schedule.hpp"

namespace tempo::cli {

struct Difference {
  std::int64_t step = 0;
  double a = 0, b = 0;
  double size = 0;  // |a − b|, or |a − b| / max(|a|, |b|) for the relative one
};

enum class Verdict {
  identical,     // the same steps and the same values
  shifted,       // the same length and values, at other steps
  extended,      // the same start and values on the steps both have, longer in B
  shortened,     // the same start and values on the steps both have, shorter in B
  changed,       // anything else, or a phase one side does not have
  not_compared,  // at or after the end of the comparison (--until) on both sides
};
std::string_view verdict_name(Verdict verdict);

// A phase of A and a phase of B of the same name, paired in order; a phase only one side has
// has no start and end on the other.
struct PhaseVerdict {
  std::string name;  // A's name, or B's when A has no such phase
  std::optional<double> a_start, a_end, b_start, b_end;
  Verdict verdict = Verdict::changed;
};

struct Comparison {
  std::int64_t end = 0;  // steps 0 … end − 1 were compared
  std::optional<Difference> first_difference;
  Difference max_absolute, max_relative;
  std::vector<PhaseVerdict> phases;
};

// Values are the same when they are equal or both NaN.
Comparison compare(const Schedule& a, const Schedule& b, std::int64_t end);

}  // namespace tempo::cli
