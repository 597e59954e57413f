"""sitedocs/html.py: the shared walk's readers (the 早見表's leading link, list items after a heading)."""

from __future__ import annotations

import json
from html import unescape

import pytest

from sitedocs.html import ListItems, astral_json, astral_refs, insert_at_headings, leading_element


def test_leading_element_reads_the_link_a_cell_starts_with() -> None:
    link = leading_element('  <a href="l.md#a&amp;b" title=\'t\'>Lo<b>R</b>A</a> 注', "a")
    assert link is not None and link.inner == "Lo<b>R</b>A"
    assert link.attrs == {"href": "l.md#a&b", "title": "t"}
    assert leading_element('注 <a href="#x">x</a>', "a") is None  # text first
    assert leading_element("<b>x</b>", "a") is None
    assert leading_element('<a href="#x">never closed', "a") is None


def test_list_items_go_into_the_lists_own_items_only() -> None:
    html = ('<h2 id="s">S</h2><p>p</p><ol><li>a<ol><li>a1</li></ol></li><li class="x">b<ul><li>b1</li></ul></li>'
            '</ol><ol><li>other</li></ol>')
    out = insert_at_headings(html, lists={"s": ListItems(["[1]", "[2]"], ["(1)", "(2)"], "<hr>")})
    assert out == ('<h2 id="s">S</h2><p>p</p><ol><li>[1]a<ol><li>a1</li></ol>(1)</li><li class="x">[2]b<ul><li>b1</li>'
                   '</ul>(2)</li></ol><hr><ol><li>other</li></ol>')
    assert insert_at_headings(html, lists={"t": ListItems(["[1]"])}) == html


@pytest.mark.parametrize("text", ["利用（🔧）", "📘 🔗 😀 𠮷野家", "plain ✅ text", "", "a&#x1F527;b"])
def test_astral_characters_become_references_of_the_same_text(text: str) -> None:
    refs = astral_refs(text)
    assert max(map(ord, refs), default=0) <= 0xFFFF
    assert unescape(refs) == unescape(text)  # a browser reads the same characters
    assert refs == text or "&#x" in refs
    as_json = json.dumps({"t": text}, ensure_ascii=False)
    escaped = astral_json(as_json)
    assert max(map(ord, escaped)) <= 0xFFFF and json.loads(escaped) == {"t": text}
    # each pair spelled as json.dumps' ensure_ascii spells it
    for ch in set(text):
        if ord(ch) > 0xFFFF:
            assert json.dumps(ch)[1:-1] in escaped
