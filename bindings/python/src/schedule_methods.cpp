// tempo.Schedule's methods other than the scalar __call__: arrays of steps, fill, the phase
// table, the source, pickling.
#include <fmt/format.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cmath>

#include "error.hpp"
#include "schedule_object.hpp"
#include "tempo/observations.hpp"

namespace py = pybind11;

namespace tempo::python {
namespace {

using Steps = py::array_t<double, py::array::c_style | py::array::forcecast>;

// Below this many values the GIL is kept: releasing and taking it back costs more.
constexpr py::ssize_t release_gil_from = 4096;

void check_scripted(const ScheduleObject& self) {
  if (self.scripted && set_evaluation_error()) throw py::error_already_set();
}

py::array_t<double> evaluate(const ScheduleObject& self, const Steps& steps) {
  py::array_t<double> values(std::vector<py::ssize_t>(steps.shape(), steps.shape() + steps.ndim()));
  const double* in = steps.data();
  double* out = values.mutable_data();
  const py::ssize_t n = steps.size();
  auto run = [&] {
    for (py::ssize_t i = 0; i < n; ++i) out[i] = self.schedule(in[i]);
  };
  if (n >= release_gil_from) {
    py::gil_scoped_release released;
    run();
  } else {
    run();
  }
  check_scripted(self);
  return values;
}

py::array_t<double> fill(const py::handle& object, double first, py::ssize_t count, double stride,
                         const py::object& out) {
  const ScheduleObject& self = self_of(object);
  if (count < 0) throw py::value_error("count must be >= 0");
  py::array_t<double> values;
  if (out.is_none()) {
    values = py::array_t<double>(count);
  } else {
    values = py::reinterpret_borrow<py::array_t<double>>(out);
    if (!py::isinstance<py::array_t<double>>(out) || values.ndim() != 1 ||
        !(values.flags() & py::array::c_style) || !values.writeable() || values.size() != count)
      throw py::value_error(fmt::format(
          "out must be a writable contiguous float64 array of {} values (the count)", count));
  }
  const std::span<double> span(values.mutable_data(), static_cast<std::size_t>(count));
  {
    py::gil_scoped_release released;
    self.schedule.fill(first, span, stride);
  }
  check_scripted(self);
  return values;
}

py::list phases(const py::handle& object) {
  py::list rows;
  for (const PhaseRow& row : self_of(object).schedule.phases()) {
    py::dict d;
    d["name"] = row.name;
    d["start"] = row.start;
    d["end"] = row.end;
    d["length"] = row.end - row.start;
    d["start_value"] = row.start_value;
    d["end_value"] = row.end_value;
    rows.append(d);
  }
  return rows;
}

py::object total(const py::handle& object) {
  const double t = self_of(object).schedule.total();
  return std::isnan(t) ? py::object(py::none()) : py::object(py::float_(t));
}

std::string repr(const py::handle& object) {
  const ScheduleObject& self = self_of(object);
  const double t = self.schedule.total();
  return std::isnan(t) ? fmt::format("<tempo.Schedule {}>", self.schedule.source())
                       : fmt::format("<tempo.Schedule {} total={}>", self.schedule.source(), t);
}

py::tuple reduce(const py::handle& object) {
  const ScheduleObject& self = self_of(object);
  // A Python function: pickle refers to it by name (a pybind11 function would not pickle).
  const py::object rebuild = py::module_::import("tempo").attr("_rebuild");
  return py::make_tuple(rebuild, py::make_tuple(request_state(*self.request)));
}

}  // namespace

PyObject* call_with_array(ScheduleObject* self, PyObject* steps) {
  try {
    const auto handle = py::reinterpret_borrow<py::object>(steps);
    const bool is_array = py::isinstance<py::array>(handle);
    const Steps array = Steps::ensure(handle);
    if (!array)
      throw py::type_error(fmt::format("a step must be a number or an array of numbers, not {}",
                                       Py_TYPE(steps)->tp_name));
    py::array_t<double> values = evaluate(*self, array);
    if (!is_array && values.ndim() == 0) return PyFloat_FromDouble(*values.data());
    return values.release().ptr();
  } catch (py::error_already_set& e) {
    e.restore();
  } catch (const py::builtin_exception& e) {
    e.set_error();
  } catch (const std::exception& e) {
    PyErr_SetString(PyExc_RuntimeError, e.what());
  }
  return nullptr;
}

void define_schedule_methods(const py::handle& type) {
  def(type, "fill", fill, py::arg("first"), py::arg("count"), py::arg("stride") = 1.0,
      py::kw_only(), py::arg("out") = py::none(),
      "The values at first, first + stride, ... (count of them) as a float64 array, computed\n"
      "phase by phase with the GIL released; each is bit-identical to schedule(step).\n"
      "`out` (a float64 array of `count` values) is written instead of a new array.");
  def(type, "phases", phases,
      "The resolved phase table (`tempo explain`): a list of dicts with name, start, end,\n"
      "length, start_value and end_value. `end` is inf for a phase that runs forever.");
  def(type, "__repr__", repr);
  def(type, "__reduce__", reduce);
  def(type, "__copy__",
      [](const py::handle& object) { return py::reinterpret_borrow<py::object>(object); });
  def(
      type, "__deepcopy__",
      [](const py::handle& object, const py::handle&) {
        return py::reinterpret_borrow<py::object>(object);
      },
      py::arg("memo"));
  def_property(
      type, "source", [](const py::handle& object) { return self_of(object).schedule.source(); },
      "The canonical source (bindings substituted, spacing normalised).");
  def_property(type, "total", total, "The total the schedule was compiled for, or None.");
  def(
      type, "bind",
      [](const py::handle& object, const Observations& record) {
        const ScheduleObject& self = self_of(object);
        return make_schedule(self.schedule.bind(record), self.request, self.scripted);
      },
      py::arg("observations"),
      "The schedule decided over a tempo.Observations record: its plateau phases take their\n"
      "reductions from it (and the phases after them start from there). Bind again when the\n"
      "record changed; pickling gives back the unbound schedule.");
  def_property(
      type, "metrics", [](const py::handle& object) { return self_of(object).schedule.metrics(); },
      "The metric names its plateau phases decide over ([] when it decides nothing).");
  def_property(
      type, "name", [](const py::handle& object) { return self_of(object).request->name; },
      "The binding it was compiled from (\"\" for a file's bare expression).");
}

}  // namespace tempo::python
