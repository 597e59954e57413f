"""Check the internal links and #anchors of a built site, served on 127.0.0.1.

Over HTTP a directory URL such as `page/#x` returns `page/index.html`, so the anchor check
verifies the fragment (LinkChecker skips anchors on directory `file://` URLs).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from linkaudit import adapter
from linkaudit.classify import ResultClass, Verdict, classify
from linkaudit.config import Settings
from linkaudit.outcome import Outcome
from linkaudit.report import Result
from linkaudit.sources import Citation, Link, is_relative, normalize_site_url, resolve_internal


@contextmanager
def serve(site_dir: Path, base_path: str = "/") -> Iterator[str]:
    """Serve `site_dir` on an ephemeral loopback port from a child process; yield the root URL.

    A separate process keeps the server off the checker's GIL (it halves a site check).
    """
    proc = subprocess.Popen(
        [sys.executable, "-m", "linkaudit.serve", str(site_dir), base_path],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert proc.stdout is not None
        port = int(proc.stdout.readline().strip() or 0)
        if not port:
            raise RuntimeError("the site server did not start")
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def page_urls(site_dir: Path, root: str) -> list[str]:
    """A start URL for every HTML page of the site, so orphan pages are checked too."""
    urls = []
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        if rel.endswith("index.html"):
            rel = rel[: -len("index.html")]
        urls.append(root + rel)
    return urls


class _Loader(yaml.SafeLoader):
    """SafeLoader that reads mkdocs.yml's `!!python/...` and `!ENV` tags as null."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
_Loader.add_multi_constructor("!", lambda *_: None)


def mkdocs_settings(mkdocs_yml: Path) -> tuple[str, bool]:
    """(base path from site_url, use_directory_urls) of an mkdocs.yml; defaults if absent."""
    try:
        data = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except (OSError, yaml.YAMLError):
        return "/", True
    path = urlsplit(str(data.get("site_url") or "")).path or "/"
    if not path.endswith("/"):
        path += "/"
    return path, bool(data.get("use_directory_urls", True))


def site_path(url: str, root: str, base_path: str) -> str | None:
    """Site-relative path (with fragment) of an absolute URL served from `root`, else None."""
    if not url.startswith(root):
        return None
    rest = url[len(root):]
    base = base_path.strip("/")
    if base and (rest == base or rest.startswith(base + "/")):
        rest = rest[len(base) + 1:]
    return rest


def check_site(
    site: Path, settings: Settings, links: list[Link], mkdocs_yml: Path
) -> list[Result]:
    """Crawl the built site over loopback HTTP; a result per internal URL, Markdown-cited."""
    base_path, directory_urls = mkdocs_settings(mkdocs_yml)
    site = site.resolve()
    options = adapter.Options(threads=settings.threads, timeout=settings.timeout, fragments=True,
                              recursion=-1, extern=False,
                              policy=adapter.Policy(retries=0, per_host_rate=None))
    with serve(site, base_path) as root:
        outcomes = adapter.run(page_urls(site, root), options)
    cites = _internal_citations(links, directory_urls)
    grouped: dict[str, list[tuple[Outcome, Verdict]]] = {}
    pages: dict[str, set[tuple[str, int]]] = {}
    for o in outcomes:
        path = site_path(o.abs_url or o.final_url or "", root, base_path)
        if path is None or o.extern:
            continue
        key = normalize_site_url(path)
        grouped.setdefault(key, []).append((o, classify(o, settings)))
        parent = site_path(o.parent_url or "", root, base_path)
        if parent is not None:
            pages.setdefault(key, set()).add((normalize_site_url(parent), o.line or 0))
    results = []
    for key, items in grouped.items():
        worst, verdict = min(items, key=lambda item: item[1].result.rank)
        redirected = verdict.result == ResultClass.REDIRECTED
        results.append(Result(
            url=key or "/", kind="internal", result=verdict.result, status=worst.status,
            official=False, citations=_cite_internal(key, pages.get(key, set()), cites),
            message=verdict.message,
            location=site_path(worst.final_url or "", root, base_path) if redirected else None,
            redirect_status=worst.first_status if redirected else None,
            attempts=worst.attempts))
    return sorted(results, key=lambda r: (r.result.rank, r.url))


def _internal_citations(links: list[Link], directory_urls: bool) -> dict[str, list[Citation]]:
    cites: dict[str, list[Citation]] = {}
    for link in links:
        if is_relative(link.target):
            for key in resolve_internal(link.citation.file, link.target, directory_urls):
                cites.setdefault(key, []).append(link.citation)
    return cites


def _cite_internal(
    key: str, parents: set[tuple[str, int]], cites: dict[str, list[Citation]]
) -> list[Citation]:
    """Every Markdown file:line whose link resolves to `key`.

    LinkChecker logs a URL against the first page that queued it only, so citations come from
    the Markdown; the HTML pages it reported are the fallback for links the theme generated.
    """
    found = list(cites.get(key, []))
    if not found:
        found = [Citation(parent + "index.html" if parent.endswith("/") or not parent
                          else parent, line, False, from_html=True)
                 for parent, line in parents]
    unique = {(c.file, c.line): c for c in found}
    return [unique[k] for k in sorted(unique)]
