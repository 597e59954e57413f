"""Serve the site locally: `python3 scripts/serve.py` (extra arguments go to `mkdocs serve`)."""

from __future__ import annotations

import os
import sys

import _venv  # scripts/ is on sys.path: Python puts the script's own folder there


def main() -> None:
    python = _venv.ensure("requirements.txt")
    os.chdir(_venv.ROOT)
    args = [str(python), "-m", "mkdocs", "serve", *sys.argv[1:]]
    os.execv(str(python), args)


if __name__ == "__main__":
    main()
