#!/usr/bin/env python3
"""Check the site's links (the `linkaudit` package) and write reports contributors can act on.

  python3 scripts/check_links.py --site site                 # internal links and #anchors, offline
  python3 scripts/check_links.py --external --json r.json --markdown r.md   # cited URLs too
  python3 scripts/check_links.py --help

Standard library only: any Python ≥ 3.11 (Debian's python3 too, even with -S) can start it. It
creates or updates .venv (scripts/_venv.py) and runs `python -m linkaudit` there.
Exit codes: 0 nothing broken, 1 something broken, 2 bad usage or config, 3 network unreachable.
"""

from __future__ import annotations

import os
import sys

import _venv  # scripts/_venv.py, beside this file (standard library only)


def main() -> int:
    """Run the link checker in the project's virtualenv."""
    if _venv.in_venv():
        from linkaudit.cli import main as run

        return run()
    python = str(_venv.ensure("requirements.txt"))
    os.execv(python, [python, "-m", "linkaudit", *sys.argv[1:]])
    return 2  # not reached: execv replaces this process


if __name__ == "__main__":
    sys.exit(main())
