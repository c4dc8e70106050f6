// The scripting API moved to its installed home, <tempo/lua.hpp>; this keeps the in-tree
// include "scripting.hpp" working.
#pragma once

#include "include/tempo/lua.hpp"
