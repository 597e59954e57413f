"""sitedocs/html.py: the shared walk's readers (the 早見表's leading link, list items after a heading)."""

from __future__ import annotations

from sitedocs.html import ListItems, insert_at_headings, leading_element


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
