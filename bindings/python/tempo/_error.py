"""tempo.Error and tempo.Diagnostic: what a bad schedule raises.

Kept apart from the extension so that errors built in Python (a config file's positions, see
tempo.config) and in C++ are the same classes.
"""
from typing import List, NamedTuple, Optional, Sequence


class Diagnostic(NamedTuple):
    """One error: where (file, 1-based line and column in bytes; 0 when it concerns the whole
    source) and what (message, and a hint that may be empty)."""

    file: Optional[str]
    line: int
    column: int
    message: str
    hint: str = ""


class Error(ValueError):
    """A schedule that does not compile (or a scripted phase that failed while evaluating).

    str(error) is the text the `tempo` command prints: `file:line:col: error: message`, the
    source line with a caret, and the hint. `error.diagnostics` lists the structured records.
    """

    diagnostics: List[Diagnostic]

    def __init__(self, message: str, diagnostics: Sequence[Diagnostic] = ()):
        super().__init__(message)
        self.diagnostics = [Diagnostic(*d) for d in diagnostics]

    def __str__(self) -> str:
        return self.args[0]

    def __reduce__(self):
        return (type(self), (self.args[0], [tuple(d) for d in self.diagnostics]))
