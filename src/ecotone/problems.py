"""What validation finds: a problem with a place, a message and a fix."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

FieldPath = tuple[str | int, ...]


class Severity(StrEnum):
    """An error blocks; a warning fails only strict runs; a notice tells of a
    legitimate state worth knowing, such as an invitation not yet acknowledged."""

    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


@dataclass(frozen=True)
class Problem:
    """One finding, placed at `file:line:column` and at a field path inside the file."""

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    field: FieldPath = ()
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def is_warning(self) -> bool:
        return self.severity is Severity.WARNING

    @property
    def field_text(self) -> str:
        return dotted(self.field)

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Reading order: by file, then position, then code."""
        return (self.file, self.line, self.column, self.code, self.message)


def dotted(field: FieldPath) -> str:
    """A field path as an author reads it: `circles.training.parent`, `participants[1].circle`."""
    text = ""
    for part in field:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
