# Type stubs of tempo.torch.
import os
from typing import Any, Dict, List, Literal, Mapping, Optional, Sequence, Union

from torch.optim import Optimizer
from torch.optim.lr_scheduler import _LRScheduler

from . import Program, Schedule

ScheduleLike = Union[str, os.PathLike, Schedule]
PerGroup = Union[ScheduleLike, Sequence[ScheduleLike], Mapping[str, ScheduleLike]]
Policy = Literal["error", "adopt", "keep"]
Base = Union[float, None]

class ScheduleChanged(ValueError): ...
class ScheduleChangeWarning(UserWarning): ...

class TempoScheduler(_LRScheduler):
    on_change: Policy
    resume_report: str  # what the last load_state_dict adopted or kept ("" when nothing changed)
    def __init__(self, optimizer: Optimizer, schedules: Union[str, os.PathLike, Program],
                 keys: Optional[Mapping[str, Union[str, PerGroup]]] = None, *,
                 total: Optional[float] = None, base: Union[Base, Mapping[str, Base]] = 1.0,
                 last_epoch: int = -1, on_change: Policy = "error", verbose: bool = False,
                 **options: Any) -> None: ...
    def step(self, epoch: Optional[int] = None) -> None: ...
    def get_lr(self) -> List[float]: ...
    def get_last_lr(self) -> List[float]: ...
    def get_last(self, key: str) -> List[float]: ...
    @property
    def schedules(self) -> Dict[str, List[Schedule]]: ...
    def state_dict(self) -> Dict[str, Any]: ...
    def load_state_dict(self, state_dict: Dict[str, Any],
                        on_change: Optional[Policy] = None) -> None: ...

class TempoLR(TempoScheduler):
    def __init__(self, optimizer: Optimizer, schedule: PerGroup, *,
                 total: Optional[float] = None, key: str = "lr", base: Base = None,
                 last_epoch: int = -1, on_change: Policy = "error", verbose: bool = False,
                 **options: Any) -> None: ...
