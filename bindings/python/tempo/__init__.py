"""Tempo: training schedules as a small language, compiled into fast exact functions.

    >>> import tempo
    >>> lr = tempo.compile("warmup(2000) >> stable(0.9) >> cosine(min=0.1)", total=100_000)
    >>> lr(96_000)
    0.55
    >>> lr.fill(0, 100_000)          # numpy array of every step's value
    >>> tempo.compile_file("schedules.tempo", name="wd")

tempo.torch has the PyTorch schedulers (TempoLR, TempoScheduler); tempo.load reads a schedule
out of a YAML/TOML/JSON config; tempo.omegaconf registers a `${tempo:...}` resolver.
"""
from ._error import Diagnostic, Error
from . import _tempo
from ._tempo import Observations, Program, Schedule, __version__, compile, compile_file
from .config import load

__all__ = ["Diagnostic", "Error", "Observations", "Program", "Schedule", "__version__", "compile",
           "compile_file", "load"]


def _rebuild(state):
    """Unpickles a Schedule: compiles the source and options it was made from again."""
    return _tempo._rebuild(state)
