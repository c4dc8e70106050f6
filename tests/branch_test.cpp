// Late horizons (tempo/branch.hpp, docs/lifecycle.md): a cooldown branched off a trunk is
// `take(at, trunk) >> decay(…)`, with its canonical source, proven to continue the trunk.
#include "tempo/branch.hpp"

#include <doctest/doctest.h>

#include <cmath>

#include "tempo/continuation.hpp"

TEST_CASE("cool_down: take(at, trunk) >> decay, continuing the trunk before at") {
  const tempo::Schedule trunk = tempo::compile("warmup(2000) >> stable()");
  const auto b = tempo::cool_down(trunk, 40000, 4000, "sqrt");
  REQUIRE(b.ok());
  CHECK(b.value->source == "take(40000, warmup(2000) >> stable()) >> decay(4000, shape=sqrt)");
  CHECK(tempo::continues(trunk, b.value->schedule, 40000));
  CHECK(b.value->schedule(40000) == 1);
  CHECK(std::fabs(b.value->schedule(41000) - (1 - std::sqrt(0.25))) <= 1e-15);
  CHECK(b.value->schedule(44000) == 0);
  const auto from_source = tempo::cool_down("warmup(2000) >> stable()", 40000, 4000, "sqrt");
  REQUIRE(from_source.ok());
  CHECK(from_source.value->schedule.fingerprint() == b.value->schedule.fingerprint());
}

TEST_CASE("cool_down: the trunk's context and shared bindings carry over") {
  tempo::Options options;
  options.total = 100000;
  const tempo::Schedule trunk =
      tempo::compile("w = warmup(100)\nlr = min(w, 0.5) + 0.5 * (w >> stable())", options);
  const auto b = tempo::cool_down(trunk, 500, 100);
  REQUIRE(b.ok());
  CHECK(b.value->source ==
        "w = warmup(100); take(500, min(w, 0.5) + 0.5 * (w >> stable())) >> decay(100, "
        "shape=linear)");
  CHECK(b.value->schedule.total() == 100000);
  CHECK(tempo::continues(trunk, b.value->schedule, 500));
}

TEST_CASE("branch: any continuation after the branch point") {
  const tempo::Schedule trunk = tempo::compile("warmup(10) >> stable()");
  const auto b = tempo::branch(trunk, 100, "linear(50, to=0.1) >> stable()");
  REQUIRE(b.ok());
  CHECK(b.value->schedule(150) == 0.1);
  CHECK(b.value->schedule(1e9) == 0.1);
}

TEST_CASE("branch: a trunk whose layout depends on its space is refused at the step it parts") {
  tempo::Options options;
  options.total = 1000;
  const tempo::Schedule trunk = tempo::compile("warmup(100) >> stable() >> decay(100)", options);
  const auto b = tempo::cool_down(trunk, 500, 100);
  REQUIRE_FALSE(b.ok());
  CHECK(b.message() ==
        "error: the branch does not continue the trunk before step 500: at step 401 the trunk is "
        "1 and the branch 0.99\n"
        "   = hint: the trunk's layout depends on its space (an elastic phase before a fixed "
        "one?); branch a trunk that ends open, such as `warmup(2000) >> stable()`\n");
}

TEST_CASE("branch: errors in what follows, and a bad branch point") {
  const tempo::Schedule trunk = tempo::compile("warmup(10) >> stable()");
  const auto shape = tempo::cool_down(trunk, 100, 10, "sine");
  REQUIRE_FALSE(shape.ok());
  CHECK(shape.message().starts_with("<branch>:1:"));
  const auto negative = tempo::cool_down(trunk, -1, 10);
  CHECK(negative.message() == "error: a branch point must be a step ≥ 0, got -1\n");
}

TEST_CASE("branch_file: the binding replaced, the rest of the file as written") {
  const char* file =
      "# the trunk\n"
      "peak = 3e-4\n"
      "lr = peak * (warmup(2000) >> stable())   # open-ended\n"
      "wd = 0.1\n";
  tempo::Options options;
  options.name = "lr";
  const auto text = tempo::branch_file(file, "40k", "decay(4k, shape=sqrt)", options);
  REQUIRE(text.ok());
  CHECK(*text.value ==
        "# the trunk\n"
        "peak = 3e-4\n"
        "lr = take(40k, peak * (warmup(2000) >> stable())) >> decay(4k, shape=sqrt)   # "
        "open-ended\n"
        "wd = 0.1\n");
  const auto bad = tempo::branch_file(file, "40k", "decay(4k, shape=sine)", options);
  REQUIRE_FALSE(bad.ok());
  options.name = "lrr";
  CHECK(tempo::branch_file(file, "40k", "decay(4k)", options)
            .message()
            .find("no binding named "
                  "`lrr`") != std::string::npos);
}
