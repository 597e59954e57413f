"""Marks that need no emoji font: ✅ 🔧 📘 🔗 as inline-SVG badges with a text label.

Authors keep typing the emoji in Markdown (the 早見表 parser reads them there). On the rendered
HTML, `replace_marks` turns every one of them in a text node outside <code>, <pre>, <kbd>,
<samp>, <script>, <style>, <template>, <textarea> and <svg> into a badge: an inline SVG with
its own shape (so the marks differ in form, not only in colour) and a visible text label,
inside a `role="img"` element whose accessible name says what the mark means. Pure: no MkDocs, no logging.

API (for the hook, the 早見表 view and the concept map's legend):

    MARKS                   key -> Mark; keys DEFINE "define" (✅), USE "use" (🔧),
                            OFFICIAL "official" (📘), ARTICLE "article" (🔗)
    mark_for_emoji(text)    the Mark for "✅"/"✅\\uFE0F"/"🔧"/…, or None
    badge_html(key, *, label=True, extra_class="")
                            '<span class="cm-mark cm-mark--define" role="img" aria-label="定義（✅）"
                            title="定義：その層で定義される…"><svg …/><span class="cm-mark__text">
                            定義</span></span>'
                            label=False: the SVG only (still role="img" with the same name);
                            use in tight places (the 早見表's layer cells) next to a legend.
    svg_html(key)           the bare SVG (aria-hidden), e.g. for a legend swatch of your own
    legend_html(keys=(DEFINE, USE), *, css_class="cm-mark-legend")
                            '<ul class="cm-mark-legend" aria-label="記号の凡例"><li>{badge} その層で
                            定義される</li>…</ul>' — the meanings in MEANINGS, escaped
    replace_marks(html)     the page HTML with every mark replaced (idempotent: badges are
                            SVG + text, no emoji left to replace)
    MARK_CSS                the site path of the stylesheet that styles the badges

The styles live in docs/assets/stylesheets/marks.css (classes cm-mark, cm-mark--<key>,
cm-mark__svg, cm-mark__text, cm-mark--compact). Colours follow Material's light/dark schemes;
the shape and the label carry the meaning, the colour only repeats it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from typing import Final

from sitedocs.html import map_text

DEFINE: Final = "define"
USE: Final = "use"
OFFICIAL: Final = "official"
ARTICLE: Final = "article"
MARK_CSS: Final = "assets/stylesheets/marks.css"


@dataclass(frozen=True)
class Mark:
    key: str      # define / use / official / article
    emoji: str    # the character authors type (without U+FE0F)
    text: str     # the visible label: 定義, 利用, 公式, 記事
    name: str     # the accessible name: 定義（✅）, 利用（🔧）, 公式ドキュメント, 記事・論文
    meaning: str  # one line for legends
    shape: str    # SVG body in a 16×16 viewBox, drawn with currentColor


# Shapes: a filled disc with a check (define), a hollow diamond with a centre dot (use),
# a book (official documentation), two chain links (article / paper).
_SHAPES = {
    DEFINE: ('<circle cx="8" cy="8" r="7.5" fill="currentColor"/>'
             '<path d="M4.3 8.3l2.4 2.4 5-5.2" fill="none" stroke="#fff" stroke-width="2" '
             'stroke-linecap="round" stroke-linejoin="round"/>'),
    USE: ('<path d="M8 1.2L14.8 8 8 14.8 1.2 8z" fill="none" stroke="currentColor" '
          'stroke-width="1.8" stroke-linejoin="round"/><circle cx="8" cy="8" r="2.2" '
          'fill="currentColor"/>'),
    OFFICIAL: ('<path d="M2 2.5h4.2c1 0 1.8.8 1.8 1.8V14c0-.8-.7-1.4-1.5-1.4H2z'
               'M14 2.5H9.8c-1 0-1.8.8-1.8 1.8V14c0-.8.7-1.4 1.5-1.4H14z" fill="none" '
               'stroke="currentColor" stroke-width="1.5" stroke-linejoin="round"/>'),
    ARTICLE: ('<path d="M6.6 9.4a3 3 0 0 0 4.2 0l2.4-2.4a3 3 0 0 0-4.2-4.2l-1 1'
              'M9.4 6.6a3 3 0 0 0-4.2 0L2.8 9a3 3 0 0 0 4.2 4.2l1-1" fill="none" '
              'stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/>'),
}

MARKS: Final[dict[str, Mark]] = {
    DEFINE: Mark(DEFINE, "\u2705", "定義", "定義（✅）", "その層で定義される（その層の章で解説する）",
                 _SHAPES[DEFINE]),
    USE: Mark(USE, "\U0001F527", "利用", "利用（🔧）", "その層で使われる／影響する", _SHAPES[USE]),
    OFFICIAL: Mark(OFFICIAL, "\U0001F4D8", "公式", "公式ドキュメント", "公式ドキュメントへのリンク",
                   _SHAPES[OFFICIAL]),
    ARTICLE: Mark(ARTICLE, "\U0001F517", "記事", "記事・論文", "記事・論文・解説へのリンク",
                  _SHAPES[ARTICLE]),
}
_BY_EMOJI = {m.emoji: m for m in MARKS.values()}
# Each emoji, optionally followed by VARIATION SELECTOR-16 (✅ and ✅\uFE0F are the same mark).
EMOJI_RE: Final = re.compile("(" + "|".join(re.escape(e) for e in _BY_EMOJI) + ")\uFE0F?")

def mark_for_emoji(text: str) -> Mark | None:
    """The mark an emoji stands for ("✅", "✅\\uFE0F", "🔧", "📘", "🔗"), else None."""
    return _BY_EMOJI.get(text.strip().removesuffix("\uFE0F"))


def svg_html(key: str) -> str:
    """The mark's SVG alone, hidden from assistive technology (the caller names it)."""
    mark = MARKS[key]
    return ('<svg class="cm-mark__svg" viewBox="0 0 16 16" width="16" height="16" '
            f'aria-hidden="true" focusable="false">{mark.shape}</svg>')


def badge_html(key: str, *, label: bool = True, extra_class: str = "") -> str:
    """The badge for a mark: SVG (+ visible text label), one image with an accessible name."""
    mark = MARKS[key]
    classes = f"cm-mark cm-mark--{mark.key}" + ("" if label else " cm-mark--compact")
    if extra_class:
        classes += " " + escape(extra_class)
    text = f'<span class="cm-mark__text">{escape(mark.text)}</span>' if label else ""
    name, hint = escape(mark.name), escape(f"{mark.text}：{mark.meaning}")
    return (f'<span class="{classes}" role="img" aria-label="{name}" title="{hint}">'
            f"{svg_html(key)}{text}</span>")


def legend_html(keys: tuple[str, ...] = (DEFINE, USE), *, css_class: str = "cm-mark-legend") -> str:
    """A list that explains the marks: each badge followed by its meaning."""
    items = "".join(f"<li>{badge_html(k)} {escape(MARKS[k].meaning)}</li>" for k in keys)
    return f'<ul class="{escape(css_class)}" aria-label="記号の凡例">{items}</ul>'


def replace_text(text: str) -> str:
    """Replace the marks in one HTML text node (already HTML, so it is not escaped again)."""
    return EMOJI_RE.sub(lambda m: badge_html(_BY_EMOJI[m.group(1)].key), text)


def replace_marks(html: str) -> str:
    """Replace ✅ 🔧 📘 🔗 in the text of rendered HTML, leaving code, scripts, SVG and every
    attribute value alone."""
    if not EMOJI_RE.search(html):
        return html
    return map_text(html, replace_text)
