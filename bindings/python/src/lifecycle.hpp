// docs/lifecycle.md for Python: Schedule.fingerprint, Schedule.cool_down, Schedule.branch,
// tempo.continues, tempo.Checkpoint with tempo.checkpoint and tempo.read_checkpoint, and
// tempo.resume, over the C++ functions (nothing about them is computed here). The records they
// return, Continuation and Resumed, are named tuples from tempo/_lifecycle.py.
#pragma once

#include <pybind11/pybind11.h>

namespace tempo::python {

// Adds tempo.Checkpoint and the functions to `module`. (The Schedule methods are added by
// define_lifecycle_methods, schedule_object.hpp.)
void define_lifecycle(pybind11::module_& module);

}  // namespace tempo::python
