// What the YAML, TOML and JSON readers share: the config's text as a SourceFile (so that its
// own errors render like any diagnostic), origins at byte offsets, and the messages for a key
// that is missing or names no schedule.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tempo/config.hpp"

namespace tempo::config {

struct Document {
  std::shared_ptr<const SourceFile> file;
  const std::string& text() const { return file->text(); }

  // An error at a byte offset of the config (the whole file when `offset` is npos).
  Diagnostic error(std::size_t offset, std::string message, std::string hint = {}) const;
  // The origin of a value whose spelling starts at `offset` (its opening quote, `|` or `>`, or
  // its first character): the quoting, and the line and column of the string's first character.
  Origin origin_at(std::size_t offset) const;
  // The byte offset of a 1-based line and a column counted in characters (toml++ counts so).
  std::size_t offset_of(std::size_t line, std::size_t character_column) const;
};

// "optimizer.lr" → {"optimizer", "lr"}.
std::vector<std::string> split_key(const std::string& key);
// `optimizer.lr` as far as component `depth` (inclusive).
std::string key_prefix(const std::vector<std::string>& path, std::size_t depth);

Diagnostic missing_key(const Document& doc, std::size_t offset,
                       const std::vector<std::string>& path, std::size_t depth,
                       const std::vector<std::string>& available);
Diagnostic not_a_schedule(const Document& doc, std::size_t offset, const std::string& key,
                          const std::string& what);
Diagnostic no_tempo_table(const Document& doc);

Result<std::vector<Entry>> read_yaml(const Document& doc, const std::vector<std::string>& keys);
Result<std::vector<Entry>> read_toml(const Document& doc, const std::vector<std::string>& keys);
Result<std::vector<Entry>> read_json(const Document& doc, const std::vector<std::string>& keys);

}  // namespace tempo::config
