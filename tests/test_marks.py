"""graph/marks.py: ✅ 🔧 📘 🔗 become inline-SVG badges with their own shape, a text label and an
accessible name, in text only (never in code, scripts, templates, SVG or attribute values)."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pytest

from views.marks import (
    ARTICLE,
    DEFINE,
    MARKS,
    OFFICIAL,
    USE,
    badge_html,
    legend_html,
    mark_for_emoji,
    replace_marks,
    svg_html,
)

NAMES = {DEFINE: "定義（✅）", USE: "利用（🔧）", OFFICIAL: "公式ドキュメント", ARTICLE: "記事・論文"}
TEXTS = {DEFINE: "定義", USE: "利用", OFFICIAL: "公式", ARTICLE: "記事"}


def badges(html: str) -> list[str]:
    """The mark keys of the badges in html, in order."""
    return re.findall(r'class="cm-mark cm-mark--(\w+)', html)


def visible_text(html: str) -> str:
    """Text outside tags, with attribute values dropped."""
    return re.sub(r"<[^>]+>", "", html)


@pytest.mark.parametrize(("emoji", "key"), [
    ("✅", DEFINE), ("✅\ufe0f", DEFINE), (" ✅ ", DEFINE), ("🔧", USE), ("🔧\ufe0f", USE),
    ("📘", OFFICIAL), ("🔗", ARTICLE), ("-", None), ("", None), ("✔", None), ("☑️", None),
])
def test_mark_for_emoji(emoji, key):
    mark = mark_for_emoji(emoji)
    assert (mark.key if mark else None) == key


def aria_labels(html: str) -> list[str]:
    """The accessible names in html, as a browser reads them (character references decoded)."""
    return [unescape(v) for v in re.findall(r'aria-label="([^"]*)"', html)]


@pytest.mark.parametrize("key", [DEFINE, USE, OFFICIAL, ARTICLE])
def test_badge_has_shape_label_and_name(key):
    html = badge_html(key)
    assert NAMES[key] in aria_labels(html)
    # an emoji of the name is a character reference: the page stays 2 bytes a character (ASTRAL)
    assert max(map(ord, html)) <= 0xFFFF
    assert 'role="img"' in html
    assert f'<span class="cm-mark__text">{TEXTS[key]}</span>' in html
    assert '<svg class="cm-mark__svg"' in html and 'aria-hidden="true"' in html
    assert MARKS[key].symbol not in visible_text(html)  # no emoji font needed to read it


def test_compact_badge_keeps_name_drops_text():
    html = badge_html(USE, label=False)
    assert aria_labels(html) == ["利用（🔧）"] and "cm-mark--compact" in html
    assert "cm-mark__text" not in html


def test_each_mark_has_its_own_shape():
    shapes = {key: svg_html(key) for key in MARKS}
    assert len(set(shapes.values())) == len(MARKS)
    names = {MARKS[k].name for k in MARKS}
    assert len(names) == len(MARKS)


def test_legend_lists_badge_and_meaning():
    html = legend_html((DEFINE, USE))
    assert badges(html) == [DEFINE, USE]
    assert "その層で定義される" in html and "その層で使われる／影響する" in html


@pytest.mark.parametrize(("html", "expected", "kept"), [
    ("<p>✅ と 🔧</p>", [DEFINE, USE], []),
    ("<p>✅\ufe0f</p>", [DEFINE], []),
    ("<li>📘 <a href='x'>docs</a> 🔗 <a>paper</a></li>", [OFFICIAL, ARTICLE], []),
    ("<td style='text-align: center;'>🔧</td>", [USE], []),
    ("<p><code>✅</code> ✅</p>", [DEFINE], ["<code>✅</code>"]),
    ("<pre><code>🔧 x\n✅</code></pre>", [], ["<pre><code>🔧 x\n✅</code></pre>"]),
    ("<p title=\"✅ 🔧\">-</p>", [], ['title="✅ 🔧"']),
    ("<script>var a = '✅';</script>✅", [DEFINE], ["var a = '✅';"]),
    ("<template class='d'>{\"a\":\"✅\"}</template>", [], ["{\"a\":\"✅\"}"]),
    ("<p>a > b ✅</p>", [DEFINE], []),
    ("<a data-x='a>b ✅'>🔧</a>", [USE], ["data-x='a>b ✅'"]),
    ("<!-- ✅ --><kbd>🔧</kbd>", [], ["<!-- ✅ -->", "<kbd>🔧</kbd>"]),
    ("<p>plain</p>", [], ["<p>plain</p>"]),
])
def test_replace_marks(html, expected, kept):
    out = replace_marks(html)
    assert badges(out) == expected
    for fragment in kept:
        assert fragment in out


def test_replace_marks_is_idempotent():
    once = replace_marks("<p>✅ 🔧 📘 🔗</p>")
    assert replace_marks(once) == once


def test_replace_marks_output_parses():
    class Counter(HTMLParser):
        def __init__(self):
            super().__init__()
            self.depth = 0

        def handle_starttag(self, tag, attrs):
            self.depth += tag not in ("circle", "path")

        def handle_endtag(self, tag):
            self.depth -= tag not in ("circle", "path")

    counter = Counter()
    counter.feed(replace_marks("<p>✅ x <b>🔧</b></p>"))
    assert counter.depth == 0
