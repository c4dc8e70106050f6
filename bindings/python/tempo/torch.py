"""PyTorch schedulers whose values come from Tempo schedules.

    from tempo.torch import TempoLR, TempoScheduler
    scheduler = TempoLR(optimizer, "warmup(2000) >> cosine(min=0.1)", total=100_000)
    scheduler = TempoScheduler(optimizer, "schedules.tempo",
                               keys={"lr": "lr", "weight_decay": "wd", "betas[0]": "beta1"})

Both are real torch.optim.lr_scheduler schedulers (subclasses of torch's _LRScheduler): step(),
get_last_lr(), state_dict()/load_state_dict(), torch's checkpointing and any trainer that takes
a scheduler. The value at step t is the schedule's closed form at t, so resuming from a
state_dict gives exactly the uninterrupted run's values; the state_dict carries the checkpoint
record of each schedule (tempo.checkpoint), and a plan that changed is never a silent jump.
"""
import os
import re
import warnings

from torch.optim import lr_scheduler as _lr_scheduler

import tempo as _tempo
from tempo._tempo import _apply

from . import _checkpoint

__all__ = ["ScheduleChangeWarning", "ScheduleChanged", "TempoLR", "TempoScheduler"]

# torch 1.13 calls it _LRScheduler; 2.x renamed it LRScheduler (and kept the old name).
_Base = getattr(_lr_scheduler, "LRScheduler", _lr_scheduler._LRScheduler)

ScheduleChanged = _checkpoint.ScheduleChanged
ScheduleChangeWarning = _checkpoint.ScheduleChangeWarning

_POLICIES = ("error", "adopt", "keep")
_INDEXED = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\[(\d+)\]$")


class _Key:
    """An optimizer hyperparameter: a param-group key (`lr`, `weight_decay`) or one element of a
    tuple-valued key (`betas[0]`)."""

    def __init__(self, path):
        self.path = path
        match = _INDEXED.match(path)
        self.name, self.index = (match.group(1), int(match.group(2))) if match else (path, None)
        self.initial = "initial_lr" if path == "lr" else f"initial_{path}"

    def get(self, group):
        if self.name not in group:
            raise KeyError(f"the optimizer's param groups have no `{self.name}`")
        value = group[self.name]
        return value if self.index is None else value[self.index]

    def set(self, group, value):
        if self.index is None:
            group[self.name] = value
        else:
            old = group[self.name]
            new = list(old)
            new[self.index] = value
            group[self.name] = type(old)(new) if isinstance(old, tuple) else new


def _compile(schedule, total, options):
    """A Schedule from source, a path (os.PathLike, or a str ending in .tempo), or a Schedule."""
    if isinstance(schedule, _tempo.Schedule):
        if total is not None and schedule.total != float(total):
            raise ValueError(f"the schedule was compiled for total={schedule.total}, not {total}: "
                             "pass its source to compile it for this total")
        return schedule
    if isinstance(schedule, os.PathLike) or (
            isinstance(schedule, str) and schedule.endswith(".tempo") and "\n" not in schedule):
        return _tempo.compile_file(schedule, total=total, **options)
    if isinstance(schedule, str):
        return _tempo.compile(schedule, total=total, **options)
    raise TypeError(f"a schedule is Tempo source, a .tempo path or a tempo.Schedule, "
                    f"not {type(schedule).__name__}")


def _per_group(schedule, groups, total, options):
    """One Schedule per param group, from one schedule, a list of them or a dict by group name."""
    if isinstance(schedule, (list, tuple)):
        if len(schedule) != len(groups):
            raise ValueError(f"{len(schedule)} schedules for {len(groups)} param groups")
        return [_compile(s, total, options) for s in schedule]
    if isinstance(schedule, dict):
        names = [g.get("name") for g in groups]
        missing = [f"group {i} ({n!r})" for i, n in enumerate(names) if n not in schedule]
        if missing:
            raise ValueError(f"no schedule for {', '.join(missing)}: the dict maps param-group "
                             f"`name`s ({', '.join(map(repr, schedule))}) to schedules")
        return [_compile(schedule[n], total, options) for n in names]
    one = _compile(schedule, total, options)
    return [one] * len(groups)


class TempoScheduler(_Base):
    """Sets optimizer hyperparameters from Tempo schedules at every step.

    `schedules` is a .tempo path, Tempo source binding several names, or a tempo.Program;
    `keys` maps optimizer keys to its binding names (default {"lr": "lr"}); a binding may also
    be a list (one per param group) or a dict by param-group name of schedules.
    `base`: 1.0 (default) sets each key to the schedule's value; None multiplies the group's
    initial value (LambdaLR's convention); a number multiplies that number; a dict gives one of
    these per key.
    `on_change` says what load_state_dict does when the checkpoint's plan differs from this
    one (by fingerprint, docs/lifecycle.md): "error" (raise ScheduleChanged: what differs, the
    first differing step and the jump at the resume step), "adopt" (continue with this
    scheduler's new plan from the resume step) or "keep" (continue with the checkpoint's plan) —
    Megatron's three policies; the last two warn ScheduleChangeWarning with the report.
    """

    def __init__(self, optimizer, schedules, keys=None, *, total=None, base=1.0, last_epoch=-1,
                 on_change="error", verbose=False, **options):
        program = schedules
        if not isinstance(schedules, _tempo.Program):
            if isinstance(schedules, os.PathLike) or (
                    isinstance(schedules, str) and schedules.endswith(".tempo")
                    and "\n" not in schedules):
                program = _tempo.Program.from_file(schedules, total=total, **options)
            else:
                program = _tempo.Program(schedules, total=total, **options)
        keys = {"lr": "lr"} if keys is None else dict(keys)
        tracks = {}
        for key, binding in keys.items():
            if isinstance(binding, str):
                if binding not in program:
                    raise KeyError(f"{binding} is not bound in the schedules "
                                   f"(bound: {', '.join(program.names())})")
                binding = program[binding]
            tracks[key] = _per_group(binding, optimizer.param_groups, None, {})
        self._setup(optimizer, tracks, base, last_epoch, on_change)
        super().__init__(optimizer, last_epoch, verbose)

    # --- construction -------------------------------------------------------------------------

    def _setup(self, optimizer, tracks, base, last_epoch, on_change):
        if on_change not in _POLICIES:
            raise ValueError(f"on_change must be one of {', '.join(_POLICIES)}, not {on_change!r}")
        self.on_change = on_change
        self._keys = [_Key(k) for k in tracks]
        self._schedules = [list(tracks[k.path]) for k in self._keys]
        self._unbound = [list(row) for row in self._schedules]
        self._observed(_tempo.Observations())
        self.resume_report = ""
        self._scales = []
        for key in self._keys:
            b = base.get(key.path, 1.0) if isinstance(base, dict) else base
            self._scales.append([self._scale(key, g, i, b, last_epoch)
                                 for i, g in enumerate(optimizer.param_groups)])
        self._plan()

    @staticmethod
    def _scale(key, group, index, base, last_epoch):
        if base is not None:
            return float(base)
        if last_epoch == -1:
            group.setdefault(key.initial, key.get(group))
        elif key.initial not in group:
            raise KeyError(f"param '{key.initial}' is not specified in param_groups[{index}] "
                           "when resuming an optimizer")
        return group[key.initial]

    def _plan(self):
        """Chooses step()'s path: the common case of one plain key gets a loop of its own."""
        self._lr_track = next((i for i, k in enumerate(self._keys) if k.path == "lr"), None)
        self._report = 0 if self._lr_track is None else self._lr_track
        # One plain key: step() is one C call, tempo._tempo._apply.
        self._plain = len(self._keys) == 1 and self._keys[0].index is None
        self._plain_key = self._keys[0].name
        self._plain_schedules = list(self._schedules[0])
        self._plain_scales = [float(b) for b in self._scales[0]]

    def _observed(self, record):
        """Binds the schedules to a record of observations (their plateau phases decide over
        it); the unbound ones are kept to bind again when the record grows."""
        self.observations = record
        self.metrics = sorted({m for row in self._unbound for s in row for m in s.metrics})
        if self.metrics:
            self._schedules = [[s.bind(record) for s in row] for row in self._unbound]

    def _report_metrics(self, metrics):
        """Adds step(metrics)'s values at the step just trained (last_epoch): a number for the
        one metric the schedules observe, or a dict {name: value}."""
        if not self.metrics:
            raise ValueError("step(metrics): the schedules have no plateau phase to observe them")
        if isinstance(metrics, dict):
            items = metrics.items()
        elif len(self.metrics) == 1:
            items = [(self.metrics[0], metrics)]
        else:
            raise ValueError(f"the schedules observe {', '.join(self.metrics)}: pass "
                             "step(metrics={name: value})")
        step = max(self.last_epoch, 0)
        for name, value in items:
            self.observations.add(step, name, float(value))
        self._observed(self.observations)
        self._plan()

    # --- stepping -----------------------------------------------------------------------------

    def step(self, *args, metrics=None, epoch=None):
        """Advances one step. With plateau phases, `step(val_loss)` reports the metric measured
        after the step just trained, as ReduceLROnPlateau's step(metrics) does (`metrics` is a
        number, or {name: value}); otherwise a positional argument is torch's (deprecated)
        epoch."""
        if args:
            if len(args) > 1:
                raise TypeError("step() takes at most one positional argument")
            if self.metrics and metrics is None:
                metrics = args[0]
            elif epoch is None:
                epoch = args[0]
        if metrics is not None:
            self._report_metrics(metrics)
        # torch's _LRScheduler.step() without the class it defines on every call: the same
        # warnings, counters and values, in a few hundred nanoseconds.
        if self._step_count == 1:
            self._warn_on_order()
        self._step_count += 1
        if epoch is None:
            t = self.last_epoch = self.last_epoch + 1
        else:
            warnings.warn(_lr_scheduler.EPOCH_DEPRECATION_WARNING, UserWarning)
            t = self.last_epoch = epoch
        if self._plain:
            self._last_lr = _apply(self.optimizer.param_groups, self._plain_key,
                                   self._plain_schedules, self._plain_scales, t)
        else:
            self._last_lr = self._apply(t)[self._report]
        if self.verbose:
            for i, value in enumerate(self._last_lr):
                self.print_lr(True, i, value, epoch)

    # Every value is a schedule's closed form at one step (_values, _apply), with nothing carried
    # from step to step but the counters: a phase driven by metrics the host reports (a plateau,
    # step(metrics=...)) can join as one more input to that evaluation without changing the rest.
    def _apply(self, t):
        values = self._values(t)
        for key, row in zip(self._keys, values):
            for group, value in zip(self.optimizer.param_groups, row):
                key.set(group, value)
        return values

    def _values(self, t):
        return [[s(t) * b for s, b in zip(schedules, scales)]
                for schedules, scales in zip(self._schedules, self._scales)]

    def _warn_on_order(self):
        if not hasattr(self.optimizer.step, "_with_counter"):
            warnings.warn("Seems like `optimizer.step()` has been overridden after learning rate "
                          "scheduler initialization. Please, make sure to call "
                          "`optimizer.step()` before `lr_scheduler.step()`.", UserWarning)
        elif self.optimizer._step_count < 1:
            warnings.warn("Detected call of `lr_scheduler.step()` before `optimizer.step()`. "
                          "In PyTorch 1.1.0 and later, you should call them in the opposite "
                          "order: `optimizer.step()` before `lr_scheduler.step()`.", UserWarning)

    def get_lr(self):
        """The values at the current step (of lr, or of the first key when lr is not scheduled)."""
        return self._values(self.last_epoch)[self._report]

    _get_closed_form_lr = get_lr

    def get_last(self, key):
        """The values `key` was last set to, one per param group."""
        index = [k.path for k in self._keys].index(key)
        return self._values(self.last_epoch)[index]

    @property
    def schedules(self):
        """{optimizer key: [Schedule per param group]}."""
        return {k.path: list(s) for k, s in zip(self._keys, self._schedules)}

    # --- checkpoints --------------------------------------------------------------------------

    def state_dict(self):
        """The step and, per key and param group, the schedule's checkpoint record
        (docs/lifecycle.md: step, fingerprint, canonical source, context, observations), with
        its total and scale."""
        return {
            "last_epoch": self.last_epoch,
            "_step_count": self._step_count,
            "_last_lr": list(self._last_lr),
            "base_lrs": list(self.base_lrs),
            "verbose": self.verbose,
            "tempo": _checkpoint.describe(self._keys, self._unbound, self._scales,
                                          max(self.last_epoch, 0), self.observations),
            "observations": list(self.observations),
        }

    def load_state_dict(self, state_dict, on_change=None):
        """Restores the step. If a checkpoint's plan differs from this scheduler's (by
        fingerprint), the policy (`on_change` here, else the constructor's) decides: "error"
        raises ScheduleChanged (what differs, the first differing step, the jump at the resume
        step); "adopt" continues with this scheduler's plan and "keep" with the checkpoint's,
        both warning ScheduleChangeWarning with that report (also in `resume_report`)."""
        policy = on_change or self.on_change
        if policy not in _POLICIES:
            raise ValueError(f"on_change must be one of {', '.join(_POLICIES)}, not {policy!r}")
        saved = state_dict.get("tempo")
        if not _checkpoint.has_records(saved):
            self._load_legacy(state_dict, policy)
            return
        outcome = _checkpoint.resume(saved, self._keys, self._unbound, self._scales, policy)
        self._keys, self._scales = outcome.keys, outcome.scales
        self._unbound = [list(row) for row in outcome.schedules]
        self._schedules = [list(row) for row in outcome.schedules]
        self._restore_counters(state_dict)
        self._observed(_checkpoint.observations(saved))
        self._plan()
        self.resume_report = outcome.report
        if outcome.report:
            # The plan continued with sets the values of the resume step, which the optimizer's
            # own state (loaded before this) holds from the checkpoint's plan: the jump the report
            # announces happens here, not one step later.
            self._last_lr = self._apply(self.last_epoch)[self._report]
            _checkpoint.warn(outcome.report)

    def _restore_counters(self, state_dict):
        for name in ("last_epoch", "_step_count", "_last_lr", "base_lrs", "verbose"):
            if name in state_dict:
                setattr(self, name, state_dict[name])

    def _load_legacy(self, state_dict, policy):
        """A state without checkpoint records (saved by an earlier tempo.torch, or by another
        scheduler): compared by canonical source and total."""
        saved = state_dict.get("tempo")
        mine = _checkpoint.describe(self._keys, self._schedules, self._scales)
        same = saved is not None and _checkpoint.same_schedules_legacy(saved, mine)
        if not same and policy == "error":
            raise ScheduleChanged(_checkpoint.explain_legacy(saved, mine, self._schedules,
                                                             state_dict.get("last_epoch", 0)))
        if not same and policy == "keep":
            if saved is None:
                raise ScheduleChanged("the state holds no Tempo schedule to keep (was it saved "
                                      "by another scheduler?)")
            self._keys, self._schedules, self._scales = _checkpoint.rebuild_legacy(saved)
            self._plan()
        elif same:
            self._scales = [[t["scale"] for t in row] for row in saved["tracks"]]
            self._plan()
        self._restore_counters(state_dict)
        if not same and policy == "keep":
            self._unbound = [list(row) for row in self._schedules]
        self._observed(_tempo.Observations(state_dict.get("observations", [])))
        self._plan()
        self.resume_report = ""


class TempoLR(TempoScheduler):
    """A learning-rate scheduler from one Tempo schedule (LambdaLR's contract, closed form).

    `schedule` is Tempo source, a .tempo path, a tempo.Schedule, a list with one per param group,
    or a dict from param-group `name` to schedule. `total` (and the other tempo.compile options)
    apply to what is compiled here. `key` is the optimizer key set ("lr", "momentum",
    "betas[0]", …). `base=None` multiplies each group's initial value, as LambdaLR does;
    `base=1.0` makes the schedule's value the value itself (for schedules that carry their
    scale, like `3e-4 * (...)`); `base=x` multiplies by x. `on_change`: see TempoScheduler.
    """

    def __init__(self, optimizer, schedule, *, total=None, key="lr", base=None, last_epoch=-1,
                 on_change="error", verbose=False, **options):
        tracks = {key: _per_group(schedule, optimizer.param_groups, total, options)}
        self._setup(optimizer, tracks, base, last_epoch, on_change)
        _Base.__init__(self, optimizer, last_epoch, verbose)
