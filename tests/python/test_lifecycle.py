"""docs/lifecycle.md from Python: fingerprints (the same as C++'s, C's and Lua's), continuation
checks, cooldown branches, checkpoint records (byte for byte the C library's and the Lua
module's JSON) and resuming; then TempoLR resumed from its state_dict under unchanged and
changed plans, every learning rate compared with an uninterrupted run."""
import ctypes
import io
import os
import pickle
import subprocess
import warnings

import numpy as np
import pytest
import torch

import tempo
from tempo.torch import ScheduleChangeWarning, ScheduleChanged, TempoLR, TempoScheduler
from torch_support import optimizer

CARD = "warmup(2000) >> stable(0.9) >> cosine(min=0.1)"


def card(source=CARD, **options):
    options.setdefault("total", 100_000)
    return tempo.compile(source, **options)


# --- the other bindings, as independent writers ----------------------------------------------

def c_library():
    lib = ctypes.CDLL(os.environ["TEMPO_C"])
    lib.tempo_options_new.restype = ctypes.c_void_p
    lib.tempo_options_set_total.argtypes = [ctypes.c_void_p, ctypes.c_double]
    lib.tempo_options_free.argtypes = [ctypes.c_void_p]
    lib.tempo_compile.restype = ctypes.c_void_p
    lib.tempo_compile.argtypes = [ctypes.c_char_p, ctypes.c_void_p, ctypes.c_void_p]
    lib.tempo_schedule_free.argtypes = [ctypes.c_void_p]
    lib.tempo_fingerprint.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    lib.tempo_checkpoint_new.restype = ctypes.c_void_p
    lib.tempo_checkpoint_new.argtypes = [ctypes.c_void_p, ctypes.c_double]
    lib.tempo_checkpoint_observe.argtypes = [ctypes.c_void_p, ctypes.c_double, ctypes.c_char_p,
                                             ctypes.c_double]
    lib.tempo_checkpoint_json.restype = ctypes.c_char_p
    lib.tempo_checkpoint_json.argtypes = [ctypes.c_void_p]
    lib.tempo_checkpoint_free.argtypes = [ctypes.c_void_p]
    return lib


def from_c(source, total, step, observations=()):
    """(fingerprint, checkpoint JSON) as the C API writes them."""
    lib = c_library()
    options = lib.tempo_options_new()
    lib.tempo_options_set_total(options, total)
    schedule = lib.tempo_compile(source.encode(), options, None)
    lib.tempo_options_free(options)
    assert schedule, source
    out = ctypes.create_string_buffer(17)
    lib.tempo_fingerprint(schedule, out)
    record = lib.tempo_checkpoint_new(schedule, step)
    for s, name, value in observations:
        assert lib.tempo_checkpoint_observe(record, s, name.encode(), value) == 0
    text = lib.tempo_checkpoint_json(record).decode()
    lib.tempo_checkpoint_free(record)
    lib.tempo_schedule_free(schedule)
    return out.value.decode(), text


def from_lua(source, total, step, observations=()):
    """(fingerprint, checkpoint JSON) as the Lua module writes them."""
    entries = ", ".join(f"{{{s!r}, {n!r}, {v!r}}}" for s, n, v in observations)
    script = (f"local tempo = require 'tempo'\n"
              f"local s = tempo.compile({source!r}, {{total = {total!r}}})\n"
              f"io.write(s:fingerprint(), '\\n', tempo.checkpoint(s, {step!r}, {{{entries}}}))\n")
    env = dict(os.environ, LUA_CPATH=os.path.join(os.environ["TEMPO_LUA_DIR"], "?.so") + ";;")
    out = subprocess.run([os.environ["TEMPO_LUA"], "-e", script], env=env, check=True,
                         capture_output=True, text=True).stdout
    fingerprint, text = out.split("\n", 1)
    return fingerprint, text


# --- fingerprints -------------------------------------------------------------------------------

def test_the_design_card_fingerprint_is_the_pinned_one():
    assert card().fingerprint == "f13bb0ee762fab8d"  # tests/fingerprint_test.cpp pins the same
    assert card().bind(tempo.Observations()).fingerprint == "f13bb0ee762fab8d"


@pytest.mark.parametrize("source", [CARD, "3e-4 * (warmup(2000) >> stable() >> decay(0.2))",
                                    "a = cosine(100); a >> a >> sgdr(period=50, mult=2)"])
def test_fingerprints_are_those_of_c_and_lua(source):
    mine = card(source).fingerprint
    assert from_c(source, 100_000, 0)[0] == mine
    assert from_lua(source, 100_000, 0)[0] == mine


def test_spelling_leaves_the_fingerprint():
    expected = card().fingerprint
    for source in ["warmup( 2000 )>>stable( 0.9 )  >> cosine( min = 0.1 )",
                   "warmup(2k) >> stable(90%) >> cosine(min=10%)",
                   "w = warmup(2000)\nlr = w >> stable(0.9) >> cosine(min=0.1)",
                   "ramp_up = warmup(2000)\nlr = ramp_up >> stable(0.9) >> cosine(min=0.1)"]:
        assert card(source).fingerprint == expected, source
    assert card("total = 100000\n" + CARD, total=None).fingerprint == expected
    assert pickle.loads(pickle.dumps(card())).fingerprint == expected
    assert tempo.compile(CARD, set={"total": 100_000}).fingerprint == expected


def test_every_change_of_a_value_changes_the_fingerprint():
    changed = [card("warmup(2001) >> stable(0.9) >> cosine(min=0.1)"),
               card("warmup(2000) >> stable(0.91) >> cosine(min=0.1)"),
               card("warmup(2000) >> stable(0.9) >> cosine(min=0.11)"),
               card("warmup(2000) >> stable(0.9) >> linear(to=0.1)"),
               card(total=100_001),
               card(steps_per_epoch=1000),  # a context value the plan does not use
               card(tokens_per_step=4096)]
    prints = [s.fingerprint for s in changed]
    assert len(set(prints + [card().fingerprint])) == len(changed) + 1
    assert all(len(p) == 16 and int(p, 16) >= 0 and p == p.lower() for p in prints)


# --- continuation checks -------------------------------------------------------------------------

def test_a_changed_warmup_does_not_continue_from_step_1():
    c = tempo.continues(card(), card("warmup(1000) >> stable(0.9) >> cosine(min=0.1)"), 50_000)
    assert not c and c.continues is False
    assert (c.step, c.old_value, c.new_value) == (1.0, 0.0005, 0.001)
    same = tempo.continues(card(), card(), 1e6)
    assert same and (same.step, same.old_value, same.new_value) == (None, None, None)
    assert (same.compared, same.proven) == (0.0, 1e6)
    assert tuple(same) == (True, None, None, None, 0.0, 1e6)
    assert pickle.loads(pickle.dumps(c)) == c


def test_extending_a_wsd_run_continues_up_to_the_old_decay():
    wsd = "warmup(2000) >> stable() >> decay(10000)"
    old, longer = card(wsd), card(wsd, total=200_000)
    assert old.fingerprint != longer.fingerprint
    c = tempo.continues(old, longer, 90_000)
    assert c and c.proven == 90_000
    assert tempo.continues(old, longer, 90_001)  # the decay starts at 1 in both
    c = tempo.continues(old, longer, 100_000)
    assert (c.continues, c.step, c.old_value, c.new_value) == (False, 90_001.0, 0.9999, 1.0)
    assert np.array_equal(old.fill(0, 90_001), longer.fill(0, 90_001))


def test_a_take_branch_and_appended_phases_continue_the_trunk():
    trunk = tempo.compile("warmup(2000) >> stable()")
    branch = tempo.compile("take(40000, warmup(2000) >> stable()) >> decay(4000, shape=sqrt)")
    assert tempo.continues(trunk, branch, 40_000).proven == 40_000
    c = tempo.continues(trunk, branch, 50_000)
    assert (c.step, c.old_value, c.new_value) == (40_001.0, 1.0, 1 - (1 / 4000) ** 0.5)
    appended = tempo.compile("warmup(2000) >> stable(50000) >> cosine(10000)")
    assert tempo.continues(trunk, appended, 52_000)
    assert tempo.continues(trunk, appended, 52_002).step == 52_001.0


# --- branches ------------------------------------------------------------------------------------

def test_cool_down_continues_the_trunk_before_the_branch_point():
    trunk = tempo.compile("warmup(2000) >> stable()")
    lr = trunk.cool_down(at=40_000, over=4_000, shape="sqrt")
    assert isinstance(lr, tempo.Schedule)
    assert lr.source == "take(40000, warmup(2000) >> stable()) >> decay(4000, shape=sqrt)"
    assert np.array_equal(lr.fill(0, 40_000), trunk.fill(0, 40_000))
    assert tempo.continues(trunk, lr, 40_000)
    assert lr(40_000) == 1.0 and lr(41_000) == 1 - (1000 / 4000) ** 0.5 and lr(44_000) == 0.0
    assert lr.fingerprint == tempo.compile(lr.source).fingerprint
    again = pickle.loads(pickle.dumps(lr))
    assert again.fingerprint == lr.fingerprint and again.source == lr.source
    assert trunk.cool_down(40_000, 4_000)(42_000) == 0.5  # linear by default
    linear = trunk.branch(40_000, "linear(4000, to=0.1)")
    assert linear.source == "take(40000, warmup(2000) >> stable()) >> linear(4000, to=0.1)"
    assert linear(44_000) == 0.1 and tempo.continues(trunk, linear, 40_000)


def test_a_branch_keeps_the_trunk_context_and_bindings():
    trunk = tempo.compile("peak = 3e-4\nlr = peak * (warmup(200) >> stable())", total=10_000,
                          steps_per_epoch=100)
    lr = trunk.cool_down(at=5_000, over=1_000, shape="cosine")
    assert lr.source == "take(5000, 3e-4 * (warmup(200) >> stable())) >> decay(1000, shape=cosine)"
    shared = tempo.compile("w = warmup(200)\nlr = w >> stable(100) >> w")
    assert shared.source == "w = warmup(200); w >> stable(100) >> w"
    assert shared.branch(450, "cosine(100)").source == (
        "w = warmup(200); take(450, w >> stable(100) >> w) >> cosine(100)")
    assert lr.total == 10_000.0
    assert np.array_equal(lr.fill(0, 5_000), trunk.fill(0, 5_000))
    assert lr(6_000) == 0.0


def test_a_bad_branch_raises_tempo_error_with_the_library_message():
    trunk = tempo.compile("warmup(2000) >> stable()")
    with pytest.raises(tempo.Error) as caught:
        trunk.cool_down(40_000, 4_000, "sine")
    assert str(caught.value) == (
        "<branch>:1:60: error: `shape` must be one of linear, cosine, exp, sqrt, poly, log, not "
        "`sine`\n"
        "   |\n"
        " 1 | take(40000, warmup(2000) >> stable()) >> decay(4000, shape=sine)\n"
        "   |                                                            ^~~~\n")
    with pytest.raises(tempo.Error) as caught:
        trunk.branch(-1, "cosine(10)")
    assert str(caught.value) == "error: a branch point must be a step ≥ 0, got -1\n"


# --- checkpoint records --------------------------------------------------------------------------

def test_the_documented_layout():
    lr = tempo.compile("warmup(10) >> cosine(90)")
    assert tempo.checkpoint(lr, 5).to_json() == (  # tests/checkpoint_test.cpp's text
        "{\n"
        "  \"tempo_checkpoint\": 1,\n"
        "  \"step\": 5.0,\n"
        f"  \"fingerprint\": \"{lr.fingerprint}\",\n"
        "  \"source\": \"warmup(10) >> cosine(90)\",\n"
        "  \"context\": {\n"
        "    \"total\": null,\n"
        "    \"steps_per_epoch\": null,\n"
        "    \"tokens_per_step\": null\n"
        "  },\n"
        "  \"observations\": []\n"
        "}\n")


@pytest.mark.parametrize("source,step,observations", [
    (CARD, 50_000, [(10, "loss", 2.5)]),
    ("3e-4 * (warmup(2000) >> stable(0.9) >> cosine(min=1/3))", 41_234, [(10, "loss", 0.1 + 0.2),
                                                                        (11.5, "acc", 1e-300)]),
    ("cosine()", 0, []),
])
def test_the_json_is_byte_for_byte_that_of_c_and_lua(source, step, observations):
    text = tempo.checkpoint(card(source), step, observations).to_json()
    assert from_c(source, 100_000, step, observations)[1] == text
    assert from_lua(source, 100_000, step, observations)[1] == text


def test_a_record_reads_back_exactly():
    lr = card("3e-4 * (warmup(2000) >> stable(0.9) >> cosine(min=1/3))")
    record = tempo.Observations()
    record.add(10, "loss", 0.1 + 0.2)
    saved = tempo.checkpoint(lr, 41_234, record)
    text = saved.to_json()
    read = tempo.read_checkpoint(text)
    assert isinstance(read, tempo.Checkpoint) and read == saved and read.to_json() == text
    assert (read.step, read.fingerprint, read.source) == (41_234.0, lr.fingerprint, lr.source)
    assert (read.total, read.steps_per_epoch, read.tokens_per_step) == (100_000.0, None, None)
    assert read.observations == record and list(read.observations) == [(10.0, "loss", 0.1 + 0.2)]
    assert pickle.loads(pickle.dumps(read)) == saved
    assert tempo.checkpoint(lr, 41_234) != saved


def test_bad_records_and_arguments():
    with pytest.raises(tempo.Error) as caught:
        tempo.read_checkpoint("[1]")
    assert str(caught.value) == ("<checkpoint>:1:1: error: a checkpoint is a JSON object\n"
                                 "   |\n"
                                 " 1 | [1]\n"
                                 "   | ^\n")
    with pytest.raises(tempo.Error) as caught:
        tempo.read_checkpoint('{"tempo_checkpoint": 2}')
    assert caught.value.diagnostics[0].message == ("this is a version 2 checkpoint; this Tempo "
                                                   "reads version 1")
    with pytest.raises(tempo.Error, match="the checkpoint is not valid JSON"):
        tempo.read_checkpoint('{"step": 1,')
    with pytest.raises(ValueError, match=r"^step must be a finite number >= 0, got nan$"):
        tempo.checkpoint(card(), float("nan"))
    with pytest.raises(ValueError, match="a metric name is an identifier"):
        tempo.checkpoint(card(), 1, [(0, "val/loss", 1.0)])
    with pytest.raises(TypeError, match="expected a tempo.Schedule"):
        tempo.checkpoint("cosine()", 1)


# --- tempo.resume --------------------------------------------------------------------------------

def test_the_same_plan_resumes_silently():
    text = tempo.checkpoint(card(), 50_000).to_json()
    again = card("warmup(2k) >> stable(90%) >> cosine(min = 0.1)")
    for policy in ("error", "adopt", "keep"):
        r = tempo.resume(text, again, policy)
        assert r.schedule is again
        assert (r.changed, r.first_difference, r.old_value, r.new_value, r.report) == (
            False, None, None, None, "")


WARMUP_2000 = "warmup(2000) >> cosine()"
WARMUP_1000 = "warmup(1000) >> cosine()"


def test_a_changed_warmup_is_refused_with_the_first_step_and_the_jump():
    old, now = card(WARMUP_2000, total=10_000), card(WARMUP_1000, total=10_000)
    saved = tempo.checkpoint(old, 5_000)
    with pytest.raises(tempo.Error) as caught:
        tempo.resume(saved, now)
    assert str(caught.value) == (
        "error: the plan differs from the checkpoint's (resuming at step 5000)\n"
        f"  checkpoint: warmup(2000) >> cosine()  [total 10000; fingerprint {old.fingerprint}]\n"
        f"  now:        warmup(1000) >> cosine()  [total 10000; fingerprint {now.fingerprint}]\n"
        "  first differing step: 1 (checkpoint 0.0005, now 0.001), before the resume step: the "
        "past changed\n"
        "  at step 5000: checkpoint 0.6913417161825449, now 0.5868240888334652 "
        "(jump -0.10451762734907977)\n"
        "  on_change=error refuses to resume\n"
        "   = hint: choose on_change=adopt to use the new plan, or on_change=keep to continue "
        "with the checkpoint's\n")
    # (1 + cos(π·3000/8000)) / 2 and (1 + cos(π·4000/9000)) / 2
    assert (old(5_000), now(5_000)) == (0.6913417161825449, 0.5868240888334652)


def test_adopt_uses_the_new_plan_and_keep_the_checkpoints():
    old, now = card(WARMUP_2000, total=10_000), card(WARMUP_1000, total=10_000)
    saved = tempo.checkpoint(old, 5_000)
    adopted = tempo.resume(saved.to_json(), now, on_change="adopt")
    assert adopted.schedule is now and adopted.changed
    assert (adopted.first_difference, adopted.old_value, adopted.new_value) == (
        1.0, old(5_000), now(5_000))
    assert adopted.report.endswith("(jump -0.10451762734907977)\n"
                                   "  on_change=adopt: continuing with the new plan")
    kept = tempo.resume(saved, now, "keep")
    assert kept.schedule.fingerprint == old.fingerprint and kept.schedule.source == WARMUP_2000
    assert np.array_equal(kept.schedule.fill(0, 10_001), old.fill(0, 10_001))
    assert kept.report.endswith("on_change=keep: continuing with the checkpoint's plan")
    assert pickle.loads(pickle.dumps(kept.schedule)).fingerprint == old.fingerprint
    with pytest.raises(ValueError, match="on_change must be one of error, adopt, keep, not 'x'"):
        tempo.resume(saved, now, "x")


def test_an_extension_is_a_change_with_a_jump_of_zero():
    wsd = "warmup(2000) >> stable() >> decay(10000)"
    saved = tempo.checkpoint(card(wsd), 50_000)
    with pytest.raises(tempo.Error, match="not before the resume step"):
        tempo.resume(saved, card(wsd, total=200_000))
    r = tempo.resume(saved, card(wsd, total=200_000), "adopt")
    assert (r.first_difference, r.old_value, r.new_value) == (90_001.0, 1.0, 1.0)
    assert ("  first differing step: 90001 (checkpoint 0.9999, now 1), not before the resume "
            "step\n  at step 50000: checkpoint 1, now 1 (jump +0)\n") in r.report


# --- TempoLR resumed from its state_dict ---------------------------------------------------------

SOURCE = "warmup(50) >> stable(0.5) >> cosine(min=0.1)"
TOTAL = 300


def lrs(scheduler, steps):
    """The lr of every param group that each of the next `steps` optimizer steps uses."""
    seen = []
    for _ in range(steps):
        seen.append([g["lr"] for g in scheduler.optimizer.param_groups])
        scheduler.optimizer.step()
        scheduler.step()
    return seen


def saved_through_torch(state):
    buffer = io.BytesIO()
    torch.save(state, buffer)
    return torch.load(io.BytesIO(buffer.getvalue()))


def interrupted(make_old, make_new, at, total, on_change=None, groups=1):
    """Trains with make_old(optimizer) for `at` steps and saves optimizer and scheduler through
    torch.save; then, as a new process would, makes a fresh optimizer and scheduler
    (make_new), loads both and trains to `total`: (lrs of steps 0..at-1, lrs of steps
    at..total-1, the new scheduler)."""
    first = make_old(optimizer(groups=groups))
    before = lrs(first, at)
    state = saved_through_torch({"optimizer": first.optimizer.state_dict(),
                                 "scheduler": first.state_dict()})
    o = optimizer(groups=groups)
    second = make_new(o)
    o.load_state_dict(state["optimizer"])
    second.load_state_dict(state["scheduler"], on_change=on_change)
    return before, lrs(second, total - at), second


@pytest.mark.parametrize("at", [1, 49, 50, 51, 170, 299])
def test_a_resumed_run_gets_every_lr_of_the_uninterrupted_run(at):
    make = lambda o: TempoLR(o, SOURCE, total=TOTAL)  # noqa: E731
    uninterrupted = lrs(make(optimizer(groups=2)), TOTAL)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing changed: nothing to report
        before, after, second = interrupted(make, make, at, TOTAL, groups=2)
    assert before + after == uninterrupted
    plan = tempo.compile(SOURCE, total=TOTAL)
    assert [row for row in uninterrupted] == [[0.1 * plan(t), 0.01 * plan(t)] for t in range(TOTAL)]
    assert second.resume_report == "" and second.last_epoch == TOTAL


def test_the_state_dict_carries_a_checkpoint_record_per_track():
    scheduler = TempoLR(optimizer(groups=2), ["warmup(50)>>stable(0.5)>>cosine(min=0.1)",
                                              "cosine()"], total=TOTAL)
    lrs(scheduler, 7)
    state = scheduler.state_dict()
    assert saved_through_torch(state) == state  # plain values
    assert state["tempo"]["version"] == 2
    for group, (track, schedule) in enumerate(zip(state["tempo"]["tracks"][0],
                                                  scheduler.schedules["lr"])):
        record = tempo.read_checkpoint(track["checkpoint"])
        assert record.to_json() == track["checkpoint"]
        assert track["checkpoint"] == tempo.checkpoint(schedule, 7).to_json()
        assert (record.step, record.fingerprint, record.source, record.total) == (
            7.0, schedule.fingerprint, schedule.source, float(TOTAL))
        assert (track["key"], track["group"], track["scale"]) == ("lr", group, 0.1 / 10 ** group)
    assert state["tempo"]["tracks"][0][0]["source"] == SOURCE


CHANGED = "warmup(40) >> stable(0.5) >> cosine(min=0.1)"


def test_a_changed_plan_is_refused_with_what_differs_and_the_lr_jump():
    old = tempo.compile(SOURCE, total=TOTAL)
    now = tempo.compile(CHANGED, total=TOTAL)
    with pytest.raises(ScheduleChanged) as caught:
        interrupted(lambda o: TempoLR(o, SOURCE, total=TOTAL),
                    lambda o: TempoLR(o, CHANGED, total=TOTAL), 30, TOTAL)
    assert str(caught.value) == (
        "lr, param group 0: the plan differs from the checkpoint's (resuming at step 30)\n"
        f"  checkpoint: {SOURCE}  [total 300; fingerprint {old.fingerprint}]\n"
        f"  now:        {CHANGED}  [total 300; fingerprint {now.fingerprint}]\n"
        "  first differing step: 1 (checkpoint 0.02, now 0.025), before the resume step: the "
        "past changed\n"
        "  at step 30: checkpoint 0.6, now 0.75 (jump +0.15000000000000002)\n"
        "  on_change=error refuses to resume\n"
        "  lr at step 30 (0.1 × the schedule): checkpoint 0.06, now 0.07500000000000001 (jump "
        "+0.015000000000000013)\n"
        "   = hint: choose on_change=adopt to use the new plan, or on_change=keep to continue "
        "with the checkpoint's")


def test_adopt_continues_with_the_new_plan_from_the_resume_step_and_reports_the_jump():
    make_old = lambda o: TempoLR(o, SOURCE, total=TOTAL)  # noqa: E731
    make_new = lambda o: TempoLR(o, CHANGED, total=TOTAL)  # noqa: E731
    old = lrs(make_old(optimizer()), TOTAL)
    fresh = lrs(make_new(optimizer()), TOTAL)
    with pytest.warns(ScheduleChangeWarning) as caught:
        before, after, second = interrupted(make_old, make_new, 30, TOTAL, on_change="adopt")
    assert before == old[:30] and after == fresh[30:]
    assert (old[30], fresh[30]) == ([0.1 * 0.6], [0.1 * 0.75])  # the jump, as reported
    report = second.resume_report
    assert [str(w.message) for w in caught] == [report]
    assert report.startswith("lr, param group 0: the plan differs from the checkpoint's "
                             "(resuming at step 30)\n")
    assert report.endswith("  at step 30: checkpoint 0.6, now 0.75 (jump +0.15000000000000002)\n"
                           "  on_change=adopt: continuing with the new plan\n"
                           "  lr at step 30 (0.1 × the schedule): checkpoint 0.06, now "
                           "0.07500000000000001 (jump +0.015000000000000013)")
    assert second.schedules["lr"][0].source == CHANGED


def test_keep_continues_with_the_checkpoints_plan():
    make_old = lambda o: TempoLR(o, SOURCE, total=TOTAL)  # noqa: E731
    uninterrupted = lrs(make_old(optimizer()), TOTAL)
    with pytest.warns(ScheduleChangeWarning, match="on_change=keep: continuing with the "
                                                   "checkpoint's plan"):
        before, after, second = interrupted(
            make_old, lambda o: TempoLR(o, CHANGED, total=TOTAL, on_change="keep"), 30, TOTAL)
    assert before + after == uninterrupted
    assert second.schedules["lr"][0].fingerprint == tempo.compile(SOURCE, total=TOTAL).fingerprint
    # and the kept plan goes on into the next checkpoint
    record = tempo.read_checkpoint(second.state_dict()["tempo"]["tracks"][0][0]["checkpoint"])
    assert (record.source, record.step) == (SOURCE, float(TOTAL))


WSD = "warmup(20) >> stable() >> decay(50)"


def test_an_extended_wsd_run_resumed_with_adopt_is_the_new_plan():
    old, new = tempo.compile(WSD, total=200), tempo.compile(WSD, total=400)
    assert tempo.continues(old, new, 151) and not tempo.continues(old, new, 152)
    make_old = lambda o: TempoLR(o, WSD, total=200, base=1.0)  # noqa: E731
    make_new = lambda o: TempoLR(o, WSD, total=400, base=1.0)  # noqa: E731
    planned = lrs(make_new(optimizer()), 400)
    with pytest.raises(ScheduleChanged, match=r"first differing step: 151 \(checkpoint 0.98, now "
                                              r"1\), not before the resume step"):
        interrupted(make_old, make_new, 100, 400)
    with pytest.warns(ScheduleChangeWarning, match=r"at step 100: checkpoint 1, now 1 \(jump "
                                                   r"\+0\)\n  on_change=adopt"):
        before, after, _ = interrupted(make_old, make_new, 100, 400, on_change="adopt")
    assert before + after == planned
    assert [lr for (lr,) in planned] == list(new.fill(0, 400))


def test_a_cooldown_branched_off_a_running_trunk():
    trunk = tempo.compile("0.02 * (warmup(150) >> stable())")
    branch = trunk.cool_down(at=1000, over=300, shape="sqrt")
    with pytest.warns(ScheduleChangeWarning, match=r"\(jump \+0\)"):
        before, after, second = interrupted(lambda o: TempoLR(o, trunk, base=1.0),
                                            lambda o: TempoLR(o, branch, base=1.0), 1000, 1400,
                                            on_change="adopt")
    assert [lr for (lr,) in before] == list(trunk.fill(0, 1000))
    assert [lr for (lr,) in before + after] == list(branch.fill(0, 1400))
    assert after[300:] == [[0.0]] * 100 and second.schedules["lr"][0].source == branch.source


def test_plateau_observations_survive_the_round_trip():
    losses = [3, 2, 2, 2, 2, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.4, 1.4, 1.4, 1.3]
    source = "warmup(3) >> plateau(factor=0.5, patience=1)"

    def run(interrupt=None):
        scheduler = TempoLR(optimizer(lr=1.0), source)
        seen = []
        for step, loss in enumerate(losses):
            if step == interrupt:
                state = saved_through_torch({"optimizer": scheduler.optimizer.state_dict(),
                                             "scheduler": scheduler.state_dict()})
                record = tempo.read_checkpoint(state["scheduler"]["tempo"]["tracks"][0][0]
                                               ["checkpoint"])
                assert list(record.observations) == [(float(s), "loss", float(v))
                                                     for s, v in enumerate(losses[:step])]
                scheduler = TempoLR(optimizer(lr=1.0), source)
                scheduler.optimizer.load_state_dict(state["optimizer"])
                with warnings.catch_warnings():
                    warnings.simplefilter("error")
                    scheduler.load_state_dict(state["scheduler"])
                assert scheduler.observations == record.observations
            seen.append(scheduler.optimizer.param_groups[0]["lr"])
            scheduler.optimizer.step()
            scheduler.step(loss)
        return seen

    uninterrupted = run()
    assert min(uninterrupted[4:]) < 0.5  # the plateau decided to cut, twice
    for at in (4, 7, 12):
        assert run(interrupt=at) == uninterrupted


FILE = "lr = 0.1 * (warmup(10) >> cosine(90))\nwd = 0.01 * (1 - warmup(100))\n"


def test_one_key_of_several_changed():
    keys = {"lr": "lr", "weight_decay": "wd"}
    first = TempoScheduler(optimizer(kind="adamw", weight_decay=0.0), FILE, keys=keys)
    lrs(first, 20)
    state = first.state_dict()
    changed = FILE.replace("0.01 *", "0.02 *")
    second = TempoScheduler(optimizer(kind="adamw", weight_decay=0.0), changed, keys=keys)
    with pytest.raises(ScheduleChanged) as caught:
        second.load_state_dict(state)
    message = str(caught.value)
    assert message.startswith("weight_decay, param group 0: the plan differs from the "
                              "checkpoint's (resuming at step 20)\n")
    assert "lr, param group" not in message
    assert "  at step 20: checkpoint 0.008, now 0.016 (jump +0.008)\n" in message
    kept = TempoScheduler(optimizer(kind="adamw", weight_decay=0.0), changed, keys=keys)
    with pytest.warns(ScheduleChangeWarning):
        kept.load_state_dict(state, on_change="keep")
    lrs(kept, 1)
    assert kept.optimizer.param_groups[0]["weight_decay"] == tempo.Program(FILE)["wd"](21)


def test_a_scripted_schedule_resumes_and_is_kept_from_its_request(tmp_path):
    (tmp_path / "shapes.lua").write_text("return {half = function(p, t) return 0.5 * p end}\n")
    path = tmp_path / "lr.tempo"
    path.write_text('import "shapes.lua"\nlr = half(10) >> stable()\n')
    make = lambda o: TempoLR(o, path, base=1.0)  # noqa: E731
    uninterrupted = lrs(make(optimizer()), 20)
    before, after, _ = interrupted(make, make, 5, 20)
    assert before + after == uninterrupted and uninterrupted[3] == [0.5 * 0.3]
    # A changed plan: the checkpoint's canonical source (`half(10) >> stable()`) cannot import
    # the script, so the policies say so; keep compiles it again from its request.
    with pytest.raises(ScheduleChanged, match="unknown function `half`"):
        interrupted(make, lambda o: TempoLR(o, "cosine(20)", base=1.0), 5, 20)
    with pytest.warns(ScheduleChangeWarning, match="compiled again from its request"):
        before, after, second = interrupted(make, lambda o: TempoLR(o, "cosine(20)", base=1.0),
                                            5, 20, on_change="keep")
    assert before + after == uninterrupted
    assert second.schedules["lr"][0].source == "half(10) >> stable()"


def test_a_state_saved_without_records_still_loads():
    scheduler = TempoLR(optimizer(), SOURCE, total=TOTAL)
    lrs(scheduler, 120)
    state = scheduler.state_dict()
    for row in state["tempo"]["tracks"]:
        for track in row:
            del track["checkpoint"]
    state["tempo"]["version"] = 1
    uninterrupted = lrs(TempoLR(optimizer(), SOURCE, total=TOTAL), TOTAL)
    resumed = TempoLR(optimizer(), SOURCE, total=TOTAL)
    resumed.optimizer.load_state_dict(scheduler.optimizer.state_dict())
    resumed.load_state_dict(state)
    assert lrs(resumed, TOTAL - 120) == uninterrupted[120:]
    with pytest.raises(ScheduleChanged, match="values first differ at step 1: "):
        TempoLR(optimizer(), CHANGED, total=TOTAL).load_state_dict(state)
