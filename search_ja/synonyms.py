"""Synonyms kept as data (synonyms.tsv beside this file): groups of terms that mean the same.

`expansions(text, groups)` lists the terms of every group that `text` mentions, except the ones the
text already contains: the index adds them as invisible keys, so a reader typing any term of a
group finds the sections written with another (「エンベディング」 finds 「埋め込みモデル」).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("synonyms.tsv")
_ASCII = re.compile(r"^[\x00-\x7f]+$")


@dataclass(frozen=True)
class Group:
    terms: tuple[str, ...]  # first = the term the chapters use
    patterns: tuple[re.Pattern[str], ...]
    # per term: its lower-case form, which a text must contain for the pattern to match (a cheap
    # test first: most texts mention few groups), whether that alone is the match (not ASCII), and
    # the pattern
    checks: tuple[tuple[str, bool, re.Pattern[str]], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "checks", tuple((t.lower(), not _ASCII.match(t), p)
                                                 for t, p in zip(self.terms, self.patterns, strict=True)))

    @property
    def canonical(self) -> str:
        return self.terms[0]


def _pattern(term: str) -> re.Pattern[str]:
    body = re.escape(term.lower())
    if _ASCII.match(term):  # whole words only: 「ReAct」 must not match 「react」 inside another word
        return re.compile(rf"(?<![a-z0-9_]){body}(?![a-z0-9_])")
    return re.compile(body)


def parse(text: str) -> tuple[list[Group], list[str]]:
    """Groups from TSV text, and problems ("line N: …") for lines that are not groups."""
    groups: list[Group] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        terms = tuple(dict.fromkeys(t.strip() for t in line.split("\t") if t.strip()))
        if len(terms) < 2:
            problems.append(f"line {n}: a group needs at least two tab-separated terms")
            continue
        for term in terms:
            if term.lower() in seen:
                problems.append(f"line {n}: {term!r} is already in the group of line {seen[term.lower()]}")
            seen[term.lower()] = n
        groups.append(Group(terms, tuple(_pattern(t) for t in terms)))
    return groups, problems


@lru_cache(maxsize=1)
def default_groups() -> tuple[Group, ...]:
    groups, problems = parse(DATA.read_text(encoding="utf-8"))
    if problems:
        raise ValueError(f"{DATA.name}: " + "; ".join(problems))
    return tuple(groups)


def pair_count(groups: tuple[Group, ...] | list[Group]) -> int:
    """Synonym pairs (canonical term, other term) the groups define."""
    return sum(len(g.terms) - 1 for g in groups)


@lru_cache(maxsize=8)
def _any_term_of(groups: tuple[Group, ...]) -> re.Pattern[str]:
    """Matches where any term of the groups starts (lower case): a text it does not match
    mentions no group, and most texts of a site mention none (one search instead of one test per
    term)."""
    return re.compile("|".join(re.escape(needle) for g in groups for needle, _, _ in g.checks) or "(?!)")


# id of a tuple of groups -> (the tuple, its _any_term_of): the tuple a site uses is looked up by
# identity, since hashing it (every group's terms and patterns) on each call cost more than the search
_ANY_TERM: dict[int, tuple[tuple[Group, ...], re.Pattern[str]]] = {}


def _any_term(groups: tuple[Group, ...] | list[Group]) -> re.Pattern[str]:
    if isinstance(groups, tuple):
        known = _ANY_TERM.get(id(groups))
        if known is not None:  # the entry keeps its tuple alive, so no other object has that id
            return known[1]
        if len(_ANY_TERM) >= 8:
            _ANY_TERM.clear()
        _ANY_TERM[id(groups)] = (groups, pattern := _any_term_of(groups))
        return pattern
    return _any_term_of(tuple(groups))


def expansions(text: str, groups: tuple[Group, ...] | list[Group] | None = None) -> list[str]:
    """Terms of the groups `text` mentions that `text` does not contain itself, in group order."""
    if not text:
        return []
    groups = default_groups() if groups is None else groups
    low = text.lower()
    if _any_term(groups).search(low) is None:
        return []
    out: dict[str, None] = {}
    for group in groups:
        present = [needle in low and (whole or p.search(low) is not None) for needle, whole, p in group.checks]
        if True in present:
            for term, here in zip(group.terms, present, strict=True):
                if not here:
                    out[term] = None
    return list(out)


def for_scripts(labels: list[str], groups: tuple[Group, ...] | list[Group] | None = None,
                headings: list[str] | None = None) -> tuple[list[list[str]], list[list[str]]]:
    """The synonym data the page scripts get (in cards.json, for the map search, the 早見表 filter
    and the header search's suggestions): every group's terms, and for each label the other names
    its groups give it, then the heading of its defining section (`headings`, same order; without
    number and brackets) when that is not one of the label's own names: the header index counts
    the heading as a name of the concept too (「層をまたぐプロトコルとしてのMCP」 for MCPの層またぎ構造)."""
    from search_ja.index import concept_names, heading_name  # index imports this module

    groups = default_groups() if groups is None else groups
    aliases = []
    for i, label in enumerate(labels):
        names = expansions(label, groups)
        heading = heading_name(headings[i]) if headings and i < len(headings) and headings[i] else ""
        if heading and heading not in concept_names(label) and heading not in names:
            names.append(heading)
        aliases.append(names)
    return [list(g.terms) for g in groups], aliases
