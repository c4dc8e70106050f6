// Builds tempo.Error (tempo/_error.py) from tempo::Diagnostic values.
#include "error.hpp"

#include "tempo/scripted.hpp"

namespace py = pybind11;

namespace tempo::python {
namespace {

py::object error_class(const char* name) {
  return py::module_::import("tempo._error").attr(name);
}

py::object diagnostic_object(const py::object& type, const Diagnostic& d) {
  py::object file = d.span.file ? py::object(py::str(d.span.file->name())) : py::object(py::none());
  return type(file, d.line(), d.column(), d.message, d.hint);
}

}  // namespace

void set_error(const std::vector<Diagnostic>& diagnostics) {
  // Building the exception may itself fail (a broken install): then that error stands.
  try {
    const py::object diagnostic = error_class("Diagnostic");
    py::list records;
    for (const auto& d : diagnostics) records.append(diagnostic_object(diagnostic, d));
    const py::object error = error_class("Error")(render(diagnostics), records);
    PyErr_SetObject(error.get_type().ptr(), error.ptr());
  } catch (py::error_already_set& e) {
    e.restore();
  }
}

void raise_error(const std::vector<Diagnostic>& diagnostics) {
  set_error(diagnostics);
  throw py::error_already_set();
}

bool set_evaluation_error() {
  auto message = take_evaluation_error();
  if (!message) return false;
  set_error({Diagnostic{{}, std::move(*message), ""}});
  return true;
}

}  // namespace tempo::python
