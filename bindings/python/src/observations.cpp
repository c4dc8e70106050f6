// tempo.Observations (observations.hpp) as a pybind11 class over tempo::Observations: add,
// len, iteration as (step, name, value) tuples, the CSV text form, equality and pickling.
#include "observations.hpp"

#include <pybind11/stl.h>

#include <stdexcept>

#include "error.hpp"
#include "tempo/compile.hpp"

namespace py = pybind11;

namespace tempo::python {
namespace {

py::list entries(const Observations& record) {
  py::list out;
  for (const Observation& o : record.entries())
    out.append(py::make_tuple(o.step, o.metric, o.value));
  return out;
}

Observations from_entries(const py::iterable& items) {
  Observations record;
  for (const py::handle item : items) {
    const auto entry = py::cast<py::tuple>(item);
    if (entry.size() != 3) throw py::value_error("an observation is (step, name, value)");
    record.add(py::cast<double>(entry[0]), py::cast<std::string>(entry[1]),
               py::cast<double>(entry[2]));
  }
  return record;
}

Observations from_csv(const std::string& text) {
  auto result = parse_observations(text);
  if (!result.value) raise_error(result.diagnostics);
  return std::move(*result.value);
}

}  // namespace

void define_observations(py::module_& module) {
  py::class_<Observations>(module, "Observations",
                           "The record of metric values reported during training, which the\n"
                           "schedule's plateau phases decide over: add(step, name, value) after\n"
                           "evaluating at `step`; Schedule.bind(record) is the schedule decided\n"
                           "over it. Save list(record) or record.to_csv() with the checkpoint.")
      .def(py::init<>())
      .def(py::init(&from_entries), py::arg("entries"),
           "A record of (step, name, value) tuples, in the order reported.")
      .def(
          "add",
          [](Observations& self, double step, const std::string& name, double value) {
            try {
              self.add(step, name, value);
            } catch (const std::invalid_argument& e) {
              throw py::value_error(e.what());
            }
          },
          py::arg("step"), py::arg("name"), py::arg("value"),
          "Records `value` of metric `name` reported at `step`: it decides the values at the\n"
          "steps after `step`.")
      .def("__len__", &Observations::size)
      .def("__iter__", [](const Observations& self) { return py::iter(entries(self)); })
      .def("__eq__", [](const Observations& a, const Observations& b) { return a == b; })
      .def("__repr__",
           [](const Observations& self) {
             return "tempo.Observations(" + py::repr(entries(self)).cast<std::string>() + ")";
           })
      .def("to_csv", &Observations::to_csv,
           "The text form: a step,name,value header, then one line per observation, numbers\n"
           "in shortest round-trip form (from_csv reads it back exactly).")
      .def_static("from_csv", &from_csv, py::arg("text"),
                  "Reads the text form; a bad line raises tempo.Error at its line and column.")
      .def(py::pickle([](const Observations& self) { return entries(self); },
                      [](const py::list& items) { return from_entries(items); }));
}

}  // namespace tempo::python
