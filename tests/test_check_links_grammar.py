"""One link grammar (#21): the graph and the link checker read the same links from tricky
Markdown, and they are the links Python-Markdown renders with the site's own extensions."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from graph.markdown import read_page
from graph.quickref import leading_link, parse_quick_reference
from linkaudit.sources import scan_file
from sitedocs.links import plain_text, read_links

ROOT = Path(__file__).resolve().parent.parent

TRICKY = """---
title: tricky
---
# Tricky [links](heading.md)

An inline link with a title [a](inline.md "Title") and 'single' [b](single.md 'T').
Nested parentheses [wiki](https://en.example.org/wiki/Foo_(bar)_(baz)) stay whole.
Angle brackets [spaced](<with space.md>) and [angled](<angled.md#part>).
Reference links: [full][Ref-One], [collapsed][], [Shortcut] and [case][REF-ONE].
An autolink <https://auto.example/path?q=1&x=2> and an image ![alt](pic.png "t").
An image inside a link [![badge](badge.svg)](badge-target.md).
Escaped \\[not a link](escaped.md) and a footnote[^1] are no links.
Code `[in code](code-span.md)` and ``[double `tick`](code-span2.md)`` are no links.
Raw HTML <a href="raw.md#x">raw</a> is rendered as written.

| Term | Where |
|--|--|
| [cell](table.md#row) | [second](table2.md) and `[code](table-code.md)` |

```text
[fenced](fenced.md) <https://fenced.example/>
```

~~~~
[tilde fenced](tilde.md)
~~~~

[Ref-One]: https://ref.example/one "Ref title"
[collapsed]: <collapsed.md>
[shortcut]: shortcut.md
[unused]: unused.md
[^1]: A footnote with [a link](footnote-link.md).
"""

MARKDOWN_LINKS = {"heading.md", "inline.md", "single.md", "https://en.example.org/wiki/Foo_(bar)_(baz)",
                  "with space.md", "angled.md#part", "https://ref.example/one", "collapsed.md",
                  "shortcut.md", "https://auto.example/path?q=1&x=2", "badge-target.md", "table.md#row",
                  "table2.md", "footnote-link.md"}
IMAGES_AND_HTML = {"pic.png", "badge.svg", "raw.md#x"}


@pytest.fixture()
def tricky(tmp_path: Path) -> Path:
    path = tmp_path / "tricky.md"
    path.write_text(TRICKY, encoding="utf-8")
    return path


def test_the_graph_and_the_checker_read_the_same_links(tricky: Path) -> None:
    page, problems = read_page("tricky.md", tricky.read_text(encoding="utf-8"))
    graph = {link.target for link in page.links}
    checker = {link.target for link in scan_file(tricky, "tricky.md")}
    assert problems == []
    assert graph == MARKDOWN_LINKS
    assert checker == MARKDOWN_LINKS | IMAGES_AND_HTML


def test_each_link_is_at_its_line(tricky: Path) -> None:
    lines = TRICKY.split("\n")
    for link in read_links(TRICKY):
        written = lines[link.line - 1]
        assert link.target.split("#")[0].split("/")[-1].split("?")[0] in written or "][" in written \
            or f"[{link.text}]" in written, (link, written)
    refs = [link.line for link in read_links(TRICKY) if link.target == "https://ref.example/one"]
    assert refs == [9, 9]  # where [full][Ref-One] and [case][REF-ONE] are used


class _Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if "headerlink" in (values.get("class") or "") or "footnote" in (values.get("class") or ""):
            return  # the toc permalink and the footnote back/forth links are the extensions' own
        for name in ("href", "src"):
            if values.get(name) is not None:
                self.found.add(str(values[name]))


def test_the_links_are_those_python_markdown_renders_with_the_site_extensions() -> None:
    from mkdocs.utils.yaml import yaml_load  # MkDocs' own reading of mkdocs.yml (its !!python tags)

    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as handle:
        listed = yaml_load(handle)["markdown_extensions"]
    names = [e if isinstance(e, str) else next(iter(e)) for e in listed]
    configs = {next(iter(e)): next(iter(e.values())) or {} for e in listed if isinstance(e, dict)}
    md = markdown.Markdown(extensions=names, extension_configs=configs)
    parser = _Hrefs()
    parser.feed(md.convert(TRICKY.split("---\n", 2)[2]))
    # Not the extensions' own links: footnote back-links, line-number anchors of code blocks.
    rendered = {h for h in parser.found if not h.startswith(("#fn", "#__codelineno"))}
    assert rendered == MARKDOWN_LINKS | IMAGES_AND_HTML


def test_one_plain_text() -> None:
    assert plain_text("**Bold** [link](x.md) `code` <span>html</span> ![alt](p.png) {: .cls }") == \
        "Bold link code html alt"
    assert plain_text("- [item](x.md) \\[kept]", list_marker=True) == "item [kept]"
    assert plain_text("1. Heading text") == "1. Heading text"  # a heading keeps its number


QUICKREF = """# 早見表

## 技術・概念

| 技術/概念 | 第1層 | 第2層A | 第2層B | 第3層 | 第4層 | 第5層 | 備考 |
|--|--|--|--|--|--|--|--|
| [LoRA (低ランク適応)](<layers/01 llm.md#lora> "LoRA の節") | ✅ | - | - | - | - | - | タイトルと山括弧 |
| [Foo (bar)](layers/wiki_(x)_(y).md#foo 'T')（補足） | ✅ | 🔧 | - | - | - | - | 入れ子の丸括弧 |
| [**Bold** [nested]](layers/b.md#bold) | - | - | - | ✅ | - | - | 入れ子の角括弧 |
"""


def test_a_quick_reference_row_links_where_the_graph_and_the_checker_read(tmp_path: Path) -> None:
    """The 早見表 parser reads a label cell's link with the same grammar (graph/quickref.py
    leading_link): a title, angle brackets and nested parentheses or brackets give the target
    the graph and the checker read, and the label is the link's text."""
    rows, problems = parse_quick_reference("quick-reference.md", QUICKREF)
    assert problems == []
    assert [(r.label, r.target) for r in rows] == [
        ("LoRA (低ランク適応)", "layers/01 llm.md#lora"),
        ("Foo (bar)", "layers/wiki_(x)_(y).md#foo"),
        ("Bold [nested]", "layers/b.md#bold"),
    ]
    path = tmp_path / "quick-reference.md"
    path.write_text(QUICKREF, encoding="utf-8")
    page, _ = read_page("quick-reference.md", QUICKREF)
    assert {link.target for link in page.links} == {r.target for r in rows}
    assert {link.target for link in scan_file(path, "quick-reference.md")} == {r.target for r in rows}
    assert leading_link("text before [a](a.md)") is None and leading_link("<https://x.example/>") is None
