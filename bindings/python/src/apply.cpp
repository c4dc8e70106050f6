// _apply is a METH_FASTCALL function written against the C API: pybind11's argument dispatch
// would cost more than the whole step it replaces.
#include "apply.hpp"

#include "error.hpp"
#include "schedule_object.hpp"

namespace tempo::python {
namespace {

bool fail(PyObject* type, const char* message) {
  PyErr_SetString(type, message);
  return false;
}

bool valid(PyObject* const* args, Py_ssize_t nargs) {
  if (nargs != 5) return fail(PyExc_TypeError, "_apply(groups, key, schedules, scales, step)");
  if (!PyList_Check(args[0]) || !PyList_Check(args[2]) || !PyList_Check(args[3]))
    return fail(PyExc_TypeError, "_apply: groups, schedules and scales must be lists");
  if (PyList_GET_SIZE(args[2]) != PyList_GET_SIZE(args[3]))
    return fail(PyExc_ValueError, "_apply: one scale per schedule");
  return true;
}

PyObject* apply(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!valid(args, nargs)) return nullptr;
  PyObject* groups = args[0];
  PyObject* key = args[1];
  PyObject* schedules = args[2];
  PyObject* scales = args[3];
  const double step = PyFloat_AsDouble(args[4]);
  if (step == -1.0 && PyErr_Occurred()) return nullptr;
  // As zip() would: param groups added after the scheduler was made are left alone.
  Py_ssize_t n = PyList_GET_SIZE(schedules);
  if (PyList_GET_SIZE(groups) < n) n = PyList_GET_SIZE(groups);
  PyObject* values = PyList_New(n);
  if (!values) return nullptr;
  for (Py_ssize_t i = 0; i < n; ++i) {
    ScheduleObject* schedule = schedule_object(PyList_GET_ITEM(schedules, i));
    const double scale = PyFloat_AsDouble(PyList_GET_ITEM(scales, i));
    if (!schedule || (scale == -1.0 && PyErr_Occurred())) {
      if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "_apply: not a tempo.Schedule");
      Py_DECREF(values);
      return nullptr;
    }
    const double raw = schedule->schedule(step);
    PyObject* value = PyFloat_FromDouble(raw * scale);
    if (!value || (schedule->scripted && set_evaluation_error()) ||
        PyObject_SetItem(PyList_GET_ITEM(groups, i), key, value) < 0) {
      Py_XDECREF(value);
      Py_DECREF(values);
      return nullptr;
    }
    PyList_SET_ITEM(values, i, value);  // steals the reference
  }
  return values;
}

PyMethodDef method = {"_apply", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(apply)),
                      METH_FASTCALL,
                      "_apply(groups, key, schedules, scales, step): for each i, "
                      "groups[i][key] = schedules[i](step) * scales[i]; returns the values."};

}  // namespace

void define_apply(pybind11::module_& module) {
  PyObject* function = PyCFunction_NewEx(&method, nullptr, module.attr("__name__").ptr());
  if (!function) throw pybind11::error_already_set();
  module.add_object("_apply", pybind11::reinterpret_steal<pybind11::object>(function));
}

}  // namespace tempo::python
