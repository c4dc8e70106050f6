// tempo.Error from diagnostics: str() is the CLI's text (tempo::render), `.diagnostics` the
// structured records (file, line, column, message, hint). The classes live in tempo/_error.py.
#pragma once

#include <pybind11/pybind11.h>

#include <string>
#include <vector>

#include "tempo/diagnostic.hpp"

namespace tempo::python {

// Sets tempo.Error as the current Python exception.
void set_error(const std::vector<Diagnostic>& diagnostics);

// Sets it and throws pybind11::error_already_set, for code running under pybind11.
[[noreturn]] void raise_error(const std::vector<Diagnostic>& diagnostics);

// A scripted phase failed while evaluating: sets tempo.Error with its message and returns true
// if this thread has such an error waiting (tempo::take_evaluation_error).
bool set_evaluation_error();

}  // namespace tempo::python
