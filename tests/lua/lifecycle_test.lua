-- docs/lifecycle.md from lua5.4: fingerprints (the same as C++'s and C's), continuation checks,
-- a cooldown branch, checkpoints and the resume policies.
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

local card = tempo.compile("warmup(2000) >> stable(0.9) >> cosine(min=0.1)", {total = 100000})
equal(card:fingerprint(), "f13bb0ee762fab8d", "fingerprint")
local built = tempo.warmup(2000) >> tempo.stable(0.9) >> tempo.cosine{min = 0.1}
equal(tempo.compile(built, {total = 100000}):fingerprint(), card:fingerprint(), "built alike")

local short = tempo.compile("warmup(1000) >> stable(0.9) >> cosine(min=0.1)", {total = 100000})
local ok, where = tempo.continues(card, short, 50000)
equal(ok, false, "a changed warmup")
equal(where.step, 1, "first differing step")
equal(where.old_value, 0.0005, "old value")
equal(where.new_value, 0.001, "new value")
ok, where = tempo.continues(card, card, 1e6)
equal(ok, true, "the same plan")
equal(where.step, nil, "no step when they continue")
equal(where.proven, 1e6, "proven")

local trunk = tempo.compile("warmup(2000) >> stable()")
local branch, source = trunk:cool_down{at = 40000, over = 4000, shape = "sqrt"}
equal(source, "take(40000, warmup(2000) >> stable()) >> decay(4000, shape=sqrt)", "branch source")
equal(branch(44000), 0, "branch end")
equal((tempo.continues(trunk, branch, 40000)), true, "branch continues the trunk")
local linear = trunk:branch(40000, "linear(4000, to=0.1)")
equal(linear(44000), 0.1, "s:branch")
local failed, message = pcall(trunk.cool_down, trunk, {at = 40000, over = 4000, shape = "sine"})
equal(failed, false, "a bad shape fails")
check(tostring(message):find("sine", 1, true) ~= nil, "the message names the shape: " .. tostring(message))

local json = tempo.checkpoint(card, 50000, {{10, "loss", 2.5}})
check(json:find('"step": 50000', 1, true) ~= nil, "checkpoint json: " .. json)
check(json:find('"name": "loss"', 1, true) ~= nil, "observations in the checkpoint")
local resumed, report, step = tempo.resume(json, card)
equal(resumed:fingerprint(), card:fingerprint(), "resume: same plan")
equal(report, "", "resume: no report")
equal(step, 50000, "resume: step")
failed, message = pcall(tempo.resume, json, short)
equal(failed, false, "resume: error policy refuses a changed plan")
check(tostring(message):find("first differing step: 1", 1, true) ~= nil, "resume error: " .. tostring(message))
resumed, report = tempo.resume(json, short, "adopt")
equal(resumed(1), 0.001, "adopt")
check(report:find("jump", 1, true) ~= nil, "adopt reports the jump")
resumed = tempo.resume(json, short, "keep")
equal(resumed(1), 0.0005, "keep")

if failures > 0 then
  os.exit(1)
end
print("lua lifecycle: all checks passed")
