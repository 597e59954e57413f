"""Line breaks for map labels, chosen in Python instead of by vis-network.

vis-network wraps a label wider than `widthConstraint.maximum` by measuring every prefix of it
on the canvas, one character at a time, and breaks wherever the width runs out: inside an
English word (「Embedd / ing」) or before a small kana (「オーケストレーシ / ョン層」). That
is also the most expensive step of building the map (a third of the constructor for the real
graph). The map breaks the labels here instead, with widths estimated on the wide side, and sets
no widthConstraint: vis-network measures each line once.

Widths are in em: full-width characters 1, other characters 0.3–0.9 (on the wide side of
common UI fonts), spaces 0.3.

Japanese has no spaces, so where a word ends comes from Sudachi (the search's analyser, core
dictionary): a break between two words of mode C (「サンドボックス」, 「エージェント」) is
cheap, one between the parts of a mode C word (「ワーク / フロー」) costs more, and one inside a
word (「エージェン / トループ」) is a last resort: a line may rather run up to OVERFLOW times its
width when that keeps one word whole (「ストリーミング」, 「Elasticsearch」).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from sudachipy import SplitMode, Tokenizer

from sitedocs.sudachi import core_dictionary

# A line may not start with these (closing brackets, punctuation, small kana, the prolonged
# sound mark) or end with these (opening brackets): the usual Japanese line-breaking rules.
NO_START = frozenset("）」』】〕〉》］｝、。，．・：；？！ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〜"
                     ")]},.:;?!％%")
NO_END = frozenset("（「『【〔〈《［｛([{")
# Breaking after these, or before an opening bracket, reads naturally.
GOOD_AFTER = frozenset("）」』)]：:・、／/")
GOOD_BEFORE = frozenset("（「『([")

PER_LINE = 12  # every extra line costs this much
OVERFLOW = 1.25  # a line may be this much wider than asked to keep one word whole (a line
# with no break inside cheaper than CHEAP_BREAK: a space, a script change, between two words) ...
CHEAP_BREAK = 5
SLIGHT = 1.05  # any line may be this much wider (the widths are estimated on the wide side)
OVERFLOW_COST = (30, 400)  # ... for this much plus this much per unit of excess ratio
INSIDE_WORD = 300  # a break inside a Japanese word
WORD_BREAK = {2: {("K", "K"): 3, ("C", "C"): 6, ("H", "H"): 20},  # between two words (mode C)
              1: {("K", "K"): 40, ("C", "C"): 30, ("H", "H"): 40}}  # inside a compound (mode A)
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


# The cost of breaking between two scripts (before, after) at a word boundary; missing pairs
# cost 8. Inside a Japanese word: INSIDE_WORD; between two Japanese words: WORD_BREAK.
_SCRIPT_BREAK = {
    ("H", "K"): 2, ("H", "C"): 2, ("H", "L"): 2,  # after a particle or an okurigana
    ("L", "L"): 5,
    ("C", "H"): 25, ("K", "H"): 18,  # before a particle or an okurigana
    ("L", "K"): 4, ("L", "C"): 4, ("K", "L"): 4, ("C", "L"): 4,
}
_JAPANESE = frozenset("HKC")
# One-kanji suffixes Sudachi leaves as words of their own (「可観測 / 性」, 「量子 / 化」): a
# line starting with one reads as a broken word.
SUFFIXES = frozenset("性化型的層群版側式用系製")
SUFFIX_BREAK = 60


@lru_cache(maxsize=1)
def _tokenizer() -> Tokenizer:
    return core_dictionary().tokenizer(mode=SplitMode.C)


@lru_cache(maxsize=4096)
def word_starts(text: str) -> dict[int, int]:
    """Offsets in text where a word starts: 2 for a word of Sudachi's mode C (the longest units),
    1 for a part of one (mode A). Offset 0 is left out."""
    out: dict[int, int] = {}
    if all(ch.isascii() for ch in text):
        return out
    for m in _tokenizer().tokenize(text):
        if m.begin():
            out[m.begin()] = 2
        for part in list(m.split(SplitMode.A))[1:]:
            out[part.begin()] = 1
    return out


def _break_penalty(before: str, after: str, word: int = 2) -> float | None:
    """The cost of a line break between two segments, `word` the strength of the word boundary
    there (word_starts; 0: inside a word); None where a break is not allowed."""
    if before.isspace() or after.isspace():
        return 0
    if after[0] in NO_START or before[-1] in NO_END:
        return None
    if before[-1] in GOOD_AFTER or after[0] in GOOD_BEFORE:
        return 0
    pair = (script(before[-1]), script(after[0]))
    if pair[0] in _JAPANESE and pair[1] in _JAPANESE:
        if not word:
            return INSIDE_WORD
        if pair == ("C", "C") and after[0] in SUFFIXES:
            return SUFFIX_BREAK
        if pair in WORD_BREAK[word]:
            return WORD_BREAK[word][pair]
    return _SCRIPT_BREAK.get(pair, 8)


def _overflow_cost(w: float, max_em: float) -> float:
    """What a line w em wide costs for being wider than max_em (0 when it is not)."""
    if w <= max_em:
        return 0
    if w > max_em * OVERFLOW:
        return 1000
    return OVERFLOW_COST[0] + OVERFLOW_COST[1] * (w / max_em - 1)


def _split_long_word(word: str, max_em: float) -> list[str]:
    """Hard breaks inside a segment wider than OVERFLOW lines (a very long English word)."""
    parts, current = [], ""
    for ch in word:
        if current and text_em(current + ch) > max_em * OVERFLOW:
            parts.append(current)
            current = ""
        current += ch
    return [*parts, current] if current else parts


def _segments(text: str, max_em: float) -> tuple[list[str], list[int]]:
    """The segments of text (SEGMENT, long words split) and the strength of the word boundary
    before each (word_starts; 2 where a segment starts with non-Japanese text)."""
    starts = word_starts(text)
    segments: list[str] = []
    strength: list[int] = []
    for m in SEGMENT.finditer(text):
        seg = m.group()
        parts = _split_long_word(seg, max_em) if text_em(seg) > max_em * OVERFLOW else [seg]
        offset = m.start()
        for k, part in enumerate(parts):
            segments.append(part)
            strength.append(0 if k else starts.get(offset, 2 if script(part[0]) not in _JAPANESE
                                                     or offset == 0 else 0))
            offset += len(part)
    return segments, strength


def break_points(text: str, max_cost: float = INSIDE_WORD) -> list[int]:
    """Offsets in text (whitespace-normalised) where a line may break for less than max_cost."""
    text = " ".join(text.split())
    segments, strength = _segments(text, float("inf"))
    out, offset = [], 0
    for j in range(1, len(segments)):
        offset += len(segments[j - 1])
        penalty = _break_penalty(segments[j - 1], segments[j], strength[j])
        if penalty is not None and penalty < max_cost:
            out.append(offset)
    return out


@lru_cache(maxsize=4096)
def wrap_label(text: str, max_em: float) -> str:
    """text with "\\n" where its lines should break so that none is wider than max_em.

    The breaks minimise a cost (as in Knuth–Plass): uneven lines, breaks inside a Japanese
    word (breaks at spaces, around brackets, between Latin and Japanese text and between
    Japanese words are cheap, the line-breaking rules forbid some), one or two characters alone
    on the last line, lines wider than max_em (up to OVERFLOW times, to keep a word whole) and
    the number of lines. English words are split only when longer than OVERFLOW lines.
    """
    text = " ".join(text.split())
    segments, strength = _segments(text, max_em)
    n = len(segments)
    if text_em(text) <= max_em:
        return text

    def width(i: int, j: int) -> float:
        return text_em("".join(segments[i:j]).strip())

    # best[i]: (cost, next break) of laying out segments[i:] from the start of a line
    best: list[tuple[float, int]] = [(0.0, n)] * (n + 1)
    for i in range(n - 1, -1, -1):
        if segments[i].isspace():  # a line never starts with a space
            best[i] = best[i + 1]
            continue
        options: list[tuple[float, int]] = []
        inner = float("inf")  # the cheapest break inside the line so far
        for j in range(i + 1, n + 1):
            w = width(i, j)
            if w > max_em * OVERFLOW and j > i + 1 and options:
                break  # too wide (only a line that cannot be narrower may overflow)
            slight = w <= max_em * SLIGHT or inner >= CHEAP_BREAK
            overflow = _overflow_cost(w, max_em) if slight else 1000 * (w > max_em)
            if j == n:
                short = [cost for em, cost in zip(ORPHAN_EM, ORPHAN, strict=True) if w < em and i > 0]
                options.append(((short[0] if short else 0) + overflow, n))
                continue
            penalty = _break_penalty(segments[j - 1], segments[j], strength[j])
            if penalty is None:
                continue
            inner = min(inner, penalty)
            slack = max(max_em - w, 0) / max_em
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
