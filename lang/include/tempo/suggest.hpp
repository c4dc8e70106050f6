// "Did you mean …?": the closest known name to a misspelt one, by edit distance — the
// compiler's hints, and a host's for its own names (a config file's keys, a command's options).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tempo {

// The candidate closest to `name`, if it is close enough to be a likely typo; else empty.
std::string closest(std::string_view name, const std::vector<std::string>& candidates);

// "did you mean `x`?" or empty.
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace tempo
