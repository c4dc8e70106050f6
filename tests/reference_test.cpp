// tempo/reference.hpp: the registration table as bindings see it, row for row.
#include "tempo/reference.hpp"

#include <doctest/doctest.h>

#include "../stdlib/primitive.hpp"

TEST_CASE("the public reference has every phase and function of the registration table") {
  const auto& phases = tempo::reference::phases();
  REQUIRE(phases.size() == tempo::stdlib::primitives().size());
  for (std::size_t i = 0; i < phases.size(); ++i) {
    const auto& row = *tempo::stdlib::primitives()[i];
    CHECK(phases[i].name == row.name);
    CHECK(phases[i].summary == row.summary);
    CHECK(phases[i].params.size() == row.params.size());
    CHECK(tempo::reference::find_phase(row.name) == &phases[i]);
  }
  REQUIRE(tempo::reference::functions().size() == tempo::stdlib::functions().size());
  CHECK(tempo::reference::find_function("clamp")->min_args == 3);
  CHECK(tempo::reference::find_phase("cosin") == nullptr);
  CHECK(tempo::reference::find_function("cosine") == nullptr);
}

TEST_CASE("a phase's signature, defaults, kinds and choices") {
  using tempo::reference::ParamKind;
  const auto* cosine = tempo::reference::find_phase("cosine");
  REQUIRE(cosine);
  CHECK(cosine->signature == "cosine(d, min=0, max=L, exponent=1)");
  CHECK(cosine->formula == "min + (max − min)·((1 + cos πp)/2)^exponent");
  CHECK(cosine->params[0].kind == ParamKind::duration);
  CHECK(cosine->params[0].default_text.empty());
  CHECK(cosine->params[2].kind == ParamKind::level);
  CHECK(cosine->params[2].default_text == "L");
  const auto* warmup = tempo::reference::find_phase("warmup");
  CHECK(warmup->signature == "warmup(d, from=0, to=1, shape=linear, power=2)");
  CHECK(warmup->params[3].kind == ParamKind::choice);
  CHECK(warmup->params[3].choices.front() == "linear");
  CHECK(tempo::reference::find_phase("interp")->signature ==
        "interp([x0, y0], [x1, y1], …, shape=linear, power=2)");
  CHECK(tempo::reference::find_phase("exponential")->params[1].required);
  CHECK(tempo::reference::find_phase("exponential")->signature == "exponential(d, gamma, from=L)");
}
