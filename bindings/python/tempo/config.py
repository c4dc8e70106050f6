"""tempo.load: a schedule written in a training config (YAML, TOML, JSON, an OmegaConf
DictConfig or a dict), with errors at the config file's own lines and columns.

    # train.yaml:   optimizer:
    #                 lr: "3e-4 * (warmup(2000) >> cosine(min=0.1))"
    lr = tempo.load("train.yaml", key="optimizer.lr", total=100_000)

Positions. YAML is parsed by PyYAML, whose nodes carry their start and end marks. Python's json
and tomllib give no positions, so after parsing, the key path is followed through the file's
text (each key, in order, then its value) to find where the value is written. Within the value,
its characters are matched one by one to the file's (skipping quotes, indentation, folded line
breaks and backslashes), so a diagnostic's column lands on the character it is about.
"""
import json
import os
import re

import tempo
from . import _tempo

__all__ = ["load"]

_WHOLE = 0xFFFFFFFF


class _Found:
    """A value in a config file: the Python value, and the character range in the file where it
    is written (None when it could not be placed)."""

    def __init__(self, value, start=None, end=None, quoted=False):
        self.value, self.start, self.end, self.quoted = value, start, end, quoted


def _byte(text, index):
    return len(text[:index].encode())


def _raise(name, text, start, end, message, hint=""):
    if start is None:
        _tempo._error(name, text, _WHOLE, _WHOLE, message, hint)
    _tempo._error(name, text, _byte(text, start), _byte(text, max(end, start + 1)), message, hint)


def _align(value, text, start, end):
    """The file offset (in bytes) of each byte of `value` and of its end, matching its characters
    to text[start:end] in order."""
    offsets, j = [], start
    for c in value:
        k = j
        while k < end and text[k] != c and not (c == " " and text[k] == "\n"):
            k += 1
        if k < end:
            j = k
        position = _byte(text, j)
        offsets += [position + i for i in range(len(c.encode()))]
        if k < end:
            j += 1
    offsets.append(_byte(text, min(j, end)))
    return offsets


# --- YAML: PyYAML's nodes and marks ---------------------------------------------------------

def _yaml(text, name, path):
    import yaml
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        _raise(name, text, mark.index if mark else None, mark.index + 1 if mark else None,
               f"the YAML does not parse: {error.problem}", error.context or "")
    walked, key_node = [], None
    for part in path:
        if isinstance(node, yaml.MappingNode):
            children = {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}
        elif isinstance(node, yaml.SequenceNode) and part.isdigit():
            children = {i: (None, v) for i, v in enumerate(node.value)}
            part = int(part)
        else:
            children = None
        if node is None or children is None or part not in children:
            at = key_node or node
            _missing(name, text, walked, path, node and _keys_of(node),
                     at.start_mark.index if at and walked else None,
                     at.end_mark.index if at and walked else None)
        walked.append(str(part))
        key_node, node = children[part]
    if not isinstance(node, yaml.ScalarNode):
        _not_a_schedule(name, text, path, "a table" if isinstance(node, yaml.MappingNode)
                        else "a list", node.start_mark.index, node.end_mark.index)
    kind = yaml.SafeLoader("").resolve(yaml.ScalarNode, node.value, (node.style is None, False))
    if node.style is None and kind in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"):
        _not_a_schedule(name, text, path, "a boolean" if kind.endswith("bool") else "null",
                        node.start_mark.index,
                        node.end_mark.index)
    return _Found(node.value, node.start_mark.index, node.end_mark.index, node.style is not None)


def _keys_of(node):
    import yaml
    if isinstance(node, yaml.MappingNode):
        return [k.value for k, _ in node.value]
    if isinstance(node, yaml.SequenceNode):
        return [str(i) for i in range(len(node.value))]
    return []


# --- JSON and TOML: parsed values, placed by following the keys through the text -------------

def _parse_json(text, name):
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        _raise(name, text, error.pos, error.pos + 1, f"the JSON does not parse: {error.msg}")


def _parse_toml(text, name):
    try:
        import tomllib
    except ImportError:  # Python < 3.11
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        start = None
        if match:
            lines = text.split("\n")
            line, column = int(match.group(1)), int(match.group(2))
            start = sum(len(s) + 1 for s in lines[:line - 1]) + column - 1
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        _raise(name, text, start, None if start is None else start + 1,
               f"the TOML does not parse: {message}")


def _place(text, path, toml):
    """(start, end, quoted) of the value at `path` in a JSON or TOML text, or Nones."""
    return _find(text, path, toml)[1:]


def _key_span(text, path, toml):
    """(start, end) of the last key of `path` as written in a JSON or TOML text, or Nones."""
    if toml:
        header = re.compile(r"^\s*\[\s*" + r"\s*\.\s*".join(map(re.escape, path))
                            + r"\s*\]", re.M).search(text)
        if header:
            return header.start() + len(header.group(0)) - len(header.group(0).lstrip()), \
                header.end()
    key = _find(text, path, toml)[0]
    return key if key else (None, None)


def _find(text, path, toml):
    position, key_span = 0, None
    for i, part in enumerate(path):
        last = i == len(path) - 1
        if toml and not last:
            header = re.compile(r"^\s*\[\s*" + r"\s*\.\s*".join(map(re.escape, path[:i + 1]))
                                + r"\s*\]\s*$", re.M).search(text, position)
            if header:
                position = header.end()
                key_span = (header.start(), header.end())
                continue
        key = (r'(?:"' + re.escape(part) + r'"' +
               (r"|'" + re.escape(part) + r"'|(?<![\w-])" + re.escape(part) + r"(?![\w-])"
                if toml else "") + r")")
        found = re.compile(key + r"\s*" + ("[=.]" if toml else ":") + r"\s*").search(text,
                                                                                    position)
        if not found:
            return None, None, None, False
        position = found.end()
        key_span = (found.start(), found.start() + len(found.group(0).rstrip(" =:.\t\n")))
    if text.startswith(('"""', "'''"), position):
        quote = text[position:position + 3]
        end = text.find(quote, position + 3)
        return key_span, position + 3, end, True
    if position < len(text) and text[position] in "\"'":
        quote, end = text[position], position + 1
        while end < len(text) and text[end] != quote:
            end += 2 if text[end] == "\\" and quote == '"' else 1
        return key_span, position + 1, end, True
    end = re.compile(r"[\s,}\]#]").search(text, position)
    return key_span, position, end.start() if end else len(text), False


def _structured(text, name, path, toml):
    data = _parse_toml(text, name) if toml else _parse_json(text, name)
    walked = []
    for part in path:
        children = data if isinstance(data, dict) else (
            dict(enumerate(data)) if isinstance(data, list) else None)
        key = int(part) if isinstance(data, list) and part.isdigit() else part
        if children is None or key not in children:
            start, end = _key_span(text, walked, toml) if walked else (None, None)
            keys = [str(k) for k in children] if children is not None else None
            _missing(name, text, walked, path, keys, start, end)
        walked.append(part)
        data = children[key]
    start, end, quoted = _place(text, path, toml)
    if isinstance(data, (dict, list)) or isinstance(data, bool) or data is None:
        kind = {dict: "a table", list: "a list", bool: "a boolean"}.get(type(data), "null")
        _not_a_schedule(name, text, path, kind, start, end)
    return _Found(data, start, end, quoted)


# --- errors -----------------------------------------------------------------------------------

def _missing(name, text, walked, path, keys, start, end):
    where = f"`{'.'.join(walked)}`" if walked else "the config"
    hint = f"{where} has: {', '.join(map(str, keys))}" if keys else ""
    _raise(name, text, start, end, f"`{'.'.join(path)}` is not in the config: {where} has no "
           f"`{path[len(walked)]}`", hint)


def _not_a_schedule(name, text, path, kind, start, end):
    _raise(name, text, start, end, f"`{'.'.join(path)}` must be a schedule (a string of Tempo "
           f"source or a number), not {kind}")


# --- load -------------------------------------------------------------------------------------

def _source_of(value):
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return value if isinstance(value, str) else repr(value)


def _from_mapping(data, path, options):
    """A schedule out of a dict or an OmegaConf container (no file: errors name the key)."""
    node = data
    for i, part in enumerate(path):
        try:
            node = node[int(part)] if isinstance(node, (list, tuple)) or (
                part.isdigit() and hasattr(node, "__len__") and not hasattr(node, "keys")) \
                else node[part]
        except (KeyError, IndexError, TypeError):
            raise tempo.Error(f"error: `{'.'.join(path)}` is not in the config: "
                              f"`{'.'.join(path[:i]) or 'the config'}` has no `{part}`\n",
                              [(None, 0, 0, f"`{'.'.join(path)}` is not in the config", "")])
    if isinstance(node, tempo.Schedule):  # an OmegaConf ${tempo:...} resolver made it
        return node
    source = _source_of(node)
    if source is None:
        message = (f"`{'.'.join(path)}` must be a schedule (a string of Tempo source or a "
                   f"number), not {type(node).__name__}")
        raise tempo.Error(f"error: {message}\n", [(None, 0, 0, message, "")])
    return tempo.compile(source, **options)


def load(config, key="optimizer.lr", *, total=None, steps_per_epoch=None, tokens_per_step=None,
         set=None, name=None, format=None):
    """The schedule at `key` (a dotted path; list indices are numbers: "schedulers.0.lr") of a
    config: a .yaml/.yml, .toml or .json path, a dict, or an OmegaConf DictConfig. The value is
    Tempo source (or a number). Errors are tempo.Error, at the config file's line and column."""
    options = dict(total=total, steps_per_epoch=steps_per_epoch, tokens_per_step=tokens_per_step,
                   set=set, name=name)
    path = key.split(".")
    if not isinstance(config, (str, os.PathLike)):
        return _from_mapping(config, path, options)
    file = os.fspath(config)
    kind = format or os.path.splitext(file)[1].lstrip(".").lower()
    kind = {"yml": "yaml"}.get(kind, kind)
    if kind not in ("yaml", "toml", "json"):
        raise ValueError(f"{file}: give format='yaml', 'toml' or 'json' (its extension says none)")
    try:
        with open(file, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        _tempo._error(file, "", _WHOLE, _WHOLE, f"cannot read `{file}`")
    found = _yaml(text, file, path) if kind == "yaml" else _structured(text, file, path,
                                                                       kind == "toml")
    source = _source_of(found.value)
    # Placed nowhere: the diagnostics concern the whole file.
    offsets = [] if found.start is None else _align(source, text, found.start, found.end)
    return _tempo._compile_embedded(source, file, (file, text, offsets), **options)
