// Schedules inside training configs (tempo/config.hpp and Options::origin): the strings are found
// at dotted keys in YAML, TOML and JSON, and every diagnostic points at the config's own line and
// column, through quotes, escapes, block scalars and multi-line strings.
#include "tempo/config.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using tempo::config::Format;

namespace {

std::string read(const std::string& file) {
  std::ifstream in(std::string(TEMPO_SOURCE_DIR) + "/tests/data/configs/" + file, std::ios::binary);
  REQUIRE_MESSAGE(in, "missing test config ", file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// What compiling the schedule at `key` of a config prints: its diagnostics, or "ok".
std::string check_text(const std::string& text, Format format, const std::string& name,
                       const std::string& key, double total = 100000) {
  auto found = tempo::config::read(text, format, name, {key});
  if (!found.value) return found.message();
  REQUIRE(found.value->size() == 1);
  tempo::Options base;
  base.total = total;
  const auto& entry = found.value->front();
  auto result = tempo::try_compile(entry.text, tempo::config::options_for(entry, base));
  return result.value ? "ok" : result.message();
}

std::string check(const std::string& file, const std::string& key, double total = 100000) {
  return check_text(read(file), *tempo::config::format_of(file), file, key, total);
}

}  // namespace

TEST_CASE("the format comes from the file name") {
  CHECK(tempo::config::format_of("conf/train.yaml") == Format::yaml);
  CHECK(tempo::config::format_of("train.yml") == Format::yaml);
  CHECK(tempo::config::format_of("job.toml") == Format::toml);
  CHECK(tempo::config::format_of("ds_config.json") == Format::json);
  CHECK_FALSE(tempo::config::format_of("train.tempo"));
}

TEST_CASE("YAML (Hydra): a double-quoted string with an escape before the mistake") {
  CHECK(check("hydra.yaml", "optimizer.lr") ==
        "hydra.yaml:15:48: error: unknown function `cosin`\n"
        "    |\n"
        " 15 |   lr: \"3e-4 * (warmup(2000)\\t>> stable(0.9) >> cosin(min=0.1))\"\n"
        "    |                                                ^~~~~\n"
        "    = hint: did you mean `cosine`?\n");
}

TEST_CASE("YAML (Hydra): a literal block scalar over two lines") {
  CHECK(check("hydra.yaml", "optimizer.weight_decay") ==
        "hydra.yaml:18:27: error: `linear` has no argument `shap`\n"
        "    |\n"
        " 18 |            linear(to=0.5, shap=cosine))\n"
        "    |                           ^~~~\n"
        "    = hint: valid arguments: d, to, from\n");
}

TEST_CASE("YAML (Hydra): a folded block scalar and a plain number compile") {
  CHECK(check("hydra.yaml", "optimizer.beta2") == "ok");
  CHECK(check("hydra.yaml", "trainer.max_steps") == "ok");
  auto found = tempo::config::read(read("hydra.yaml"), Format::yaml, "hydra.yaml",
                                   {"optimizer.beta2", "trainer.max_steps"});
  REQUIRE(found.value);
  CHECK(found.value->at(0).text == "0.95 - 0.05 * onecycle(max=1)");
  CHECK(found.value->at(0).origin.quoting == tempo::Origin::Quoting::folded_block);
  CHECK(found.value->at(0).origin.line == 20);
  CHECK(found.value->at(0).origin.column == 5);
  CHECK(found.value->at(1).text == "100000");
  CHECK(found.value->at(1).origin.quoting == tempo::Origin::Quoting::plain);
}

TEST_CASE("TOML (torchtitan): a multi-line basic string, the mistake on its second line") {
  CHECK(check("torchtitan.toml", "lr_scheduler.schedule") ==
        "torchtitan.toml:20:41: error: expected an operator, `;` or the end of the line, found "
        "`)`\n"
        "    |\n"
        " 20 |         decay(20%, shape=sqrt, min=0.1)))\"\"\"\n"
        "    |                                         ^\n"
        "    = hint: phases are joined with `>>`; one binding or expression per line\n");
  CHECK(check("torchtitan.toml", "lr_scheduler.min_lr") == "ok");
  CHECK(check("torchtitan.toml", "optimizer.lr") == "ok");  // a number is a constant schedule
}

TEST_CASE("JSON (DeepSpeed): a \\u escape before the mistake shifts the column") {
  CHECK(check("deepspeed.json", "scheduler.params.tempo_lr") ==
        "deepspeed.json:20:65: error: `cosine` has no argument `mn`\n"
        "    |\n"
        " 20 |       \"tempo_lr\": \"3e-4 * (warmup(1000) >> cos\\u0069ne(min=0.1, mn=0))\"\n"
        "    |                                                                 ^~\n"
        "    = hint: did you mean `min`? valid arguments: d, min, max, exponent\n");
  CHECK(check("deepspeed.json", "optimizer.params.lr") == "ok");
}

TEST_CASE("quoting: YAML's '' and an escaped quote are two bytes wide under the caret") {
  CHECK(
      check_text("tempo:\n  lr: 'it''s cosine()'\n", Format::yaml, "a.yaml", "tempo.lr") ==
      "a.yaml:2:10: error: Tempo has no strings\n"
      "   |\n"
      " 2 |   lr: 'it''s cosine()'\n"
      "   |          ^~\n"
      "   = hint: choices are bare names, as in shape=cosine; only `import` takes a quoted path\n");
  CHECK(
      check_text("lr = \"warmup(10) >> \\\"x\\\"\"\n", Format::toml, "a.toml", "lr") ==
      "a.toml:1:21: error: Tempo has no strings\n"
      "   |\n"
      " 1 | lr = \"warmup(10) >> \\\"x\\\"\"\n"
      "   |                     ^~\n"
      "   = hint: choices are bare names, as in shape=cosine; only `import` takes a quoted path\n");
}

TEST_CASE("the end of the string is at its closing quote") {
  auto found = tempo::config::read("{\"lr\": \"warmup(10) >>\"}", Format::json, "a.json", {"lr"});
  REQUIRE(found.value);
  const auto& entry = found.value->front();
  const tempo::SourceFile file("a.json: lr", entry.text, entry.origin);
  CHECK(file.name() == "a.json");
  CHECK(file.line_of(0) == 1);
  CHECK(file.column_of(0) == 9);
  CHECK(file.column_of(static_cast<std::uint32_t>(entry.text.size())) == 22);
  CHECK(file.line_text(1) == "{\"lr\": \"warmup(10) >>\"}");
}

TEST_CASE("without --key, every string and number under the top-level `tempo` table") {
  const std::string yaml =
      "model: {dim: 4096}\ntempo:\n  total: 1000\n  lr: warmup(100) >> cosine()\n"
      "  more:\n    - \"stable()\"\n";
  auto found = tempo::config::read(yaml, Format::yaml, "a.yaml");
  REQUIRE_MESSAGE(found.value, found.message());
  REQUIRE(found.value->size() == 3);
  CHECK(found.value->at(0).key == "tempo.total");
  CHECK(found.value->at(1).key == "tempo.lr");
  CHECK(found.value->at(1).text == "warmup(100) >> cosine()");
  CHECK(found.value->at(2).key == "tempo.more.0");
  CHECK(found.value->at(2).origin.line == 6);
  CHECK(found.value->at(2).origin.column == 8);
  // TOML keeps its tables sorted by key; the entries still come in file order.
  auto toml =
      tempo::config::read("[tempo]\nwd = \"0.1\"\nlr = \"cosine()\"\n", Format::toml, "a.toml");
  REQUIRE(toml.value);
  CHECK(toml.value->at(0).key == "tempo.wd");
  CHECK(toml.value->at(1).key == "tempo.lr");
  auto json =
      tempo::config::read("{\"tempo\": {\"lr\": \"cosine()\", \"n\": 2}}", Format::json, "a.json");
  REQUIRE(json.value);
  CHECK(json.value->size() == 2);
  CHECK(json.value->at(1).text == "2");
  CHECK(tempo::config::read("a: 1\n", Format::yaml, "a.yaml").message() ==
        "a.yaml: error: no top-level `tempo` table to take the schedules from\n"
        "   = hint: name the schedules with --key, e.g. --key optimizer.lr\n");
}

TEST_CASE("a missing key, or a key that names no string, is an error in the config") {
  CHECK(check("hydra.yaml", "optimizer.lrr") ==
        "hydra.yaml:12:1: error: no key `lrr` in `optimizer`\n"
        "    |\n"
        " 12 | optimizer:\n"
        "    | ^\n"
        "    = hint: did you mean `lr`?\n");
  CHECK(check("hydra.yaml", "optimizer.betas") ==
        "hydra.yaml:14:3: error: `optimizer.betas` is a list, not a schedule\n"
        "    |\n"
        " 14 |   betas: [0.9, 0.95]\n"
        "    |   ^\n"
        "    = hint: a schedule is a string, e.g. \"warmup(2000) >> cosine()\"\n");
  CHECK(check("deepspeed.json", "scheduler.params.lr") ==
        "deepspeed.json:17:15: error: no key `lr` in `scheduler.params`\n"
        "    |\n"
        " 17 |     \"params\": {\n"
        "    |               ^\n"
        "    = hint: the keys in `scheduler.params` are total_num_steps, warmup_num_steps, "
        "tempo_lr\n");
  CHECK(check("torchtitan.toml", "model.nam") ==
        "torchtitan.toml:6:1: error: no key `nam` in `model`\n"
        "   |\n"
        " 6 | [model]\n"
        "   | ^\n"
        "   = hint: did you mean `name`?\n");
  CHECK(check("torchtitan.toml", "job") ==
        "torchtitan.toml:2:1: error: `job` is a table, not a schedule\n"
        "   |\n"
        " 2 | [job]\n"
        "   | ^\n"
        "   = hint: give the key of a string in it, e.g. `job.lr`\n");
}

TEST_CASE("a config that does not parse is reported where its parser stopped") {
  CHECK(tempo::config::read("a: [1, 2\nb: 3\n", Format::yaml, "a.yaml", {"a"})
            .message()
            .starts_with("a.yaml:2:2: error: this is not valid YAML: end of sequence flow not "
                         "found\n"));
  CHECK(tempo::config::read("[opt\nx = 1\n", Format::toml, "a.toml", {"x"}).message() ==
        "a.toml:1:5: error: this is not valid TOML: Error while parsing table header: expected "
        "']', saw '\\n'\n"
        "   |\n"
        " 1 | [opt\n"
        "   |     ^\n");
  CHECK(tempo::config::read("{\"a\": \"x\" \"b\": 1}", Format::json, "a.json", {"a"})
            .message()
            .starts_with("a.json:1:"));
}

TEST_CASE("Options::origin without the file's text: positions count on from the origin") {
  tempo::Options options;
  tempo::Origin origin;
  origin.file = "train.yaml";
  origin.line = 7;
  origin.column = 9;
  options.origin = origin;
  CHECK(tempo::try_compile("warmup(10) >> cosin()", options).message() ==
        "train.yaml:7:23: error: unknown function `cosin`\n"
        "   = hint: did you mean `cosine`?\n");
}

TEST_CASE("Options::origin with a host's own offsets, and a whole-source error at the string") {
  tempo::Origin origin;
  origin.file = "c.ini";
  origin.file_text = "[s]\nlr = cosin()\n";
  origin.line = 2;
  origin.column = 6;
  for (std::uint32_t i = 0; i <= 7; ++i) origin.offsets.push_back(9 + i);
  tempo::Options options;
  options.origin = origin;
  CHECK(tempo::try_compile("cosin()", options).message() ==
        "c.ini:2:6: error: unknown function `cosin`\n"
        "   |\n"
        " 2 | lr = cosin()\n"
        "   |      ^~~~~\n"
        "   = hint: did you mean `cosine`?\n");
  // What concerns the whole source points at the whole string.
  origin.file_text = "[s]\nsched = \"lr = cosine(100)\"\n";
  origin.column = 10;
  origin.quoting = tempo::Origin::Quoting::double_quoted;
  origin.offsets.clear();
  options.origin = origin;
  options.name = "wd";
  CHECK(tempo::try_compile("lr = cosine(100)", options).message() ==
        "c.ini:2:10: error: no binding named `wd`\n"
        "   |\n"
        " 2 | sched = \"lr = cosine(100)\"\n"
        "   |          ^~~~~~~~~~~~~~~~\n"
        "   = hint: the source binds lr\n");
}
