"""Every kind of error is a tempo.Error: str() is the CLI's diagnostic text, .diagnostics has the
file, line, column, message and hint."""
import subprocess

import pytest

import tempo

# (source, total, line, column, message of the first diagnostic)
CASES = [
    ("warmup(100 >> cosine()", 1000, 1, 7, "this call is never closed: `)` is missing"),
    ("warmup(2000) >> cosin()", None, 1, 17, "unknown function `cosin`"),
    ("cosine(mn=0.1)", None, 1, 8, "`cosine` has no argument `mn`"),
    ("warmup(-5)", None, 1, 8, "`d` must be ≥ 0 steps, got -5"),
    ("warmup(100) >> 0.5 >> 0.25", None, 1, 23,
     "two elastic phases in one sequence: `0.5` and `0.25`"),
    ("stable(600) >> stable(600)", 1000, 1, 1, "the phases take 1200 steps, more than total (1000)"),
    ("a = 1\nlr = b * warmup(10)", None, 2, 6, "unknown name `b`"),
    ("peak = 1\n\nlr = peak * staircase(100, every=0)", None, 3, 34, "`every` must be > 0, got 0"),
    (" ", None, 1, 1, "the source is empty"),
    ("lr = 2x", None, 1, 7, "a number cannot run into letters, found `x`"),
    ("multistep(100, at=[50, 20])", None, 1, 24,
     "`at` must be strictly increasing, but 20 comes after 50"),
    ("warmup(0.1) >> cosine()", None, 1, 8, None),  # a fraction of no total
    ("warmup(10) >> cosine()", None, 1, 15, None),  # an elastic cosine needs a length
    ('import "nope.lua"\nwarmup(10)', None, 1, 8, "cannot read `nope.lua`"),
    ("warmup(1e300)", None, 1, 8, None),  # a step count above 2^53
    ("(" * 300 + "1" + ")" * 300, None, 1, None, None),  # nesting deeper than 256
]


def cli_text(cli, source, total):
    args = [cli, "eval", "-e", source, "--at", "0"]
    if total is not None:
        args += ["--total", str(total)]
    run = subprocess.run(args, capture_output=True, text=True)
    assert run.returncode == 1
    return run.stderr


@pytest.mark.parametrize("source,total,line,column,message", CASES)
def test_a_compile_error_is_the_cli_diagnostic(cli, source, total, line, column, message):
    with pytest.raises(tempo.Error) as caught:
        tempo.compile(source, total=total)
    error = caught.value
    assert str(error) == cli_text(cli, source, total)
    first = error.diagnostics[0]
    assert first.file == "<expr>"
    assert first.line == line
    if column is not None:
        assert first.column == column
    if message is not None:
        assert first.message == message
    assert str(error).startswith(f"<expr>:{first.line}:{first.column}: error: {first.message}\n")


def test_every_diagnostic_is_listed_with_its_hint():
    with pytest.raises(tempo.Error) as caught:
        tempo.compile("a = cosin()\nb = warmup(-5)", name="a")
    assert [(d.line, d.column, d.message, d.hint) for d in caught.value.diagnostics] == [
        (1, 5, "unknown function `cosin`", "did you mean `cosine`?"),
        (2, 12, "`d` must be ≥ 0 steps, got -5", ""),
    ]


def test_an_error_is_a_value_error_and_pickles():
    import pickle
    with pytest.raises(ValueError) as caught:
        tempo.compile("cosin()")
    again = pickle.loads(pickle.dumps(caught.value))
    assert type(again) is tempo.Error
    assert str(again) == str(caught.value)
    assert again.diagnostics == caught.value.diagnostics


def test_errors_in_a_file_name_the_file(tmp_path, cli):
    path = tmp_path / "lr.tempo"
    path.write_text("total = 1000\nlr = warmup(100) >> cosine(mn=0.1)\n")
    with pytest.raises(tempo.Error) as caught:
        tempo.compile_file(path)
    d = caught.value.diagnostics[0]
    assert (d.file, d.line, d.column) == (str(path), 2, 28)
    run = subprocess.run([cli, "eval", str(path), "--at", "0"], capture_output=True, text=True)
    assert str(caught.value) == run.stderr


def test_an_unreadable_file():
    with pytest.raises(tempo.Error) as caught:
        tempo.compile_file("/nonexistent/lr.tempo")
    assert str(caught.value) == "error: cannot read `/nonexistent/lr.tempo`\n"
    assert caught.value.diagnostics == [
        tempo.Diagnostic(None, 0, 0, "cannot read `/nonexistent/lr.tempo`", "")]


def test_a_lua_script_that_does_not_load(tmp_path, cli):
    (tmp_path / "bad.lua").write_text("return {\n  shape = function(p) return p end,\n  oops\n")
    path = tmp_path / "lr.tempo"
    path.write_text('import "bad.lua"\nlr = shape(10)\n')
    with pytest.raises(tempo.Error) as caught:
        tempo.compile_file(path)
    d = caught.value.diagnostics[0]
    assert (d.line, d.column) == (1, 8)
    run = subprocess.run([cli, "eval", str(path), "--at", "0"], capture_output=True, text=True)
    assert str(caught.value) == run.stderr


def test_a_scripted_phase_that_fails_while_evaluating(tmp_path, cli):
    (tmp_path / "boom.lua").write_text(
        "return {boom = function(p, t) if t >= 6 and t < 8 then error('too far') end return p end}\n")
    path = tmp_path / "lr.tempo"
    path.write_text('import "boom.lua"\nlr = boom(10)\n')
    lr = tempo.compile_file(path)
    assert lr(2) == 0.2
    with pytest.raises(tempo.Error) as caught:
        lr(7)
    run = subprocess.run([cli, "eval", str(path), "--at", "7"], capture_output=True, text=True)
    assert run.returncode == 1 and str(caught.value) == run.stderr
    assert caught.value.diagnostics[0].message in run.stderr
    with pytest.raises(tempo.Error, match="too far"):
        lr.fill(0, 10)
    with pytest.raises(tempo.Error, match="too far"):
        lr([1, 2, 7])
    assert lr(3) == 0.3  # the error was taken: the schedule goes on
