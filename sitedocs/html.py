"""Rewriting rendered page HTML without a parser: the walks several packages share.

- `rewrite(html, text=fn, tag=fn)`: one walk over the page's tokens: `text` gets every run of text
  between tags, except inside elements whose content is code, script or graphics (VERBATIM);
  `tag` gets every tag (and may append HTML after it). Comments and declarations are kept.
- `map_text(html, fn)`: `rewrite` with a text function only.
- `insert_at_headings(html, after=…, before=…, end=…, lists=…)`: one scan of the headings: HTML
  right after the heading (h1–h6) with a given id, right before the <h2> with a given id (at the
  end when there is none), and at the end; with `lists`, the same scan also reads the list tags
  and puts HTML into the items of the first <ol> after an <h2> with a given id (its own items:
  a list inside an item is counted apart) and after that list.
- `after_headings(html, extras)`: `insert_at_headings` with `after` only.
- `leading_element(html, name)`: the element `html` starts with (after white space), read with the
  walk's tokens: its attributes and its inner HTML.
- `astral_refs(text)` / `astral_json(text)`: the characters outside the Basic Multilingual Plane
  (emoji such as 🔧 📘 🔗) written as references, for the HTML the site generates (see ASTRAL).
Standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html import unescape

# Elements whose text is never rewritten (their content is code, script or already graphics).
VERBATIM = frozenset({"code", "pre", "script", "style", "textarea", "svg", "kbd", "samp", "title",
                      "template"})
# A tag (quoted attribute values may hold ">"), a comment, or a CDATA/doctype declaration.
_TOKEN = re.compile(r"<!--.*?-->|<![^>]*>|</?[A-Za-z][^\s/>]*(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
                    re.DOTALL)
_TAG_NAME = re.compile(r"</?([A-Za-z][^\s/>]*)")
_HEADING = re.compile(r'<h(?P<n>[1-6])\b[^>]*\bid="(?P<id>[^"]+)"[^>]*>.*?</h(?P=n)>', re.DOTALL)
# A heading as above, or a list tag (<ol>, <ul>, <li> and their ends).
_HEADING_OR_LIST = re.compile(_HEADING.pattern + r"|<(?P<close>/?)(?P<list>ol|ul|li)\b[^>]*>", re.DOTALL)

# Characters outside the Basic Multilingual Plane. CPython stores a string at 1, 2 or 4 bytes per
# character, by its widest character: one emoji in a badge's accessible name made a whole built
# page (~350 KB of Japanese at 1,000 pages, most of it the navigation) 4 bytes a character, and
# every later pass over it (the theme's join, the CSP scan, MkDocs' strip and encode) did twice
# the work (benchmarks/build.py: ~0.5 s of 37 s at 1,000 pages). The HTML the site generates
# writes them as references, which a browser reads as the same characters.
ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def astral_refs(text: str) -> str:
    """HTML text or an attribute value with each ASTRAL character as a character reference
    ("🔧" → "&#x1F527;"); not for the raw text of <script> or <style>."""
    return ASTRAL.sub(lambda m: f"&#x{ord(m.group()):X};", text)


def astral_json(text: str) -> str:
    """JSON text with each ASTRAL character as its UTF-16 escape pair, as json.dumps with
    ensure_ascii writes it ("🔧" → "\\ud83d\\udd27"): the same JSON value."""
    def pair(m: re.Match) -> str:
        code = ord(m.group()) - 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return ASTRAL.sub(pair, text)


@dataclass(frozen=True)
class ListItems:
    """What goes into the first <ol> after an <h2>: per item of that list (in order; not the
    items of a list inside one), HTML at its start and right before its end; HTML after it."""

    starts: Sequence[str] = ()
    ends: Sequence[str] = ()
    after: str = ""


class _OpenList:
    """The list being filled: its ListItems, how deep the scan is in it, its current item."""

    def __init__(self, items: ListItems) -> None:
        self.items, self.depth, self.item = items, 0, -1

    def tag(self, raw: str, name: str, closing: bool) -> tuple[str, bool]:
        """(the HTML for this list tag, whether the list ends with it)."""
        if name != "li":
            self.depth += -1 if closing else 1
            return (raw + self.items.after, True) if self.depth == 0 else (raw, False)
        if self.depth != 1:
            return raw, False
        if closing:
            return (self.items.ends[self.item] if 0 <= self.item < len(self.items.ends) else "") + raw, False
        self.item += 1
        return raw + (self.items.starts[self.item] if self.item < len(self.items.starts) else ""), False


TagFn = Callable[[str, str, bool], str]  # (the tag as written, lower-case name, closing) -> HTML


def rewrite(html: str, text: Callable[[str], str] | None = None, tag: TagFn | None = None) -> str:
    """`html` with `text` applied to each text run outside VERBATIM elements (runs are split at
    every tag, so `text` sees where markup begins and ends) and `tag` to each tag."""
    out: list[str] = []
    skip: list[str] = []  # open elements whose text is kept as is
    pos = 0
    for token in _TOKEN.finditer(html):
        run = html[pos:token.start()]
        if run:
            out.append(run if skip or text is None else text(run))
        raw = token.group(0)
        pos = token.end()
        name_match = _TAG_NAME.match(raw)
        if not name_match:
            out.append(raw)
            continue
        name = name_match.group(1).lower()
        closing = raw.startswith("</")
        out.append(tag(raw, name, closing) if tag else raw)
        if name not in VERBATIM:
            continue
        if closing:
            if name in skip:  # close up to the matching element (tolerates sloppy nesting)
                while skip and skip.pop() != name:
                    pass
        elif not raw.endswith("/>"):
            skip.append(name)
    tail = html[pos:]
    out.append(tail if skip or text is None else text(tail))
    return "".join(out)


def map_text(html: str, fn: Callable[[str], str]) -> str:
    """`html` with `fn` applied to each text run outside VERBATIM elements."""
    return rewrite(html, text=fn)


def insert_at_headings(html: str, after: Mapping[str, str] | None = None,
                       before: Mapping[str, str] | None = None, end: str = "",
                       lists: Mapping[str, ListItems] | None = None) -> str:
    """One scan of the headings: `after[id]` right after the heading (h1–h6) with that id,
    `before[id]` right before the <h2> with that id (appended, before `end`, when no <h2> has it),
    `end` at the end, and `lists[id]` into the first <ol> after the <h2> with that id (ListItems)."""
    after, before, lists = after or {}, dict(before or {}), lists or {}
    out: list[str] = []
    pos = 0
    waiting: ListItems | None = None  # the ListItems of the last <h2> passed, until its <ol>
    filling: _OpenList | None = None
    if after or before or lists:
        for m in (_HEADING_OR_LIST if lists else _HEADING).finditer(html):
            name = m.group("list") if lists else None
            if name:
                if filling is None and waiting is not None and name == "ol" and not m.group("close"):
                    filling, waiting = _OpenList(waiting), None
                if filling is None:
                    continue
                raw, done = filling.tag(m.group(0), name, bool(m.group("close")))
                filling = None if done else filling
                if raw != m.group(0):
                    out += [html[pos:m.start()], raw]
                    pos = m.end()
                continue
            anchor = unescape(m.group("id"))
            if m.group("n") == "2" and anchor in lists:
                waiting = lists[anchor]
            head = before.pop(anchor, "") if m.group("n") == "2" else ""
            extra = after.get(anchor, "")
            if head or extra:
                out += [html[pos:m.start()], head, m.group(0), extra]
                pos = m.end()
    out += [html[pos:], *before.values(), end]
    return "".join(out)


_ATTR = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")


@dataclass(frozen=True)
class Element:
    attrs: dict[str, str]  # lower-case names, unescaped values
    inner: str  # the HTML between its tags


def leading_element(html: str, name: str) -> Element | None:
    """The `name` element `html` starts with (white space before it aside), up to its matching end
    tag; None when `html` starts with anything else or the element is not closed."""
    depth = 0
    start = 0
    for token in _TOKEN.finditer(html):
        if not depth and html[:token.start()].strip():
            return None
        tag = _TAG_NAME.match(token.group(0))
        if tag is None or tag.group(1).lower() != name:
            if not depth:
                return None
            continue
        raw = token.group(0)
        closing = raw.startswith("</")
        if not depth:
            if closing:
                return None
            opening, start = raw, token.end()
        depth += -1 if closing else 1
        if not depth:
            body = opening[len(name) + 1:-1]
            attrs = {m.group(1).lower(): unescape(next((v for v in m.group(2, 3, 4) if v is not None), ""))
                     for m in _ATTR.finditer(body)}
            return Element(attrs, html[start:token.start()])
    return None


def after_headings(html: str, extras: Mapping[str, str]) -> str:
    """Insert `extras[id]` right after the heading (h1–h6) with that id; other headings stay."""
    if not extras:
        return html
    return insert_at_headings(html, after=extras)
