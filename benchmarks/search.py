"""Benchmark the site's three search surfaces in headless Chromium: the header search (Material's
own search UI), the concept map's search box and the 早見表 filter.

    python3 scripts/bench.py search                 # build baseline + improved, compare
    python3 scripts/bench.py search --site /tmp/site --mode improved
    python3 scripts/bench.py search --site /tmp/new --mode improved --before-site /tmp/old
    python3 scripts/bench.py search --repeat 3 --json /tmp/bench.json --check

Baseline = Material's plain index (the build runs with the concept-map/search-ja plugin's
`enabled: false`); improved = the normal build. For each query of
tests/data/search_queries.json the script types the query into the search box (fill + a key press,
like an IME commit), waits for the result list and reads the ranking as the reader sees it. It
prints recall@5, MRR, search index size and keystroke-to-results time (keydown of the committing
key → first change of the result list, measured in the page with performance.now()), for whole
queries and, typing the smoke queries one character at a time, for every keystroke.

The map and the 早見表 get the same queries (tests/support/search_surfaces.py: what each should
find is derived from the query's sections, a query with nothing there is left out); their
rankings are the result list's nodes and the rows left, top to bottom. Their JavaScript is the
same in the baseline and the improved build, so their before/after compares two builds: pass an
earlier build with --before-site (measured first, labelled "before").

Ranking: the displayed result entries in order. A page's header entry (Material shows the page
title above its sections) counts only when the page itself is the group's best match (then
Material renders its teaser); entries with score 0 are placeholders and are skipped.
Everything runs on 127.0.0.1; requests to any other host are reported as an error.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from graph.vocabulary import OUTPUTS
from tests.support import search_surfaces
from tests.support.browser import launch
from tests.support.http import serving
from tests.support.search_ui import (
    QUERIES,
    TOP_K,
    QueryResult,
    load_queries,
    mean_reciprocal_rank,
    open_search,
    recall_at,
    run_queries,
    type_along,
)

ROOT = Path(__file__).resolve().parent.parent
TARGET_RECALL = 0.95
TARGET_MRR = 0.8

@dataclass
class RunResult:
    label: str
    index_bytes: int
    index_gzip_bytes: int
    first_query_ms: float
    results: list[QueryResult] = field(default_factory=list)
    typing_ms: list[float] = field(default_factory=list)  # per keystroke while typing the smoke queries
    external_requests: list[str] = field(default_factory=list)
    surfaces: dict[str, list[QueryResult]] = field(default_factory=dict)  # map, quickref

    @property
    def recall(self) -> float:
        return recall_at(self.results, TOP_K)

    @property
    def mrr(self) -> float:
        return mean_reciprocal_rank(self.results)

    @property
    def times(self) -> list[float]:
        return [r.ms for r in self.results]


# ---------------------------------------------------------------------------------------------
# Building and serving


SEARCH_JA_ON = "  - concept-map/search-ja:         # Japanese search (search_ja/)\n      enabled: true\n"


def build(site_dir: Path, *, improved: bool) -> None:
    """Build the real site; the baseline from a copy of mkdocs.yml (beside it, so that its paths
    hold) with the Japanese search plugin disabled."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    config = ROOT / "mkdocs.yml"
    if not improved:
        text = config.read_text(encoding="utf-8")
        if SEARCH_JA_ON not in text:
            raise SystemExit("mkdocs.yml: cannot find the concept-map/search-ja entry to disable")
        config = ROOT / ".mkdocs-search-baseline.yml"
        config.write_text(text.replace(SEARCH_JA_ON, SEARCH_JA_ON.replace("true", "false")), encoding="utf-8")
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(site_dir)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    finally:
        if not improved:
            config.unlink(missing_ok=True)
    if done.returncode != 0:
        raise SystemExit(f"mkdocs build failed:\n{done.stderr}")


def index_sizes(site: Path) -> tuple[int, int]:
    raw = (site / OUTPUTS.search_index).read_bytes()
    return len(raw), len(gzip.compress(raw, 9))


def measure(browser, site: Path, label: str, queries: list[dict], repeat: int,
            typing: list[dict] | None = None) -> RunResult:
    size, gz = index_sizes(site)
    with serving(site) as base:
        context = browser.new_context()
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        first = open_search(page, base)
        run = RunResult(label, size, gz, first, run_queries(page, base, queries, repeat))
        for q in typing or []:
            run.typing_ms.extend(type_along(page, base, q["query"]))
        expect = search_surfaces.expectations(site, queries)
        for surface in search_surfaces.SURFACES:
            run.surfaces[surface] = search_surfaces.run_surface(page, base, surface, queries, expect[surface])
        run.external_requests = [u for u in requests
                                 if not u.startswith(("http://127.0.0.1", "data:", "blob:", "about:"))]
        context.close()
    return run


# ---------------------------------------------------------------------------------------------
# Report


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))] if ordered else 0.0


def summary(run: RunResult) -> dict:
    return {
        "label": run.label, "queries": len(run.results), "recall@5": round(run.recall, 3),
        "mrr": round(run.mrr, 3), "index_bytes": run.index_bytes, "index_gzip_bytes": run.index_gzip_bytes,
        "keystroke_ms_median": round(statistics.median(run.times), 1) if run.times else None,
        "keystroke_ms_p95": round(_pct(run.times, 0.95), 1), "keystroke_ms_max": round(max(run.times, default=0), 1),
        "typing_keystrokes": len(run.typing_ms),
        "typing_ms_median": round(statistics.median(run.typing_ms), 1) if run.typing_ms else None,
        "typing_ms_p95": round(_pct(run.typing_ms, 0.95), 1), "typing_ms_max": round(max(run.typing_ms, default=0), 1),
        "first_query_ms": round(run.first_query_ms, 1), "external_requests": run.external_requests,
        **{f"{name}_{metric}": value for name, results in run.surfaces.items() for metric, value in (
            ("queries", len(results)), ("recall@5", round(recall_at(results, TOP_K), 3)),
            ("mrr", round(mean_reciprocal_rank(results), 3)),
            ("first", sum(1 for r in results if r.rank == 1)))},
    }


def print_report(runs: list[RunResult]) -> None:
    labels = [r.label for r in runs]
    print(f"{'query':<26} {'kind':<10} " + " ".join(f"{label:>9}" for label in labels))
    for i, res in enumerate(runs[0].results):
        ranks = [r.results[i].rank for r in runs]
        cells = " ".join(f"{(str(k) if k else '-'):>9}" for k in ranks)
        print(f"{res.query:<26} {res.kind:<10} {cells}")
    print()
    rows = [("recall@5", lambda s: f"{s['recall@5']:.3f}"), ("MRR", lambda s: f"{s['mrr']:.3f}"),
            ("index bytes", lambda s: f"{s['index_bytes']:,}"),
            ("index gzip bytes", lambda s: f"{s['index_gzip_bytes']:,}"),
            ("keystroke→results median ms", lambda s: f"{s['keystroke_ms_median']}"),
            ("keystroke→results p95 ms", lambda s: f"{s['keystroke_ms_p95']}"),
            ("keystroke→results max ms", lambda s: f"{s['keystroke_ms_max']}"),
            ("as-you-type median ms", lambda s: f"{s['typing_ms_median']}"),
            ("as-you-type p95 ms", lambda s: f"{s['typing_ms_p95']}"),
            ("as-you-type max ms", lambda s: f"{s['typing_ms_max']}"),
            ("first query after load ms", lambda s: f"{s['first_query_ms']}")]
    sums = [summary(r) for r in runs]
    for surface in search_surfaces.SURFACES:
        rows += [(f"{surface} queries", lambda s, n=surface: f"{s.get(n + '_queries', '-')}"),
                 (f"{surface} recall@5", lambda s, n=surface: f"{s.get(n + '_recall@5', '-')}"),
                 (f"{surface} MRR", lambda s, n=surface: f"{s.get(n + '_mrr', '-')}"),
                 (f"{surface} best match first", lambda s, n=surface: f"{s.get(n + '_first', '-')}")]
    print(f"{'':<30} " + " ".join(f"{label:>12}" for label in labels))
    for name, fmt in rows:
        print(f"{name:<30} " + " ".join(f"{fmt(s):>12}" for s in sums))
    for surface in search_surfaces.SURFACES:
        worse = [(r.query, r.rank) for r in runs[-1].surfaces.get(surface, []) if r.rank != 1]
        print(f"{surface}: not first in the last run: {worse}")
    if len(runs) == 2 and runs[0].index_bytes:
        growth = 100.0 * (runs[1].index_bytes - runs[0].index_bytes) / runs[0].index_bytes
        print(f"{'index growth':<30} {growth:+.1f}% (gzip "
              f"{100.0 * (runs[1].index_gzip_bytes - runs[0].index_gzip_bytes) / runs[0].index_gzip_bytes:+.1f}%)")
    for s in sums:
        if s["external_requests"]:
            print(f"ERROR {s['label']}: requests to other hosts: {s['external_requests']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mode", choices=["both", "baseline", "improved"], default="both")
    ap.add_argument("--site", type=Path, help="use this built site (for --mode baseline or improved)")
    ap.add_argument("--before-site", type=Path,
                    help="also measure this earlier build first (labelled 'before'): the map's and the "
                         "早見表's before/after")
    ap.add_argument("--queries", type=Path, default=QUERIES)
    ap.add_argument("--smoke", action="store_true", help="only the queries marked smoke")
    ap.add_argument("--repeat", type=int, default=1, help="type each query N times (median time)")
    ap.add_argument("--no-typing", action="store_true",
                    help="skip typing the smoke queries one character at a time")
    ap.add_argument("--json", type=Path, help="write per-query results and summaries here")
    ap.add_argument("--check", action="store_true",
                    help=f"exit 1 unless the improved run reaches recall@5 ≥ {TARGET_RECALL} and MRR ≥ {TARGET_MRR}")
    args = ap.parse_args(argv)
    if args.site and args.mode == "both":
        ap.error("--site needs --mode baseline or --mode improved")
    queries = load_queries(args.queries, smoke_only=args.smoke)
    modes = ["baseline", "improved"] if args.mode == "both" else [args.mode]
    typing = [] if args.no_typing else load_queries(args.queries, smoke_only=True)

    from playwright.sync_api import sync_playwright

    runs: list[RunResult] = []
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp, sync_playwright() as p:
        browser = launch(p)
        try:
            if args.before_site:
                runs.append(measure(browser, args.before_site, "before", queries, args.repeat, typing))
            for mode in modes:
                site = args.site
                if site is None:
                    site = Path(tmp) / mode
                    build(site, improved=mode == "improved")
                runs.append(measure(browser, site, mode, queries, args.repeat, typing))
        finally:
            browser.close()
    print_report(runs)
    if args.json:
        args.json.write_text(json.dumps({"summaries": [summary(r) for r in runs],
                                         "runs": [{"label": r.label, "results": [asdict(x) for x in r.results]}
                                                  for r in runs]}, ensure_ascii=False, indent=1),
                             encoding="utf-8")
    failed = any(r.external_requests for r in runs)
    if args.check:
        improved = next((r for r in runs if r.label == "improved"), runs[-1])
        if improved.recall < TARGET_RECALL or improved.mrr < TARGET_MRR:
            print(f"FAIL: {improved.label} recall@5 {improved.recall:.3f} (≥ {TARGET_RECALL}), "
                  f"MRR {improved.mrr:.3f} (≥ {TARGET_MRR})")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
