// Schedules written inside a training config: YAML (Hydra, OmegaConf), TOML (torchtitan) or
// JSON (DeepSpeed). Finds the strings at dotted keys and says where each one is in the file, so
// that compiling it with Options::origin gives diagnostics that point into the config.
//
//   auto found = tempo::config::read_file("train.yaml", {"optimizer.lr"});
//   for (const auto& entry : *found.value) {
//     tempo::Options options = tempo::config::options_for(entry);
//     auto schedule = tempo::try_compile(entry.text, options);  // errors: train.yaml:12:17
//   }
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tempo/compile.hpp"

namespace tempo::config {

enum class Format { yaml, toml, json };

// The format a file name says: .yaml or .yml, .toml, .json.
std::optional<Format> format_of(std::string_view path);

// One schedule found in a config.
struct Entry {
  std::string key;   // the dotted path, "optimizer.lr"
  std::string text;  // the schedule source, as the config's parser reads the string
  Origin origin;     // where it is in the file, for Options::origin
};

// The values at `keys`, dotted paths through tables (and list indices: `schedulers.0.lr`).
// Without keys: every string or number under the top-level `tempo` table, in file order. A file
// that does not parse, a missing key, or a value that is a table, a list or a boolean is a
// diagnostic that points into the file. `name` is the file name diagnostics show.
Result<std::vector<Entry>> read(std::string_view text, Format format, const std::string& name,
                                const std::vector<std::string>& keys = {});
// Reads the file; the format comes from its extension unless given.
Result<std::vector<Entry>> read_file(const std::string& path,
                                     const std::vector<std::string>& keys = {},
                                     std::optional<Format> format = std::nullopt);

// `base` with the entry's origin, ready to compile entry.text.
Options options_for(const Entry& entry, Options base = {});

}  // namespace tempo::config
