"""A Schedule pickles its source and options and compiles again on the other side, so it
crosses multiprocessing and DataLoader workers."""
import copy
import multiprocessing
import pickle

import numpy as np
import pytest

import tempo


def values_at(schedule):
    return [schedule(s) for s in (0, 500, 1000, 5000, 9999, 10000)]


SCHEDULES = [
    lambda repo: tempo.compile("warmup(2000) >> stable(0.7) >> cosine(min=0.1)", total=10_000),
    lambda repo: tempo.compile("peak * (warmup(w) >> cosine())", total=10_000,
                               set={"peak": 3e-4, "w": 500}),
    lambda repo: tempo.compile("warmup(3 ep) >> cosine(375M tok)", steps_per_epoch=100,
                               tokens_per_step=1e6),
    lambda repo: tempo.compile_file(repo / "examples" / "llama3-70b.tempo", name="beta1"),
    lambda repo: tempo.Program.from_file(repo / "examples" / "llama3-70b.tempo")["wd"],
    lambda repo: tempo.compile_file(repo / "examples" / "lua" / "rex.tempo"),  # Lua import
]


@pytest.mark.parametrize("make", SCHEDULES)
def test_a_pickled_schedule_compiles_to_the_same_values(repo, make):
    schedule = make(repo)
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        again = pickle.loads(pickle.dumps(schedule, protocol))
        assert type(again) is tempo.Schedule
        assert again.source == schedule.source and again.total == schedule.total
        assert again.name == schedule.name
        assert np.array_equal(again.fill(0, 10_001), schedule.fill(0, 10_001))


def test_copy_returns_the_same_immutable_schedule():
    lr = tempo.compile("warmup(10)")
    assert copy.copy(lr) is lr and copy.deepcopy(lr) is lr


def test_a_program_pickles(repo):
    program = tempo.Program.from_file(repo / "examples" / "llama3-70b.tempo")
    again = pickle.loads(pickle.dumps(program))
    assert again.names() == program.names()
    assert again["beta1"](600000) == program["beta1"](600000)
    several = pickle.loads(pickle.dumps(tempo.Program("a = warmup(10)\nb = 2 * a")))
    assert several.main_name is None and several["b"](5) == 1.0


def evaluate_in_worker(schedule):
    return values_at(schedule), multiprocessing.current_process().name


@pytest.mark.parametrize("method", ["spawn", "fork", "forkserver"])
def test_schedules_cross_multiprocessing(repo, method):
    schedules = [make(repo) for make in SCHEDULES]
    context = multiprocessing.get_context(method)
    with context.Pool(2) as pool:
        results = pool.map(evaluate_in_worker, schedules)
    assert [values for values, _ in results] == [values_at(s) for s in schedules]
    assert all(worker != "MainProcess" for _, worker in results)


def test_a_schedule_that_no_longer_compiles_reports_why(tmp_path):
    path = tmp_path / "lr.tempo"
    path.write_text("lr = warmup(100)\n")
    state = pickle.dumps(tempo.compile_file(path))
    assert pickle.loads(state)(50) == 0.5  # the text travels with it: the file is not read again
    broken = state.replace(b"warmup(100)", b"warmup(1O0)")
    with pytest.raises(tempo.Error, match="lr.tempo:1:"):
        pickle.loads(broken)
