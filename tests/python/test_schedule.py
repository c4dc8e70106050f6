"""tempo.compile, tempo.compile_file and tempo.Schedule: values, arrays, fill, phases, source."""
import math

import numpy as np
import pytest

import tempo

CARD = "warmup(2000) >> stable(0.9) >> cosine(min=0.1)"


def card(step):
    """The design card by hand (LANGUAGE.md §5 formulas), total 100000."""
    if step < 2000:
        return step / 2000
    if step < 92000:
        return 1.0
    if step < 100000:
        return 0.1 + 0.9 * (1 + math.cos(math.pi * (step - 92000) / 8000)) / 2
    return 0.1


def close(a, b):
    return abs(a - b) <= 1e-12 * max(1.0, abs(b))


def test_values_match_the_formula_and_the_cli_figures():
    lr = tempo.compile(CARD, total=100_000)
    assert [lr(s) for s in (0, 1000, 96000, 100000)] == [0.0, 0.5, 0.55, 0.1]
    for step in range(0, 100_001, 97):
        assert close(lr(step), card(step)), step


def test_int_float_and_numpy_scalars_give_floats():
    lr = tempo.compile(CARD, total=100_000)
    for step in (1000, 1000.0, np.int64(1000), np.float32(1000), np.float64(1000), True):
        value = lr(step)
        assert type(value) is float
    assert lr(np.int64(1000)) == 0.5
    assert lr(True) == lr(1)


def test_arrays_of_steps_are_evaluated_elementwise_in_their_shape():
    lr = tempo.compile(CARD, total=100_000)
    steps = np.array([[0, 1000], [96000, 100000]])
    values = lr(steps)
    assert values.dtype == np.float64 and values.shape == (2, 2)
    assert values.tolist() == [[0.0, 0.5], [0.55, 0.1]]
    assert lr([0, 1000]).tolist() == [0.0, 0.5]
    assert lr(np.arange(0, 3000, 1000, dtype=np.int32)).tolist() == [0.0, 0.5, 1.0]
    big = np.arange(100_001, dtype=np.float64)  # long enough to release the GIL
    assert np.array_equal(lr(big), np.array([lr(float(s)) for s in big]))
    assert lr(np.array(3000.0)).shape == () and lr(np.array(3000.0)) == 1.0


def test_edges_of_time():
    lr = tempo.compile(CARD, total=100_000)
    assert lr(-5) == lr(0) == 0.0
    assert math.isnan(lr(float("nan")))
    assert lr(1e9) == 0.1
    assert lr(2**70) == 0.1


def test_a_bad_argument_is_a_type_error():
    lr = tempo.compile(CARD, total=100_000)
    with pytest.raises(TypeError, match="one argument"):
        lr()
    with pytest.raises(TypeError, match="one argument"):
        lr(1, 2)
    with pytest.raises(TypeError, match="one argument"):
        lr(step=1)
    with pytest.raises(TypeError, match="a step must be a number or an array of numbers, not str"):
        lr("a thousand")
    with pytest.raises(TypeError):
        tempo.Schedule()


def test_fill_is_bit_identical_to_calls():
    lr = tempo.compile(CARD, total=100_000)
    values = lr.fill(0, 100_001)
    assert values.dtype == np.float64 and values.shape == (100_001,)
    assert np.array_equal(values, np.array([lr(s) for s in range(100_001)]))
    strided = lr.fill(500, 40, 2500)
    assert np.array_equal(strided, np.array([lr(500 + 2500 * i) for i in range(40)]))
    assert lr.fill(0, 0).shape == (0,)


def test_fill_into_an_existing_array():
    lr = tempo.compile(CARD, total=100_000)
    out = np.full(1000, -1.0)
    assert lr.fill(0, 1000, out=out) is out
    assert np.array_equal(out, lr.fill(0, 1000))
    with pytest.raises(ValueError, match="out must be a writable contiguous float64 array"):
        lr.fill(0, 10, out=np.zeros(9))
    with pytest.raises(ValueError, match="out must be"):
        lr.fill(0, 10, out=np.zeros(10, dtype=np.float32))
    with pytest.raises(ValueError, match="count must be >= 0"):
        lr.fill(0, -1)


def test_phases_are_the_explain_table():
    lr = tempo.compile(CARD, total=100_000)
    assert lr.phases() == [
        {"name": "warmup(2000)", "start": 0.0, "end": 2000.0, "length": 2000.0,
         "start_value": 0.0, "end_value": 1.0},
        {"name": "stable(0.9)", "start": 2000.0, "end": 92000.0, "length": 90000.0,
         "start_value": 1.0, "end_value": 1.0},
        {"name": "cosine(min=0.1)", "start": 92000.0, "end": 100000.0, "length": 8000.0,
         "start_value": 1.0, "end_value": 0.1},
    ]
    forever = tempo.compile("warmup(10) >> exponential(gamma=0.5)").phases()
    assert forever[1]["end"] == math.inf


def test_source_total_repr_str():
    lr = tempo.compile("3e-4*(warmup(2000)>>cosine())", total=1e5)
    assert lr.source == "3e-4 * (warmup(2000) >> cosine())"
    assert str(lr) == lr.source
    assert lr.total == 100000.0
    assert repr(lr) == "<tempo.Schedule 3e-4 * (warmup(2000) >> cosine()) total=100000>"
    untimed = tempo.compile("exponential(gamma=0.99)")
    assert untimed.total is None
    assert repr(untimed) == "<tempo.Schedule exponential(gamma=0.99)>"


def test_options_context_and_set():
    spe = tempo.compile("warmup(3 ep) >> cosine(375M tok)", steps_per_epoch=100,
                        tokens_per_step=1e6)
    assert spe(150) == 0.5
    assert spe(487) == 0.5020943889777021
    lr = tempo.compile("peak * (warmup(w) >> cosine())", total=1000,
                       set={"peak": 3e-4, "w": 100})
    assert lr(50) == 3e-4 * 0.5
    assert lr.source == "0.0003 * (warmup(100) >> cosine())"
    as_pairs = tempo.compile("peak * warmup(w)", set=[("peak", "2"), ("w", 10)])
    assert as_pairs(5) == 1.0
    nested = tempo.compile("s >> stable(at=0)", set={"s": tempo.compile("warmup(10)")})
    assert nested(5) == 0.5 and nested(10) == 0.0
    with pytest.raises(TypeError, match="set\\[b\\] must be Tempo source"):
        tempo.compile("b", set={"b": True})
    with pytest.raises(TypeError, match="set\\[peak\\] must be Tempo source"):
        tempo.compile("peak", set={"peak": [1]})
    with pytest.raises(TypeError, match="total must be a number"):
        tempo.compile("1", total="100")


def test_compile_file_and_names(repo):
    path = repo / "examples" / "llama3-70b.tempo"
    lr = tempo.compile_file(path)
    assert lr.name == "lr"
    assert lr(1000) == 1.5e-4 * 0.5
    beta1 = tempo.compile_file(str(path), name="beta1")
    assert [beta1(s) for s in (0, 600000, 2000000)] == [0.946, 0.85, 0.9499995999999999]
    assert tempo.compile_file(path, set={"peak": 1}, total=4000)(3000) == 0.55


def test_program_binds_every_schedule(repo):
    program = tempo.Program.from_file(repo / "examples" / "llama3-70b.tempo")
    assert program.names() == ["beta1", "lr", "peak", "wd"]
    assert list(program) == program.names() and len(program) == 4
    assert "wd" in program and "mom" not in program
    assert program["wd"](123) == 0.1
    assert program.main.name == program.main_name == "lr"
    assert program.get("mom") is None
    with pytest.raises(KeyError, match="mom is not bound in .*llama3-70b.tempo"):
        program["mom"]
    assert program.main(1000) == program["lr"](1000)


def test_a_program_of_several_schedules_names_no_main_one():
    inline = tempo.Program("a = warmup(10)\nb = 2 * a", total=100)
    assert inline["b"](5) == 1.0 and inline["a"](5) == 0.5
    assert repr(inline) == "<tempo.Program <expr>: ['a', 'b']>"
    assert inline.main_name is None
    with pytest.raises(tempo.Error, match="the source has several schedules \\(a, b\\)"):
        inline.main
    assert tempo.Program("a = warmup(10)\nb = 2 * a", name="a").main_name == "a"
    with pytest.raises(tempo.Error, match="unknown function `cosin`"):
        tempo.Program("a = warmup(10)\nb = cosin()")


def test_scripted_lua_phases_through_import(repo):
    # The same figures as the CLI's golden test (tests/CMakeLists.txt).
    rex = tempo.compile_file(repo / "examples" / "lua" / "rex.tempo")
    assert [rex(s) for s in (1000, 8000, 10000)] == [0.0003, 0.0002727272727272727, 0.0]
    assert np.array_equal(rex.fill(0, 10001), np.array([rex(s) for s in range(10001)]))
