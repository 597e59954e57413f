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

The marks themselves (symbol, label, meaning, shape, colours) are declared in graph/vocabulary.py.
The styles live in docs/assets/stylesheets/marks.css (classes cm-mark, cm-mark--<key>,
cm-mark__svg, cm-mark__text, cm-mark--compact) with the colours as custom properties from the
generated vocabulary.css; the shape and the label carry the meaning, the colour only repeats it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape
from typing import Final

from graph.vocabulary import ARTICLE, DEFINE, MARKS, OFFICIAL, OUTPUTS, USE, Mark
from sitedocs.html import astral_refs, map_text

__all__ = ["ARTICLE", "DEFINE", "EMOJI_RE", "MARKS", "MARK_CSS", "OFFICIAL", "USE", "Mark", "badge_html",
           "legend_html", "mark_for_emoji", "replace_marks", "replace_text", "svg_html"]
MARK_CSS: Final = OUTPUTS.marks_css
_BY_EMOJI = {m.symbol: m for m in MARKS.values()}
# Each emoji, optionally followed by VARIATION SELECTOR-16 (✅ and ✅\uFE0F are the same mark).
EMOJI_RE: Final = re.compile("(" + "|".join(re.escape(e) for e in _BY_EMOJI) + ")\uFE0F?")

def mark_for_emoji(text: str) -> Mark | None:
    """The mark an emoji stands for ("✅", "✅\\uFE0F", "🔧", "📘", "🔗"), else None."""
    return _BY_EMOJI.get(text.strip().removesuffix("\uFE0F"))


def svg_html(key: str) -> str:
    """The mark's SVG alone, hidden from assistive technology (the caller names it)."""
    return MARKS[key].svg


@lru_cache(maxsize=64)  # the same few badges on every page: each is written once per process
def badge_html(key: str, *, label: bool = True, extra_class: str = "") -> str:
    """The badge for a mark: SVG (+ visible text label), one image with an accessible name."""
    mark = MARKS[key]
    classes = f"cm-mark cm-mark--{mark.key}" + ("" if label else " cm-mark--compact")
    if extra_class:
        classes += " " + escape(extra_class)
    text = f'<span class="cm-mark__text">{escape(mark.text)}</span>' if label else ""
    # the emoji in a name as a reference: a page the site builds stays 2 bytes a character (ASTRAL)
    name, hint = astral_refs(escape(mark.name)), astral_refs(escape(f"{mark.text}：{mark.meaning}"))
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
