"""Check the site's links with LinkChecker and write reports contributors can act on.

  python3 scripts/check_links.py --site site                 # internal links and #anchors, offline
  python3 scripts/check_links.py --external --json r.json --markdown r.md   # cited URLs too
  python3 scripts/check_links.py --external --watch-sources [--accept-sources]  # 📘 pages changed?

Exit codes: 0 nothing broken, 1 something broken, 2 bad usage or config,
3 the network is unreachable as a whole (nothing is reported as broken then).
Settings: `[tool.check-links]` in pyproject.toml.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn
from urllib.parse import urldefrag

from linkaudit.classify import ResultClass
from linkaudit.config import ConfigError, Settings, load
from linkaudit.outcome import NetworkDown
from linkaudit.report import Report, SourceChanged, markdown, official_warnings, write_json
from linkaudit.sources import Citation, external_citations, fact_citations, scan_docs

EXIT_OK, EXIT_BROKEN, EXIT_USAGE, EXIT_NETWORK = 0, 1, 2, 3
# The project root: the package sits beside pyproject.toml (flat layout, installed editable).
ROOT = Path(__file__).resolve().parent.parent


class UsageError(Exception):
    """Bad command line or config; the message is one sentence."""


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
    p.add_argument("--watch-sources", action="store_true",
                   help="with --external: report 📘 pages whose main text changed since the "
                        "sources lock (sources_changed in the JSON report)")
    p.add_argument("--sources-lock", metavar="PATH", type=Path,
                   help="the sources lock file (default: sources.lock.json beside the config)")
    p.add_argument("--accept-sources", action="store_true",
                   help="with --external: record the 📘 pages' current state in the sources lock")
    return p


def _err(message: str) -> None:
    print(f"check_links: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code."""
    try:
        args = build_parser().parse_args(argv)
        if not args.site and not args.external:
            raise UsageError("nothing to check: give --site DIR, --external, or both")
        if (args.watch_sources or args.accept_sources) and not args.external:
            raise UsageError("--watch-sources and --accept-sources need --external")
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
    # Imported here: they load LinkChecker through linkaudit.adapter, which checks its version
    # (a ConfigError, exit code 2, on another one); --help and bad usage must not need it.
    from linkaudit.external import check_external
    from linkaudit.site import check_site

    links = scan_docs(docs)
    cited = external_citations(links)
    report = Report(internal=bool(args.site), external=bool(args.external), results=[])
    if args.site:
        mkdocs_yml = args.mkdocs_config or settings.root / "mkdocs.yml"
        report.results += check_site(args.site, settings, links, mkdocs_yml)
    if args.external:
        cache_path = args.cache or settings.root / settings.cache_file
        ext, report.ignored = check_external(settings, cited, cache_path, not args.no_cache)
        report.results += ext
    if args.watch_sources or args.accept_sources:
        lock = args.sources_lock or settings.root / "sources.lock.json"
        report.sources_changed = watch_sources(settings, cited, lock, args.accept_sources,
                                               fact_citations(docs))
    report.official_warnings = official_warnings(cited, settings)
    if args.json:
        write_json(args.json, report)
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        # The job summary file is shared by the steps of a job: append to it, replace others.
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        mode = "a" if summary and Path(summary) == args.markdown else "w"
        with args.markdown.open(mode, encoding="utf-8") as handle:
            handle.write(markdown(report) + "\n")
    _print_console(report)
    return EXIT_BROKEN if report.broken else EXIT_OK


def watch_sources(settings: Settings, cited: dict[str, list[Citation]], lock: Path,
                  accept: bool, facts: dict[str, list[Citation]] | None = None) -> list[SourceChanged]:
    """Fingerprint every cited 📘 page (linkaudit.watch), compare with the lock, and with
    `accept` record the current state in it; the changed sources with their citations. `facts`:
    the sources of the fact data file (`fact_citations`), watched too and cited as
    `data/facts.yml:LINE: <fact id>`."""
    from linkaudit import watch
    from linkaudit.external import fetch_bodies

    patterns = settings.ignore_patterns()
    official: dict[str, list[Citation]] = {}
    for url, citations in cited.items():
        page = urldefrag(url)[0]
        if any(c.official for c in citations) and not any(p.search(url) for p in patterns):
            official.setdefault(page, []).extend(c for c in citations if c.official)
    for url, citations in (facts or {}).items():
        if not any(p.search(url) for p in patterns):
            official.setdefault(urldefrag(url)[0], []).extend(citations)
    today = datetime.now(UTC).date().isoformat()
    current = {url: watch.fingerprint(body.decode("utf-8", errors="replace"), today)
               for url, body in fetch_bodies(settings, list(official)).items()}
    locked, problem = watch.read_lock(lock)
    if problem:
        _err(problem)
    changes = watch.compare(locked, current)
    if accept:
        watch.write_lock(lock, watch.accepted(locked, current))
        print(f"check_links: {len(current)} sources recorded in {lock}")
    return [SourceChanged(c.url, official[c.url], c.added, c.removed, c.seen, c.page_date,
                          c.locked_seen) for c in changes]


def _print_console(report: Report) -> None:
    for r in report.results:
        if r.result == ResultClass.OK:
            continue
        where = ", ".join(c.where() for c in r.citations) or "-"
        extra = f" -> {r.location}" if r.location else ""
        print(f"{r.result.upper():12} {r.status or '-'} {r.url}{extra}  [{r.message}]  at {where}")
    for c in report.sources_changed:
        where = ", ".join(x.where() for x in c.citations)
        print(f"SOURCE CHANGED {c.url} (since {c.locked_seen}; +{len(c.added)} -{c.removed} lines)"
              f"  at {where}")
    for w in report.official_warnings:
        print(f"WARNING 📘 link outside official domains: {w.url} at {w.file}:{w.line}")
    counts = ", ".join(f"{v} {k}" for k, v in report.summary().items())
    ignored = f", {report.ignored} ignored" if report.ignored else ""
    print(f"check_links: {counts}{ignored}")
