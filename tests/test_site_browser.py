"""The real site in Debian's Chromium: home page, Japanese search, dark mode, no outside requests."""

from __future__ import annotations

import re

import pytest

from conftest import external_requests

pytestmark = pytest.mark.browser


def test_home_page_loads_cleanly(page_tracker, real_site_url: str) -> None:
    page = page_tracker
    page.goto(real_site_url, wait_until="networkidle")
    assert page.title().startswith("AIエージェント概念マップ")
    assert page.locator(".cm-stack a").count() == 5
    assert page.console_errors == []
    assert len(page.requests) > 3
    assert external_requests(page.requests) == []


def test_japanese_search_finds_the_layer1_chapter(page_tracker, real_site_url: str) -> None:
    page = page_tracker
    page.goto(real_site_url, wait_until="networkidle")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").fill("ファインチューニング")
    # Material searches on keyup; an IME commits Japanese text with a key press, fill() sends none.
    page.keyboard.press("End")
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=15000)
    hrefs = results.evaluate_all("els => els.map(e => e.href)")
    assert any("/layers/01-llm/" in h for h in hrefs), hrefs
    assert external_requests(page.requests) == []


def luminance(css: str) -> float:
    """WCAG relative luminance of a CSS rgb()/rgba() colour."""
    r, g, b = (int(float(v)) / 255 for v in re.findall(r"[\d.]+", css)[:3])
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_palette_toggle_switches_to_dark(page_tracker, real_site_url: str) -> None:
    page = page_tracker
    page.emulate_media(color_scheme="light")
    page.goto(real_site_url, wait_until="networkidle")
    body = page.locator("body")
    scheme = body.get_attribute("data-md-color-scheme")
    for _ in range(3):  # auto → light → dark (the order of the palette list)
        if scheme == "slate":
            break
        page.locator("form[data-md-component=palette] label:visible").first.click()
        scheme = body.get_attribute("data-md-color-scheme")
    assert scheme == "slate"
    colours = page.evaluate("""() => [getComputedStyle(document.body).backgroundColor,
        getComputedStyle(document.body).color]""")
    bg, fg = (luminance(c) for c in colours)
    assert bg < 0.05 and fg > 0.4, colours  # a dark page with light text, not just "not white"
    assert (fg + 0.05) / (bg + 0.05) >= 4.5, colours  # and the body text is readable on it
