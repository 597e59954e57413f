"""Serve the site locally: `python3 scripts/serve.py` (extra arguments go to `mkdocs serve`)."""

from __future__ import annotations

import os
import sys

import _venv  # found in scripts/: Python puts the running script's own folder on the import path


def main() -> None:
    python = _venv.ensure("requirements.txt")
    os.chdir(_venv.ROOT)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # we pin MkDocs 1.x on purpose (README)
    args = [str(python), "-m", "mkdocs", "serve", *sys.argv[1:]]
    os.execv(str(python), args)


if __name__ == "__main__":
    main()
