"""What a page's HTML tells the index, read before Material's search plugin indexes the page.

`prepare(html)` returns the HTML to index and `PageMarks`:
- boilerplate headings (目次) get `data-search-exclude`: Material's plugin then leaves their whole
  section out of the index;
- tables get `data-search-exclude` too, so the result previews (the section's `text`) are prose,
  not the cells of a table run together; their text is kept in `PageMarks.tables` and goes into
  an invisible field of the section, so the cells stay searchable;
- the ids of headings marked `.no-graph` (参考リンク, まとめ, 公式ドキュメント一覧) are listed, so the
  index can rank those sections below the ones that explain something.
Material's plugin removes every `data-search-*="…"` attribute from the page after indexing it, so
the published HTML does not change.
"""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass, field

from sitedocs.markdown import NO_GRAPH_CLASS

EXCLUDED_HEADINGS = frozenset({"目次"})  # sections that only list other sections
DEMOTED_CLASS = NO_GRAPH_CLASS
EXCLUDE_ATTR = 'data-search-exclude="search_ja"'  # a value: the plugin's clean-up regex needs one

_BLOCK = re.compile(r"<(h[1-6])(\s[^>]*)?>(.*?)</\1>|<table(\s[^>]*)?>(.*?)</table>", re.S)
_ID = re.compile(r"""\bid=["']([^"']*)["']""")
_CLASS = re.compile(r"""\bclass=["']([^"']*)["']""")
_HEADERLINK = re.compile(r'<a class="headerlink".*?</a>', re.S)
_CELL_END = re.compile(r"</t[dh]>", re.I)
_ROW_END = re.compile(r"</tr>", re.I)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


@dataclass
class PageMarks:
    excluded: list[str] = field(default_factory=list)  # heading ids whose sections are left out
    demoted: list[str] = field(default_factory=list)  # heading ids of boilerplate kept in the index
    tables: dict[str, list[str]] = field(default_factory=dict)  # section id ("" = page) → table texts


def text_of(fragment: str) -> str:
    return _SPACE.sub(" ", htmllib.unescape(_TAG.sub(" ", fragment))).strip()


def table_text(table_html: str) -> str:
    """Cells separated by " ｜ ", rows by " ／ " (plain text, for the invisible field)."""
    rows = []
    for row in _ROW_END.split(table_html):
        cells = [text_of(c) for c in _CELL_END.split(row)]
        cells = [c for c in cells if c]
        if cells:
            rows.append(" ｜ ".join(cells))
    return " ／ ".join(rows)


def prepare(page_html: str) -> tuple[str, PageMarks]:
    marks = PageMarks()
    section = ""  # id of the section being read ("" = the page's own, first section)
    out: list[str] = []
    pos = 0
    for m in _BLOCK.finditer(page_html):
        out.append(page_html[pos:m.start()])
        pos = m.end()
        if m.group(1):  # heading
            tag, attrs, inner = m.group(1), m.group(2) or "", m.group(3)
            id_match = _ID.search(attrs)
            if not id_match:
                out.append(m.group(0))
                continue
            section = "" if tag == "h1" else id_match.group(1)
            title = text_of(_HEADERLINK.sub("", inner))
            classes = (_CLASS.search(attrs).group(1).split() if _CLASS.search(attrs) else [])
            if title in EXCLUDED_HEADINGS and tag != "h1":
                marks.excluded.append(section)
                out.append(f"<{tag} {EXCLUDE_ATTR}{attrs}>{inner}</{tag}>")
                continue
            if DEMOTED_CLASS in classes and tag != "h1":
                marks.demoted.append(section)
            out.append(m.group(0))
        else:  # table
            text = table_text(m.group(5))
            if text:
                marks.tables.setdefault(section, []).append(text)
            out.append(f"<table {EXCLUDE_ATTR}{m.group(4) or ''}>{m.group(5)}</table>")
    out.append(page_html[pos:])
    return "".join(out), marks
