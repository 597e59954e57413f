"""What the engine reports for one checked URL: plain typed data, no LinkChecker objects.

`linkaudit.adapter` fills these from LinkChecker's URL data; `linkaudit.classify` reads them.
Standard library only, so classification and reports load without LinkChecker.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class NetworkDown(Exception):
    """No cited host can be reached at all: nothing was checked (exit code 3)."""


class ErrorKind(StrEnum):
    """Why no HTTP response came back (taken from the exception's type, never its text)."""

    TIMEOUT = "timeout"
    DEADLINE = "deadline"  # the overall deadline per URL passed (error_detail says which)
    REDIRECT_LOOP = "redirect-loop"
    CONNECTION = "connection"


@dataclass
class Outcome:
    """What LinkChecker found for one checked URL, plus the details it usually drops.

    `result` is LinkChecker's own result line: shown to people as a reason, never parsed.
    `error_detail` is a short reason for a connection failure, from the exception's type.
    `missing_fragment` is the `#fragment` (as written) that the page does not define.
    `anchor_unchecked` is why a `#fragment` on an HTML page could not be checked (byte cap,
    deadline, ...): such a link is never ok.
    """

    url: str
    valid: bool
    result: str
    status: int | None = None
    first_status: int | None = None
    final_url: str | None = None
    error_kind: ErrorKind | None = None
    error_detail: str | None = None
    attempts: int = 0
    parent_url: str | None = None
    line: int | None = None
    extern: bool = False
    abs_url: str | None = None
    missing_fragment: str | None = None
    anchor_unchecked: str | None = None
    body: bytes | None = None  # the page body, when the run keeps bodies (the source watcher)
