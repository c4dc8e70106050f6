// The compile workloads shared by the timed benchmarks (compile_bench.cpp, scaling_bench.cpp) and
// the callgrind driver (compile_count.cpp), so both measure the same sources.
#pragma once

#include <cstdint>
#include <string>

namespace bench {

// A file of 100 bindings: two constants and 98 design-card schedules, all compiled.
std::string hundred_bindings();
// A sequence of n phases: warmup(10) >> cosine(10, min=0.1) >> linear(10, to=1) >> …
std::string phases(std::int64_t n);

}  // namespace bench
