"""sitedocs/links.py reads each line once and skips work that cannot find anything (#21): its
results must be those of the straightforward reading kept here (every processor on every line
through the registry, code spans masked on every search, each link's line read again on its own).
Every test fails when the two differ on tricky Markdown."""

from __future__ import annotations

import html
import re

import pytest

from sitedocs import links
from sitedocs.links import (
    AUTOLINK,
    HTML,
    IMAGE,
    LINK,
    MdLink,
    line_spans,
    link_spans,
    links_in_text,
    plain_text,
    read_links,
)
from sitedocs.markdown import mask_code_spans, outside_fences

# ---- the straightforward reading (sitedocs/links.py before the #21 rewrite) ----------------------


def _scan_at(text: str, line: int, md, out: list, offset: int) -> None:
    data = links._ESCAPE.sub(lambda m: links._FILL * 2, mask_code_spans(text))
    for name in links._PROCESSORS:
        processor = md.inlinePatterns[name]
        start = 0
        while (m := processor.compiled_re.search(data, start)) is not None:
            if name == "html":
                out.extend((offset + m.start(), offset + m.end(), MdLink(
                    html.unescape(next(v for v in a.group(2, 3, 4) if v is not None)), "", line, HTML))
                    for a in links._HTML_ATTR.finditer(m.group(0)))
                element, begin, end = None, m.start(), m.end()
            else:
                element, begin, end = processor.handleMatch(m, data)
            if begin is None or end is None:
                start = m.end()
                continue
            if element is not None:
                _record(element, name, line, md, out, offset + begin, offset + end)
            data = data[:begin] + links._FILL * (end - begin) + data[end:]
            start = end


def _record(element, name: str, line: int, md, out: list, at: int, end: int) -> None:
    if element.tag == "img":
        out.append((at, end, MdLink(html.unescape(element.get("src", "")), element.get("alt", ""), line, IMAGE)))
        return
    target = html.unescape(element.get("href", ""))
    inner = element.text or ""
    out.append((at, end, MdLink(target, inner if name != "autolink" else "", line,
                                AUTOLINK if name == "autolink" else LINK)))
    if name != "autolink" and "[" in inner:
        _scan_at(inner, line, md, out, at + 1)


def _spans(text: str, line: int, md) -> list:
    found: list = []
    _scan_at(text, line, md, found, 0)
    return sorted(found, key=lambda item: item[0])


def slow_read_links(text: str) -> tuple[MdLink, ...]:
    lines = text.split("\n")
    start = links._body_start(lines)
    definitions = links._definitions(lines, start)
    md = links._markdown({ref: (url, None) for ref, url in definitions.values()})
    found: list[MdLink] = []
    for idx, raw in outside_fences(lines, start):
        if idx not in definitions and links._may_link(raw):
            found.extend(link for _, _, link in _spans(raw, idx + 1, md))
    return tuple(found)


def slow_link_spans(text: str) -> list:
    spans = _spans(text, 1, links._markdown())
    return [s for s in spans if not any(o[0] < s[0] and s[1] <= o[1] for o in spans)]


def slow_plain_text(text: str, *, list_marker: bool = False) -> str:
    if list_marker:
        text = links._LIST_MARKER.sub("", text)
    data = links._ESCAPE.sub(lambda m: chr(links._PRIVATE + ord(m.group(0)[1])), text)
    md = links._markdown()
    for name in links._PROCESSORS[:-1] if links._may_link(data) else ():
        processor = md.inlinePatterns[name]
        start = 0
        while (m := processor.compiled_re.search(mask_code_spans(data), start)) is not None:
            element, begin, end = processor.handleMatch(m, data)
            if begin is None or end is None or element is None:
                start = m.end()
                continue
            inner = element.get("alt", "") if element.tag == "img" else (element.text or "")
            data = data[:begin] + inner + data[end:]
            start = begin + len(inner)
    data = links._MARKUP.sub("", links._ATTR_LIST.sub("", data))
    data = re.sub("[\ue000-\ue07f]", lambda m: chr(ord(m.group(0)) - links._PRIVATE), data)
    return " ".join(data.split())


# ---- tricky lines ------------------------------------------------------------------------------

LINES = [
    "An inline link with a title [a](inline.md \"Title\") and 'single' [b](single.md 'T').",
    "Nested parentheses [wiki](https://en.example.org/wiki/Foo_(bar)_(baz)) stay whole.",
    "Angle brackets [spaced](<with space.md>) and [angled](<angled.md#part>).",
    "Reference links: [full][Ref-One], [collapsed][], [Shortcut] and [case][REF-ONE].",
    "Undefined [a][nope](after.md) then [b] [c](spaced.md) and [d]\t[e](tab.md) and [f]\u3000[g](ideo.md)",
    "[x][y] [z](z.md) ![i][j](img.png) ![k](k.png)[l](l.md)",
    "An autolink <https://auto.example/path?q=1&x=2> and an image ![alt](pic.png \"t\").",
    "An image inside a link [![badge](badge.svg)](badge-target.md) and [[inner](i.md)](outer.md).",
    "Escaped \\[not a link](escaped.md) and \\\\[a link](after-backslash.md) and a footnote[^1].",
    "Code `[in code](code-span.md)` and ``[double `tick`](code-span2.md)`` and `x`[after](code.md).",
    "Raw HTML <a href=\"raw.md#x\">raw</a> and <img src='pic.png'> and [<https://in.example>] and [<b>x</b>](b.md)",
    "| [cell](table.md#row) | [second](table2.md) and `[code](table-code.md)` |",
    "[[a]](u.md)[b] and [[c]](v.md) [d] and ![[e]](w.png)[f]",
    "Unclosed [bracket and (paren](x.md and [ok](ok.md)",
    "**Bold** [link](x.md) `code` <span>html</span> ![alt](p.png) {: .cls } &amp; [amp](a&amp;b.md)",
    "- [item](x.md) \\[kept] \\` not code` [again](again.md)",
    "1. Heading text [§](#anchor) {#id .no-graph}",
    "ただの文。リンクはない。",
    "",
    "[]() [](empty.md) [text]() ![]() <> <https://>",
    "[a]\\[b] [c\\]](d.md) [e](f.md \"t\\\"q\")",
    "\ue001 private [x](y.md) \\*",
]

DEFINITIONS = "\n\n[Ref-One]: https://ref.example/one \"Ref title\"\n[collapsed]: <collapsed.md>\n" \
              "[shortcut]: shortcut.md\n[j]: j.png\n[b]: b-ref.md\n"


@pytest.mark.parametrize("line", LINES)
def test_link_spans_are_the_straightforward_ones(line: str) -> None:
    assert link_spans(line) == slow_link_spans(line)
    assert links_in_text(line) == tuple(link for _, _, link in _spans(line, 1, links._markdown()))


@pytest.mark.parametrize("line", LINES)
def test_plain_text_is_the_straightforward_one(line: str) -> None:
    for marker in (False, True):
        assert plain_text.__wrapped__(line, list_marker=marker) == slow_plain_text(line, list_marker=marker)


@pytest.mark.parametrize("definitions", ["", DEFINITIONS])
def test_read_links_is_the_straightforward_reading(definitions: str) -> None:
    text = "---\ntitle: t [fm](fm.md)\n---\n" + "\n".join(LINES) + "\n```\n[fenced](f.md)\n```\n" + definitions
    assert read_links(text) == slow_read_links(text)
    assert len(read_links(text)) > 30  # the lines do hold links


def test_line_spans_are_link_spans_of_the_line() -> None:
    """Each line's spans from the file reading are link_spans of the line alone (the link's line
    aside); None where the file reading does not read the line alone: the front matter, fences
    and every line of a file with reference definitions, and a line without '[' or '<' (where
    link_spans finds nothing)."""
    text = "---\ntitle: t [fm](fm.md)\n---\n" + "\n".join(LINES) + "\n```\n[fenced](f.md)\n```\n"
    lines = text.split("\n")
    answered = 0
    for number, raw in enumerate(lines, start=1):
        got = line_spans(text, number)
        if number <= 3 or len(lines) - 3 <= number < len(lines):  # the front matter, the fence
            assert got is None, number
            continue
        if "[" not in raw and "<" not in raw:
            assert got is None and slow_link_spans(raw) == [], number
            continue
        assert got is not None, number
        assert [(s, e, lk.target, lk.text, lk.kind) for s, e, lk in got] == \
            [(s, e, lk.target, lk.text, lk.kind) for s, e, lk in slow_link_spans(raw)], raw
        assert all(lk.line == number for _, _, lk in got)
        answered += bool(got)
    assert answered > 15
    with_refs = text + DEFINITIONS
    assert all(line_spans(with_refs, n) is None for n in range(1, len(with_refs.split("\n")) + 1))


SENTENCES = """---
title: t
---
# 見出し [A](a.md)

前の文。**要点**は[A の節](a.md#x)で説明する。次の文は[B](b.md)へ。
[A](a.md) と [A の別の節](./a.md#y) と [C](../layers/c.md)。
最初の行で[リンク](a.md)が
次の行で終わる。
| 行 | 詳しくは[ここ](a.md#x) | [B](b.md) |
- 項目 [B](b.md "t") と ![図](a.md) と <a href="a.md">生</a>
`[コード](a.md)` と \\[a](a.md) と [本物](a.md)

```
[囲み](a.md)
```
"""


@pytest.mark.parametrize("definitions", ["", "\n[r]: a.md\n"])
def test_link_sentence_reads_the_line_once_with_the_same_result(definitions: str, monkeypatch) -> None:
    """関連する層's sentence of a link from the file's reading (line_spans) is the sentence from
    reading the line again (link_spans), for every line and target."""
    import graph.related as related

    text = SENTENCES + definitions
    targets = ["layers/a.md", "layers/b.md", "layers/c.md", "layers/z.md"]
    lines = range(0, len(text.split("\n")) + 2)
    fast = [related.link_sentence(text, n, t, "layers/p.md") for n in lines for t in targets]
    monkeypatch.setattr(related, "line_spans", lambda source, line: None)
    slow = [related.link_sentence(text, n, t, "layers/p.md") for n in lines for t in targets]
    assert fast == slow
    assert sum(bool(s) for s in fast) > 8


def slow_outside_fences(lines: list[str], start: int = 0):
    fence = None
    for idx in range(start, len(lines)):
        raw = lines[idx]
        m = re.match(r"^\s*(`{3,}|~{3,})", raw)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(1)
            continue
        yield idx, raw


FENCED = ["a", "```", "in", "```", "b", "  ~~~~ x", "~~~", "still in", "~~~~", "c", "````", "```", "````", "d",
          "inline ``` not a fence", "~~~", "unclosed", "[x]: y.md", "[^1]: note", " [z]:z.md", "[w] : w.md"]


@pytest.mark.parametrize("cut", range(len(FENCED) + 1))
def test_outside_fences_is_the_straightforward_walk(cut: int) -> None:
    """With and without fence lines (the walk is skipped where no line has ``` or ~~~), from
    every start."""
    from sitedocs.markdown import outside_fences

    for lines in (FENCED[:cut], FENCED[cut:], [raw for raw in FENCED if "`" not in raw and "~" not in raw]):
        for start in range(len(lines) + 1):
            assert list(outside_fences(lines, start)) == list(slow_outside_fences(lines, start))


def test_definitions_are_found_where_they_are() -> None:
    """_definitions skips a file without "]:" (and each line without it): the same definitions."""
    def slow(lines: list[str], start: int) -> dict:
        found = {}
        for idx, raw in slow_outside_fences(lines, start):
            m = links._DEFINITION.match(raw)
            if m and not m.group(1).startswith("^"):
                found[idx] = (m.group(1).strip().lower(), m.group(2).lstrip("<").rstrip(">"))
        return found

    for lines in (FENCED, DEFINITIONS.split("\n"), LINES, ["[a]:b.md"], ["[a]:", "  b.md"]):
        for start in (0, 1):
            assert links._definitions(lines, start) == slow(lines, start)
    assert len(links._definitions(DEFINITIONS.split("\n"), 0)) == 5
