"""Tempo: training schedules as a small language, compiled into fast exact functions.

    >>> import tempo
    >>> lr = tempo.compile("warmup(2000) >> stable(0.9) >> cosine(min=0.1)", total=100_000)
    >>> lr(96_000)
    0.55
    >>> lr.fill(0, 100_000)          # numpy array of every step's value
    >>> tempo.compile_file("schedules.tempo", name="wd")

Plans that change (docs/lifecycle.md): lr.fingerprint, tempo.continues(old, new, until),
lr.cool_down(at, over, shape), tempo.checkpoint / tempo.read_checkpoint / tempo.resume.

tempo.torch has the PyTorch schedulers (TempoLR, TempoScheduler); tempo.load reads a schedule
out of a YAML/TOML/JSON config; tempo.omegaconf registers a `${tempo:...}` resolver.
"""
from ._error import Diagnostic, Error
from . import _tempo
from ._lifecycle import Continuation, Resumed
from ._tempo import (Checkpoint, Observations, Program, Schedule, __version__, checkpoint, compile,
                     compile_file, continues, read_checkpoint, resume)
from .config import load

__all__ = ["Checkpoint", "Continuation", "Diagnostic", "Error", "Observations", "Program",
           "Resumed", "Schedule", "__version__", "checkpoint", "compile", "compile_file",
           "continues", "load", "read_checkpoint", "resume"]


def _rebuild(state):
    """Unpickles a Schedule: compiles the source and options it was made from again."""
    return _tempo._rebuild(state)
