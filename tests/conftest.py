"""Shared fixtures: real site builds in temporary folders, a local HTTP server, a real browser."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.browser import CHROMIUM, launch, missing_japanese_font
from tests.support.http import start_server, stop_server

ROOT = Path(__file__).resolve().parent.parent

# For page.evaluate: resolves once no CSS transition or animation of the document is running
# (after two frames, so that those started by a scroll event have begun).
NO_ANIMATIONS = """() => new Promise(resolve => {
    let frames = 0;
    const tick = () => {
        frames += 1;
        const running = document.getAnimations().some(a => a.playState === "running");
        if (frames > 2 && !running) resolve(true); else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
})"""
# For page.evaluate on a concept map page: resolves once the map's view (position and scale)
# has been the same for 6 animation frames.
STILL = """() => new Promise(resolve => {
    let last = "", same = 0;
    const tick = () => {
        const v = JSON.stringify([window.conceptMap.getViewPosition(), window.conceptMap.getScale()]);
        same = v === last ? same + 1 : 0;
        last = v;
        if (same >= 6) resolve(true); else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
})"""


@dataclass
class BuildResult:
    """What a build left: the exit code `mkdocs build` would have, and its log lines."""

    returncode: int
    stderr: str


class _ListHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname:<7} -  {record.getMessage()}")


def mkdocs_build(config: Path, site_dir: Path, *, strict: bool = True, command: str = "build") -> BuildResult:
    """Build in this process, as `mkdocs build [--strict]` does (load_config, on_startup, build,
    on_shutdown), collecting the log of the `mkdocs` logger. An exception that `mkdocs build`
    would turn into exit code 1 gives returncode 1 and its message as the last log line."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    handler = _ListHandler()
    logger = logging.getLogger("mkdocs")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    returncode = 0
    try:
        cfg = load_config(config_file=str(config), site_dir=str(site_dir), strict=strict)
        cfg.plugins.on_startup(command=command, dirty=False)  # "serve": what `mkdocs serve` tells plugins
        try:
            build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    except MkDocsException as exc:
        returncode = 1
        handler.lines.append(f"ERROR   -  {exc}")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    return BuildResult(returncode, "\n".join(handler.lines))


def build_tiny_site(root: Path, files: dict[str, str], config: str, *, strict: bool = True) -> Path:
    """Write `files` (docs-relative path → text) under root/docs and `config` as root/mkdocs.yml,
    build in-process, fail the test on a failed build; return the site folder."""
    for name, text in files.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = mkdocs_build(root / "mkdocs.yml", root / "site", strict=strict)
    assert result.returncode == 0, result.stderr
    return root / "site"


def mkdocs_cli_build(config: Path, site_dir: Path, *, strict: bool = True) -> subprocess.CompletedProcess:
    """Run the `mkdocs build` console script in a subprocess, exactly as a contributor would."""
    cmd = [str(Path(sys.executable).with_name("mkdocs")), "build", "-f", str(config), "-d", str(site_dir)]
    if strict:
        cmd.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=config.parent)


@dataclass
class RealSite:
    path: Path
    build: BuildResult


@pytest.fixture(scope="session")
def real_site_build(tmp_path_factory: pytest.TempPathFactory) -> RealSite:
    """The real site, built once per test session with --strict (every test reads this one)."""
    site = tmp_path_factory.mktemp("real-site") / "site"
    result = mkdocs_build(ROOT / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    return RealSite(site, result)


@pytest.fixture(scope="session")
def real_site(real_site_build: RealSite) -> Path:
    return real_site_build.path


@pytest.fixture(scope="session")
def serve() -> Iterator:
    """Serve a folder on 127.0.0.1 on a free port; returns the base URL (ends with '/')."""
    servers = []

    def start(folder: Path) -> str:
        server, url = start_server(folder)
        servers.append(server)
        return url

    yield start
    for server in servers:
        stop_server(server)


@pytest.fixture(scope="session")
def real_site_url(real_site: Path, serve) -> str:
    return serve(real_site)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright. Missing browser or Japanese font: a failure in CI, a skip
    elsewhere."""
    def unavailable(in_ci: str, elsewhere: str) -> None:
        if os.environ.get("CI"):
            pytest.fail(in_ci)
        pytest.skip(elsewhere)

    if not os.path.exists(CHROMIUM):
        unavailable(f"{CHROMIUM} is missing: CI must install Debian's chromium",
                    f"{CHROMIUM} is not installed (apt-get install chromium)")
    no_font = missing_japanese_font()  # the layouts the tests measure need one
    if no_font:
        unavailable(f"{no_font}: CI must install it", no_font)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder browser tests save screenshots in: CM_SCREENSHOT_DIR (or A11Y_SCREENSHOT_DIR)
    keeps them; otherwise a temporary folder."""
    folder = os.environ.get("CM_SCREENSHOT_DIR") or os.environ.get("A11Y_SCREENSHOT_DIR")
    path = Path(folder) if folder else tmp_path_factory.mktemp("shots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def page_tracker(browser):
    """A fresh page recording console errors and every requested URL."""
    context = browser.new_context()
    page = context.new_page()
    page.console_errors = []
    page.requests = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))
    yield page
    context.close()



@pytest.fixture
def desk(browser):
    """A fresh 1280×900 page (the desktop size the issues were read at) recording page errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    yield page
    context.close()

def external_requests(urls: list[str]) -> list[str]:
    """The requested URLs that leave 127.0.0.1 (data: and blob: URLs stay local)."""
    return [u for u in urls if not u.startswith(("http://127.0.0.1", "data:", "blob:", "about:"))]
