// Files (LANGUAGE.md §7): the source limits, statements, bindings and their order, the context
// and host overrides, and the choice of the schedule a host asked for. The work on each schedule
// is resolve → plan → lower (resolve.hpp, plan.hpp, lower.hpp); the public functions over the
// Program made here are in compile.cpp.
#include <fmt/format.h>

#include <algorithm>

#include "../runtime/schedule_access.hpp"
#include "decide.hpp"
#include "format.hpp"
#include "layout_format.hpp"
#include "lower.hpp"
#include "mentions.hpp"
#include "program_access.hpp"
#include "resolve.hpp"
#include "source_checks.hpp"
#include "tempo/compile.hpp"
#include "tempo/limits.hpp"
#include "tempo/suggest.hpp"
#include "warnings.hpp"

namespace tempo {
namespace {

struct Statement {
  std::string name;
  const ast::Module* module;
  ast::NodeId value;
  SourceSpan name_span;
  std::size_t order;
};

bool is_identifier(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

struct ProgramBuilder {
  ProgramBuilder(const Options& o, bool warn) : options(o), want_warnings(warn) {}

  // Only while compiling: no schedule keeps the Options or the builder.
  const Options& options;
  std::vector<Diagnostic> diagnostics;
  std::vector<Diagnostic> warnings;  // warnings.hpp
  bool want_warnings;                // false: the warnings pass is skipped
  // What the schedules that decide over observations keep (decide.hpp): the syntax trees, the
  // host's phases and the resolved nodes.
  std::shared_ptr<ResolvedProgram> resolved = std::make_shared<ResolvedProgram>();
  std::vector<std::unique_ptr<ast::Module>>& modules = resolved->modules;
  HostPhases& host_phases = resolved->host_phases;
  std::vector<Statement> statements;
  Bindings bindings;
  std::optional<Statement> bare;
  Resolver resolver{bindings, host_phases, resolved->nodes, diagnostics};

  void error(const SourceSpan& span, std::string message, std::string hint = {}) {
    diagnostics.push_back({span, std::move(message), std::move(hint)});
  }

  // The host's phases and those of every `import "path"`; a name may be defined once.
  void add_phases(const ast::Module& module) {
    auto add = [&](PhaseDefinition definition, const SourceSpan& where) {
      const std::string name = definition.name;
      if (stdlib::find_primitive(name) || stdlib::find_function(name)) {
        error(where, fmt::format("`{}` is a built-in; a script cannot redefine it", name),
              fmt::format("rename it in {}", definition.origin));
      } else if (!host_phases.try_emplace(name, std::move(definition)).second) {
        error(where, fmt::format("the phase `{}` is defined twice", name));
      }
    };
    for (auto definition : options.phases)
      add(std::move(definition), SourceSpan::whole(module.file));
    for (const auto& import : module.imports) {
      const SourceSpan where = module.span(import.begin, import.end);
      if (!options.import) {
        error(where, "this host cannot import files",
              "the tempo command and the Lua module import .lua files");
        continue;
      }
      std::string message;
      auto definitions = options.import(import.path, module.file->name(), message);
      if (!message.empty()) {
        error(where, message);
        continue;
      }
      for (auto& definition : definitions) add(std::move(definition), where);
    }
  }

  const ast::Module* parse(std::string name, std::string_view text) {
    // --- Options::origin (helper viz): the main source may be a string out of a config file;
    // its diagnostics then point into that file. `--set` sources have names of their own.
    const bool embedded = options.origin && name == options.source_name;
    auto file = embedded ? std::make_shared<const SourceFile>(std::move(name), std::string(text),
                                                              *options.origin)
                         : std::make_shared<const SourceFile>(std::move(name), std::string(text));
    // --- end of Options::origin
    if (!check_text(file, diagnostics)) return nullptr;
    modules.push_back(std::make_unique<ast::Module>(ast::parse(file, diagnostics)));
    return modules.back().get();
  }

  // Statements of the source, in order: duplicates and extra bare expressions are errors.
  void collect(const ast::Module& module) {
    if (module.statements.empty() && module.imports.empty() && diagnostics.empty()) {
      error(module.span(0, 1), "the source is empty",
            "write an expression such as `warmup(1000) >> cosine()`");
    }
    for (const auto& s : module.statements) {
      Statement statement{s.name, &module, s.value, module.span(s.name_begin, s.name_end),
                          statements.size()};
      if (s.name.empty()) {
        if (bare) {
          error(module.span(s.value), "a file can hold only one bare expression",
                "name the schedules: `lr = …`, `wd = …`");
          continue;
        }
        bare = statement;
      } else if (const auto it = bindings.find(s.name); it != bindings.end()) {
        error(statement.name_span, fmt::format("`{}` is bound twice", s.name),
              fmt::format("it is first bound on line {}", it->second.name_span.line()));
        continue;
      } else {
        bindings[s.name] = Binding{s.name, &module, s.value, statement.name_span};
      }
      statements.push_back(statement);
    }
  }

  // A binding may use only the bindings above it (LANGUAGE.md §7).
  void check_order() {
    std::map<std::string, std::size_t, std::less<>> order;
    for (const auto& s : statements) {
      if (!s.name.empty()) order[s.name] = s.order;
    }
    auto refers_to = [&](const std::string& from, const std::string& to) {
      // Does `from` lead back to `to` through the bindings it mentions?
      std::vector<std::string> pending{from}, seen;
      while (!pending.empty()) {
        const std::string name = pending.back();
        pending.pop_back();
        if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
        seen.push_back(name);
        const Binding& b = bindings.at(name);
        std::vector<ast::NodeId> names;
        names_in(*b.module, b.value, names);
        for (ast::NodeId n : names) {
          const std::string& used = (*b.module)[n].name;
          if (used == to) return true;
          if (bindings.count(used)) pending.push_back(used);
        }
      }
      return false;
    };
    for (const auto& s : statements) {
      std::vector<ast::NodeId> names;
      names_in(*s.module, s.value, names);
      for (ast::NodeId use : names) {
        const std::string& name = (*s.module)[use].name;
        const SourceSpan span = s.module->span(use);
        const auto it = order.find(name);
        // The context names are resolved in dependency order, wherever they are bound.
        if (it == order.end() || it->second < s.order || Context::is_name(name)) continue;
        if (name == s.name) {
          error(span, fmt::format("`{}` is defined in terms of itself", name),
                "a binding may use only the bindings above it");
        } else if (!s.name.empty() && refers_to(name, s.name)) {
          error(span, fmt::format("`{}` and `{}` are defined in terms of each other", s.name, name),
                "bindings cannot be cyclic");
        } else {
          error(span, fmt::format("`{}` is used before it is bound", name),
                fmt::format("`{}` is bound on line {}; move it above line {}", name,
                            bindings.at(name).name_span.line(), span.line()));
        }
      }
    }
  }

  // Does any statement (or --set value) mention `name`?
  bool mentioned(std::string_view name) const {
    for (const auto& module : modules) {
      for (const auto& s : module->statements) {
        std::vector<ast::NodeId> names;
        names_in(*module, s.value, names);
        for (ast::NodeId n : names) {
          if ((*module)[n].name == name) return true;
        }
      }
    }
    return false;
  }

  // Host values, then --set, then the source's own context bindings (LANGUAGE.md §7).
  void apply_overrides() {
    Context& context = resolver.context;
    context = {options.total, options.steps_per_epoch, options.tokens_per_step};
    std::vector<std::pair<std::string, const ast::Module*>> sets;
    for (const auto& [key, text] : options.set) {
      const ast::Module* module = parse(fmt::format("--set {}", key), text);
      if (!module) continue;
      if (!is_identifier(key)) {
        error(SourceSpan::whole(module->file), fmt::format("--set `{}`: not a name", key),
              "write --set NAME=VALUE, e.g. --set peak=3e-4");
        continue;
      }
      if (module->statements.size() != 1 || !module->statements[0].name.empty()) {
        if (diagnostics.empty()) {
          error(module->span(0, 1), fmt::format("--set {} needs one expression", key));
        }
        continue;
      }
      sets.emplace_back(key, module);
    }
    for (const auto& [key, module] : sets) {
      const ast::NodeId value = module->statements[0].value;
      if (Context::is_name(key)) {
        const ir::Node& given = resolver.expression(*module, value);
        // A tokens_per_step schedule (LANGUAGE.md §10.3) replaces the file's binding below;
        // every other context value is a number.
        if (key != "tokens_per_step" || given.is_constant() || given.kind == ir::Kind::invalid) {
          if (auto v = resolver.constant(given, key)) context[key] = *v;
          continue;
        }
      } else if (!bindings.count(key) && !mentioned(key)) {
        // Overrides a binding (keeping its place in the file) or gives a name the source uses.
        std::vector<std::string> names;
        for (const auto& [name, b] : bindings) names.push_back(name);
        const std::string guess = did_you_mean(key, names);
        error(SourceSpan::whole(module->file),
              fmt::format("--set {}: the source neither binds nor uses `{}`", key, key),
              !guess.empty()  ? guess
              : names.empty() ? "the source binds no names"
                              : fmt::format("the source binds {}", fmt::join(names, ", ")));
        continue;
      }
      Binding& b = bindings[key];
      b.name = key;
      b.module = module;
      b.value = value;
      for (auto& s : statements) {
        if (s.name == key) {
          s.module = module;
          s.value = value;
        }
      }
    }
    // The file's context bindings, in dependency order: each is evaluated when first needed.
    for (std::string_view name : Context::names) {
      const auto it = bindings.find(name);
      if (it != bindings.end()) (void)resolver.context_value(name, it->second.name_span);
    }
    for (std::string_view name : Context::names) {
      const auto& value = context[name];
      if (value && !(*value > 0 && std::isfinite(*value))) {
        error({}, fmt::format("{} must be > 0, got {}", name, *value));
      }
    }
  }

  // The schedule a host gets without naming one: the bare expression, the one binding that is
  // not a constant, or `lr` (LANGUAGE.md §7).
  std::string choose(const ast::Module& module, const Program& program,
                     const std::map<std::string, bool, std::less<>>& constant) {
    if (!options.name.empty()) {
      if (program.find(options.name)) return options.name;
      std::vector<std::string> names = program.names();
      std::erase(names, std::string());  // the bare expression has no name
      const std::string guess = did_you_mean(options.name, names);
      const std::string bound = names.empty()
                                    ? std::string("the source is one expression: leave out --name")
                                    : fmt::format("the source binds {}", fmt::join(names, ", "));
      error(SourceSpan::whole(module.file), fmt::format("no binding named `{}`", options.name),
            guess.empty() ? bound : fmt::format("{} ({})", guess, bound));
      return {};
    }
    if (bare) return {};
    std::vector<std::string> schedules, all;
    for (const auto& s : statements) {
      if (!program.find(s.name)) continue;
      all.push_back(s.name);
      if (!constant.at(s.name)) schedules.push_back(s.name);
    }
    if (schedules.size() == 1) return schedules[0];
    if (program.find("lr")) return "lr";
    if (schedules.empty() && all.size() == 1) return all[0];
    if (all.empty()) {
      error(SourceSpan::whole(module.file), "the source defines no schedule",
            "add an expression, or a binding such as `lr = …`");
      return {};
    }
    if (!options.require_main) return {};  // the host looks at every binding
    error(SourceSpan::whole(module.file),
          fmt::format("the source has several schedules ({}); choose one by name",
                      fmt::join(schedules.empty() ? all : schedules, ", ")),
          "pass --name NAME (or Options::name)");
    return {};
  }

  // resolve → plan → lower, and the canonical source that compiles to the same schedule.
  std::optional<Schedule> build(const ir::Node& root) {
    if (root.kind == ir::Kind::invalid) return std::nullopt;
    auto tree = build_schedule(root, resolver.context, diagnostics, nullptr,
                               want_warnings ? &warnings : nullptr);
    if (!tree) return std::nullopt;
    ContextBindings context;
    for (std::string_view name : Context::names) {
      if (const ir::Node* value = resolver.context_binding(name)) context.emplace_back(name, value);
    }
    tree->source = canonical(root, context);
    if (!tree->metrics.empty()) {
      tree->decider = make_decider(resolved, root, resolver.context, tree->source);
    }
    return detail::ScheduleAccess::make(std::move(tree));
  }

  // Sorted by position and without repeats: a binding used twice reports its error once.
  void tidy() {
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const auto& a, const auto& b) {
      return a.span.file == b.span.file && a.span.begin < b.span.begin;
    });
    auto same = [](const Diagnostic& a, const Diagnostic& b) {
      return a.span.file == b.span.file && a.span.begin == b.span.begin &&
             a.span.end == b.span.end && a.message == b.message;
    };
    diagnostics.erase(std::unique(diagnostics.begin(), diagnostics.end(), same), diagnostics.end());
  }

  Result<Program> fail() {
    tidy();
    Result<Program> result;
    result.diagnostics = std::move(diagnostics);
    return result;
  }

  Result<Program> run(std::string_view source) {
    const ast::Module* module = parse(options.source_name, source);
    if (module) collect(*module);
    if (module && diagnostics.empty()) add_phases(*module);
    if (!diagnostics.empty() || !module) return fail();
    check_order();
    if (diagnostics.empty()) apply_overrides();
    if (!diagnostics.empty()) return fail();
    detail::ProgramAccess::Contents contents;
    std::map<std::string, bool, std::less<>> constant;
    for (const auto& s : statements) {
      if (Context::is_name(s.name)) continue;
      const ir::Node& root = s.name.empty() ? resolver.expression(*s.module, s.value)
                                            : resolver.binding(bindings.at(s.name));
      constant[s.name] = root.is_constant();
      if (auto schedule = build(root)) contents.schedules.emplace(s.name, std::move(*schedule));
    }
    if (diagnostics.empty()) {
      // choose() looks the names up through a Program, as a host would.
      contents.main = choose(*module, detail::ProgramAccess::make(contents), constant);
    }
    if (!diagnostics.empty()) return fail();
    Result<Program> result;
    result.value = detail::ProgramAccess::make(std::move(contents));
    result.warnings = sorted_warnings(std::move(warnings));
    return result;
  }
};

}  // namespace

Result<Program> detail::compile_program(std::string_view source, const Options& options,
                                        bool warnings) {
  return ProgramBuilder(options, warnings && options.warnings).run(source);
}

Result<Program> try_compile_program(std::string_view source, const Options& options) {
  return detail::compile_program(source, options, true);
}

Result<std::string> format_source(std::string_view source, const Options& options) {
  ProgramBuilder builder(options, false);
  Result<std::string> result;
  const ast::Module* module = builder.parse(options.source_name, source);
  if (module) builder.collect(*module);
  if (!builder.diagnostics.empty() || !module) {
    result.diagnostics = std::move(builder.diagnostics);
    return result;
  }
  result.value = layout_source(*module);  // lossless: layout_format.hpp
  return result;
}

}  // namespace tempo
