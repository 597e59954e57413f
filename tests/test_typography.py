"""Line breaks between Japanese characters do not become spaces; everything else is kept."""

from __future__ import annotations

import pytest

from sitedocs.typography import join_cjk_lines


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>知識グラフである。\n上から第5層</p>", "<p>知識グラフである。上から第5層</p>"),
        ("<p>使う。\n  Enter で開く</p>", "<p>使う。Enter で開く</p>"),
        ("<p>the MCP\nspec</p>", "<p>the MCP\nspec</p>"),  # Latin on both sides: a space
        ("<p>層\n<a href='x'>リンク</a>\nを開く</p>", "<p>層<a href='x'>リンク</a>を開く</p>"),
        ("<p>see\n<a href='x'>MCP</a>\nspec</p>", "<p>see\n<a href='x'>MCP</a>\nspec</p>"),
        ("<pre><code>行1\n行2</code></pre>", "<pre><code>行1\n行2</code></pre>"),
        ("<p>前\n<code>a\nb</code>\n後</p>", "<p>前<code>a\nb</code>後</p>"),  # code itself untouched
        ("<p>한국어\n문장</p>", "<p>한국어\n문장</p>"),  # Hangul uses spaces between words
        ("<!-- 注\n記 -->", "<!-- 注\n記 -->"),
    ],
)
def test_join_cjk_lines(html: str, expected: str) -> None:
    assert join_cjk_lines(html) == expected


@pytest.mark.parametrize("html", [
    "<p>日本語の文。</p>\n<ul>\n<li>項目</li>\n</ul>",  # breaks only next to markup and ASCII
    "<p>日本語の\n文。</p>",  # a break between wide characters: joined
    "<p>英語 text\nと日本語</p>",
    "<p>A\n<a href='x'>リンク</a></p>",
    "<pre><code>コード\nそのまま</code></pre>\n<p>ok</p>",
    "<p>mark ✅ here</p>\n",
    "<p>plain\nascii</p>",
    "<p>全角　\n　空白</p>",
])
def test_content_pass_skips_only_pages_it_would_not_change(html: str) -> None:
    """content_html returns a page without a mark and without a line break next to a character
    outside ASCII untouched, without walking it; it must be what the walk gives."""
    from sitedocs.a11y import fix_html
    from sitedocs.html import rewrite
    from views.page import _text_pass, content_html

    walked = fix_html(rewrite(html, text=_text_pass("✅" in html)))
    assert content_html(html) == walked
