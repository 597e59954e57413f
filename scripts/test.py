"""Run the whole test suite: `python3 scripts/test.py` (extra arguments go to pytest).

Creates/updates .venv from requirements-dev.txt, lints with ruff, then runs pytest.
Browser tests use Debian's /usr/bin/chromium; when CI=true a missing browser is an error.
"""

from __future__ import annotations

import os
import subprocess
import sys

import _venv  # scripts/ is on sys.path: Python puts the script's own folder there


def main() -> int:
    python = _venv.ensure("requirements-dev.txt")
    os.chdir(_venv.ROOT)
    lint = subprocess.run([str(python), "-m", "ruff", "check", "."])
    if lint.returncode != 0:
        print("ruff check failed", file=sys.stderr)
        return lint.returncode
    return subprocess.run([str(python), "-m", "pytest", *sys.argv[1:]]).returncode


if __name__ == "__main__":
    sys.exit(main())
