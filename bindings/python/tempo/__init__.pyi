# Type stubs of the tempo package (the classes are defined in C++, tempo._tempo).
import os
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union, overload

import numpy as np
import numpy.typing as npt

from ._error import Diagnostic as Diagnostic
from ._error import Error as Error

__version__: str

Number = Union[int, float]
SetValue = Union[str, int, float, bool, "Schedule"]
Settings = Union[Mapping[str, SetValue], Iterable[Tuple[str, SetValue]], None]

class Schedule:
    """A compiled schedule: a pure function from training step to value."""

    @overload
    def __call__(self, step: Number) -> float: ...
    @overload
    def __call__(self, step: npt.ArrayLike) -> npt.NDArray[np.float64]: ...
    def fill(self, first: Number, count: int, stride: Number = 1.0, *,
             out: Optional[npt.NDArray[np.float64]] = None) -> npt.NDArray[np.float64]: ...
    def phases(self) -> List[Dict[str, Any]]: ...
    @property
    def source(self) -> str: ...
    @property
    def total(self) -> Optional[float]: ...
    @property
    def name(self) -> str: ...

class Program:
    """Every schedule of one source, by binding name."""

    def __init__(self, source: str, total: Optional[Number] = None,
                 steps_per_epoch: Optional[Number] = None,
                 tokens_per_step: Optional[Number] = None, set: Settings = None,
                 name: Optional[str] = None) -> None: ...
    @staticmethod
    def from_file(path: Union[str, os.PathLike], total: Optional[Number] = None,
                  steps_per_epoch: Optional[Number] = None,
                  tokens_per_step: Optional[Number] = None, set: Settings = None,
                  name: Optional[str] = None) -> "Program": ...
    def __getitem__(self, name: str) -> Schedule: ...
    def get(self, name: str, default: Optional[Schedule] = None) -> Optional[Schedule]: ...
    def __contains__(self, name: str) -> bool: ...
    def __iter__(self) -> Iterator[str]: ...
    def __len__(self) -> int: ...
    def names(self) -> List[str]: ...
    @property
    def main(self) -> Schedule: ...
    @property
    def main_name(self) -> str: ...

def compile(source: str, total: Optional[Number] = None, steps_per_epoch: Optional[Number] = None,
            tokens_per_step: Optional[Number] = None, set: Settings = None,
            name: Optional[str] = None) -> Schedule: ...
def compile_file(path: Union[str, os.PathLike], total: Optional[Number] = None,
                 steps_per_epoch: Optional[Number] = None,
                 tokens_per_step: Optional[Number] = None, set: Settings = None,
                 name: Optional[str] = None) -> Schedule: ...
def load(config: Union[str, os.PathLike, Mapping[str, Any]], key: str = "optimizer.lr", *,
         total: Optional[Number] = None, steps_per_epoch: Optional[Number] = None,
         tokens_per_step: Optional[Number] = None, set: Settings = None,
         name: Optional[str] = None, format: Optional[str] = None) -> Schedule: ...
