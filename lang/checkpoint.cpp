// The checkpoint record as JSON (docs/lifecycle.md), written and read with nlohmann::json.
// Numbers are written with the shortest text that reads back to the same double.
#include "tempo/checkpoint.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace tempo {
namespace {

using json = nlohmann::ordered_json;

constexpr int format_version = 1;

json number_or_null(const std::optional<double>& value) {
  return value ? json(*value) : json(nullptr);
}

std::optional<double> context_value(double value) {
  return std::isnan(value) ? std::nullopt : std::optional<double>(value);
}

// A reading error at byte `at` of the record (or of the whole record when at is npos).
Result<Checkpoint> failure(std::string_view text, std::size_t at, std::string message,
                           std::string hint = {}) {
  auto file = std::make_shared<const SourceFile>("<checkpoint>", std::string(text));
  SourceSpan span = SourceSpan::whole(file);
  if (at != std::string::npos && at < text.size()) {
    span = {file, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + 1)};
  }
  Result<Checkpoint> result;
  result.diagnostics.push_back({std::move(span), std::move(message), std::move(hint)});
  return result;
}

struct FieldError {
  std::string message;
};

const json& field(const json& object, const char* name, json::value_t type, const char* what) {
  const auto it = object.find(name);
  const bool numeric = type == json::value_t::number_float;
  if (it == object.end()) throw FieldError{fmt::format("the checkpoint has no `{}`", name)};
  if (numeric ? !it->is_number() : it->type() != type) {
    throw FieldError{fmt::format("`{}` must be {}, got {}", name, what, it->dump())};
  }
  return *it;
}

std::optional<double> optional_number(const json& context, const char* name) {
  const auto it = context.find(name);
  if (it == context.end() || it->is_null()) return std::nullopt;
  if (!it->is_number()) {
    throw FieldError{
        fmt::format("context `{}` must be a number or null, got {}", name, it->dump())};
  }
  return it->get<double>();
}

}  // namespace

Checkpoint checkpoint(const Schedule& schedule, double step,
                      std::vector<Observation> observations) {
  Checkpoint c;
  c.step = step;
  c.fingerprint = schedule.fingerprint();
  c.source = schedule.source();
  c.total = context_value(schedule.total());
  c.steps_per_epoch = context_value(schedule.steps_per_epoch());
  c.tokens_per_step = context_value(schedule.tokens_per_step());
  c.observations = std::move(observations);
  return c;
}

std::string to_json(const Checkpoint& c) {
  json observations = json::array();
  for (const auto& o : c.observations) {
    observations.push_back({{"step", o.step}, {"name", o.metric}, {"value", o.value}});
  }
  const json record = {
      {"tempo_checkpoint", format_version},
      {"step", c.step},
      {"fingerprint", c.fingerprint},
      {"source", c.source},
      {"context",
       {{"total", number_or_null(c.total)},
        {"steps_per_epoch", number_or_null(c.steps_per_epoch)},
        {"tokens_per_step", number_or_null(c.tokens_per_step)}}},
      {"observations", observations},
  };
  return record.dump(2) + "\n";
}

Result<Checkpoint> read_checkpoint(std::string_view text) {
  json record;
  try {
    record = json::parse(text);
  } catch (const json::parse_error& e) {
    // e.byte is 1-based, pointing just past where reading stopped
    const std::size_t at = text.empty() ? 0 : std::min<std::size_t>(e.byte, text.size()) - 1;
    // what() is "[json.exception.parse_error.101] parse error at line 1, column 2: <reason>"
    const std::string what = e.what();
    const std::size_t column = what.find("column ");
    const std::size_t reason = what.find(": ", column == std::string::npos ? 0 : column);
    return failure(text, e.byte > 0 ? at : 0, "the checkpoint is not valid JSON",
                   reason == std::string::npos ? what : what.substr(reason + 2));
  }
  if (!record.is_object()) return failure(text, 0, "a checkpoint is a JSON object");
  try {
    const json& version = field(record, "tempo_checkpoint", json::value_t::number_float, "1");
    if (version != format_version) {
      throw FieldError{fmt::format("this is a version {} checkpoint; this Tempo reads version {}",
                                   version.dump(), format_version)};
    }
    Checkpoint c;
    c.step = field(record, "step", json::value_t::number_float, "a number").get<double>();
    if (!(c.step >= 0) || !std::isfinite(c.step)) {
      throw FieldError{fmt::format("`step` must be a finite number ≥ 0, got {}", c.step)};
    }
    c.fingerprint =
        field(record, "fingerprint", json::value_t::string, "a string").get<std::string>();
    c.source = field(record, "source", json::value_t::string, "a string").get<std::string>();
    const json& context = field(record, "context", json::value_t::object, "an object");
    c.total = optional_number(context, "total");
    c.steps_per_epoch = optional_number(context, "steps_per_epoch");
    c.tokens_per_step = optional_number(context, "tokens_per_step");
    const auto list = record.find("observations");
    if (list != record.end()) {
      if (!list->is_array()) throw FieldError{"`observations` must be an array"};
      for (const json& o : *list) {
        if (!o.is_object()) throw FieldError{"an observation is {\"step\", \"name\", \"value\"}"};
        c.observations.push_back(
            {field(o, "step", json::value_t::number_float, "a number").get<double>(),
             field(o, "name", json::value_t::string, "a string").get<std::string>(),
             field(o, "value", json::value_t::number_float, "a number").get<double>()});
      }
    }
    Result<Checkpoint> result;
    result.value = std::move(c);
    return result;
  } catch (const FieldError& e) {
    return failure(text, std::string::npos, e.message);
  }
}

std::optional<OnChange> on_change_named(std::string_view name) {
  if (name == "error") return OnChange::error;
  if (name == "adopt") return OnChange::adopt;
  if (name == "keep") return OnChange::keep;
  return std::nullopt;
}

}  // namespace tempo
