"""Split Japanese text the way the browser will, and find words inside compounds.

Material's search (lunr in a web worker) splits the index text AND the query with one regular
expression, `config.separator`; every query term gets a trailing wildcard, so a query term finds an
index token that starts with it. Japanese has no spaces, so SEPARATOR also splits at script
boundaries (Latin/digits ↔ kana/kanji, katakana ↔ kanji, hiragana → katakana/kanji, and before a
particle after a kanji word). Both sides apply the same rules, so a query typed as a whole word
finds the same chunk in the index.

What the regular expression cannot find is a word inside a chunk (「キャッシュ」 in
「プロンプトキャッシュ」, 「出力」 in 「構造化出力」). `sub_keys` uses a morphological analyser
(Sudachi, split mode A) to list, for each chunk, the tail that starts at an inner word boundary;
the index stores these tails in an extra field, so the prefix search reaches inner words.

Rules that avoid one-kanji chunks: Material segments a kanji run of the query greedily with the
index vocabulary but never looks at the whole run, so a vocabulary entry 「方」 would cut the query
「方言」 down to 「方*」. A single kanji therefore stays glued to neighbouring kana
(「低ランク」, 「ツール型」, 「使い方」), and keys of one character are never emitted.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from sitedocs.sudachi import core_dictionary

# Character classes (bodies of [...]); written with \\u escapes so that the same source works as a
# JavaScript RegExp (no "u" flag) and as a Python regular expression.
HAN = r"\u3005-\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HIRA = r"\u3041-\u3096\u309d\u309e"
KATA = r"\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9f"
ALNUM = r"A-Za-z0-9_\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
JA = HAN + HIRA + KATA
PARTICLES = "".join(f"\\u{ord(c):04x}" for c in "のをにはがでともへや")  # escaped like the classes above

# Runs of white space, zero-width space and punctuation (no "|": Material's highlighter splits the
# separator at "|"; no "." or ":" so that "gpt-4.1" and "stop_reason:" keep their ASCII shape).
_PUNCT = (r"[\s\u200b\-\u3000-\u3004\u3008-\u3011\u3014-\u301f\u30fb\uff01-\uff0f\uff1a-\uff20"
          r"\uff3b-\uff40\uff5b-\uff65\u2010-\u2027\u2190-\u21ff,;!?()\[\]{}\"'`/=]+")

# A particle between words is a separator, not a token: 「LoRAの仕組み」 → lora, 仕組み. A token 「の」
# would match every section (slow, and the result page would highlight every の). Listed before the
# zero-width splits, so that it wins at the same position. No "|" inside: Material's highlighter
# splits the separator at "|".
_PARTICLE_SEPARATORS = [
    rf"(?<=[{KATA}{ALNUM}])[{PARTICLES}](?=[^{HIRA}])",
    rf"(?<=[{KATA}{ALNUM}])[{PARTICLES}]$",
    rf"(?<=[{HAN}]{{2}})[{PARTICLES}](?=[^{HIRA}])",
    rf"(?<=[{HAN}]{{2}})[{PARTICLES}]$",
]

# Zero-width splits. Each alternative is a pure lookaround without nested groups: Material's
# highlighter replaces such alternatives (found with /(\(\?[!=<][^)]+\))/) before use.
_BOUNDARIES = [
    rf"(?<=[{ALNUM}])(?=[{JA}])",            # LoRA|の, MCP|サーバー
    rf"(?<=[{JA}])(?=[{ALNUM}])",            # 互換|API
    rf"(?<=[{KATA}])(?=[{HIRA}])",           # モデル|の
    rf"(?<=[{HIRA}])(?=[{KATA}])",           # の|モデル
    rf"(?<=[{HIRA}])(?=[{HAN}]{{2}})",       # の|仕組み   (使い方 stays whole)
    rf"(?<=[{KATA}])(?=[{HAN}]{{2}})",       # ランク|行列 (ツール型 stays whole)
    rf"(?<=[{HAN}]{{2}})(?=[{KATA}])",       # 監査|ログ   (低ランク stays whole)
    rf"(?<=[{HAN}]{{2}})(?=[{PARTICLES}][{HIRA}])",  # 行列|のみ (仕組み stays whole)
]
SEPARATOR = "|".join([_PUNCT, *_PARTICLE_SEPARATORS, *_BOUNDARIES])

# The same splits for Python, grouped by the script of the character at the position: a match is
# tried at every character, and SEPARATOR tries all its alternatives there, although inside a run
# of one script none can match. Each group first asks for the character at the position and for a
# character before it of another script; the scripts (and the punctuation) do not overlap, so at
# most one group applies, and inside it a particle (one character) still comes before the
# zero-width splits. "(?![HIRA])" is SEPARATOR's "(?=[^HIRA])" or "$". Gives what SEPARATOR gives
# (tests/test_search_ja.py compares them on the chapters and on random strings) in 60 % of the time.
_PYTHON_SEPARATOR = "|".join([
    _PUNCT,
    rf"(?=[{HIRA}])(?<=[{KATA}{ALNUM}{HAN}])(?:(?<=[{KATA}{ALNUM}])[{PARTICLES}](?![{HIRA}])"
    rf"|(?<=[{HAN}]{{2}})[{PARTICLES}](?![{HIRA}])|(?<=[{ALNUM}{KATA}])|(?<=[{HAN}]{{2}})(?=[{PARTICLES}][{HIRA}]))",
    rf"(?=[{KATA}])(?<=[{ALNUM}{HIRA}{HAN}])(?:(?<=[{ALNUM}{HIRA}])|(?<=[{HAN}]{{2}}))",
    rf"(?=[{HAN}])(?<=[{ALNUM}{HIRA}{KATA}])(?:(?<=[{ALNUM}])|(?=[{HAN}]{{2}}))",
    rf"(?=[{ALNUM}])(?<=[{JA}])",
])
_SEPARATOR_RE = re.compile(_PYTHON_SEPARATOR)

ZWSP = "\u200b"
_JA_START = re.compile(f"^[{JA}]")
_TAG = re.compile(r"<[^>]*>")

# Parts of speech that may start an inner word worth a key (Sudachi / UniDic names): nouns and the like.
CONTENT_POS = frozenset({"名詞", "形状詞", "接頭辞", "代名詞"})  # words people search for
KEY_WORDS = 2  # a key covers the inner word and the one after it (「キャッシュ」+「ヒット」; Analyser.key_ends)
MAX_ANALYSE = 4000  # characters per analyser call (Sudachi refuses very long inputs)


def split_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every chunk, exactly as Material's `split` walks the separator.

    One finditer of the separator's Python form instead of a search per chunk: the same matches,
    because every alternative that can match empty (a boundary) comes after those that cannot
    at the same position, so an empty match at a position is never followed by a longer one
    there (tests/test_search_ja.py compares it with the walk of SEPARATOR written out)."""
    spans: list[tuple[int, int]] = []
    index = 0
    for match in _SEPARATOR_RE.finditer(text):
        start, end = match.span()
        if index < start:
            spans.append((index, start))
        index = end
    if index < len(text):
        spans.append((index, len(text)))
    return spans


def split_chunks(text: str) -> list[str]:
    """The tokens the browser indexes for `text` (lower-cased, as Material does)."""
    return [text[a:b].lower() for a, b in split_spans(text)]


def plain_text(value: str) -> str:
    """Index text without markup: tags become spaces (a tag ends a chunk), entities are decoded."""
    return html.unescape(_TAG.sub(" ", value))


@dataclass(frozen=True)
class Morpheme:
    start: int
    end: int
    pos: str


class Analyser:
    """Sudachi (core dictionary from the sudachidict-core wheel), split mode A: the finest words."""

    def __init__(self) -> None:
        from sudachipy import SplitMode

        self._dictionary = core_dictionary()
        self._tokenizer = self._dictionary.tokenizer(mode=SplitMode.A)
        self._pos_names: dict[int, str] = {}  # part-of-speech id -> its first level (the dictionary's)
        self._content = _ContentPos(self._pos)  # part-of-speech id -> may it start a key (CONTENT_POS)

    def _pos(self, pos_id: int) -> str:
        """The first level of a part-of-speech id (名詞, 助詞, …)."""
        name = self._pos_names.get(pos_id)
        if name is None:
            name = self._pos_names[pos_id] = self._dictionary.pos_of(pos_id)[0]
        return name

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, first level of the part of speech) of each word, in order."""
        out: list[tuple[int, int, str]] = []
        offset = 0
        pos, names = self._pos, self._pos_names
        for piece in _pieces(text, MAX_ANALYSE):
            for m in self._tokenizer.tokenize(piece):
                pid = m.part_of_speech_id()
                out.append((offset + m.begin(), offset + m.end(), names[pid] if pid in names else pos(pid)))
            offset += len(piece)
        return out

    def morphemes(self, text: str) -> list[Morpheme]:
        return [Morpheme(*span) for span in self.spans(text)]

    def key_ends(self, text: str) -> dict[int, int]:
        """Where a content word (CONTENT_POS) starts, in text order -> the end of the word after it
        (its own end at the end of the text): the KEY_WORDS == 2 words a key covers. What
        `sub_keys` needs of `spans`, in one pass that asks a word for its start only when it is a
        content word and for its end only when a key ends there (tests/test_search_ja.py compares
        it with the same built from `spans`)."""
        ends: dict[int, int] = {}
        content = self._content
        offset = tail = 0
        start = None  # where the previous word starts, if it is a content word
        for piece in _pieces(text, MAX_ANALYSE):
            m = None
            for m in self._tokenizer.tokenize(piece):
                if start is not None:
                    ends[start] = offset + m.end()
                    start = None
                if content[m.part_of_speech_id()]:
                    start = offset + m.begin()
            if start is not None and m is not None:  # the text may end here
                tail = offset + m.end()
            offset += len(piece)
        if start is not None:
            ends[start] = tail
        return ends


class _ContentPos(dict[int, bool]):
    """Part-of-speech id -> whether its first level is in CONTENT_POS, looked up once per id."""

    def __init__(self, first_level: Callable[[int], str]) -> None:
        super().__init__()
        self._first_level = first_level

    def __missing__(self, pos_id: int) -> bool:
        value = self[pos_id] = self._first_level(pos_id) in CONTENT_POS
        return value


def _pieces(text: str, limit: int) -> Iterable[str]:
    """Cut long text after 「。」 or a line break so each piece stays under `limit` characters."""
    while len(text) > limit:
        cut = max(text.rfind("。", 0, limit), text.rfind("\n", 0, limit))
        cut = cut + 1 if cut > 0 else limit
        yield text[:cut]
        text = text[cut:]
    if text:
        yield text


@lru_cache(maxsize=1)
def default_analyser() -> Analyser:
    return Analyser()


def sub_keys(text: str, analyser: Analyser | None = None, spans: list[tuple[int, int]] | None = None,
             chunks: list[str] | None = None) -> list[str]:
    """Inner words of chunks that start at an inner word boundary, lower-cased, unique, in text order.

    「プロンプトキャッシュを使う」 → ["キャッシュ"]; 「構造化出力」 → ["出力"]. A tail starts with a
    kana/kanji content word, covers at most KEY_WORDS words, has at least two characters and is left
    out when a chunk of the same text already starts with it. spans: split_spans(text), and
    chunks: the lower-cased text of those spans, when the caller has them already.
    """
    if not text or not _has_japanese(text):
        return []
    analyser = analyser or default_analyser()
    ends = analyser.key_ends(text)  # where a content word starts, in order -> the end of its key
    spans = split_spans(text) if spans is None else spans
    firsts = [a for a, _ in spans]
    inner = ends.keys() - set(firsts)  # content words that do not start a chunk (most do)
    if not inner or not spans:
        return []
    ordered: list[str] | None = None  # the chunks, sorted: those starting with a key are next to it
    keys: dict[str, None] = {}
    for i in sorted(inner):
        b = spans[bisect_right(firsts, i) - 1][1] if i > firsts[0] else 0  # the chunk i is in, if any
        if i >= b - 1 or not _JA_START.match(text[i]):  # a key starts inside a chunk: a < i < b - 1
            continue
        key = text[i:min(b, ends[i])].lower()
        if len(key) < 2 or key in keys:
            continue
        if ordered is None:
            ordered = sorted([text[x:y].lower() for x, y in spans] if chunks is None else chunks)
        at = bisect_left(ordered, key)
        if at < len(ordered) and ordered[at].startswith(key):
            continue  # a chunk of the same text already starts with it: the prefix search finds it
        keys[key] = None
    return list(keys)


_ANY_JA = re.compile(f"[{JA}]")


def _has_japanese(text: str) -> bool:
    return _ANY_JA.search(text) is not None


def highlighter_separator(separator: str = SEPARATOR) -> str:
    """Material's highlighter hack (bundle: integrations/search/highlighter): drop pure lookarounds."""
    terms = []
    for term in separator.split("|"):
        temp = re.sub(r"(\(\?[!=<][^)]+\))", "", term)
        terms.append("\ufffd" if not temp else term)
    return "|".join(terms)
