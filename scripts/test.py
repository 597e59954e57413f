"""Run the test suite: `python3 scripts/test.py [--quick] [pytest arguments]`.

Standard library only: creates/updates .venv from requirements-dev.txt (and installs the project
editable), lints with ruff, then runs pytest. `--quick` leaves out the browser tests (marker
`browser`) for fast feedback; the full run is the default and what CI runs. Browser tests use
Debian's /usr/bin/chromium; when CI=true a missing browser is an error.
"""

from __future__ import annotations

import os
import subprocess
import sys

import _venv  # scripts/ is on sys.path: Python puts the script's own folder there


def main() -> int:
    args = sys.argv[1:]
    quick = "--quick" in args
    args = [a for a in args if a != "--quick"]
    python = _venv.ensure("requirements-dev.txt")
    os.chdir(_venv.ROOT)
    lint = subprocess.run([str(python), "-m", "ruff", "check", "."])
    if lint.returncode != 0:
        print("ruff check failed", file=sys.stderr)
        return lint.returncode
    if quick:
        args = ["-m", "not browser", *args]
    return subprocess.run([str(python), "-m", "pytest", *args]).returncode


if __name__ == "__main__":
    sys.exit(main())
