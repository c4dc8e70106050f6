"""The Python package's speed (bench/README.md, "Python"): TempoLR.step() against torch's own
scheduler.step(), Schedule.fill against numpy's np.where formula, and schedule(step) against a
hand-written Python function. Run by hand, not by the tests:

    cmake --build --preset release && PYTHONPATH=build/release/python python3 bench/python_bench.py

Each figure is the best of several timeit repeats (the least disturbed by other work on the
machine); every contestant's values are checked equal before anything is timed.
"""
import math
import sys
import timeit

import numpy as np
import torch
from torch.optim import lr_scheduler

import tempo
from tempo.torch import TempoLR

CARD = "warmup(2000) >> stable(0.9) >> cosine(min=0.1)"
TOTAL = 100_000


def best(statement, namespace, repeat_seconds=0.002, repeats=300):
    """Seconds per execution of `statement`: the best of many short repeats (~2 ms each). On a
    shared machine a short repeat often runs undisturbed; long ones rarely do."""
    timer = timeit.Timer(statement, globals=namespace)
    once = timer.timeit(1)
    number = max(1, int(repeat_seconds / max(once, 1e-9)))
    return min(timer.repeat(repeat=repeats, number=number)) / number


def handwritten(t, w=2000.0, s=92000.0, e=100000.0, k=math.pi / 8000, cos=math.cos):
    """The design card by hand, its constants precomputed (default arguments are locals)."""
    if t < w:
        return t / w
    if t < s:
        return 1.0
    if t < e:
        return 0.1 + 0.45 * (1.0 + cos(k * (t - s)))
    return 0.1


def numpy_formula(t):
    return np.where(t < 2000, t / 2000,
                    np.where(t < 92000, 1.0,
                             np.where(t < 100000, 0.1 + 0.45 * (1 + np.cos(np.pi / 8000 * (t - 92000))),
                                      0.1)))


def scalar(schedule):
    # The same 1000 steps for both, each phase in proportion (a tenth in the cosine, etc.).
    steps = [float(s) for s in range(0, TOTAL, TOTAL // 1000)]
    for s in steps:
        assert abs(schedule(s) - handwritten(s)) <= 1e-12 * max(1.0, handwritten(s))
    namespace = {"steps": steps, "schedule": schedule, "handwritten": handwritten}
    tempo_ns = best("for s in steps: schedule(s)", namespace) / len(steps) * 1e9
    hand_ns = best("for s in steps: handwritten(s)", namespace) / len(steps) * 1e9
    loop_ns = best("for s in steps: pass", namespace) / len(steps) * 1e9
    int_steps = [int(s) for s in steps]
    namespace["int_steps"] = int_steps
    tempo_int_ns = best("for s in int_steps: schedule(s)", namespace) / len(steps) * 1e9
    return tempo_ns, tempo_int_ns, hand_ns, loop_ns


def fill(schedule, n=1_000_000):
    t = np.arange(n, dtype=np.float64)
    assert np.allclose(schedule.fill(0, n), numpy_formula(t), rtol=1e-12, atol=0)
    out = np.empty(n)
    namespace = {"schedule": schedule, "numpy_formula": numpy_formula, "t": t, "out": out, "n": n}
    return (best("schedule.fill(0, n)", namespace, repeats=40),
            best("schedule.fill(0, n, out=out)", namespace, repeats=40),
            best("numpy_formula(t)", namespace, repeats=20))


def scheduler_step():
    model = torch.nn.Linear(4, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    factor = tempo.compile(CARD, total=TOTAL)
    group = optimizer.param_groups[0]
    contestants = {
        "TempoLR.step()": TempoLR(optimizer, CARD, total=TOTAL),
        "torch LambdaLR.step()": lr_scheduler.LambdaLR(optimizer, handwritten),
        "torch CosineAnnealingLR.step()": lr_scheduler.CosineAnnealingLR(optimizer, TOTAL),
    }
    optimizer.step()  # after the schedulers were made: no warning about the order
    namespace = {"group": group, "factor": factor, "t": 1000}
    figures = {"param_groups[0][\"lr\"] = value (by hand)":
               best("group['lr'] = 0.05", namespace)}
    for name, scheduler in contestants.items():
        scheduler.last_epoch = 0
        namespace["scheduler"] = scheduler
        figures[name] = best("scheduler.step()", namespace)
    return figures


def main():
    schedule = tempo.compile(CARD, total=TOTAL)
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, torch {torch.__version__}, "
          f"tempo {tempo.__version__}")
    tempo_ns, tempo_int_ns, hand_ns, loop_ns = scalar(schedule)
    print("\nscalar schedule(step), ns per call (loop included; the bare loop costs "
          f"{loop_ns:.1f} ns)")
    print(f"  tempo schedule(float)      {tempo_ns:7.1f}")
    print(f"  tempo schedule(int)        {tempo_int_ns:7.1f}")
    print(f"  hand-written Python        {hand_ns:7.1f}   tempo/hand = {tempo_ns / hand_ns:.2f}")
    new, into, numpy_s = fill(schedule)
    print("\n1M consecutive steps, ms")
    print(f"  Schedule.fill (new array)  {new * 1e3:7.2f}   numpy/tempo = {numpy_s / new:.1f}x")
    print(f"  Schedule.fill (out=)       {into * 1e3:7.2f}   numpy/tempo = {numpy_s / into:.1f}x")
    print(f"  numpy np.where formula     {numpy_s * 1e3:7.2f}   ({numpy_s / 1e6 * 1e9:.1f} ns/step)")
    print("\nscheduler step, µs per call")
    figures = scheduler_step()
    tempo_us = figures["TempoLR.step()"] * 1e6
    for name, seconds in figures.items():
        print(f"  {name:40s} {seconds * 1e6:7.3f}   /tempo = {seconds * 1e6 / tempo_us:.1f}")


if __name__ == "__main__":
    main()
