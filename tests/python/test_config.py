"""tempo.load out of YAML, TOML and JSON configs, dicts and OmegaConf; errors at the config
file's line and column; the ${tempo:...} OmegaConf resolver."""
import pickle

import pytest
from omegaconf import OmegaConf

import tempo
import tempo.omegaconf

YAML = """\
model: gpt
optimizer:
  name: adamw
  lr: "3e-4 * (warmup(2000) >> cosine(min=0.1))"
  plain: warmup(100) >> cosine(mn=0.1)
  quoted: 'warmup(100) >> cosin()'
  block: |
    warmup(100) >>
      cosine(mn=0.1)
  wd: 0.1
  flag: true
  list: [1, 2]
schedulers:
  - lr: warmup(10)
  - lr: "warmup(20) >> cosine(30 * bogus)"
"""

TOML = """\
[model]
name = "gpt"

[optimizer]
lr = "3e-4 * (warmup(2000) >> cosin(min=0.1))"
wd = 0.1
literal = 'warmup(100) >> cosine(mn=0.1)'
"""

JSON = """\
{
  "optimizer": {
    "type": "AdamW",
    "params": {"lr": "3e-4 * (warmup(2000) >> cosine(min=0.1))", "wd": 0.1},
    "bad": {"lr": "warmup(100) >> cosin()"}
  }
}
"""


@pytest.fixture
def configs(tmp_path):
    paths = {}
    for name, text in (("train.yaml", YAML), ("train.toml", TOML), ("ds.json", JSON)):
        paths[name] = tmp_path / name
        paths[name].write_text(text)
    return paths


def where(error):
    d = error.diagnostics[0]
    return d.line, d.column, d.message


def test_load_from_each_format(configs):
    card = tempo.compile("3e-4 * (warmup(2000) >> cosine(min=0.1))", total=100_000)
    for path, key in ((configs["train.yaml"], "optimizer.lr"),
                      (configs["train.toml"], "optimizer.wd"),
                      (configs["ds.json"], "optimizer.params.lr")):
        schedule = tempo.load(path, key=key, total=100_000)
        expected = card if key.endswith("lr") else tempo.compile("0.1")
        assert schedule.fill(0, 100_001).tolist() == expected.fill(0, 100_001).tolist()
    assert tempo.load(configs["train.yaml"], key="schedulers.0.lr")(5) == 0.5
    assert tempo.load(str(configs["train.yaml"]), key="optimizer.wd").source == "0.1"
    assert tempo.load(configs["train.yaml"], total=100_000)(1000) == 1.5e-4  # key defaults to optimizer.lr


@pytest.mark.parametrize("name,key,line,column,message", [
    ("train.yaml", "optimizer.plain", 5, 32, "`cosine` has no argument `mn`"),
    ("train.yaml", "optimizer.quoted", 6, 27, "unknown function `cosin`"),
    ("train.yaml", "optimizer.block", 9, 14, "`cosine` has no argument `mn`"),
    ("train.yaml", "schedulers.1.lr", 15, 36, "unknown name `bogus`"),
    ("train.toml", "optimizer.lr", 5, 31, "unknown function `cosin`"),
    ("train.toml", "optimizer.literal", 7, 34, "`cosine` has no argument `mn`"),
    ("ds.json", "optimizer.bad.lr", 5, 35, "unknown function `cosin`"),
])
def test_a_schedule_error_points_into_the_config(configs, name, key, line, column, message):
    with pytest.raises(tempo.Error) as caught:
        tempo.load(configs[name], key=key)
    assert where(caught.value) == (line, column, message)
    assert caught.value.diagnostics[0].file == str(configs[name])
    text = str(caught.value)
    assert text.startswith(f"{configs[name]}:{line}:{column}: error: {message}\n")
    shown = configs[name].read_text().split("\n")[line - 1]
    assert f" {line} | {shown}\n" in text  # the config's own line, with a caret under it


def test_the_rendered_error_is_the_cli_layout(configs):
    with pytest.raises(tempo.Error) as caught:
        tempo.load(configs["train.yaml"], key="optimizer.plain")
    assert str(caught.value) == (
        f"{configs['train.yaml']}:5:32: error: `cosine` has no argument `mn`\n"
        "   |\n"
        " 5 |   plain: warmup(100) >> cosine(mn=0.1)\n"
        "   |                                ^~\n"
        "   = hint: did you mean `min`? valid arguments: d, min, max, exponent\n")


@pytest.mark.parametrize("name,key,line,column,message", [
    ("train.yaml", "optimizer.nope", 2, 1,
     "`optimizer.nope` is not in the config: `optimizer` has no `nope`"),
    ("train.yaml", "optimizer.flag", 11, 9,
     "`optimizer.flag` must be a schedule (a string of Tempo source or a number), not a boolean"),
    ("train.yaml", "optimizer.list", 12, 9,
     "`optimizer.list` must be a schedule (a string of Tempo source or a number), not a list"),
    ("train.yaml", "optimizer", 3, 3,
     "`optimizer` must be a schedule (a string of Tempo source or a number), not a table"),
    ("train.toml", "optimizer.x", 4, 1, "`optimizer.x` is not in the config: `optimizer` has no `x`"),
    ("ds.json", "optimizer.params.x", 4, 5,
     "`optimizer.params.x` is not in the config: `optimizer.params` has no `x`"),
    ("train.yaml", "nope", 0, 0, "`nope` is not in the config: the config has no `nope`"),
])
def test_a_key_that_is_not_a_schedule(configs, name, key, line, column, message):
    with pytest.raises(tempo.Error) as caught:
        tempo.load(configs[name], key=key)
    assert where(caught.value) == (line, column, message)


def test_a_config_that_does_not_parse(tmp_path):
    cases = {"bad.yaml": ("optimizer:\n  lr: [1, 2\n", 3, 1), "bad.json": ('{"lr": 1,}\n', 1, 10),
             "bad.toml": ("lr = \n", 1, 6)}
    for name, (text, line, column) in cases.items():
        path = tmp_path / name
        path.write_text(text)
        with pytest.raises(tempo.Error, match="does not parse") as caught:
            tempo.load(path, key="lr")
        assert where(caught.value)[:2] == (line, column), name
    with pytest.raises(tempo.Error, match="cannot read"):
        tempo.load(tmp_path / "absent.yaml")
    with pytest.raises(ValueError, match="give format="):
        tempo.load(tmp_path / "train.ini")


def test_a_schedule_from_a_config_pickles_with_its_positions(configs):
    schedule = tempo.load(configs["train.yaml"], key="optimizer.lr", total=100_000)
    again = pickle.loads(pickle.dumps(schedule))
    assert again.source == schedule.source and again(500) == schedule(500)


def test_dicts_and_omegaconf(configs):
    data = {"optimizer": {"lr": "warmup(10)", "n": 3}, "runs": [{"lr": 0.5}]}
    assert tempo.load(data)(5) == 0.5
    assert tempo.load(data, key="runs.0.lr")(1000) == 0.5
    cfg = OmegaConf.load(configs["train.yaml"])
    assert tempo.load(cfg, total=100_000)(1000) == 1.5e-4
    with pytest.raises(tempo.Error, match="`optimizer.x` is not in the config"):
        tempo.load(cfg, key="optimizer.x")
    with pytest.raises(tempo.Error, match="must be a schedule .* not bool"):
        tempo.load(cfg, key="optimizer.flag")


def test_the_omegaconf_resolver():
    tempo.omegaconf.register()
    cfg = OmegaConf.create({
        "total": 100_000,
        "shape": "warmup(2000) >> cosine(min=0.1)",
        "lr": "${tempo:'warmup(2000) >> stable(0.9) >> cosine(min=0.1)', 100000}",
        "lr2": "${tempo:${shape},${total}}",
        "optimizer": {"lr": "${lr}"},
        "bad": "${tempo:'cosin()'}",
    })
    assert isinstance(cfg.lr, tempo.Schedule)
    assert cfg.lr(96_000) == 0.55
    assert cfg.lr2.source == "warmup(2000) >> cosine(min=0.1)" and cfg.lr2.total == 100_000
    assert tempo.load(cfg)(96_000) == 0.55  # optimizer.lr, through the interpolation
    with pytest.raises(Exception, match="unknown function `cosin`"):
        cfg.bad
    tempo.omegaconf.register()  # again: replaces it
    with pytest.raises(ValueError, match="registered already"):
        tempo.omegaconf.register(replace=False)
