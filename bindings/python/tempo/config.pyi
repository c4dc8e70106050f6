import os
from typing import Any, Mapping, Optional, Union

from . import Schedule

def load(config: Union[str, os.PathLike, Mapping[str, Any]], key: str = "optimizer.lr", *,
         total: Optional[float] = None, steps_per_epoch: Optional[float] = None,
         tokens_per_step: Optional[float] = None, set: Any = None, name: Optional[str] = None,
         format: Optional[str] = None) -> Schedule: ...
