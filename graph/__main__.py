"""Command line: `python -m graph stats docs/` prints graph statistics without building the site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .stats import site_graph_from_folder, stats_report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graph", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    stats = sub.add_parser("stats", help="print nodes/edges by kind and layer, and gaps")
    stats.add_argument("docs", type=Path, help="the docs folder, e.g. docs/")
    args = parser.parse_args(argv)
    if not args.docs.is_dir():
        print(f"error: {args.docs} is not a folder", file=sys.stderr)
        return 2
    site = site_graph_from_folder(args.docs)
    print(stats_report(site))
    return 1 if site.problems else 0


if __name__ == "__main__":
    sys.exit(main())
