"""Run a benchmark: `python3 scripts/bench.py build|map|search|links [options]` (--help per benchmark).

Standard library only: makes sure .venv exists (scripts/_venv.py, test dependencies), then runs
`python -m benchmarks.<name>` in it from the repository root. Benchmarks print figures; no test
asserts on them.
"""

from __future__ import annotations

import os
import sys

import _venv  # found in scripts/: Python puts the running script's own folder on the import path

BENCHMARKS = ("build", "map", "search", "links")


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in BENCHMARKS:
        print(f"usage: python3 scripts/bench.py {{{'|'.join(BENCHMARKS)}}} [options]", file=sys.stderr)
        sys.exit(2)
    python = str(_venv.ensure("requirements-dev.txt"))
    os.chdir(_venv.ROOT)
    os.execv(python, [python, "-m", f"benchmarks.{sys.argv[1]}", *sys.argv[2:]])


if __name__ == "__main__":
    main()
