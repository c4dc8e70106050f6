// The public compile functions over a compiled Program (program.cpp makes it): the schedule a
// host gets by default, files read from disk or through Options::read_file, and the exceptions
// of the throwing forms.
#include "tempo/compile.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "program_access.hpp"
#include "read_file.hpp"

namespace tempo {

CompileError::CompileError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(render(diagnostics)), diagnostics_(std::move(diagnostics)) {}

const Schedule* Program::find(std::string_view name) const {
  if (!contents_) return nullptr;
  const auto it = contents_->schedules.find(name);
  return it == contents_->schedules.end() ? nullptr : &it->second;
}

const Schedule& Program::main() const {
  const Schedule* schedule = find(main_name());
  if (!schedule) throw std::out_of_range("the program has no default schedule");
  return *schedule;
}

const std::string& Program::main_name() const noexcept {
  static const std::string none;
  return contents_ ? contents_->main : none;
}

bool Program::has_main() const noexcept {
  return find(main_name()) != nullptr;
}

std::vector<std::string> Program::names() const {
  std::vector<std::string> out;
  if (contents_) {
    for (const auto& [name, schedule] : contents_->schedules) out.push_back(name);
  }
  return out;
}

Result<Schedule> try_compile(std::string_view source, const Options& options) {
  auto program = try_compile_program(source, options);
  Result<Schedule> result;
  result.diagnostics = std::move(program.diagnostics);
  result.warnings = std::move(program.warnings);
  if (program.value) result.value = program.value->main();
  return result;
}

Schedule compile(std::string_view source, const Options& options) {
  auto result = try_compile(source, options);
  if (!result.value) throw CompileError(std::move(result.diagnostics));
  return std::move(*result.value);
}

Result<Program> try_compile_file(const std::string& path, Options options) {
  const auto text = options.read_file ? options.read_file(path) : read_file(path);
  if (!text) {
    Result<Program> result;
    result.diagnostics.push_back({{}, fmt::format("cannot read `{}`", path), ""});
    return result;
  }
  options.source_name = path;
  return try_compile_program(*text, options);
}

Schedule compile_file(const std::string& path, Options options) {
  auto program = try_compile_file(path, std::move(options));
  if (!program.value) throw CompileError(std::move(program.diagnostics));
  return program.value->main();
}

}  // namespace tempo
