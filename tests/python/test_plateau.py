"""plateau against torch's own ReduceLROnPlateau, value for value, on the scenarios of torch's
test suite (test_optim.py, test_reduce_lr_on_plateau1-8) and more; TempoLR.step(metrics) as
ReduceLROnPlateau users call it; the record in the state_dict."""
import math
import pickle

import pytest
import torch
from torch.optim import lr_scheduler as S

import tempo
from tempo.torch import TempoLR
from torch_support import optimizer

SCENARIOS = [
    # (torch's keyword arguments, metrics)
    (dict(threshold_mode="abs", mode="min", threshold=0.01, patience=5, cooldown=5),
     [10 - i * 0.0167 for i in range(20)]),
    (dict(patience=5, cooldown=0, threshold_mode="abs", mode="min", threshold=0.1),
     [10 - i * 0.0165 for i in range(22)]),
    (dict(mode="max", patience=5, cooldown=5, threshold_mode="abs"), [-0.8] * 2 + [-0.234] * 20),
    (dict(mode="max", patience=3, threshold_mode="rel", threshold=0.1),
     [1.5 * (1.025 ** i) for i in range(20)]),
    (dict(mode="max", threshold_mode="rel", threshold=0.1, patience=5, cooldown=5),
     [1.5 * (1.005 ** i) for i in range(20)]),
    (dict(mode="min", threshold_mode="rel", threshold=0.1), [1.5 * (0.85 ** i) for i in range(20)]),
    (dict(mode="min", threshold_mode="rel", threshold=0.1, patience=5, cooldown=5),
     [1] * 7 + [0.6] + [0.5] * 12),
    (dict(mode="max", threshold_mode="rel", min_lr=0.4, threshold=0.1, patience=5, cooldown=5),
     [1.5 * (1.005 ** i) for i in range(20)]),
    (dict(patience=0), [1, 1, 1, 0.5, 0.5, 0.5, 0.4, 0.4]),
    (dict(patience=0, factor=0.5, eps=1e-2), [1] * 12),  # eps stops the halving at 0.015625
    (dict(patience=1, factor=0.5, min_lr=0.1), [3, 2, 2, 2, 2, 2, 2, 2]),
    (dict(patience=2, cooldown=2, factor=0.3, mode="max", threshold_mode="abs", threshold=0.05),
     [0.1, 0.12, 0.2, 0.2, 0.21, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.31, 0.2]),
]


def source(kwargs, lr=0.5):
    names = {"min_lr": "min"}
    args = ", ".join(f"{names.get(k, k)}={v}" for k, v in kwargs.items())
    return f"plateau(from={lr}, {args})"


def torch_values(kwargs, metrics, lr=0.5):
    """torch's learning rate after each of its step(metric) calls."""
    opt = optimizer(lr=lr)
    scheduler = S.ReduceLROnPlateau(opt, **kwargs)
    values = []
    for metric in metrics:
        opt.step()
        scheduler.step(metric)
        values.append(opt.param_groups[0]["lr"])
    return values


def close(a, b):
    return abs(a - b) <= 1e-12 * abs(b) or abs(a - b) <= 1e-15


@pytest.mark.parametrize("kwargs, metrics", SCENARIOS)
def test_the_schedule_bound_to_the_record_is_torchs_plateau(kwargs, metrics):
    record = tempo.Observations()
    for epoch, metric in enumerate(metrics):
        record.add(epoch, "loss", metric)
    lr = tempo.compile(source(kwargs)).bind(record)
    expected = torch_values(kwargs, metrics)
    assert lr(0) == 0.5
    for epoch, value in enumerate(expected):
        assert close(lr(epoch + 1), value), (epoch, lr(epoch + 1), value)


@pytest.mark.parametrize("kwargs, metrics", SCENARIOS)
def test_tempolr_step_metrics_is_reducelronplateau_step(kwargs, metrics):
    opt = optimizer(lr=0.5)
    scheduler = TempoLR(opt, source(kwargs), base=1.0)
    expected = torch_values(kwargs, metrics)
    for metric, value in zip(metrics, expected):
        opt.step()
        scheduler.step(metric)
        assert close(opt.param_groups[0]["lr"], value)
        assert scheduler.get_last_lr() == [opt.param_groups[0]["lr"]]


def test_after_a_warmup_and_before_a_cosine():
    # ReduceLROnPlateau cannot follow a warmup in SequentialLR (pytorch/pytorch#68978); here the
    # warmup's own observations are not the plateau's, and the cosine starts where it got to.
    opt = optimizer(lr=1.0)
    scheduler = TempoLR(opt, "warmup(5) >> plateau(20, factor=0.5, patience=2) >> cosine(10)")
    losses = [9, 8, 7, 6, 5] + [3, 3, 3, 3, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5] + [2] * 15
    opt2 = optimizer(lr=1.0)
    reference = S.ReduceLROnPlateau(opt2, factor=0.5, patience=2)
    seen, expected = [], []
    for step, loss in enumerate(losses):
        seen.append(opt.param_groups[0]["lr"])
        if 5 <= step < 25:
            expected.append(opt2.param_groups[0]["lr"])
        opt.step()
        scheduler.step(loss)
        if 5 <= step < 25:
            opt2.step()
            reference.step(loss)
    assert all(close(a, b) for a, b in zip(seen[:5], [0, 0.2, 0.4, 0.6, 0.8]))
    assert all(close(a, b) for a, b in zip(seen[5:25], expected))
    level = opt2.param_groups[0]["lr"]  # the plateau's end value
    assert level < 1
    assert close(seen[25], level)
    assert close(seen[29], level * (1 + math.cos(math.pi * 4 / 10)) / 2)


def test_state_dict_carries_the_record_and_resumes_exactly():
    losses = [3, 2, 2, 2, 2, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.4]
    def run(interrupt=None):
        opt = optimizer(lr=1.0)
        scheduler = TempoLR(opt, "plateau(factor=0.5, patience=1)")
        seen = []
        for step, loss in enumerate(losses):
            if step == interrupt:
                state = pickle.loads(pickle.dumps(scheduler.state_dict()))
                opt = optimizer(lr=1.0)
                scheduler = TempoLR(opt, "plateau(factor=0.5, patience=1)")
                scheduler.load_state_dict(state)
                assert state["observations"] == [(float(s), "loss", float(v))
                                                 for s, v in enumerate(losses[:step])]
                for group, value in zip(opt.param_groups, state["_last_lr"]):
                    group["lr"] = value
            seen.append(opt.param_groups[0]["lr"])
            opt.step()
            scheduler.step(loss)
        return seen
    uninterrupted = run()
    assert uninterrupted[-1] < 1
    assert run(interrupt=6) == uninterrupted


def test_observations_type():
    record = tempo.Observations()
    record.add(0, "loss", 1 / 3)
    record.add(1.5, "acc", 0.25)
    assert len(record) == 2 and list(record) == [(0.0, "loss", 1 / 3), (1.5, "acc", 0.25)]
    assert tempo.Observations.from_csv(record.to_csv()) == record
    assert pickle.loads(pickle.dumps(record)) == record
    assert record.to_csv() == "step,name,value\n0,loss,0.3333333333333333\n1.5,acc,0.25\n"
    with pytest.raises(ValueError, match="a metric name is an identifier"):
        record.add(2, "val/loss", 1)
    with pytest.raises(tempo.Error, match="expected three fields"):
        tempo.Observations.from_csv("1,loss\n")
    lr = tempo.compile("warmup(10) >> plateau(metric=val_loss)")
    assert lr.metrics == ["val_loss"] and tempo.compile("cosine(10)").metrics == []


def test_step_metrics_misuse():
    scheduler = TempoLR(optimizer(), "cosine(100)")
    with pytest.raises(ValueError, match="no plateau phase"):
        scheduler.step(metrics=1.0)
    two = TempoLR(optimizer(), "plateau(10, metric=a) >> plateau(metric=b)")
    with pytest.raises(ValueError, match="the schedules observe a, b"):
        two.step(1.0)
    two.optimizer.step()
    two.step(metrics={"a": 1.0, "b": 2.0})
    assert list(two.observations) == [(0.0, "a", 1.0), (0.0, "b", 2.0)]
