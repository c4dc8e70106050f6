// Files (LANGUAGE.md §7): the source limits, bindings and their order, context bindings and host
// overrides, the choice of the schedule a host asked for, and the public compile functions.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <tao/pegtl.hpp>

#include "../stdlib/primitive.hpp"
#include "compiler.hpp"
#include "format.hpp"
#include "limits.hpp"
#include "suggest.hpp"
#include "tempo/compile.hpp"

namespace tempo {

using compiler::Binding;
using compiler::Expr;
using Bindings = std::map<std::string, Binding, std::less<>>;

namespace {

constexpr std::string_view context_names[] = {"total", "steps_per_epoch", "tokens_per_step"};

bool is_context_name(std::string_view name) {
  return std::find(std::begin(context_names), std::end(context_names), name) !=
         std::end(context_names);
}

std::optional<double>& context_slot(compiler::Context& c, std::string_view name) {
  return name == "total"             ? c.total
         : name == "steps_per_epoch" ? c.steps_per_epoch
                                     : c.tokens_per_step;
}

// Size, NUL bytes and UTF-8 (LANGUAGE.md §8). Returns false when the source cannot be parsed.
bool check_text(const std::shared_ptr<const SourceFile>& file, std::vector<Diagnostic>& out) {
  const std::string& text = file->text();
  auto report = [&](std::uint32_t at, std::string message, std::string hint) {
    Diagnostic d;
    d.span = SourceSpan{file, at, at + 1};
    d.message = std::move(message);
    d.hint = std::move(hint);
    out.push_back(std::move(d));
  };
  if (text.size() > limits::max_source_bytes) {
    report(0, fmt::format("the source is {} bytes, more than the limit of 1 MiB", text.size()),
           "split the schedules into several files");
    return false;
  }
  namespace pegtl = tao::pegtl;
  pegtl::memory_input<> in(text, file->name());
  (void)pegtl::parse<pegtl::star<pegtl::utf8::not_one<0>>>(in);
  if (in.empty()) return true;
  const auto at = static_cast<std::uint32_t>(in.byte());
  if (text[at] == '\0') {
    report(at, "the source contains a NUL byte", "");
  } else {
    report(at, "the source is not valid UTF-8", "save the file as UTF-8");
  }
  return false;
}

// Every name a node mentions, with its span, skipping curve's own variables.
void names_in(Expr e, std::vector<Expr>& out, bool in_curve = false) {
  const ast::Node& n = e.node();
  if (n.kind == ast::Kind::name) {
    static constexpr std::string_view curve_names[] = {"p", "t", "len", "step", "level"};
    const bool curve_variable =
        std::find(std::begin(curve_names), std::end(curve_names), n.name) != std::end(curve_names);
    if (!(in_curve && curve_variable)) out.push_back(e);
    return;
  }
  for (auto id : n.items) names_in({e.module, id}, out, in_curve);
  for (const auto& a : n.args) {
    const bool curve_expr =
        n.name == "curve" && (a.name == "expr" || (a.name.empty() && &a != &n.args[0]));
    names_in({e.module, a.value}, out, in_curve || curve_expr);
  }
}

struct Statement {
  std::string name;
  Expr value;
  SourceSpan name_span;
  std::size_t order;
};

}  // namespace

CompileError::CompileError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(render(diagnostics)), diagnostics_(std::move(diagnostics)) {}

const Schedule* Program::find(std::string_view name) const {
  const auto it = schedules_.find(name);
  return it == schedules_.end() ? nullptr : &it->second;
}

std::vector<std::string> Program::names() const {
  std::vector<std::string> out;
  for (const auto& [name, schedule] : schedules_) out.push_back(name);
  return out;
}

struct ProgramBuilder {
  explicit ProgramBuilder(const Options& o) : options(o) {}

  const Options& options;
  std::vector<Diagnostic> diagnostics;
  std::vector<std::unique_ptr<ast::Module>> modules;
  std::vector<Statement> statements;
  Bindings bindings;
  std::optional<Statement> bare;
  compiler::Context context;
  std::map<std::string, double, std::less<>> constants;
  compiler::HostPhases host_phases;

  compiler::Compiler make_compiler() {
    compiler::Compiler c(bindings, context, diagnostics);
    c.constants = &constants;
    c.host_phases = &host_phases;
    return c;
  }

  // The host's phases and those of every `import "path"`; a name may be defined once.
  void add_phases(const ast::Module& module) {
    auto add = [&](PhaseDefinition definition, const SourceSpan& where) {
      const std::string name = definition.name;
      if (stdlib::find_primitive(name) || stdlib::find_function(name)) {
        diagnostics.push_back({where,
                               fmt::format("`{}` is a built-in; a script cannot redefine it", name),
                               fmt::format("rename it in {}", definition.origin)});
      } else if (!host_phases.try_emplace(name, std::move(definition)).second) {
        diagnostics.push_back({where, fmt::format("the phase `{}` is defined twice", name), ""});
      }
    };
    for (auto definition : options.phases)
      add(std::move(definition), SourceSpan::whole(module.file));
    for (const auto& import : module.imports) {
      const SourceSpan where = module.span(import.begin, import.end);
      if (!options.import) {
        diagnostics.push_back({where, "this host cannot import files",
                               "the tempo command and the Lua module import .lua files"});
        continue;
      }
      std::string error;
      auto definitions = options.import(import.path, module.file->name(), error);
      if (!error.empty()) {
        diagnostics.push_back({where, error, ""});
        continue;
      }
      for (auto& definition : definitions) add(std::move(definition), where);
    }
  }

  const ast::Module* parse(std::string name, std::string_view text) {
    auto file = std::make_shared<const SourceFile>(std::move(name), std::string(text));
    if (!check_text(file, diagnostics)) return nullptr;
    modules.push_back(std::make_unique<ast::Module>(ast::parse(file, diagnostics)));
    return modules.back().get();
  }

  // Statements of the source, in order: duplicates and extra bare expressions are errors.
  void collect(const ast::Module& module) {
    if (module.statements.empty() && module.imports.empty() && diagnostics.empty()) {
      diagnostics.push_back({module.span(0, 1), "the source is empty",
                             "write an expression such as `warmup(1000) >> cosine()`"});
    }
    for (const auto& s : module.statements) {
      Statement statement{
          s.name, {&module, s.value}, module.span(s.name_begin, s.name_end), statements.size()};
      if (s.name.empty()) {
        if (bare) {
          diagnostics.push_back({statement.value.span(), "a file can hold only one bare expression",
                                 "name the schedules: `lr = …`, `wd = …`"});
          continue;
        }
        bare = statement;
      } else if (const auto it = bindings.find(s.name); it != bindings.end()) {
        diagnostics.push_back(
            {statement.name_span, fmt::format("`{}` is bound twice", s.name),
             fmt::format("it is first bound on line {}", it->second.name_span.line())});
        continue;
      } else {
        bindings[s.name] = Binding{s.name, statement.value, statement.name_span};
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
        std::vector<Expr> names;
        names_in(bindings.at(name).value, names);
        for (const Expr& n : names) {
          if (n.node().name == to) return true;
          if (bindings.count(n.node().name)) pending.push_back(n.node().name);
        }
      }
      return false;
    };
    for (const auto& s : statements) {
      std::vector<Expr> names;
      names_in(s.value, names);
      for (const Expr& use : names) {
        const std::string& name = use.node().name;
        const auto it = order.find(name);
        if (it == order.end() || it->second < s.order) continue;
        if (name == s.name) {
          diagnostics.push_back({use.span(),
                                 fmt::format("`{}` is defined in terms of itself", name),
                                 "a binding may use only the bindings above it"});
        } else if (!s.name.empty() && refers_to(name, s.name)) {
          diagnostics.push_back(
              {use.span(),
               fmt::format("`{}` and `{}` are defined in terms of each other", s.name, name),
               "bindings cannot be cyclic"});
        } else {
          diagnostics.push_back(
              {use.span(), fmt::format("`{}` is used before it is bound", name),
               fmt::format("`{}` is bound on line {}; move it above line {}", name,
                           bindings.at(name).name_span.line(), use.span().line())});
        }
      }
    }
  }

  // Host values, then --set, then the source's own context bindings (LANGUAGE.md §7).
  void apply_overrides() {
    context = {options.total, options.steps_per_epoch, options.tokens_per_step};
    for (const auto& [key, text] : options.set) {
      const ast::Module* module = parse(fmt::format("--set {}", key), text);
      if (!module || module->statements.size() != 1 || !module->statements[0].name.empty()) {
        if (module && diagnostics.empty()) {
          diagnostics.push_back(
              {module->span(0, 1), fmt::format("--set {} needs one expression", key), ""});
        }
        continue;
      }
      const Expr value{module, module->statements[0].value};
      if (is_context_name(key)) {
        compiler::Compiler c = make_compiler();
        if (auto v = c.constant(value, key)) context_slot(context, key) = *v;
        continue;
      }
      // Overrides a binding (keeping its place in the file) or adds a new name.
      Binding& b = bindings[key];
      b.name = key;
      b.value = value;
      for (auto& s : statements) {
        if (s.name == key) s.value = value;
      }
    }
    for (std::string_view name : context_names) {
      const auto it = bindings.find(name);
      if (it == bindings.end() || context_slot(context, name)) continue;
      compiler::Compiler c = make_compiler();
      if (auto v = c.constant(it->second.value, name)) {
        if (*v <= 0 || !std::isfinite(*v)) {
          diagnostics.push_back(
              {it->second.value.span(), fmt::format("`{}` must be > 0, got {}", name, *v), ""});
        } else {
          context_slot(context, name) = *v;
        }
      }
    }
    for (std::string_view name : context_names) {
      const auto& value = context_slot(context, name);
      if (value && !(*value > 0 && std::isfinite(*value))) {
        diagnostics.push_back({{}, fmt::format("{} must be > 0, got {}", name, *value), ""});
      }
    }
  }

  // The schedule a host gets without naming one: the bare expression, the one binding that is
  // not a constant, or `lr` (LANGUAGE.md §7).
  std::string choose(const ast::Module& module, const Program& program) {
    if (!options.name.empty()) {
      if (program.find(options.name)) return options.name;
      std::vector<std::string> names = program.names();
      const std::string guess = did_you_mean(options.name, names);
      diagnostics.push_back(
          {SourceSpan::whole(module.file), fmt::format("no binding named `{}`", options.name),
           guess.empty() ? fmt::format("the source binds {}", fmt::join(names, ", ")) : guess});
      return {};
    }
    if (bare) return {};
    std::vector<std::string> schedules, all;
    for (const auto& s : statements) {
      const Schedule* schedule = program.find(s.name);
      if (!schedule) continue;
      all.push_back(s.name);
      if (!compiler::is_plain_constant(schedule->tree(), schedule->tree().root)) {
        schedules.push_back(s.name);
      }
    }
    if (schedules.size() == 1) return schedules[0];
    if (program.find("lr")) return "lr";
    if (schedules.empty() && all.size() == 1) return all[0];
    if (all.empty()) {
      diagnostics.push_back({SourceSpan::whole(module.file), "the source defines no schedule",
                             "add an expression, or a binding such as `lr = …`"});
      return {};
    }
    if (!options.require_main) return {};  // the host looks at every binding
    diagnostics.push_back({SourceSpan::whole(module.file),
                           fmt::format("the source has several schedules ({}); choose one by name",
                                       fmt::join(schedules.empty() ? all : schedules, ", ")),
                           "pass --name NAME (or Options::name)"});
    return {};
  }

  std::optional<Schedule> build(Expr root) {
    compiler::Compiler c = make_compiler();
    auto tree = c.compile(root);
    if (!tree) return std::nullopt;
    tree->source = compiler::canonical(root, bindings);
    return Schedule(std::move(tree));
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

  Result<Program> run(std::string_view source) {
    Result<Program> result;
    const ast::Module* module = parse(options.source_name, source);
    if (module) collect(*module);
    if (module && diagnostics.empty()) add_phases(*module);
    if (!diagnostics.empty() || !module) {
      tidy();
      result.diagnostics = std::move(diagnostics);
      return result;
    }
    check_order();
    if (diagnostics.empty()) apply_overrides();
    Program program;
    if (diagnostics.empty()) {
      for (const auto& s : statements) {
        if (is_context_name(s.name)) continue;
        if (auto schedule = build(s.value))
          program.schedules_.emplace(s.name, std::move(*schedule));
      }
    }
    std::string main;
    if (diagnostics.empty()) main = choose(*module, program);
    tidy();
    if (!diagnostics.empty()) {
      result.diagnostics = std::move(diagnostics);
      return result;
    }
    program.main_ = main;
    result.value = std::move(program);
    return result;
  }
};

Result<Program> try_compile_program(std::string_view source, const Options& options) {
  ProgramBuilder builder(options);
  return builder.run(source);
}

Result<Schedule> try_compile(std::string_view source, const Options& options) {
  auto program = try_compile_program(source, options);
  Result<Schedule> result;
  result.diagnostics = std::move(program.diagnostics);
  if (program.value) result.value = program.value->main();
  return result;
}

Schedule compile(std::string_view source, const Options& options) {
  auto result = try_compile(source, options);
  if (!result.value) throw CompileError(std::move(result.diagnostics));
  return std::move(*result.value);
}

namespace {
std::optional<std::string> read_from_disk(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}
}  // namespace

Result<Program> try_compile_file(const std::string& path, Options options) {
  const auto text = options.read_file ? options.read_file(path) : read_from_disk(path);
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

Result<std::string> format_source(std::string_view source, const Options& options) {
  ProgramBuilder builder(options);
  Result<std::string> result;
  const ast::Module* module = builder.parse(options.source_name, source);
  if (module) builder.collect(*module);
  if (!builder.diagnostics.empty() || !module) {
    result.diagnostics = std::move(builder.diagnostics);
    return result;
  }
  std::string out;
  for (const auto& s : builder.statements) {
    const std::string text = compiler::canonical(s.value);
    out += s.name.empty() ? text + "\n" : fmt::format("{} = {}\n", s.name, text);
  }
  result.value = std::move(out);
  return result;
}

}  // namespace tempo
