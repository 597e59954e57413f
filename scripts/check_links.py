#!/usr/bin/env python3
"""Check the site's links with LinkChecker and write reports contributors can act on.

  python3 scripts/check_links.py --site site                 # internal links and #anchors, offline
  python3 scripts/check_links.py --external --json r.json --markdown r.md   # cited URLs too

Exit codes: 0 nothing broken, 1 something broken, 2 bad usage or config,
3 the network is unreachable as a whole (nothing is reported as broken then).
Settings: `[tool.check-links]` in pyproject.toml.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urldefrag, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from links_cache import ResultCache
from links_config import ConfigError, Settings, host_matches, load
from links_report import (
    Result,
    citations_json,
    classify,
    markdown,
    now_iso,
    official_warnings,
    summarize,
    write_json,
)
from links_sources import (
    Citation,
    Link,
    external_citations,
    is_relative,
    normalize_site_url,
    resolve_internal,
    scan_docs,
)

EXIT_OK, EXIT_BROKEN, EXIT_USAGE, EXIT_NETWORK = 0, 1, 2, 3
ROOT = Path(__file__).resolve().parent.parent


class UsageError(Exception):
    """Bad command line or config; the message is one sentence."""


class NetworkDown(Exception):
    """No cited host can be reached at all."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see --help)")


def build_parser() -> argparse.ArgumentParser:
    """The command line."""
    p = _Parser(description=__doc__.split("\n\n")[0], prog="check_links.py")
    p.add_argument("--site", metavar="DIR", type=Path,
                   help="check internal links and #anchors of this built site, offline")
    p.add_argument("--external", action="store_true",
                   help="also check every external URL cited in the Markdown sources")
    p.add_argument("--json", metavar="PATH", type=Path, help="write the JSON report here")
    p.add_argument("--markdown", metavar="PATH", type=Path,
                   help="write the Markdown report here (e.g. $GITHUB_STEP_SUMMARY)")
    p.add_argument("--config", metavar="PATH", type=Path, default=ROOT / "pyproject.toml",
                   help="pyproject.toml with a [tool.check-links] section")
    p.add_argument("--docs", metavar="DIR", type=Path,
                   help="Markdown sources (default: docs_dir of the config)")
    p.add_argument("--mkdocs-config", metavar="PATH", type=Path,
                   help="mkdocs.yml for site_url's base path (default: beside the config)")
    p.add_argument("--cache", metavar="PATH", type=Path,
                   help="cache file for external results (default: cache_file of the config)")
    p.add_argument("--no-cache", action="store_true",
                   help="ignore cached external results (they are still refreshed)")
    return p


def _err(message: str) -> None:
    print(f"check_links: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code."""
    try:
        args = build_parser().parse_args(argv)
        if not args.site and not args.external:
            raise UsageError("nothing to check: give --site DIR, --external, or both")
        settings = load(args.config)
        docs = (args.docs or settings.root / settings.docs_dir).resolve()
        if not docs.is_dir():
            raise UsageError(f"the docs directory {docs} does not exist")
        if args.site and not (args.site / "index.html").is_file():
            raise UsageError(f"--site {args.site} is not a built site (no index.html)")
        return _check(args, settings, docs)
    except (UsageError, ConfigError) as exc:
        _err(str(exc))
        return EXIT_USAGE
    except NetworkDown as exc:
        _err(str(exc))
        return EXIT_NETWORK


def _check(args: argparse.Namespace, settings: Settings, docs: Path) -> int:
    links = scan_docs(docs)
    cited = external_citations(links)
    results: list[Result] = []
    ignored = 0
    if args.site:
        results += _check_site(args, settings, docs, links)
    if args.external:
        ext, ignored = _check_external(args, settings, cited)
        results += ext
    payload: dict[str, Any] = {
        "version": 1,
        "generated_at": now_iso(),
        "mode": {"internal": bool(args.site), "external": bool(args.external)},
        "summary": summarize(results),
        "ignored": ignored,
        "official_warnings": official_warnings(cited, settings),
        "results": [r.as_dict() for r in results],
    }
    if args.json:
        write_json(args.json, payload)
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        # The job summary file is shared by the steps of a job: append to it, replace others.
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        mode = "a" if summary and Path(summary) == args.markdown else "w"
        with args.markdown.open(mode, encoding="utf-8") as handle:
            handle.write(markdown(payload, results) + "\n")
    _print_console(payload, results)
    return EXIT_BROKEN if payload["summary"]["broken"] else EXIT_OK


def _print_console(payload: dict[str, Any], results: list[Result]) -> None:
    for r in results:
        if r.result == "ok":
            continue
        where = ", ".join(f"{c['file']}:{c['line']}" for c in r.citations) or "-"
        extra = f" -> {r.location}" if r.location else ""
        print(f"{r.result.upper():12} {r.status or '-'} {r.url}{extra}  [{r.message}]  at {where}")
    for w in payload["official_warnings"]:
        print(f"WARNING 📘 link outside official domains: {w['url']} at {w['file']}:{w['line']}")
    counts = ", ".join(f"{v} {k}" for k, v in payload["summary"].items())
    ignored = f", {payload['ignored']} ignored" if payload["ignored"] else ""
    print(f"check_links: {counts}{ignored}")


def _interleave(urls: list[str]) -> list[str]:
    """Round-robin the URLs across hosts so threads work on different hosts at once."""
    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault(urlsplit(url).netloc.lower(), []).append(url)
    queues = list(by_host.values())
    ordered: list[str] = []
    while queues:
        ordered += [q.pop(0) for q in queues]
        queues = [q for q in queues if q]
    return ordered


def _check_target(url: str, settings: Settings) -> str:
    host = urlsplit(url).hostname or ""
    if not settings.check_fragments or host_matches(host, settings.fragment_skip_hosts):
        return urldefrag(url)[0]
    return url


def _check_external(
    args: argparse.Namespace, settings: Settings, cited: dict[str, list[Citation]]
) -> tuple[list[Result], int]:
    patterns = settings.ignore_patterns()
    wanted = [u for u in cited if not any(p.search(u) for p in patterns)]
    cache = ResultCache(args.cache or settings.root / settings.cache_file,
                        settings.cache_max_age_hours,
                        settings.cache_failures_max_age_hours)
    cache.load()
    found: dict[str, dict[str, Any]] = {}
    for url in wanted:
        hit = None if args.no_cache else cache.get(_check_target(url, settings))
        if hit is not None:
            found[url] = {**hit, "cached": True}
    todo = sorted({_check_target(u, settings) for u in wanted if u not in found},
                  key=[_check_target(u, settings) for u in wanted].index)
    if todo:
        fresh = _run_external(_interleave(todo), settings)
        for target, entry in fresh.items():
            cache.put(target, entry)
        cache.save()
        for url in wanted:
            if url not in found:
                found[url] = {**fresh[_check_target(url, settings)], "cached": False}
    results = []
    for url in wanted:
        entry = found[url]
        citations = cited[url]
        results.append(Result(
            url=url, kind="external", result=entry["result"], status=entry.get("status"),
            official=any(c.official for c in citations), citations=citations_json(citations),
            message=entry.get("message", ""), location=entry.get("location"),
            redirect_status=entry.get("redirect_status"), attempts=entry.get("attempts", 0),
            cached=entry["cached"], warnings=entry.get("warnings", []),
        ))
    return results, len(cited) - len(wanted)


def _run_external(urls: list[str], settings: Settings) -> dict[str, dict[str, Any]]:
    import links_engine as engine

    probe_timeout = min(settings.timeout, 5.0)
    down = (f"the network is unreachable: none of the {len(urls)} URLs' hosts accepted a "
            "connection, so no link was checked or marked broken")
    if not engine.network_reachable(urls, probe_timeout):
        raise NetworkDown(down)
    policy = engine.Policy(retries=settings.retries, backoff=settings.backoff,
                           max_retry_after=settings.max_retry_after,
                           per_host_rate=settings.per_host_rate)
    config, collector = engine.make_config(
        threads=settings.threads, timeout=settings.timeout, fragments=settings.check_fragments,
        recursion=0, extern=True, user_agent=settings.user_agent, policy=policy)
    outcomes = {o.url: o for o in engine.run(config, collector, urls)}
    failed = [o for o in outcomes.values() if o.error_kind in ("connection", "timeout")]
    if len(failed) == len(urls) and not engine.network_reachable(urls, probe_timeout):
        raise NetworkDown(down)
    fresh = {}
    for url in urls:
        outcome = outcomes.get(url)
        if outcome is None:
            fresh[url] = {"result": "unverifiable", "status": None,
                          "message": "LinkChecker returned no result", "attempts": 0}
            continue
        result, message = classify(outcome, settings)
        entry: dict[str, Any] = {"result": result, "status": outcome.status, "message": message,
                                 "attempts": outcome.attempts, "warnings": []}
        if result == "redirected":
            entry["location"] = outcome.final_url
            entry["redirect_status"] = outcome.first_status
        if result == "unverifiable" and outcome.status == 403:
            entry["warnings"].append(f"{urlsplit(url).hostname} blocks bots; not counted broken")
        fresh[url] = entry
    return fresh


def _check_site(
    args: argparse.Namespace, settings: Settings, docs: Path, links: list[Link]
) -> list[Result]:
    import links_engine as engine
    from links_site import mkdocs_settings, page_urls, serve, site_path

    mkdocs_yml = args.mkdocs_config or settings.root / "mkdocs.yml"
    base_path, directory_urls = mkdocs_settings(mkdocs_yml)
    site = args.site.resolve()
    with serve(site, base_path) as root:
        config, collector = engine.make_config(
            threads=settings.threads, timeout=settings.timeout, fragments=True,
            recursion=-1, extern=False, policy=engine.Policy(retries=0, per_host_rate=None))
        outcomes = engine.run(config, collector, page_urls(site, root))
    cites = _internal_citations(links, directory_urls)
    grouped: dict[str, list[engine.Outcome]] = {}
    pages: dict[str, set[tuple[str, int]]] = {}
    for o in outcomes:
        path = site_path(o.abs_url or o.final_url or "", root, base_path)
        if path is None or o.extern:
            continue
        key = normalize_site_url(path)
        grouped.setdefault(key, []).append(o)
        parent = site_path(o.parent_url or "", root, base_path)
        if parent is not None:
            pages.setdefault(key, set()).add((normalize_site_url(parent), o.line or 0))
    results = []
    for key, items in grouped.items():
        worst = min(items, key=lambda o: ("broken", "unverifiable", "redirected", "ok").index(
            classify(o, settings)[0]))
        result, message = classify(worst, settings)
        citations = _cite_internal(key, pages.get(key, set()), cites)
        results.append(Result(
            url=key or "/", kind="internal", result=result, status=worst.status,
            official=False, citations=citations, message=message,
            location=site_path(worst.final_url or "", root, base_path)
            if result == "redirected" else None,
            redirect_status=worst.first_status if result == "redirected" else None,
            attempts=worst.attempts))
    order = ("broken", "unverifiable", "redirected", "ok")
    return sorted(results, key=lambda r: (order.index(r.result), r.url))


def _internal_citations(links: list[Link], directory_urls: bool) -> dict[str, list[Citation]]:
    cites: dict[str, list[Citation]] = {}
    for link in links:
        if is_relative(link.target):
            for key in resolve_internal(link.citation.file, link.target, directory_urls):
                cites.setdefault(key, []).append(link.citation)
    return cites


def _cite_internal(
    key: str, parents: set[tuple[str, int]], cites: dict[str, list[Citation]]
) -> list[dict[str, Any]]:
    """Every Markdown file:line whose link resolves to `key`.

    LinkChecker logs a URL against the first page that queued it only, so citations come from
    the Markdown; the HTML pages it reported are the fallback for links the theme generated.
    """
    found = citations_json(cites.get(key, []))
    if not found:
        found = [{"file": parent or "index.html", "line": line, "official": False,
                  "source": "html"} for parent, line in parents]
    unique = {(c["file"], c["line"]): c for c in found}
    return [unique[k] for k in sorted(unique)]


def _ensure_venv() -> None:
    """Re-run inside the project's .venv (created by scripts/_venv.py) if LinkChecker is absent."""
    if importlib.util.find_spec("linkcheck") and importlib.util.find_spec("yaml"):
        return
    import _venv

    if Path(sys.prefix).resolve() == _venv.VENV.resolve():
        return
    python = str(_venv.ensure("requirements.txt"))
    os.execv(python, [python, str(Path(__file__).resolve()), *sys.argv[1:]])


if __name__ == "__main__":
    _ensure_venv()
    sys.exit(main())
