// Late horizons (docs/lifecycle.md): giving a running plan its ending. A branch plays the first
// `at` steps of a trunk, then something else — `take(at, trunk) >> then` — and is proven to
// continue the trunk before `at` (tempo::continues) or refused with the step where it does not.
//
//   auto b = tempo::cool_down(trunk, 40'000, 4'000, "sqrt");   // Result<Branch>
//   log(b.value->source);   // take(40000, warmup(2000) >> stable()) >> decay(4000, shape=sqrt)
#pragma once

#include <string>
#include <string_view>

#include "tempo/compile.hpp"

namespace tempo {

struct Branch {
  Schedule schedule;
  std::string source;  // its canonical source, for the run's log
};

// take(at, trunk) >> then, compiled with the trunk's context (`options` for host phases).
Result<Branch> branch(const Schedule& trunk, double at, std::string_view then,
                      const Options& options = {});
// take(at, trunk) >> decay(over, shape=shape).
Result<Branch> cool_down(const Schedule& trunk, double at, double over,
                         std::string_view shape = "linear", const Options& options = {});
// The same from the trunk's source, compiled with `options` first.
Result<Branch> cool_down(std::string_view trunk_source, double at, double over,
                         std::string_view shape = "linear", const Options& options = {});

// `tempo branch`: the text of a file whose binding `name` (empty: the default schedule) is
// replaced by `take(AT, E) >> THEN`, everything else as written; checked to compile and to
// continue the old schedule before AT. `at` and `then` are Tempo source.
Result<std::string> branch_file(std::string_view text, std::string_view at, std::string_view then,
                                const Options& options = {});

}  // namespace tempo
