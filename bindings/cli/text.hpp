// How the command line writes steps and values.
#pragma once

#include <string>

namespace tempo::cli {

// The step as an integer when it is one (1000000, not 1e+06), else in shortest form.
std::string format_step(double step);
// A value for a table: 6 significant digits, `-` for NaN.
std::string format_value(double value);

}  // namespace tempo::cli
