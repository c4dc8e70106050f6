// tempo.Observations: the record of metric values a training loop reports (LANGUAGE.md §10.9),
// which plateau phases decide over; Schedule.bind(record) gives the schedule decided over it.
#pragma once

#include <pybind11/pybind11.h>

namespace tempo::python {

void define_observations(pybind11::module_& module);

}  // namespace tempo::python
