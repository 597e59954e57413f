"""Problems found in contributors' input, reported with docs-relative file and line."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"  # fails the build
WARNING = "warning"  # logged as a warning (fails only a --strict build)

# Problem codes that callers select on (stats, check); messages are for people, not for matching.
MISSING_TARGET = "missing-target"  # a 早見表 row whose link does not reach a chapter's section
BAD_FRONT_MATTER = "bad-front-matter"  # unreadable front matter: reported alone, without follow-on errors
BAD_SOURCE = "bad-source"  # a docs file that cannot be read (not UTF-8, a looping or dangling symlink)


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
