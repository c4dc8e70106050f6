// The tempo.Schedule type: layout, lifetime, and the scalar fast path of __call__.
#include "schedule_object.hpp"

#include <structmember.h>

#include <new>

#include "error.hpp"

namespace py = pybind11;

namespace tempo::python {
namespace {

PyTypeObject* type = nullptr;

void dealloc(PyObject* object) {
  auto* self = reinterpret_cast<ScheduleObject*>(object);
  if (self->weakrefs) PyObject_ClearWeakRefs(object);
  self->schedule.~Schedule();
  self->request.~shared_ptr();
  PyTypeObject* tp = Py_TYPE(object);
  tp->tp_free(object);
  Py_DECREF(tp);  // instances of heap types own a reference to their type
}

// schedule(step): int and float are converted here; arrays, numpy scalars and anything else go
// to call_with_array.
PyObject* vectorcall(PyObject* object, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  if (PyVectorcall_NARGS(nargsf) != 1 || (kwnames && PyTuple_GET_SIZE(kwnames) != 0)) {
    PyErr_SetString(PyExc_TypeError, "a Schedule takes one argument: the step (or an array)");
    return nullptr;
  }
  auto* self = reinterpret_cast<ScheduleObject*>(object);
  PyObject* arg = args[0];
  double step;
  if (PyFloat_CheckExact(arg)) {
    step = PyFloat_AS_DOUBLE(arg);
  } else if (PyLong_CheckExact(arg)) {
    step = PyLong_AsDouble(arg);
    if (step == -1.0 && PyErr_Occurred()) return nullptr;
  } else {
    return call_with_array(self, arg);
  }
  const double value = self->schedule(step);
  if (self->scripted && set_evaluation_error()) return nullptr;
  return PyFloat_FromDouble(value);
}

PyObject* str(PyObject* object) {
  const std::string& source = reinterpret_cast<ScheduleObject*>(object)->schedule.source();
  return PyUnicode_FromStringAndSize(source.data(), static_cast<Py_ssize_t>(source.size()));
}

PyMemberDef members[] = {
    {"__vectorcalloffset__", T_PYSSIZET, offsetof(ScheduleObject, vectorcall), READONLY, nullptr},
    {"__weaklistoffset__", T_PYSSIZET, offsetof(ScheduleObject, weakrefs), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr}};

const char doc[] =
    "A compiled schedule: schedule(step) is its value at a step (int, float, or an array of "
    "steps).\nMade by tempo.compile, tempo.compile_file or a tempo.Program; immutable, "
    "thread-safe, picklable.";

PyType_Slot slots[] = {{Py_tp_dealloc, reinterpret_cast<void*>(dealloc)},
                       {Py_tp_call, reinterpret_cast<void*>(PyVectorcall_Call)},
                       {Py_tp_str, reinterpret_cast<void*>(str)},
                       {Py_tp_members, members},
                       {Py_tp_doc, const_cast<char*>(doc)},
                       {0, nullptr}};

// Not instantiable from Python (there is no Schedule without a compiled tree), not a base class.
PyType_Spec spec = {
    "tempo.Schedule", sizeof(ScheduleObject), 0,
    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_VECTORCALL | Py_TPFLAGS_DISALLOW_INSTANTIATION, slots};

}  // namespace

void define_schedule(py::module_& module) {
  type = reinterpret_cast<PyTypeObject*>(PyType_FromSpec(&spec));
  if (!type) throw py::error_already_set();
  const py::handle handle(reinterpret_cast<PyObject*>(type));
  define_schedule_methods(handle);
  define_lifecycle_methods(handle);
  module.add_object("Schedule", handle);
}

py::object make_schedule(Schedule schedule, std::shared_ptr<const Request> request, bool scripted) {
  PyObject* object = type->tp_alloc(type, 0);
  if (!object) throw py::error_already_set();
  auto* self = reinterpret_cast<ScheduleObject*>(object);
  self->vectorcall = vectorcall;
  new (&self->schedule) Schedule(std::move(schedule));
  new (&self->request) std::shared_ptr<const Request>(std::move(request));
  self->scripted = scripted;
  self->weakrefs = nullptr;
  return py::reinterpret_steal<py::object>(object);
}

ScheduleObject* schedule_object(PyObject* object) {
  return type && PyObject_TypeCheck(object, type) ? reinterpret_cast<ScheduleObject*>(object)
                                                  : nullptr;
}

ScheduleObject& self_of(const py::handle& object) {
  ScheduleObject* self = schedule_object(object.ptr());
  if (!self) throw py::type_error("expected a tempo.Schedule");
  return *self;
}

const Schedule* schedule_of(PyObject* object) {
  ScheduleObject* self = schedule_object(object);
  return self ? &self->schedule : nullptr;
}

}  // namespace tempo::python
