"""Create the project's virtualenv and install the pinned requirements when they change.

Used by scripts/serve.py and scripts/test.py so that both work on a fresh machine with only
Python 3.11+. Re-installs only when a requirements file's content hash differs from the last
successful install (stored in .venv/.requirements-hash).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def _hash(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure(requirements: str) -> Path:
    """Make sure .venv exists with `requirements` installed; return the venv's python."""
    if sys.version_info < (3, 11):  # noqa: UP036 (this runs under the system python)
        sys.exit(f"Python 3.11 以上が必要です（実行中: {sys.version.split()[0]}）")
    req = ROOT / requirements
    files = [ROOT / "requirements.txt", req] if req.name != "requirements.txt" else [req]
    stamp = VENV / f".hash-{req.stem}"
    want = _hash(files)
    if not PYTHON.exists():
        print(f"[setup] creating virtualenv in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if not stamp.exists() or stamp.read_text() != want:
        print(f"[setup] installing {requirements}", flush=True)
        subprocess.run(
            [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", str(req)],
            check=True,
        )
        stamp.write_text(want)
    return PYTHON
