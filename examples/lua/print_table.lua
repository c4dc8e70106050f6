-- Builds a schedule in Lua and prints its phase table and a few values.
--   LUA_CPATH="build/release/lua/?.so;;" lua5.4 examples/lua/print_table.lua
local tempo = require "tempo"

local lr = 3e-4 * (tempo.warmup(2000) >> tempo.stable(0.9) >> tempo.cosine{min = 0.1})
local schedule = tempo.compile(lr, {total = 100000})

print("schedule: " .. tostring(schedule))
print(string.format("%-18s %8s %8s %12s %12s", "phase", "start", "end", "start value", "end value"))
for _, phase in ipairs(schedule:explain()) do
  print(string.format("%-18s %8d %8d %12.6g %12.6g", phase.name, phase.start, phase["end"],
                      phase.start_value, phase.end_value))
end
for _, step in ipairs {0, 1000, 50000, 96000, 100000} do
  print(step, schedule(step))
end
