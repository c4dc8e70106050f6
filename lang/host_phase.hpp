// Phases the host defines (PhaseDefinition, e.g. a Lua function) as rows of the registration
// table: `d` then their named numbers. lang/scripted.cpp builds them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "../stdlib/primitive.hpp"
#include "tempo/compile.hpp"

namespace tempo {

struct HostPhase {
  explicit HostPhase(PhaseDefinition definition);
  HostPhase(const HostPhase&) = delete;
  PhaseDefinition definition;
  std::vector<stdlib::Param> params;
  std::string summary;
  stdlib::Primitive row;
};
using HostPhases = std::map<std::string, HostPhase, std::less<>>;

}  // namespace tempo
