-- A custom schedule written in Lua and used from Lua: REX after a warmup, through a .tempo
-- source that imports shapes.lua (run from the repository root).
--   LUA_CPATH="build/release/lua/?.so;;" lua5.4 examples/lua/custom_schedule.lua
local tempo = require "tempo"

local source = 'import "examples/lua/shapes.lua"\nlr = warmup(100) >> rex(k=0.9) >> stable(0)'
local schedule = tempo.compile(source, {total = 1000})
for step = 0, 1000, 100 do
  print(step, schedule(step))
end
