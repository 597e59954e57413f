"""Command line, no site build needed (about 0.5 s):

    python -m graph check docs/            # every validation the build does; exit 1 on errors
    python -m graph check docs/ --stale    # also list what is past its review date; exit 1 if any
    python -m graph check docs/ --stale --sources-report link-report.json --issue issue.md
                                           # the weekly 要再確認 issue: stale items and changed
                                           # sources by chapter, with owner; exit 1 if any
    python -m graph stats docs/            # the same check, plus graph statistics
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from .problems import ERROR
from .review_issue import issue_body
from .stats import site_graph_from_folder, stale_by_chapter, stale_items, stats_report


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text}") from exc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graph", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, text in (("check", "validate the docs as the build does (file:line)"),
                       ("stats", "check, then print nodes/edges by kind and layer")):
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("docs", type=Path, help="the docs folder, e.g. docs/")
        cmd.add_argument("--stale", action="store_true", help="list pages, sections and facts past their review date")
        cmd.add_argument("--today", type=_date, default=None, help="check freshness as of this date (YYYY-MM-DD)")
        cmd.add_argument("--sources-report", type=Path, default=None,
                         help="with --stale: check_links.py's JSON report (its sources_changed)")
        cmd.add_argument("--issue", type=Path, default=None,
                         help="with --stale: write the 要再確認 issue body (Markdown) here")
        cmd.add_argument("--run-url", default="", help="the workflow run, named in the issue")
    args = parser.parse_args(argv)
    if not args.docs.is_dir():
        print(f"error: {args.docs} is not a folder", file=sys.stderr)
        return 2
    today = args.today or dt.date.today()
    site = site_graph_from_folder(args.docs, today=today)
    errors = [p for p in site.problems if p.severity == ERROR]
    if args.command == "stats":
        print(stats_report(site))
    else:
        for problem in site.problems:
            print(f"{problem}{'' if problem.severity == ERROR else '  [warning]'}")
        print(f"check: {len(errors)} error(s), {len(site.problems) - len(errors)} warning(s); "
              f"{site.graph.number_of_nodes()} nodes, {site.graph.number_of_edges()} edges")
    status = 1 if errors else 0
    if args.stale:
        stale = stale_items(site, today)
        print(f"要再確認（{today.isoformat()} 時点で確認期限切れ）: {len(stale)}")
        for item in stale:
            print(f"  {item}")
        grouped = stale_by_chapter(site, today)
        if grouped:
            print("章ごと（担当者つき）:")
            for line in grouped:
                print(f"  {line}")
        changed = _sources_changed(args.sources_report)
        if changed is None:
            return 2
        if changed:
            print(f"本文が変わった出典: {len(changed)}")
        if args.issue:
            args.issue.write_text(issue_body(site, today, changed, args.run_url), encoding="utf-8")
        status = status or (1 if stale or changed else 0)
    return status


def _sources_changed(path: Path | None) -> list[dict] | None:
    """`sources_changed` of a check_links.py JSON report ([] without one; None, said, if unreadable)."""
    if path is None or not path.exists():
        return []
    try:
        changed = json.loads(path.read_text(encoding="utf-8")).get("sources_changed", [])
        if not isinstance(changed, list) or not all(isinstance(c, dict) for c in changed):
            raise ValueError("sources_changed is not a list of objects")
        return changed
    except (OSError, ValueError, AttributeError) as exc:
        print(f"error: {path} is not a check_links.py JSON report ({exc})", file=sys.stderr)
        return None


if __name__ == "__main__":
    sys.exit(main())
