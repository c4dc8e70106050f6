"""What a Tempo scheduler's state_dict says about its schedules, and what loading one whose
schedules differ does (tempo.torch's on_change policies, after Megatron's three).

Every track (optimizer key × param group) carries the checkpoint record of docs/lifecycle.md
(tempo.checkpoint: step, fingerprint, canonical source, context, observations) as its JSON text,
and loading decides by fingerprint through tempo.resume, the C++ library's. States written before
the records existed (no "checkpoint" in their tracks) are compared by canonical source and total,
as they were then (the *_legacy functions)."""
import math
import warnings

import numpy as np

import tempo

VERSION = 2


class ScheduleChanged(ValueError):
    """load_state_dict met a checkpoint whose schedule differs from the scheduler's."""


class ScheduleChangeWarning(UserWarning):
    """load_state_dict continued with a plan other than the checkpoint's, or with the
    checkpoint's instead of the scheduler's (on_change="adopt" or "keep"): the report says what
    differs and the jump at the resume step."""


def describe(keys, schedules, scales, step=0, observations=None):
    """Per optimizer key and param group: the canonical source, total and scale, the request
    that compiles the schedule again (its pickled form) and the checkpoint record after `step`
    steps."""
    return {"version": VERSION, "tracks": [
        [{"key": key.path, "group": i, "source": s.source, "total": s.total, "scale": b,
          "request": s.__reduce__()[1][0],
          "checkpoint": tempo.checkpoint(s, step, observations).to_json()}
         for i, (s, b) in enumerate(zip(row, scale_row))]
        for key, row, scale_row in zip(keys, schedules, scales)]}


def has_records(saved):
    """Whether a saved state carries checkpoint records (this version's), not only sources."""
    return saved is not None and all("checkpoint" in t for row in saved["tracks"] for t in row)


def observations(saved):
    """The observations of a saved state's records (every track's are the same)."""
    for row in saved["tracks"]:
        for track in row:
            return tempo.read_checkpoint(track["checkpoint"]).observations
    return tempo.Observations()


def _number(x):
    """A number as the C++ reports write it (fmt's shortest form: 1, not 1.0)."""
    text = repr(float(x))
    return text[:-2] if text.endswith(".0") else text


def _scaled(key, step, old_scale, old_value, new_scale, new_value):
    """The line giving the optimizer's values at the resume step when they are not the
    schedules' own (a scale other than 1: base=None multiplies the initial lr)."""
    if old_scale == 1 and new_scale == 1:
        return ""
    old, new = old_value * old_scale, new_value * new_scale
    scale = (_number(new_scale) if old_scale == new_scale
             else f"{_number(old_scale)}, now {_number(new_scale)}")
    return (f"\n  {key} at step {_number(step)} ({scale} × the schedule): checkpoint "
            f"{_number(old)}, now {_number(new)} (jump {'+' if new - old >= 0 else ''}"
            f"{_number(new - old)})")


class Outcome:
    """What resume() decided: the keys, schedules and scales to continue with, and the report
    for the run's log ("" when nothing changed)."""

    def __init__(self, keys, schedules, scales, report):
        self.keys, self.schedules, self.scales, self.report = keys, schedules, scales, report


def resume(saved, keys, schedules, scales, policy):
    """Resumes every track of a saved state (has_records) under `policy`. A track whose
    fingerprint is the checkpoint's resumes silently (with the checkpoint's scale); one that
    changed is refused ("error": ScheduleChanged with tempo.resume's message), continued with
    the scheduler's plan ("adopt") or with the checkpoint's ("keep": the checkpoint's tracks,
    as it scheduled them)."""
    tracks = {(t["key"], t["group"]): t for row in saved["tracks"] for t in row}
    decided = {}  # (key, group) -> (schedule, scale) of the checkpoint's tracks under keep
    refusals, reports, notes, hint = [], [], [], None
    rows, scale_rows = [], []
    for key, row, scale_row in zip(keys, schedules, scales):
        rows.append(list(row))
        scale_rows.append(list(scale_row))
        for group, (now, scale) in enumerate(zip(row, scale_row)):
            where = f"{key.path}, param group {group}"
            old = tracks.get((key.path, group))
            if old is None:
                notes.append(f"{where}: not in the checkpoint; now `{now.source}`")
                continue
            record = tempo.read_checkpoint(old["checkpoint"])
            try:
                # "adopt" never refuses a change: it gives the values of the report.
                r = tempo.resume(record, now, "keep" if policy == "keep" else "adopt")
            except tempo.Error as error:  # the checkpoint's plan does not compile here
                notes.append(f"{where}: {error}".rstrip("\n"))
                if policy == "keep":
                    decided[key.path, group] = (_rebuild_or_raise(old, where, error),
                                                old["scale"])
                    notes[-1] += ("\n  on_change=keep: continuing with the checkpoint's plan, "
                                  "compiled again from its request")
                continue
            if not r.changed:
                scale_rows[-1][group] = old["scale"]
                decided[key.path, group] = (now, old["scale"])
                continue
            scaled = _scaled(key.path, record.step, old["scale"], r.old_value, scale, r.new_value)
            if policy == "error":
                try:
                    tempo.resume(record, now, "error")
                except tempo.Error as error:
                    (diagnostic,) = error.diagnostics
                    refusals.append(f"{where}: {diagnostic.message}{scaled}")
                    hint = hint or diagnostic.hint
                continue
            reports.append(f"{where}: {r.report}{scaled}")
            decided[key.path, group] = (r.schedule, old["scale"])
    mine = {(k.path, g) for k, row in zip(keys, schedules) for g in range(len(row))}
    notes += [f"{k}, param group {g}: in the checkpoint (`{t['source']}`), not scheduled now"
              for (k, g), t in tracks.items() if (k, g) not in mine]
    if policy == "error" and (refusals or notes):
        hint = hint or ("choose on_change=adopt to use the new plan, or on_change=keep to "
                        "continue with the checkpoint's")
        raise ScheduleChanged("\n".join(refusals + notes) + f"\n   = hint: {hint}")
    if policy == "keep":
        keys, rows, scale_rows = _kept_layout(saved, decided)
    return Outcome(keys, rows, scale_rows, "\n".join(reports + notes))


def _rebuild_or_raise(track, where, error):
    """The checkpoint's schedule from the request it was compiled from (which can import Lua
    phases its canonical source cannot), or ScheduleChanged with why it cannot be kept."""
    try:
        return tempo._rebuild(tuple(track["request"]))
    except tempo.Error:
        raise ScheduleChanged(f"{where}: on_change=keep cannot continue with the checkpoint's "
                              f"plan:\n{error}".rstrip("\n")) from None


def _kept_layout(saved, decided):
    """Under keep, the checkpoint's tracks: those resumed as `decided` says, the others compiled
    again from their requests."""
    from .torch import _Key
    keys, rows, scale_rows = [], [], []
    for row in saved["tracks"]:
        keys.append(_Key(row[0]["key"]))
        rows.append([])
        scale_rows.append([])
        for t in row:
            s, b = decided.get((t["key"], t["group"]), (None, t["scale"]))
            if s is None:
                s = _rebuild_or_raise(t, f"{t['key']}, param group {t['group']}",
                                      "its request does not compile here")
            rows[-1].append(s)
            scale_rows[-1].append(b)
    return keys, rows, scale_rows


def warn(report):
    """Reports a plan taken other than the checkpoint's (or kept over the scheduler's)."""
    if report:
        warnings.warn(ScheduleChangeWarning(report), stacklevel=3)


# --- states without checkpoint records ---------------------------------------------------------

def _identity(track):
    return (track["key"], track["group"], track["source"], track["total"])


def same_schedules_legacy(saved, mine):
    flat = lambda d: [_identity(t) for row in d["tracks"] for t in row]  # noqa: E731
    return flat(saved) == flat(mine)


def rebuild_legacy(saved):
    """The keys, schedules and scales of a saved state, compiled again."""
    from .torch import _Key
    keys = [_Key(row[0]["key"]) for row in saved["tracks"]]
    schedules = [[tempo._rebuild(tuple(t["request"])) for t in row] for row in saved["tracks"]]
    scales = [[t["scale"] for t in row] for row in saved["tracks"]]
    return keys, schedules, scales


def _horizon(schedules, step):
    """The last step worth comparing: past every finite phase end, total and `step`, both
    schedules hold their end values."""
    ends = [step]
    for s in schedules:
        ends += [p["end"] for p in s.phases() if math.isfinite(p["end"])]
        if s.total is not None:
            ends.append(s.total)
    return int(max(ends)) + 1


def first_difference_legacy(old, old_scale, new, new_scale, step):
    """(step, old value, new value) where the two first differ, or None up to the horizon."""
    horizon = _horizon([old, new], step)
    a = old.fill(0, horizon + 1) * old_scale
    b = new.fill(0, horizon + 1) * new_scale
    differ = np.nonzero(a != b)[0]
    if len(differ) == 0:
        return None, horizon
    i = int(differ[0])
    return (i, float(a[i]), float(b[i])), horizon


def _where(track):
    total = "" if track["total"] is None else f" (total {track['total']:g})"
    return f"`{track['source']}`{total}"


def explain_legacy(saved, mine, schedules, step):
    """The message of ScheduleChanged for a state without records: what differs, and the first
    step whose values differ."""
    if saved is None:
        return ("the state holds no Tempo schedule (was it saved by another scheduler?); pass "
                "on_change=\"adopt\" to take only its step")
    lines = [f"the checkpoint's schedule differs from this scheduler's (saved at step {step}):"]
    saved_tracks = {(t["key"], t["group"]): t for row in saved["tracks"] for t in row}
    for r, row in enumerate(mine["tracks"]):
        for t in row:
            old = saved_tracks.pop((t["key"], t["group"]), None)
            where = f"  {t['key']}, param group {t['group']}: "
            if old is None:
                lines.append(where + f"not in the checkpoint; now {_where(t)}")
                continue
            if _identity(old) == _identity(t):
                continue
            lines.append(where + f"checkpoint {_where(old)}, now {_where(t)}")
            try:
                then = tempo._rebuild(tuple(old["request"]))
            except tempo.Error as error:
                lines.append(f"    (the checkpoint's schedule does not compile here: "
                             f"{str(error).splitlines()[0]})")
                continue
            found, horizon = first_difference_legacy(then, old["scale"], schedules[r][t["group"]],
                                                     t["scale"], step)
            if found:
                lines.append(f"    values first differ at step {found[0]}: {found[1]!r} in the "
                             f"checkpoint, {found[2]!r} now")
            else:
                lines.append(f"    (their values agree on every step from 0 to {horizon})")
    for (key, group), old in saved_tracks.items():
        lines.append(f"  {key}, param group {group}: checkpoint {_where(old)}, not scheduled now")
    lines.append("pass on_change=\"keep\" to continue with the checkpoint's schedule, or "
                 f"on_change=\"adopt\" to continue with this one from step {step + 1}")
    return "\n".join(lines)
