"""Debian's Chromium as the tests and the benchmarks launch it (through Playwright)."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def launch(playwright, extra_args: list[str] | None = None):
    """Launch Debian's Chromium with the flags this machine needs (no background networking)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *(extra_args or [])])
