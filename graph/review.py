"""Review dates: when a chapter (front matter `reviewed`) or a section (heading attribute
`data-reviewed`) was last checked against its sources, and whether that is past due.

    ---
    reviewed: 2026-12-01        # every layer chapter carries one
    review_interval: 90         # optional, days (default DEFAULT_INTERVAL_DAYS)
    ---
    ### 1-7. プロンプトキャッシュ {#prompt-caching data-reviewed="2026-11-15"}

A section without its own date inherits the chapter's. Bad dates and dates in the future are
problems (file:line); functions take `today` so that results are reproducible.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .problems import Problem
from .vocabulary import DEFAULT_INTERVAL_DAYS

REVIEWED_KEY = "reviewed"
INTERVAL_KEY = "review_interval"
SECTION_ATTR = "data-reviewed"
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Review:
    """A review date with the interval it is valid for."""

    date: dt.date
    interval_days: int

    @property
    def due(self) -> dt.date:
        return self.date + dt.timedelta(days=self.interval_days)

    def stale(self, today: dt.date) -> bool:
        return today > self.due


def parse_date(value: object) -> dt.date | None:
    """A YYYY-MM-DD date from YAML (a date object) or text; None when it is not one."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not _ISO.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _checked(src: str, line: int, value: object, what: str, today: dt.date) -> tuple[dt.date | None, list[Problem]]:
    date = parse_date(value)
    if date is None:
        return None, [Problem(src, line, f"{what} '{value}' は YYYY-MM-DD 形式の日付ではありません")]
    if date > today:
        return None, [Problem(src, line, f"{what} {date.isoformat()} は未来の日付です（今日は {today.isoformat()}）")]
    return date, []


def page_review(src: str, meta: dict, meta_lines: dict[str, int],
                today: dt.date) -> tuple[Review | None, list[Problem]]:
    """The chapter's review from its front matter (None when absent or invalid)."""
    problems: list[Problem] = []
    interval = DEFAULT_INTERVAL_DAYS
    if INTERVAL_KEY in meta:
        value = meta[INTERVAL_KEY]
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            problems.append(Problem(src, meta_lines.get(INTERVAL_KEY, 1),
                                    f"{INTERVAL_KEY} は正の整数（日数）にしてください（'{value}'）"))
        else:
            interval = value
    if REVIEWED_KEY not in meta:
        return None, problems
    date, found = _checked(src, meta_lines.get(REVIEWED_KEY, 1), meta[REVIEWED_KEY], REVIEWED_KEY, today)
    problems.extend(found)
    return (Review(date, interval) if date else None), problems


def section_review(src: str, line: int, attrs: dict[str, str], page: Review | None,
                   today: dt.date) -> tuple[Review | None, bool, list[Problem]]:
    """(the section's review, whether it has its own date, problems); inherits the page's."""
    if SECTION_ATTR not in attrs:
        return page, False, []
    date, problems = _checked(src, line, attrs[SECTION_ATTR], SECTION_ATTR, today)
    if date is None:
        return page, False, problems
    interval = page.interval_days if page else DEFAULT_INTERVAL_DAYS
    return Review(date, interval), True, problems
