// Fingerprints, continuation checks, branches, checkpoints and resuming (lifecycle.hpp): thin
// calls into tempo/continuation.hpp, tempo/branch.hpp and tempo/checkpoint.hpp. A schedule made
// here (a branch, the checkpoint's plan kept on resume) gets a Request of its canonical source
// and context, which compiles it again when it is pickled.
#include "lifecycle.hpp"

#include <pybind11/stl.h>

#include <cmath>
#include <stdexcept>

#include "error.hpp"
#include "schedule_object.hpp"
#include "tempo/branch.hpp"
#include "tempo/checkpoint.hpp"
#include "tempo/continuation.hpp"
#include "tempo/observations.hpp"

namespace py = pybind11;

namespace tempo::python {
namespace {

py::object record_class(const char* name) {
  return py::module_::import("tempo._lifecycle").attr(name);
}

// The C++ records say NaN where there is nothing to say; Python says None.
py::object number_or_none(double value) {
  return std::isnan(value) ? py::object(py::none()) : py::object(py::float_(value));
}

std::optional<double> given(double value) {
  return std::isnan(value) ? std::nullopt : std::optional<double>(value);
}

// A request that compiles `schedule` again from its canonical source and context.
py::object adopt(Schedule schedule, const char* source_name) {
  auto request = std::make_shared<Request>();
  request->text = schedule.source();
  request->source_name = source_name;
  request->total = given(schedule.total());
  request->steps_per_epoch = given(schedule.steps_per_epoch());
  request->tokens_per_step = given(schedule.tokens_per_step());
  return make_schedule(std::move(schedule), std::move(request), false);
}

template <typename T>
T& value_or_raise(Result<T>& result) {
  if (!result.ok()) raise_error(result.diagnostics);
  return *result.value;
}

// Observations as tempo::Observations validates them (finite steps, identifier names).
void add_checked(Observations& record, double step, const std::string& name, double value) {
  try {
    record.add(step, name, value);
  } catch (const std::invalid_argument& e) {
    throw py::value_error(e.what());
  }
}

// None, a tempo.Observations or (step, name, value) triples.
std::vector<Observation> observations_from(const py::object& value) {
  if (value.is_none()) return {};
  Observations record;
  if (py::isinstance<Observations>(value)) {
    record = value.cast<const Observations&>();
  } else {
    for (const py::handle item : value) {
      const auto entry = py::cast<py::tuple>(item);
      if (entry.size() != 3) throw py::value_error("an observation is (step, name, value)");
      add_checked(record, py::cast<double>(entry[0]), py::cast<std::string>(entry[1]),
                  py::cast<double>(entry[2]));
    }
  }
  return {record.entries().begin(), record.entries().end()};
}

Observations record_of(const Checkpoint& c) {
  Observations record;
  for (const Observation& o : c.observations) add_checked(record, o.step, o.metric, o.value);
  return record;
}

Checkpoint read(const std::string& text) {
  auto result = read_checkpoint(text);
  return std::move(value_or_raise(result));
}

OnChange policy_named(const std::string& name) {
  const auto policy = on_change_named(name);
  if (!policy) {
    throw py::value_error("on_change must be one of error, adopt, keep, not " +
                          py::repr(py::str(name)).cast<std::string>());
  }
  return *policy;
}

py::object continues_(const py::handle& old_plan, const py::handle& new_plan, double until) {
  const Continuation c = continues(self_of(old_plan).schedule, self_of(new_plan).schedule, until);
  return record_class("Continuation")(c.continues, number_or_none(c.step),
                                      number_or_none(c.old_value), number_or_none(c.new_value),
                                      c.compared, c.proven);
}

Checkpoint checkpoint_(const py::handle& schedule, double step, const py::object& observations) {
  if (!(step >= 0) || !std::isfinite(step))
    throw py::value_error("step must be a finite number >= 0, got " +
                          py::repr(py::float_(step)).cast<std::string>());
  return checkpoint(self_of(schedule).schedule, step, observations_from(observations));
}

py::object resume_(const py::object& saved, const py::object& current,
                   const std::string& on_change) {
  const OnChange policy = policy_named(on_change);
  const ScheduleObject& now = self_of(current);
  const Checkpoint record =
      py::isinstance<py::str>(saved) ? read(saved.cast<std::string>()) : saved.cast<Checkpoint>();
  auto result = resume(record, now.schedule, policy);
  Resumed& r = value_or_raise(result);
  // Unless the checkpoint's plan is kept, the plan to continue with is `current` itself.
  py::object schedule = r.changed && policy == OnChange::keep
                            ? adopt(std::move(r.schedule), "<checkpoint>")
                            : current;
  return record_class("Resumed")(schedule, r.changed, number_or_none(r.first_difference),
                                 number_or_none(r.old_value), number_or_none(r.new_value),
                                 r.report);
}

void define_checkpoint(py::module_& module) {
  py::class_<Checkpoint>(module, "Checkpoint",
                         "A checkpoint record (docs/lifecycle.md): the step, the plan's\n"
                         "fingerprint, canonical source and context, and the observations.\n"
                         "Made by tempo.checkpoint(schedule, step) or read_checkpoint(text);\n"
                         "to_json() is its JSON text, the same as C++, C and Lua write.")
      .def_readonly("step", &Checkpoint::step, "Steps taken: the run goes on at schedule(step).")
      .def_readonly("fingerprint", &Checkpoint::fingerprint)
      .def_readonly("source", &Checkpoint::source, "The plan's canonical source.")
      .def_readonly("total", &Checkpoint::total)
      .def_readonly("steps_per_epoch", &Checkpoint::steps_per_epoch)
      .def_readonly("tokens_per_step", &Checkpoint::tokens_per_step)
      .def_property_readonly("observations", &record_of,
                             "The metric values reported for plateau, as a tempo.Observations.")
      .def(
          "to_json", [](const Checkpoint& c) { return to_json(c); },
          "The record's JSON text (docs/lifecycle.md); numbers in shortest round-trip form.")
      .def("__eq__",
           [](const Checkpoint& a, const py::object& b) {
             return py::isinstance<Checkpoint>(b) && to_json(a) == to_json(b.cast<Checkpoint>());
           })
      .def("__repr__",
           [](const Checkpoint& c) {
             return "<tempo.Checkpoint step=" + py::repr(py::float_(c.step)).cast<std::string>() +
                    " " + c.fingerprint + " " + c.source + ">";
           })
      .def(py::pickle([](const Checkpoint& c) { return to_json(c); },
                      [](const std::string& text) { return read(text); }));
}

}  // namespace

void define_lifecycle_methods(const py::handle& type) {
  def_property(
      type, "fingerprint",
      [](const py::handle& object) { return self_of(object).schedule.fingerprint(); },
      "16 hex digits: a hash of the compiled plan and its context, the same in C++, C and Lua\n"
      "(docs/lifecycle.md). Spelling leaves it; any change of a value changes it.");
  def(
      type, "cool_down",
      [](const py::handle& object, double at, double over, const std::string& shape) {
        auto result = cool_down(self_of(object).schedule, at, over, shape);
        return adopt(std::move(value_or_raise(result).schedule), "<branch>");
      },
      py::arg("at"), py::arg("over"), py::arg("shape") = "linear",
      "take(at, self) >> decay(over, shape=shape), compiled with this schedule's context and\n"
      "proven to continue it before `at`; its .source is the new plan's canonical source.\n"
      "Raises tempo.Error when it does not compile or does not continue.");
  def(
      type, "branch",
      [](const py::handle& object, double at, const std::string& then) {
        auto result = branch(self_of(object).schedule, at, then);
        return adopt(std::move(value_or_raise(result).schedule), "<branch>");
      },
      py::arg("at"), py::arg("then"),
      "take(at, self) >> then (Tempo source), proven to continue this schedule before `at`.");
}

void define_lifecycle(py::module_& module) {
  define_checkpoint(module);
  module.def("continues", &continues_, py::arg("old"), py::arg("new"), py::arg("until"),
             "Whether `new` equals `old` bit for bit at every integer step before `until`: a\n"
             "tempo.Continuation (true when it does; else the first differing step and both\n"
             "values there).");
  module.def("checkpoint", &checkpoint_, py::arg("schedule"), py::arg("step"),
             py::arg("observations") = py::none(),
             "The checkpoint record of `schedule` after `step` steps; observations: a\n"
             "tempo.Observations or (step, name, value) triples.");
  module.def("read_checkpoint", &read, py::arg("text"),
             "Reads a checkpoint's JSON text; raises tempo.Error saying where it is wrong.");
  module.def("resume", &resume_, py::arg("saved"), py::arg("current"),
             py::arg("on_change") = "error",
             "Resumes from `saved` (a tempo.Checkpoint or its JSON text) with `current`, the plan\n"
             "compiled now: a tempo.Resumed. A changed plan raises tempo.Error under\n"
             "on_change=\"error\"; \"adopt\" continues with `current`, \"keep\" with the\n"
             "checkpoint's plan, both with a report of what changed and the jump.");
}

}  // namespace tempo::python
