"""Refresh the hash-locked requirements: `python3 scripts/lock.py`.

The top-level pins stay in requirements.txt (site build) and requirements-dev.txt (tests); this
resolves them, with every transitive package, into requirements-lock.txt and
requirements-dev-lock.txt with the sha256 of every file PyPI has for each pinned release
(`uv pip compile --universal --generate-hashes`). The resolution is for Python 3.11.2 (Debian 12's
python3) and newer on any platform: where a package dropped 3.11.2 (soupsieve needs 3.11.5 since
3.0.2), the lock holds both releases behind environment markers. scripts/_venv.py and the workflows
install a lock with `pip install --require-hashes -r LOCK -c LOCK` (the lock is its own constraints
file, so it must hold no extras: tests/test_lock.py), then the project itself without dependencies.

Standard library only: uv runs from a throwaway virtualenv in a temporary directory, with the
machine's pip and uv configuration ignored, so the locks name PyPI's files only. Run it after
changing a pin (Dependabot bumps requirements*.txt; tests/test_lock.py then fails until the locks
are refreshed).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UV = "uv==0.13.9"
PYTHON_VERSION = "3.11.2"  # Debian 12's python3: the oldest interpreter the locks must install on
LOCKS = {"requirements.txt": "requirements-lock.txt", "requirements-dev.txt": "requirements-dev-lock.txt"}
COMMAND = "python3 scripts/lock.py"


def clean_env() -> dict[str, str]:
    """The environment without the machine's pip and uv settings (config files, indexes, find-links)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "UV_"))}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_DISABLE_PIP_VERSION_CHECK="1", UV_NO_CONFIG="1")
    if "PIP_CERT" in os.environ:
        env["PIP_CERT"] = os.environ["PIP_CERT"]
    return env


def compile_lock(uv: Path, source: str, output: str, env: dict[str, str]) -> None:
    """Resolve `source` into `output` with hashes, every package at its newest allowed release."""
    subprocess.run(
        [str(uv), "pip", "compile", "--quiet", "--universal", "--python-version", PYTHON_VERSION,
         "--generate-hashes", "--upgrade", "--custom-compile-command", COMMAND,
         "--output-file", output, source],
        cwd=ROOT, env=env, check=True,
    )


def refresh(env: dict[str, str]) -> None:
    """Install uv in a throwaway virtualenv and compile every lock."""
    with tempfile.TemporaryDirectory(prefix="lock-tools-") as tmp:
        tools = Path(tmp) / "venv"
        venv.EnvBuilder(with_pip=True).create(tools)
        bindir = tools / ("Scripts" if os.name == "nt" else "bin")
        subprocess.run([str(bindir / "python"), "-m", "pip", "install", "-q", UV], env=env, check=True)
        for source, output in LOCKS.items():
            print(f"[lock] {source} -> {output}", flush=True)
            compile_lock(bindir / "uv", source, output, env)


def main() -> int:
    try:
        refresh(clean_env())
    except subprocess.CalledProcessError as exc:
        print(f"lock.py: `{' '.join(map(str, exc.cmd[:4]))} …` failed (exit {exc.returncode})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
