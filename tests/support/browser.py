"""Debian's Chromium as the tests and the benchmarks launch it (through Playwright)."""

from __future__ import annotations

import shutil
import subprocess

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# A Japanese font (Debian package; .ci/run installs it on a machine that has none): the browser
# tests measure Japanese text laid out by Chromium (a diagram's layout for its column, label
# sizes), which without one is drawn in fallback boxes of another width.
JAPANESE_FONT_PACKAGE = "fonts-ipafont-gothic"


def japanese_fonts(fc_list_output: str) -> list[str]:
    """The font families in the output of `fc-list :lang=ja family` (one line per font)."""
    return [line.strip() for line in fc_list_output.splitlines() if line.strip()]


def missing_japanese_font() -> str | None:
    """Why Chromium has no Japanese font here (fontconfig finds none), or None when it has one or
    when fontconfig's `fc-list` is not there to ask."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    found = subprocess.run([fc_list, ":lang=ja", "family"], capture_output=True, text=True, check=False)
    if japanese_fonts(found.stdout):
        return None
    return f"no Japanese font (fc-list :lang=ja is empty): apt-get install {JAPANESE_FONT_PACKAGE}"


def launch(playwright, extra_args: list[str] | None = None):
    """Launch Debian's Chromium with the flags this machine needs (no background networking)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *(extra_args or [])])


def inject(page, source: str, kind: str = "script") -> None:
    """Add a test's own script or stylesheet to the page as a same-origin file (routed, never
    written into the site), so the page's Content-Security-Policy ('self' only, no inline code)
    lets it run as it lets the site's own files run: nothing is bypassed."""
    from urllib.parse import urljoin

    name = f"/__test-{abs(hash(source)) % 10**8}.{'js' if kind == 'script' else 'css'}"
    url = urljoin(page.url, name)
    mime = "text/javascript" if kind == "script" else "text/css"
    page.route(url, lambda route: route.fulfill(body=source, content_type=mime))
    if kind == "script":
        page.add_script_tag(url=url)
    else:
        page.add_style_tag(url=url)


def settled_history(page, timeout: float = 10.0) -> None:
    """Wait until the browser's own history has the entry the page last pushed as its current one.

    A pushState() reaches the browser process a round trip later; Playwright's go_back() reads
    that history and goes one before its current entry, so a Back right after a push could skip
    the pushed entry and land two back (seen once in CI: a walk's Back from step 3 went to 3)."""
    import time

    session = page.context.new_cdp_session(page)
    try:
        deadline = time.monotonic() + timeout
        while True:
            href = page.evaluate("() => location.href")
            history = session.send("Page.getNavigationHistory")
            if history["entries"][history["currentIndex"]]["url"] == href:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"the browser's history never reached {href}")
            time.sleep(0.02)
    finally:
        session.detach()


def go_back(page) -> None:
    """Back, once the browser's history has the page's last pushed entry."""
    settled_history(page)
    page.go_back()


def go_forward(page) -> None:
    """Forward, once the browser's history has the page's last pushed entry."""
    settled_history(page)
    page.go_forward()
