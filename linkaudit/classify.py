"""Sort an engine outcome into one result class with a one-line reason.

Reads only typed data (`linkaudit.outcome.Outcome`): HTTP status, LinkChecker's valid flag, the
error kind and a missing fragment. Never LinkChecker's messages, which it translates.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from linkaudit.config import Settings, host_matches
from linkaudit.outcome import ErrorKind, Outcome

PERMANENT = (301, 308)


class ResultClass(StrEnum):
    """The result classes, most actionable first; this order is used for every sort and count.

    broken: fix or remove the link; redirected: update it to the new location (permanent
    redirects only); unverifiable: check it by hand; ok: nothing to do."""

    BROKEN = "broken"
    REDIRECTED = "redirected"
    UNVERIFIABLE = "unverifiable"
    OK = "ok"

    @property
    def rank(self) -> int:
        """Position in the order above (0 = most actionable)."""
        return list(ResultClass).index(self)


@dataclass(frozen=True)
class Verdict:
    """The class of an outcome and why, in one line."""

    result: ResultClass
    message: str


def classify(outcome: Outcome, settings: Settings) -> Verdict:
    """The result class and the reason for an engine outcome."""
    host = urlsplit(outcome.url).hostname or ""
    tries = f"after {outcome.attempts} attempt{'s' * (outcome.attempts != 1)}"
    if outcome.error_kind is ErrorKind.DEADLINE:
        return Verdict(ResultClass.UNVERIFIABLE, outcome.error_detail or "overall deadline passed")
    if outcome.error_kind is ErrorKind.TIMEOUT:
        return Verdict(ResultClass.UNVERIFIABLE, f"timed out {tries}")
    if outcome.error_kind is ErrorKind.REDIRECT_LOOP:
        return Verdict(ResultClass.BROKEN, "redirect loop (too many redirects)")
    if outcome.error_kind is ErrorKind.CONNECTION:
        return Verdict(ResultClass.BROKEN, outcome.error_detail or "connection failed")
    status = outcome.status
    if status == 429:
        return Verdict(ResultClass.UNVERIFIABLE, f"rate-limited (429) {tries}")
    if status == 403 and host_matches(host, settings.bot_blocking_hosts):
        return Verdict(ResultClass.UNVERIFIABLE,
                       "host is known to block bots (403); check it in a browser")
    if status is not None and status >= 500 and outcome.attempts and outcome.valid is False:
        return Verdict(ResultClass.BROKEN, f"server error {status} {tries}")
    if (status is not None and status >= 400) or not outcome.valid:
        return Verdict(ResultClass.BROKEN, outcome.result)
    if outcome.anchor_unchecked is not None:
        fragment = urlsplit(outcome.url).fragment
        return Verdict(ResultClass.UNVERIFIABLE,
                       f"#{fragment} not checked: {outcome.anchor_unchecked}")
    if outcome.missing_fragment is not None:
        return Verdict(ResultClass.BROKEN,
                       f"fragment #{outcome.missing_fragment} not found on the page")
    if outcome.first_status in PERMANENT:
        return Verdict(ResultClass.REDIRECTED,
                       f"permanent redirect ({outcome.first_status}); update the link")
    return Verdict(ResultClass.OK, outcome.result)
