"""Create the project's virtualenv and install the locked requirements and the project itself.

Used by scripts/serve.py, scripts/test.py and scripts/check_links.py so that each works on a fresh
machine with only Python ≥ 3.11 (Debian 12's own python3 3.11.2 included). Standard library only.
`requirements.txt` / `requirements-dev.txt` name the top-level pins; what gets installed is their
lock (requirements-lock.txt / requirements-dev-lock.txt, made by scripts/lock.py) with
`pip install --require-hashes`, then the project (editable) without dependencies and without build
isolation (its build backend, setuptools, is in the lock too). Re-installs only when the pins, the
lock or pyproject.toml change (hash in .venv/.hash-*).
"""

from __future__ import annotations

import hashlib
import os
import shutil
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


def lock_of(requirements: str) -> Path:
    """The hash lock of a pins file: requirements-dev.txt -> requirements-dev-lock.txt."""
    return ROOT / f"{Path(requirements).stem}-lock.txt"


def stamp_files(requirements: str) -> list[Path]:
    """What the install depends on: the pins (with requirements.txt, which the dev pins include),
    the lock that is installed, and pyproject.toml."""
    req = ROOT / requirements
    files = [ROOT / "requirements.txt", req] if req.name != "requirements.txt" else [req]
    return [*files, lock_of(requirements), ROOT / "pyproject.toml"]


def install_commands(python: Path, requirements: str) -> list[list[str]]:
    """pip: the lock with --require-hashes, then the project (editable) with nothing else.

    The lock is also the constraints (-c): a dependency asked for with an extra (justext's
    `lxml[html_clean]`) is then held to the locked version too. Without it, Debian 12's pip
    (23.0.1, which does not match `html_clean` to lxml's `html-clean`) looks past the locked lxml
    for another release, and fails hash-checking as soon as a newer one is on the index."""
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    lock = str(lock_of(requirements))
    return [[*pip, "--require-hashes", "-r", lock, "-c", lock],
            [*pip, "--no-deps", "--no-build-isolation", "-e", str(ROOT)]]


def ensure(requirements: str) -> Path:
    """Make sure .venv exists with the lock of `requirements` and the project (editable) installed;
    return the venv's python."""
    check_python()
    lock = lock_of(requirements)
    if not lock.is_file():
        sys.exit(f"{lock.name} がありません: `python3 scripts/lock.py` で {requirements} から作ってください")
    stamp = VENV / f".hash-{Path(requirements).stem}"
    want = _hash(stamp_files(requirements))
    if not PYTHON.exists():
        print(f"[setup] creating virtualenv in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if not stamp.exists() or stamp.read_text() != want:
        print(f"[setup] installing {lock.name} (hash-checked) and the project (editable)", flush=True)
        # A *.egg-info left in the checkout by an older install would shadow the installed metadata
        # for anything run from here (pytest's pythonpath "."): the plugins' entry points with it.
        for stale in ROOT.glob("*.egg-info"):
            shutil.rmtree(stale, ignore_errors=True)
        for command in install_commands(PYTHON, requirements):
            subprocess.run(command, check=True)
        stamp.write_text(want)
    return PYTHON
