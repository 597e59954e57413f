"""Line breaks for map labels, chosen in Python instead of by vis-network.

vis-network wraps a label wider than `widthConstraint.maximum` by measuring every prefix of it
on the canvas, one character at a time, and breaks wherever the width runs out: inside an
English word (「Embedd / ing」) or before a small kana (「オーケストレーシ / ョン層」). That
is also the most expensive step of building the map (a third of the constructor for the real
graph). The map breaks the labels here instead, with widths estimated on the wide side, and sets
no widthConstraint: vis-network measures each line once.

Widths are in em: full-width characters 1, other characters 0.3–0.9 (on the wide side of
common UI fonts), spaces 0.3.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# A line may not start with these (closing brackets, punctuation, small kana, the prolonged
# sound mark) or end with these (opening brackets): the usual Japanese line-breaking rules.
NO_START = frozenset("）」』】〕〉》］｝、。，．・：；？！ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〜"
                     ")]},.:;?!％%")
NO_END = frozenset("（「『【〔〈《［｛([{")
# Breaking after these, or before an opening bracket, reads naturally.
GOOD_AFTER = frozenset("）」』)]：:・、／/")
GOOD_BEFORE = frozenset("（「『([")

PER_LINE = 12  # every extra line costs this much
ORPHAN_EM = (2.5, 3.5)  # a last line narrower than these (one or two, three characters) ...
ORPHAN = (40, 15)  # ... costs this much

SEGMENT = re.compile(r" +|[!-~]+?(?:[-/_](?=[!-~])|(?=[ ]|[^!-~]|$))|.", re.S)
"""Spaces | a run of ASCII, cut after "-", "/" or "_" (so long identifiers can break there) |
one other character."""
_NARROW = frozenset("il.,:;'!|`")
_WIDE = frozenset("mwMW@%")


def char_em(ch: str) -> float:
    """Estimated width of one character, in em (rather too wide than too narrow)."""
    if ch == " ":
        return 0.3
    if not ch.isascii():
        return 1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.6
    if ch in _NARROW:
        return 0.3
    if ch in _WIDE:
        return 0.9
    if ch.isupper():
        return 0.7
    if ch.islower() or ch.isdigit():
        return 0.58
    return 0.45


def text_em(text: str) -> float:
    """Estimated width of a string, in em."""
    return sum(char_em(ch) for ch in text)


def script(ch: str) -> str:
    """The script class of a character: L(atin/ASCII), H(iragana), K(atakana), C (kanji), O."""
    if ch.isascii():
        return "L"
    if "\u3041" <= ch <= "\u309f":
        return "H"
    if "\u30a0" <= ch <= "\u30ff" or "\u31f0" <= ch <= "\u31ff" or "\uff66" <= ch <= "\uff9f":
        return "K"
    if unicodedata.category(ch) == "Lo":
        return "C"
    return "O"


# The cost of breaking between two scripts (before, after); missing pairs cost 8.
_SCRIPT_BREAK = {
    ("H", "K"): 2, ("H", "C"): 2, ("H", "L"): 2,  # after a particle or an okurigana
    ("K", "K"): 100, ("C", "C"): 40, ("H", "H"): 30, ("L", "L"): 5,  # inside a word
    ("C", "H"): 25, ("K", "H"): 18,  # before a particle or an okurigana
    ("L", "K"): 4, ("L", "C"): 4, ("K", "L"): 4, ("C", "L"): 4,
}


def _break_penalty(before: str, after: str) -> float | None:
    """The cost of a line break between two segments; None where a break is not allowed."""
    if before.isspace() or after.isspace():
        return 0
    if after[0] in NO_START or before[-1] in NO_END:
        return None
    if before[-1] in GOOD_AFTER or after[0] in GOOD_BEFORE:
        return 0
    return _SCRIPT_BREAK.get((script(before[-1]), script(after[0])), 8)


def _split_long_word(word: str, max_em: float) -> list[str]:
    """Hard breaks inside a segment wider than a whole line (a very long English word)."""
    parts, current = [], ""
    for ch in word:
        if current and text_em(current + ch) > max_em:
            parts.append(current)
            current = ""
        current += ch
    return [*parts, current] if current else parts


@lru_cache(maxsize=4096)
def wrap_label(text: str, max_em: float) -> str:
    """text with "\\n" where its lines should break so that none is wider than max_em.

    The breaks minimise a cost (as in Knuth–Plass): uneven lines, breaks inside a Japanese
    word (breaks at spaces, around brackets and between Latin and Japanese text are cheap,
    the line-breaking rules forbid some), one or two characters alone on the last line, and
    the number of lines. English words are split only when longer than a whole line.
    """
    segments: list[str] = []
    for seg in SEGMENT.findall(" ".join(text.split())):
        segments.extend(_split_long_word(seg, max_em) if text_em(seg) > max_em else [seg])
    n = len(segments)
    if text_em("".join(segments)) <= max_em:
        return "".join(segments)

    def width(i: int, j: int) -> float:
        return text_em("".join(segments[i:j]).strip())

    # best[i]: (cost, next break) of laying out segments[i:] from the start of a line
    best: list[tuple[float, int]] = [(0.0, n)] * (n + 1)
    for i in range(n - 1, -1, -1):
        if segments[i].isspace():  # a line never starts with a space
            best[i] = best[i + 1]
            continue
        options: list[tuple[float, int]] = []
        for j in range(i + 1, n + 1):
            w = width(i, j)
            if w > max_em and j > i + 1 and options:
                break  # too wide (only a line that cannot be narrower may overflow)
            if j == n:
                short = [cost for em, cost in zip(ORPHAN_EM, ORPHAN, strict=True) if w < em and i > 0]
                options.append((short[0] if short else 0, n))
                continue
            penalty = _break_penalty(segments[j - 1], segments[j])
            if penalty is None:
                continue
            slack = max(max_em - w, 0) / max_em
            overflow = 1000 if w > max_em else 0
            options.append((100 * slack * slack + penalty + overflow + PER_LINE + best[j][0], j))
        best[i] = min(options)
    lines, i = [], 0
    while i < n:
        j = best[i][1]
        line = "".join(segments[i:j]).strip()
        if line:
            lines.append(line)
        i = j
    return "\n".join(lines)
