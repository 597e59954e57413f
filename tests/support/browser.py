"""Debian's Chromium as the tests and the benchmarks launch it (through Playwright)."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


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
