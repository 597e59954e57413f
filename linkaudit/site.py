"""Check the internal links and #anchors of a built site, served on 127.0.0.1.

The choice that keeps it linear: LinkChecker checks the pages and files (each fetched and parsed
once: fragments are off, so `page#a` and `page#b` are one URL to it; statuses, redirects and
missing files are its findings), and the fragments are checked by one parse of each built HTML
page (`linkaudit.anchors`): every `page#fragment` link against the anchor set of its page. Before,
every `page#fragment` was its own LinkChecker URL, so a page was re-fetched and re-parsed once per
fragment pointing at it (quadratic in the links per page: ~8 minutes on the real site).

The server is a child process (`python -m linkaudit.serve`) that dies with this process whatever
ends it (see `linkaudit.serve`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import yaml

from linkaudit import adapter, anchors
from linkaudit.classify import ResultClass, Verdict, classify
from linkaudit.config import Settings
from linkaudit.outcome import Outcome
from linkaudit.report import Result
from linkaudit.sources import Citation, Link, is_relative, normalize_site_url, resolve_internal


@contextmanager
def serve(site_dir: Path, base_path: str = "/") -> Iterator[str]:
    """Serve `site_dir` on an ephemeral loopback port from a child process; yield the root URL.

    A separate process keeps the server off the checker's GIL (it halves a site check). It is
    told our pid and holds the read end of a pipe we keep open: it dies with this process, even
    when this one is killed with SIGKILL and no `finally` runs (see `linkaudit.serve`).
    """
    proc = subprocess.Popen(
        [sys.executable, "-m", "linkaudit.serve", str(site_dir), base_path,
         "--parent", str(os.getpid())],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
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
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                stream.close()


def page_urls(site_dir: Path, root: str) -> list[str]:
    """A start URL (under `root`, the site's base URL) for every HTML page, so orphan pages are
    checked too."""
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
    """Check the built site over loopback HTTP; a result per internal URL, Markdown-cited.

    LinkChecker fetches each page and file once (fragments off, so `page#x` and `page#y` are one
    URL to it); every `page#fragment` is then checked against the anchors of one parse of that
    page (`linkaudit.anchors`). Linear in the number of links.
    """
    base_path, directory_urls = mkdocs_settings(mkdocs_yml)
    site = site.resolve()
    options = adapter.Options(threads=settings.threads, timeout=settings.timeout, fragments=False,
                              recursion=-1, extern=False, static=True,
                              policy=adapter.Policy(retries=0, per_host_rate=None))
    with serve(site, base_path) as root:
        base_url = root + base_path.lstrip("/")
        outcomes = adapter.run(page_urls(site, base_url), options)
    pages = {static_key(rel): page for rel, page in anchors.read_site(site).items()}
    verdicts: dict[str, tuple[Outcome, Verdict]] = {}
    parents: dict[str, set[tuple[str, int]]] = {}
    for o in outcomes:
        path = site_path(o.abs_url or o.final_url or "", root, base_path)
        if path is None or o.extern:
            continue
        key = static_key(urldefrag(path)[0])
        verdict = classify(o, settings)
        if key not in verdicts or verdict.result.rank < verdicts[key][1].result.rank:
            verdicts[key] = (o, verdict)
        parent = site_path(o.parent_url or "", root, base_path)
        if parent is not None:
            parents.setdefault(key, set()).add((static_key(parent), o.line or 0))
    for page_key, page in pages.items():
        page_url_abs = base_url + page_key
        for href, line in page.links:
            path = site_path(urljoin(page_url_abs, href), root, base_path)
            if path is not None:
                parents.setdefault(static_key(path), set()).add((page_key, line))
    for key in [k for k in parents if "#" in k]:
        verdicts[key] = _fragment_verdict(key, verdicts, pages, settings)
    cites = _internal_citations(links, directory_urls)
    results = []
    for key, (outcome, verdict) in verdicts.items():
        redirected = verdict.result == ResultClass.REDIRECTED
        results.append(Result(
            url=key or "/", kind="internal", result=verdict.result, status=outcome.status,
            official=False, citations=_cite_internal(key, parents.get(key, set()), cites),
            message=verdict.message,
            location=site_path(outcome.final_url or "", root, base_path) if redirected else None,
            redirect_status=outcome.first_status if redirected else None,
            attempts=outcome.attempts))
    return sorted(results, key=lambda r: (r.result.rank, r.url))


def _fragment_verdict(
    key: str, pages_checked: dict[str, tuple[Outcome, Verdict]],
    pages: dict[str, anchors.PageAnchors], settings: Settings,
) -> tuple[Outcome, Verdict]:
    """The result of `page#fragment`: the page's own result unless it is ok; then the fragment
    must be an anchor of the page (fragments on files that are not HTML are not checked)."""
    page_key, _, fragment = key.partition("#")
    checked = pages_checked.get(page_key)
    if checked is None:
        outcome = Outcome(url=key, valid=False, result="not fetched")
        return outcome, Verdict(ResultClass.UNVERIFIABLE,
                                "the page was not fetched, so its fragment was not checked")
    outcome, verdict = checked
    page = pages.get(page_key)
    if verdict.result != ResultClass.OK or page is None or fragment in page.anchors:
        return outcome, verdict
    missing = replace(outcome, missing_fragment=fragment)
    return missing, classify(missing, settings)


def static_key(site_path: str) -> str:
    """The result key of a site path: `normalize_site_url` without the query, which a static
    site ignores (`concept-map/?focus=a#x` is the page `concept-map/` and its anchor `x`)."""
    path, hash_, fragment = site_path.partition("#")
    return normalize_site_url(path.partition("?")[0] + hash_ + fragment)


def _internal_citations(links: list[Link], directory_urls: bool) -> dict[str, list[Citation]]:
    cites: dict[str, list[Citation]] = {}
    for link in links:
        if is_relative(link.target):
            for key in resolve_internal(link.citation.file, link.target, directory_urls):
                cites.setdefault(static_key(key), []).append(link.citation)
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
