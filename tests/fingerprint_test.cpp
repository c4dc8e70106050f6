// Schedule::fingerprint (docs/lifecycle.md): a hash of the compiled plan and its context, blind to
// spelling and sensitive to every value.
#include <doctest/doctest.h>

#include <string>

#include "tempo/compile.hpp"

namespace {

std::string fingerprint(const char* source, std::optional<double> total = 100000,
                        std::optional<double> steps_per_epoch = std::nullopt) {
  tempo::Options options;
  options.total = total;
  options.steps_per_epoch = steps_per_epoch;
  return tempo::compile(source, options).fingerprint();
}

const char* design_card = "warmup(2000) >> stable(0.9) >> cosine(min=0.1)";

}  // namespace

TEST_CASE(
    "fingerprint: the design card's, pinned: the same on every machine and in every binding") {
  CHECK(fingerprint(design_card) == "f13bb0ee762fab8d");
}

TEST_CASE("fingerprint: formatting, binding names and the spelling of numbers leave it") {
  const std::string expected = fingerprint(design_card);
  CHECK(fingerprint("warmup( 2000 )>>stable( 0.9 )  >> cosine( min = 0.1 )") == expected);
  CHECK(fingerprint("warmup(2k) >> stable(90%) >> cosine(min=10%)") == expected);
  CHECK(fingerprint("w = warmup(2000)\nlr = w >> stable(0.9) >> cosine(min=0.1)") == expected);
  CHECK(fingerprint("ramp_up = warmup(2000)\nlr = ramp_up >> stable(0.9) >> cosine(min=0.1)") ==
        expected);
  CHECK(fingerprint("total = 100000\nwarmup(2000) >> stable(0.9) >> cosine(min=0.1)",
                    std::nullopt) == expected);
}

TEST_CASE("fingerprint: a binding used twice and the same expression written twice agree") {
  CHECK(fingerprint("c = cosine(100)\nc >> c") == fingerprint("cosine(100) >> cosine(100)"));
}

TEST_CASE("fingerprint: every change of a value changes it") {
  const std::string expected = fingerprint(design_card);
  CHECK(fingerprint("warmup(2001) >> stable(0.9) >> cosine(min=0.1)") != expected);
  CHECK(fingerprint("warmup(2000) >> stable(0.8) >> cosine(min=0.1)") != expected);
  CHECK(fingerprint("warmup(2000) >> stable(0.9) >> cosine(min=0.11)") != expected);
  CHECK(fingerprint("warmup(2000) >> stable(0.9) >> linear(to=0.1)") != expected);
  CHECK(fingerprint(design_card, 100001) != expected);
  // a context value the plan does not use is still part of it
  CHECK(fingerprint(design_card, 100000, 500) != expected);
  CHECK(fingerprint("multistep(at=[10, 20])") != fingerprint("multistep(at=[10, 21])"));
  // every field of every op's parameters, also those added after the first (ops.hpp's rows)
  CHECK(fingerprint("cosine(100, exponent=2)") != fingerprint("cosine(100, exponent=3)"));
  CHECK(fingerprint("inv_time(100, scale=10)") != fingerprint("inv_time(100, scale=10, rate=2)"));
  CHECK(fingerprint("inv_time(100, scale=10)") !=
        fingerprint("inv_time(100, scale=10, staircase=true)"));
  CHECK(fingerprint("cyclic(100, base=0.1, max=1, up=10, down=20)") !=
        fingerprint("cyclic(100, base=0.1, max=1, up=10, down=30)"));
}

TEST_CASE("fingerprint: 16 lowercase hex digits, the same for copies and recompiles") {
  const tempo::Schedule s = tempo::compile("warmup(10) >> cosine(90)");
  const tempo::Schedule copy = s;
  CHECK(s.fingerprint().size() == 16);
  CHECK(s.fingerprint().find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(copy.fingerprint() == s.fingerprint());
  CHECK(tempo::compile(s.source()).fingerprint() == s.fingerprint());
}
