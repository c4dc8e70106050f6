"""What a Tempo scheduler's state_dict says about its schedules, and what loading one whose
schedules differ does (tempo.torch's on_change policies, after Megatron's three)."""
import math

import numpy as np

import tempo

VERSION = 1


class ScheduleChanged(ValueError):
    """load_state_dict met a checkpoint whose schedule differs from the scheduler's."""


def describe(keys, schedules, scales):
    """Per optimizer key and param group: the canonical source, total and scale, and the request
    that compiles the schedule again (its pickled form)."""
    return {"version": VERSION, "tracks": [
        [{"key": key.path, "group": i, "source": s.source, "total": s.total, "scale": b,
          "request": s.__reduce__()[1][0]} for i, (s, b) in enumerate(zip(row, scale_row))]
        for key, row, scale_row in zip(keys, schedules, scales)]}


def _identity(track):
    return (track["key"], track["group"], track["source"], track["total"])


def same_schedules(saved, mine):
    flat = lambda d: [_identity(t) for row in d["tracks"] for t in row]  # noqa: E731
    return flat(saved) == flat(mine)


def rebuild(saved):
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


def first_difference(old, old_scale, new, new_scale, step):
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


def explain(saved, mine, schedules, step):
    """The message of ScheduleChanged: what differs, and the first step whose values differ."""
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
            found, horizon = first_difference(then, old["scale"], schedules[r][t["group"]],
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
