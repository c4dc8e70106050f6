// tempo.Schedule: a CPython type written against the C API rather than a pybind11 class, so that
// `schedule(step)` is a vectorcall that converts one number, evaluates and returns a float with
// no argument-parsing machinery in between (pybind11's dispatch costs several times the
// evaluation). The other methods are pybind11 functions attached to the type.
#pragma once

#include <pybind11/pybind11.h>

#include <memory>
#include <utility>

#include "request.hpp"
#include "tempo/schedule.hpp"

namespace tempo::python {

struct ScheduleObject {
  PyObject ob_base;  // PyObject_HEAD
  vectorcallfunc vectorcall;
  Schedule schedule;
  std::shared_ptr<const Request> request;
  bool scripted;  // its Lua phases report errors through tempo::take_evaluation_error
  PyObject* weakrefs;
};

// Creates the type and adds it to `module` as `Schedule`, with its methods.
void define_schedule(pybind11::module_& module);

pybind11::object make_schedule(Schedule schedule, std::shared_ptr<const Request> request,
                               bool scripted);

// The schedule inside `object`, or nullptr when it is not a tempo.Schedule.
const Schedule* schedule_of(PyObject* object);
ScheduleObject* schedule_object(PyObject* object);

// Evaluates `steps` (anything numpy turns into an array) elementwise into a float64 array of the
// same shape; a 0-d result of a non-array argument comes back as a float. Used by __call__ for
// everything but int and float.
PyObject* call_with_array(ScheduleObject* self, PyObject* steps);

// The same, raising TypeError when it is not.
ScheduleObject& self_of(const pybind11::handle& object);

// The methods other than __call__ (schedule_methods.cpp), and those of docs/lifecycle.md
// (lifecycle.cpp).
void define_schedule_methods(const pybind11::handle& type);
void define_lifecycle_methods(const pybind11::handle& type);

// Attaches a pybind11 function to the type as the method `name` (the type is not a pybind11
// class, so py::class_::def is not available).
template <typename F, typename... Extra>
void def(const pybind11::handle& type, const char* name, F&& f, const Extra&... extra) {
  pybind11::cpp_function method(std::forward<F>(f), pybind11::name(name), pybind11::is_method(type),
                                pybind11::sibling(pybind11::getattr(type, name, pybind11::none())),
                                extra...);
  pybind11::setattr(type, name, method);
}

// A read-only property computed by `f(self)`.
template <typename F>
void def_property(const pybind11::handle& type, const char* name, F&& f, const char* doc) {
  const pybind11::object property = pybind11::module_::import("builtins").attr("property");
  pybind11::setattr(type, name,
                    property(pybind11::cpp_function(std::forward<F>(f)), pybind11::none(),
                             pybind11::none(), doc));
}

}  // namespace tempo::python
