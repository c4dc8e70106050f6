"""The records of tempo.continues and tempo.resume (docs/lifecycle.md), as named tuples: they
unpack, compare and pickle as tuples do. The work is the C++ library's (tempo._tempo)."""
from typing import TYPE_CHECKING, NamedTuple, Optional

if TYPE_CHECKING:  # the extension imports this module; no import back at run time
    from ._tempo import Schedule


class Continuation(NamedTuple):
    """tempo.continues(old, new, until): whether `new` equals `old` bit for bit at every integer
    step before `until`. True as a condition when it does; otherwise `step` is the first step
    where they differ and `old_value`, `new_value` their values there (all None when they
    continue). `compared` steps were evaluated in both, `proven` shown equal by the plans'
    structure."""

    continues: bool
    step: Optional[float]
    old_value: Optional[float]
    new_value: Optional[float]
    compared: float
    proven: float

    def __bool__(self):
        return self.continues


class Resumed(NamedTuple):
    """tempo.resume(saved, current, on_change): the plan to continue with, whether it changed
    from the checkpoint's, the first step where the two differ (None: none found), their values
    at the resume step (None when nothing changed; new_value - old_value is the jump adopting
    the new plan makes there) and the report for the run's log ("" when nothing changed)."""

    schedule: "Schedule"
    changed: bool
    first_difference: Optional[float]
    old_value: Optional[float]
    new_value: Optional[float]
    report: str
