// tempo._tempo._apply: the hot path of tempo.torch's step(). One C call evaluates every param
// group's schedule at a step and stores the values, instead of a Python loop over the groups.
#pragma once

#include <pybind11/pybind11.h>

namespace tempo::python {

// Adds `_apply(groups, key, schedules, scales, step) -> list of values` to `module`: for each i,
// groups[i][key] = schedules[i](step) * scales[i].
void define_apply(pybind11::module_& module);

}  // namespace tempo::python
