"""Problems found in contributors' input, reported with docs-relative file and line."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"  # fails the build
WARNING = "warning"  # logged as a warning (fails only a --strict build)

# Problem codes that callers select on (stats, check); messages are for people, not for matching.
MISSING_TARGET = "missing-target"  # a 早見表 row whose link does not reach a chapter's section


@dataclass(frozen=True, order=True)
class Problem:
    """One problem: where (docs-relative file, 1-based line), what, and an optional code."""

    file: str
    line: int
    message: str
    code: str = ""
    severity: str = ERROR

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"
