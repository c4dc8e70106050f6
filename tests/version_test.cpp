// <tempo/version.hpp>: the macros are the CMake project version (TEMPO_VERSION, which
// tests/CMakeLists.txt defines), and tempo::version() is the version the library was built as.
#include "tempo/version.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

TEST_CASE("the version macros are the CMake project version") {
  CHECK(std::string(TEMPO_VERSION_STRING) == TEMPO_VERSION);
  CHECK(fmt::format("{}.{}.{}", TEMPO_VERSION_MAJOR, TEMPO_VERSION_MINOR, TEMPO_VERSION_PATCH) ==
        TEMPO_VERSION);
  CHECK(TEMPO_VERSION_NUMBER ==
        TEMPO_VERSION_MAJOR * 10000 + TEMPO_VERSION_MINOR * 100 + TEMPO_VERSION_PATCH);
}

TEST_CASE("tempo::version() is the library's version") {
  CHECK(tempo::version() == TEMPO_VERSION);
}
