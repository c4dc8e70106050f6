"""TempoLR against torch 1.13's own schedulers, value for value (relative error <= 1e-12),
over hundreds of steps; each torch scheduler is written in Tempo."""
import math

import pytest
import torch
from torch.optim import lr_scheduler as S

from tempo.torch import TempoLR
from torch_support import closed_form, max_relative_error, optimizer, run

TOLERANCE = 1e-12

# (torch scheduler from an optimizer, Tempo source, base, steps, optimizer options)
CASES = {
    "StepLR": (lambda o: S.StepLR(o, step_size=30, gamma=0.1),
               "staircase(every=30, gamma=0.1)", None, 400, {}),
    "MultiStepLR": (lambda o: S.MultiStepLR(o, milestones=[30, 80, 250], gamma=0.5),
                    "multistep(at=[30, 80, 250], gamma=0.5)", None, 400, {}),
    "ExponentialLR": (lambda o: S.ExponentialLR(o, gamma=0.99),
                      "exponential(gamma=0.99)", None, 500, {}),
    "CosineAnnealingWarmRestarts": (
        lambda o: S.CosineAnnealingWarmRestarts(o, T_0=50, T_mult=2, eta_min=0.001),
        "sgdr(period=50, mult=2, min=0.01)", None, 700, {}),
    "LinearLR": (lambda o: S.LinearLR(o, start_factor=1 / 3, end_factor=1.0, total_iters=150),
                 "warmup(150, from=1/3) >> stable()", None, 300, {}),
    "PolynomialLR": (lambda o: S.PolynomialLR(o, total_iters=250, power=2.0),
                     "poly(250, power=2)", None, 300, {}),
    "ConstantLR": (lambda o: S.ConstantLR(o, factor=0.5, total_iters=120),
                   "stable(120, at=0.5) >> stable(at=1)", None, 300, {}),
    "CyclicLR triangular": (
        lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=40,
                             mode="triangular", cycle_momentum=False),
        "cyclic(base=0.01, max=0.1, half=40, mode=triangular)", 1.0, 400, {}),
    "CyclicLR triangular2": (
        lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=40,
                             mode="triangular2", cycle_momentum=False),
        "cyclic(base=0.01, max=0.1, half=40, mode=triangular2)", 1.0, 400, {}),
    "CyclicLR exp_range": (
        lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=40,
                             mode="exp_range", gamma=0.995, cycle_momentum=False),
        "cyclic(base=0.01, max=0.1, half=40, mode=exp_range, gamma=0.995)", 1.0, 400, {}),
    # Asymmetric cycles (LANGUAGE.md §10.6): step_size_up 30, step_size_down 70.
    "CyclicLR triangular up/down": (
        lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=30, step_size_down=70,
                             mode="triangular", cycle_momentum=False),
        "cyclic(base=0.01, max=0.1, up=30, down=70, mode=triangular)", 1.0, 500, {}),
    "CyclicLR triangular2 up/down": (
        lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=70, step_size_down=30,
                             mode="triangular2", cycle_momentum=False),
        "cyclic(base=0.01, max=0.1, up=70, down=30, mode=triangular2)", 1.0, 500, {}),
    "CyclicLR exp_range up/down": (
        lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=25, step_size_down=15,
                             mode="exp_range", gamma=0.995, cycle_momentum=False),
        "cyclic(base=0.01, max=0.1, up=25, down=15, mode=exp_range, gamma=0.995)", 1.0, 500, {}),
    "OneCycleLR": (
        lambda o: S.OneCycleLR(o, max_lr=0.1, total_steps=300, cycle_momentum=False),
        # torch's phases end at steps pct·N − 1 and N − 1: onecycle(N − 1, pct=(pct·N − 1)/(N − 1))
        "onecycle(299, max=0.1, pct=89/299)", 1.0, 300, {}),
    "OneCycleLR three_phase linear": (
        lambda o: S.OneCycleLR(o, max_lr=0.1, total_steps=300, pct_start=0.25,
                               anneal_strategy="linear", three_phase=True,
                               cycle_momentum=False),
        "onecycle(299, max=0.1, pct=74/299, anneal=linear, three_phase=true)", 1.0, 300, {}),
    "SequentialLR warmup + cosine": (
        lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.01, total_iters=20),
                                     S.CosineAnnealingLR(o, T_max=280)], milestones=[20]),
        "warmup(20, from=0.01) >> cosine(280)", None, 300, {}),
}


@pytest.mark.filterwarnings("ignore:The epoch parameter")  # SequentialLR's own step(0)
@pytest.mark.parametrize("name", list(CASES))
def test_tempo_matches_torch(name):
    make, source, base, steps, extra = CASES[name]
    expected = run(make(optimizer(**extra)), steps)
    tempo_lr = TempoLR(optimizer(**extra), source, base=base)
    got = run(tempo_lr, steps)
    assert max_relative_error(got, expected) <= TOLERANCE, name
    assert tempo_lr.get_last_lr() == got[-1]


def test_cosine_annealing_closed_form_and_torch_drift():
    # CosineAnnealingLR goes down over T_max and, as its closed form does, back up over the
    # next T_max: in Tempo a cosine down then a cosine up, repeated.
    source = "repeat(cosine(100, min=0.01) >> cosine(100, min=1, max=0.01))"
    make = lambda o: S.CosineAnnealingLR(o, T_max=100, eta_min=0.001)  # noqa: E731
    steps = 600
    closed = closed_form(make(optimizer()), steps)
    got = run(TempoLR(optimizer(), source), steps)
    assert max_relative_error(got, closed) <= TOLERANCE
    # torch's step() uses a recursive form that drifts from its own closed form: measured here,
    # 7e-15 (relative) over 600 steps and 2.4e-12 over 10,000, past the 1e-12 of these tests,
    # which is why Tempo is compared with the closed form (docs/python.md has the figures).
    recursive = run(make(optimizer()), steps)
    assert 1e-15 < max_relative_error(recursive, closed) < 1e-14
    assert max_relative_error(got, recursive) < 1e-13
    long_closed = closed_form(make(optimizer()), 10_000)
    drift = max_relative_error(run(make(optimizer()), 10_000), long_closed)
    assert 1e-12 < drift < 1e-11
    assert max_relative_error(run(TempoLR(optimizer(), source), 10_000), long_closed) <= TOLERANCE


def test_param_groups_with_different_schedules():
    lambdas = [lambda t: min(1.0, (t + 1) / 50), lambda t: 0.98 ** t]
    expected = run(S.LambdaLR(optimizer(groups=2), lambdas), 300)
    listed = TempoLR(optimizer(groups=2), ["curve(50, (t + 1) / 50) >> stable(at=1)",
                                           "exponential(gamma=0.98)"])
    assert max_relative_error(run(listed, 300), expected) <= TOLERANCE

    o = optimizer(groups=2)
    o.param_groups[0]["name"], o.param_groups[1]["name"] = "body", "head"
    by_name = TempoLR(o, {"head": "exponential(gamma=0.98)",
                          "body": "curve(50, (t + 1) / 50) >> stable(at=1)"})
    seen = run(by_name, 300)
    assert max_relative_error(seen, expected) <= TOLERANCE
    assert seen[0] == [0.1 * 1 / 50, 0.01]


def test_a_dict_must_name_every_group():
    o = optimizer(groups=2)
    o.param_groups[0]["name"] = "body"
    with pytest.raises(ValueError, match=r"no schedule for group 1 \(None\)"):
        TempoLR(o, {"body": "1"})
    with pytest.raises(ValueError, match="1 schedules for 2 param groups"):
        TempoLR(optimizer(groups=2), ["1"])


def test_weight_decay_and_beta1_schedules_match_onecycle_momentum():
    # OneCycleLR with Adam(W) cycles betas[0] between 0.85 and 0.95, opposite to the lr.
    beta1 = lambda g: g["betas"][0]  # noqa: E731
    make = lambda: optimizer(kind="adamw", betas=(0.9, 0.999), weight_decay=0.1)  # noqa: E731
    expected = run(S.OneCycleLR(make(), max_lr=0.1, total_steps=300), 300, key=beta1)
    o = make()
    source = "warmup(89, from=0.95, to=0.85, shape=cosine) >> decay(210, min=0.95, shape=cosine)"
    scheduler = TempoLR(o, source, key="betas[0]", base=1.0)
    got = run(scheduler, 300, key=beta1)
    assert max_relative_error(got, expected) <= TOLERANCE
    assert o.param_groups[0]["betas"][1] == 0.999 and isinstance(o.param_groups[0]["betas"], tuple)

    wd = TempoLR(make(), "cosine(300, min=0.1)", key="weight_decay")  # base: the initial 0.1
    seen = run(wd, 300, key=lambda g: g["weight_decay"])
    for t, (value,) in enumerate(seen):
        expected = 0.1 * (0.1 + 0.9 * (1 + math.cos(math.pi * t / 300)) / 2)
        assert abs(value - expected) <= TOLERANCE * expected
    assert wd.optimizer.param_groups[0]["initial_weight_decay"] == 0.1
    assert wd.optimizer.param_groups[0]["lr"] == 0.1  # only the key asked for moves


def test_momentum_schedule_matches_cyclic_momentum():
    momentum = lambda g: g["momentum"]  # noqa: E731
    make = lambda: optimizer(momentum=0.9)  # noqa: E731
    expected = run(S.CyclicLR(make(), base_lr=0.01, max_lr=0.1, step_size_up=40), 400,
                   key=momentum)
    got = run(TempoLR(make(), "cyclic(base=0.9, max=0.8, half=40)", key="momentum", base=1.0),
              400, key=momentum)
    assert max_relative_error(got, expected) <= TOLERANCE


def test_base_multiplies_or_is_the_value():
    assert run(TempoLR(optimizer(lr=0.5), "warmup(10)"), 6)[5] == [0.25]
    assert run(TempoLR(optimizer(lr=0.5), "warmup(10)", base=1.0), 6)[5] == [0.5]
    assert run(TempoLR(optimizer(lr=0.5), "warmup(10)", base=3e-4), 6)[5] == [1.5e-4]
    total = TempoLR(optimizer(), "warmup(0.1) >> cosine()", total=1000)
    assert total.schedules["lr"][0].total == 1000.0
