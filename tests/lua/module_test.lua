-- The Lua module from the stock lua5.4 interpreter (run by ctest with LUA_CPATH set): the API,
-- Lua-built schedules against the same text compiled (bit for bit), and exact errors.
local tempo = require "tempo"

local failures = 0
local function check(condition, what)
  if not condition then
    failures = failures + 1
    io.stderr:write("check failed: " .. what .. "\n")
  end
end
local function equal(actual, expected, what)
  check(actual == expected, what .. ": got " .. tostring(actual) .. ", expected " .. tostring(expected))
end

-- tempo.version: the CMake project version, which ctest passes as the first argument
equal(tempo.version, arg[1], "tempo.version")

-- tempo.compile and the schedule userdata
local s = tempo.compile("warmup(2000) >> stable(0.9) >> cosine(min=0.1)", {total = 100000})
equal(s(1), 0.0005, "s(t)")
equal(s:at(96000), 0.55, "s:at(t)")
equal(tostring(s), "warmup(2000) >> stable(0.9) >> cosine(min=0.1)", "tostring")
local values = s:fill(0, 3000, 1000)
equal(#values, 3, "fill length")
equal(values[2], 0.5, "fill value")
local rows = s:explain()
equal(#rows, 3, "explain rows")
equal(rows[3].name, "cosine(min=0.1)", "explain name")
equal(rows[3].start, 92000, "explain start")
equal(rows[3]["end"], 100000, "explain end")
equal(rows[3].end_value, 0.1, "explain end value")
local file = "total = 1000\npeak = 1e-3\nlr = peak * warmup(100)\nwd = 0.1"
equal(tempo.compile(file, {name = "wd"})(5), 0.1, "name option")
equal(tempo.compile(file, {set = {peak = "2e-3"}})(50), 1e-3, "set option")

-- errors are the CLI's diagnostics
local ok, message = pcall(tempo.compile, "warmup(2000) >> cosin()")
check(not ok, "a bad schedule raises")
equal(message, "<expr>:1:17: error: unknown function `cosin`\n   |\n 1 | warmup(2000) >> cosin()\n"
  .. "   |                 ^~~~~\n   = hint: did you mean `cosine`?\n", "error text")
ok, message = pcall(tempo.compile, "cosine()")
equal(message, "<expr>:1:1: error: `cosine` needs a length: give d or total\n   |\n 1 | cosine()\n"
  .. "   | ^~~~~~\n   = hint: e.g. cosine(10000), or --total N\n", "error text")
ok, message = pcall(function() return tempo.warmup{shape = "cos ine"} end)
equal(message, 'tempo.warmup: a string stands for a name such as "cosine", not `cos ine`', "bad name")
ok, message = pcall(function() return tempo.warmup(0 / 0) end)
equal(message, "tempo.warmup: numbers must be finite", "NaN argument")
ok, message = pcall(function() return tempo.warmup(10) >> {} end)
check(ok, "a table is a list")
ok, message = pcall(function() return tempo.warmup(10) >> print end)
equal(message, "tempo: cannot use a function in a schedule", "function operand")

-- every stdlib phase and function has a builder
for _, name in ipairs {"warmup", "stable", "linear", "cosine", "poly", "decay", "exponential",
    "staircase", "multistep", "inv_sqrt", "noam", "cyclic", "sgdr", "onecycle", "interp",
    "repeat", "curve", "take", "inv_time", "min", "max", "clamp", "sqrt", "exp", "log", "cos", "sin", "tanh",
    "abs", "round", "floor", "ceil"} do
  check(type(tempo[name]) == "function", "builder tempo." .. name)
end

-- Lua-built schedules: same source, bit-identical values to compiling the text
local t = tempo
local cases = {
  {t.warmup(2000) >> t.stable(0.9) >> t.cosine{min = 0.1}, "warmup(2000) >> stable(0.9) >> cosine(min=0.1)"},
  {1.5e-4 * (t.warmup(2000) >> t.cosine{min = 0.1}), "0.00015 * (warmup(2000) >> cosine(min=0.1))"},
  {t.stable(0.5) >> t.stable{at = 0.7}, "stable(0.5) >> stable(at=0.7)"},
  {t.stable{1, at = 0.2} >> t.stable{at = 0.7}, "stable(1, at=0.2) >> stable(at=0.7)"},
  {t.warmup{100, shape = "cosine"} >> t.decay{shape = "sqrt", min = 0.01}, "warmup(100, shape=cosine) >> decay(min=0.01, shape=sqrt)"},
  {t.staircase{every = 30, gamma = 0.5} * 0.1, "staircase(every=30, gamma=0.5) * 0.1"},
  {t.multistep{120, at = {30, 60, 90}, gamma = 0.5}, "multistep(120, at=[30, 60, 90], gamma=0.5)"},
  {t.onecycle{max = 0.5, pct = 0.25, three_phase = true}, "onecycle(max=0.5, pct=0.25, three_phase=true)"},
  {t.interp({0, 1}, {100, 0.5}, {300, 0}), "interp([0, 1], [100, 0.5], [300, 0])"},
  {t.repeat_ and nil or t["repeat"](t.cosine(50), 3), "repeat(cosine(50), 3)"},
  {t.clamp(2 * t.warmup(100) - 0.5, 0, 1), "clamp(2 * warmup(100) - 0.5, 0, 1)"},
  {-t.warmup(100) ^ 2 + 1, "-warmup(100)^2 + 1"},
  {t.warmup(100) - (t.cosine(100) - t.linear(100)), "warmup(100) - (cosine(100) - linear(100))"},
  {t.warmup(100) >> (t.stable(100) >> t.cosine()), "warmup(100) >> (stable(100) >> cosine())"},
  {t.sgdr{period = 100, mult = 2, decay = 0.5} * t.warmup(50), "sgdr(period=100, mult=2, decay=0.5) * warmup(50)"},
  {t.curve(100, "p") >> t.noam{d_model = 512, warmup = 40}, nil},
  {t.cyclic{base = 0.1, max = 1, up = 30, down = 70, mode = "triangular2"}, "cyclic(base=0.1, max=1, mode=triangular2, up=30, down=70)"},
}
for i, case in ipairs(cases) do
  local built, text = case[1], case[2]
  if text then equal(tostring(built), text, "source of case " .. i) end
  local from_lua = tempo.compile(built, {total = 100000})
  local from_text = tempo.compile(tostring(built), {total = 100000})
  for step = 0, 110000, 7.25 do
    if from_lua(step) ~= from_text(step) then
      check(false, "case " .. i .. " differs at step " .. step)
      break
    end
  end
end
equal(tostring(t.stable(1.0)), "stable(1.0)", "a Lua float 1.0 stays a fraction")
equal(tostring(t.stable(1)), "stable(1)", "a Lua integer 1 stays one step")
equal((t.warmup(10) >> t.stable())(5), 0.5, "calling a built expression compiles it")
equal(t.cosine():compile({total = 10})(5), 0.5, "e:compile(options)")
-- e(t) compiles once: the schedule it keeps (its user value) is the one the next call uses.
local e = t.warmup(10) >> t.cosine(90)
equal(debug.getuservalue(e, 1), nil, "no schedule before the first call")
equal(e(5), 0.5, "e(t), first call")
local kept = debug.getuservalue(e, 1)
equal(tostring(kept), "warmup(10) >> cosine(90)", "the first call keeps its schedule")
equal(e(10), 1, "e(t), second call")
check(rawequal(debug.getuservalue(e, 1), kept), "the second call does not compile again")

-- Observations: plateau decides over the record; its text form restores it exactly.
local record = tempo.observations()
record:add(10, "loss", 2):add(11, "loss", 2):add(12, "loss", 2)
equal(#record, 3, "#record")
local lr = tempo.compile("warmup(10) >> plateau(factor=0.5, patience=1)")
equal(lr:metrics()[1], "loss", "s:metrics()")
local bound = lr:bind(record)
equal(lr(12.5), 1, "unbound: the plateau holds")
equal(bound(12), 1, "an observation decides the steps after it")
equal(bound(12.5), 0.5, "the second bad observation halves the value")
local restored = tempo.observations(tostring(record))
check(restored == record, "tostring(record) reads back to the same record")
equal(lr:bind(restored)(100), bound(100), "the restored record resumes the run")
equal(record:entries()[2].step, 11, "record:entries()")
local ok, message = pcall(tempo.observations, "1,loss\n")
check(not ok and message:find("<observations>:1:1: error: expected three fields", 1, true),
      "a bad line is a diagnostic: " .. tostring(message))
ok, message = pcall(record.add, record, 0 / 0, "loss", 1)
check(not ok and message:find("must be a finite number", 1, true), "a NaN step is an error")
equal(tostring(t.plateau{factor = 0.5, metric = "val_loss"}), "plateau(factor=0.5, metric=val_loss)",
      "the plateau builder")

if failures == 0 then print("lua module: all checks passed") end
os.exit(failures == 0 and 0 or 1)
