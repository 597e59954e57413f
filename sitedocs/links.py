"""The one reader of Markdown links: what the site renders as a link, with its file line.

Links are found with Python-Markdown's own inline processors (the parser MkDocs renders the
site with): inline links with nested brackets and parentheses, angle-bracketed URLs and titles;
reference links (full, collapsed and shortcut) resolved against the file's definitions;
`<https://…>` autolinks; images; and `href`/`src` attributes of raw HTML. As in Python-Markdown,
code spans and backslash escapes come first (a link inside code is not a link), and fenced code
blocks (superfences) and the YAML front matter are skipped. Each line is read on its own, so the
line number is exact; a link whose text wraps onto the next line is not found (the docs keep a
link on one line), and indented (4-space) code blocks are read as text (the docs use fences).
Bare URLs are not links: the site renders them as text (no magiclink).

The graph (edges, 関連する層, relations), the link checker and `plain_text` all read links here,
so a Markdown link the checker validates is the link the graph follows (the graph takes the
MARKDOWN_LINKS kinds; the checker also checks images and raw HTML `href`/`src`).
`tests/test_check_links_grammar.py` checks the set against the HTML that Python-Markdown renders with
the site's extensions. Results are cached per
file content (`read_links` is called by the graph and the checker for the same text); with them,
each line's links and their columns (`line_spans`: 関連する層 quotes the sentence of a link without
reading its line again).
"""

from __future__ import annotations

import html
import re
import threading
from dataclasses import dataclass
from functools import lru_cache

import markdown
from markdown.blockprocessors import ReferenceProcessor

from sitedocs.markdown import body_start as _body_start
from sitedocs.markdown import mask_code_spans, outside_fences

LINK, IMAGE, AUTOLINK, HTML = "link", "image", "autolink", "html"
MARKDOWN_LINKS = frozenset({LINK, AUTOLINK})  # what the graph follows; the checker takes all kinds
# Python-Markdown's inline processors that make links or images, in its priority order.
_PROCESSORS = ("reference", "link", "image_link", "image_reference", "short_reference",
               "short_image_ref", "autolink", "html")
_ESCAPE = re.compile(r"\\[\\`*_{}\[\]()>#+\-.!]")  # Python-Markdown's ESCAPED_CHARS
_DEFINITION = re.compile(ReferenceProcessor.RE.pattern)
_HTML_ATTR = re.compile(r"""\s(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)
_FILL = "\x02"  # replaces what a processor consumed (Python-Markdown stashes it likewise)
# What a reference (`[text][id]`, `![alt][id]`) has right after its text: ReferenceInlineProcessor
# reads the text up to its `]` (getText), then the id with `\s?\[` (evalId). A line without it
# cannot hold one, so the processor's bracket walk (a Python loop per character) is skipped there.
_REFERENCE_ID = re.compile(r"\]\s?\[")
_WITH_ID = frozenset({"reference", "image_reference"})
_REFERENCES = frozenset({"reference", "image_reference", "short_reference", "short_image_ref"})
_PRIVATE_CHAR = re.compile("[\ue000-\ue07f]")


@dataclass(frozen=True)
class MdLink:
    """One link as the site renders it: target as written (entities decoded), its text
    (inline Markdown; the alt text of an image; "" for autolinks and raw HTML), the 1-based line
    of the whole file (front matter included) and the kind (LINK, IMAGE, AUTOLINK, HTML)."""

    target: str
    text: str
    line: int
    kind: str


_instances = threading.local()


def _markdown(references: dict[str, tuple[str, None]] | None = None) -> markdown.Markdown:
    """This thread's core Python-Markdown instance (made once: ~1 ms each), its inline
    processors ready to run outside a conversion, with the given reference definitions."""
    md = getattr(_instances, "md", None)
    if md is None:
        md = _instances.md = markdown.Markdown()
        md.treeprocessors["inline"].stashed_nodes = {}
        _instances.processors = tuple((name, md.inlinePatterns[name]) for name in _PROCESSORS)
    md.references = dict(references or {})
    return md


def _processors() -> tuple[tuple[str, object], ...]:
    """(name, processor) of _PROCESSORS on this thread's instance (`_markdown` makes it first),
    looked up once instead of through the registry on every line."""
    return _instances.processors


def _definitions(lines: list[str], start: int) -> dict[int, tuple[str, str]]:
    """Reference definitions by line index: (lower-cased id, url). Footnotes are not links."""
    found: dict[int, tuple[str, str]] = {}
    if "]:" not in "\n".join(lines[start:]):  # a definition has "]:" after its id (most files: none)
        return found
    for idx, raw in outside_fences(lines, start):
        m = _DEFINITION.match(raw) if "]:" in raw else None
        if m and not m.group(1).startswith("^"):
            found[idx] = (m.group(1).strip().lower(), m.group(2).lstrip("<").rstrip(">"))
    return found


def _may_link(text: str) -> bool:
    """Whether a line can hold a link: every link, image, autolink and raw HTML tag starts with
    `[` or `<` (a line without either is skipped: most of a page's lines)."""
    return "[" in text or "<" in text


def _spans(text: str, line: int, md: markdown.Markdown) -> list[tuple[int, int, MdLink]]:
    """(start, end, link) of every link in one line, nested ones included, in column order."""
    found: list[tuple[int, int, MdLink]] = []
    _scan_at(text, line, md, found, 0)
    return sorted(found, key=lambda item: item[0])


def _scan_at(text: str, line: int, md: markdown.Markdown, out: list[tuple[int, int, MdLink]],
             offset: int) -> None:
    data = mask_code_spans(text) if "`" in text else text
    if "\\" in data:
        data = _ESCAPE.sub(lambda m: _FILL * 2, data)
    # Filling only takes brackets away (and _FILL is no whitespace): no `]\s?[` now, none later.
    ids = _REFERENCE_ID.search(data) is not None
    for name, processor in _processors():
        if name in _WITH_ID and not ids:
            continue
        start = 0
        while (m := processor.compiled_re.search(data, start)) is not None:
            if name == "html":
                out.extend((offset + m.start(), offset + m.end(), MdLink(
                    html.unescape(next(v for v in a.group(2, 3, 4) if v is not None)), "", line, HTML))
                    for a in _HTML_ATTR.finditer(m.group(0)))
                element, begin, end = None, m.start(), m.end()
            else:
                element, begin, end = processor.handleMatch(m, data)
            if begin is None or end is None:
                start = m.end()
                continue
            if element is not None:
                _record(element, name, line, md, out, offset + begin, offset + end)
            data = data[:begin] + _FILL * (end - begin) + data[end:]
            start = end


def _record(element, name: str, line: int, md: markdown.Markdown,
            out: list[tuple[int, int, MdLink]], at: int, end: int) -> None:
    if element.tag == "img":
        out.append((at, end, MdLink(html.unescape(element.get("src", "")), element.get("alt", ""), line,
                               IMAGE)))
        return
    target = html.unescape(element.get("href", ""))
    inner = element.text or ""
    out.append((at, end, MdLink(target, inner if name != "autolink" else "", line,
                           AUTOLINK if name == "autolink" else LINK)))
    if name != "autolink" and "[" in inner:
        _scan_at(inner, line, md, out, at + 1)  # an image (or a link) inside the link text


@dataclass(frozen=True)
class _FileLinks:
    links: tuple[MdLink, ...]  # read_links
    # line (1-based) -> (start, end, link) of its links in column order, for every line read
    # (outside the front matter, fences and definitions) that holds a '[' or '<'; None when the
    # file defines references (a line read on its own, as link_spans does, would not know them)
    spans: dict[int, tuple[tuple[int, int, MdLink], ...]] | None


@lru_cache(maxsize=4096)
def _read(text: str) -> _FileLinks:
    lines = text.split("\n")
    start = _body_start(lines)
    definitions = _definitions(lines, start)
    md = _markdown({ref: (url, None) for ref, url in definitions.values()})
    found: list[MdLink] = []
    by_line: dict[int, tuple[tuple[int, int, MdLink], ...]] = {}
    for idx, raw in outside_fences(lines, start):
        if ("[" in raw or "<" in raw) and idx not in definitions:  # _may_link, inlined: every line
            spans = by_line[idx + 1] = tuple(_spans(raw, idx + 1, md))
            found.extend(link for _, _, link in spans)
    return _FileLinks(tuple(found), None if definitions else by_line)


def read_links(text: str) -> tuple[MdLink, ...]:
    """Every link of a Markdown file, in line then column order of discovery."""
    return _read(text).links


def line_spans(text: str, line: int) -> list[tuple[int, int, MdLink]] | None:
    """`link_spans` of the 1-based line `line` of the Markdown file `text`, from what read_links
    read of it (each link's `line` is the file's line): no second reading. None when read_links
    did not read that line as link_spans reads a line on its own (a line of the front matter or a
    fence, or a file with reference definitions) or had nothing to read there (no '[' or '<'):
    then ask link_spans."""
    spans = _read(text).spans
    found = spans.get(line) if spans is not None else None
    return None if found is None else _outermost(found)


def links_in_text(text: str) -> tuple[MdLink, ...]:
    """The links of a fragment of inline Markdown (a heading, a table cell, a sentence)."""
    return tuple(link for _, _, link in _spans(text, 1, _markdown()))


def link_spans(text: str) -> list[tuple[int, int, MdLink]]:
    """(start, end, link) of the links of a fragment of inline Markdown, outermost only (an
    image inside a link's text is part of the link's span), in column order."""
    return _outermost(_spans(text, 1, _markdown()))


def _outermost(spans) -> list[tuple[int, int, MdLink]]:
    if len(spans) < 2:
        return list(spans)
    return [s for s in spans if not any(o[0] < s[0] and s[1] <= o[1] for o in spans)]


_MARKUP = re.compile(r"\*\*|__|\*|`|<[^>]+>")
_ATTR_LIST = re.compile(r"\{:?\s*[.#][^{}]*\}|\{:[^{}]*\}")
_PRIVATE = 0xE000
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+|^\s*>\s?")


@lru_cache(maxsize=65536)
def plain_text(text: str, *, list_marker: bool = False) -> str:
    """Inline Markdown as plain text: links become their text and images their alt text (read
    by `links_in_text`), emphasis and code marks, HTML tags and attr lists go, whitespace is
    collapsed. With `list_marker`, a leading list or quote marker goes too (a line of prose)."""
    if list_marker:
        text = _LIST_MARKER.sub("", text)
    # Escaped characters are private-use stand-ins until the end, so `\[x]` makes no link.
    data = _ESCAPE.sub(lambda m: chr(_PRIVATE + ord(m.group(0)[1])), text) if "\\" in text else text
    if _may_link(data):  # links and images: their text instead
        _markdown()  # no reference definitions: a reference is never a link here (nor consumes text)
        for name, processor in _processors()[:-1]:
            if name in _REFERENCES:
                continue
            start = 0
            masked = mask_code_spans(data) if "`" in data else data
            while (m := processor.compiled_re.search(masked, start)) is not None:
                element, begin, end = processor.handleMatch(m, data)
                if begin is None or end is None or element is None:
                    start = m.end()
                    continue
                inner = element.get("alt", "") if element.tag == "img" else (element.text or "")
                data = data[:begin] + inner + data[end:]
                masked = mask_code_spans(data) if "`" in data else data
                start = begin + len(inner)
    data = _MARKUP.sub("", _ATTR_LIST.sub("", data))
    data = _PRIVATE_CHAR.sub(lambda m: chr(ord(m.group(0)) - _PRIVATE), data)
    return " ".join(data.split())
