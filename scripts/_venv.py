"""Create the project's virtualenv and install the pinned requirements and the project itself.

Used by scripts/serve.py, scripts/test.py and scripts/check_links.py so that each works on a fresh
machine with only Python ≥ 3.11 (Debian 12's own python3 3.11.2 included). Standard library only.
Re-installs only when a requirements file or pyproject.toml changes (hash in .venv/.hash-*).
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
MIN_PYTHON = (3, 11)


def check_python() -> None:
    """Stop with one clear sentence on a Python older than every pin supports."""
    if sys.version_info < MIN_PYTHON:
        want = ".".join(map(str, MIN_PYTHON))
        sys.exit(f"Python {want} 以上が必要です（実行中: {sys.version.split()[0]}）")


def _hash(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def in_venv() -> bool:
    """True when this interpreter is the project's own virtualenv."""
    return Path(sys.prefix).resolve() == VENV.resolve()


def ensure(requirements: str) -> Path:
    """Make sure .venv exists with `requirements` and the project (editable) installed; return
    the venv's python."""
    check_python()
    req = ROOT / requirements
    files = [ROOT / "requirements.txt", req] if req.name != "requirements.txt" else [req]
    files.append(ROOT / "pyproject.toml")
    stamp = VENV / f".hash-{req.stem}"
    want = _hash(files)
    if not PYTHON.exists():
        print(f"[setup] creating virtualenv in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if not stamp.exists() or stamp.read_text() != want:
        print(f"[setup] installing {requirements} and the project (editable)", flush=True)
        subprocess.run(
            [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q",
             "-r", str(req), "-e", str(ROOT)],
            check=True,
        )
        stamp.write_text(want)
    return PYTHON
