"""The Python dependencies are locked with hashes (#26): requirements-lock.txt and
requirements-dev-lock.txt (made by `python3 scripts/lock.py`) agree with the top-level pins, hash
every package, agree with each other, and are what scripts/_venv.py installs and stamps."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import _venv  # noqa: E402

_ENTRY = re.compile(r"^([A-Za-z0-9][\w.-]*)==(\S+?)(?:\s*;\s*([^\\]+?))?\s*\\?$")


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path) -> dict[str, str]:
    """name -> version of a pins file, following `-r`."""
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            found.update(pins(path.parent / line[3:].strip()))
        elif "==" in line:
            name, version = line.split("==", 1)
            found[_name(name)] = version.strip()
    return found


def lock_entries(path: Path) -> list[tuple[str, str, str | None, int]]:
    """(name, version, marker, number of hashes) for every package of a lock."""
    entries: list[tuple[str, str, str | None, int]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _ENTRY.match(line)
        if m:
            entries.append((_name(m.group(1)), m.group(2), m.group(3), 0))
        elif line.strip().startswith("--hash=sha256:") and entries:
            name, version, marker, hashes = entries[-1]
            entries[-1] = (name, version, marker, hashes + 1)
    return entries


@pytest.mark.parametrize("pins_file", ["requirements.txt", "requirements-dev.txt"])
def test_the_lock_holds_every_top_level_pin(pins_file: str) -> None:
    lock = _venv.lock_of(pins_file)
    locked = {(n, v) for n, v, _, _ in lock_entries(lock)}
    missing = {n: v for n, v in pins(ROOT / pins_file).items() if (n, v) not in locked}
    assert not missing, f"{lock.name} is stale for {missing}: run `python3 scripts/lock.py`"


@pytest.mark.parametrize("lock", ["requirements-lock.txt", "requirements-dev-lock.txt"])
def test_every_locked_package_is_exact_and_hashed(lock: str) -> None:
    entries = lock_entries(ROOT / lock)
    assert len(entries) > 40
    assert [n for n, _, _, hashes in entries if hashes == 0] == []
    assert "setuptools" in {n for n, *_ in entries}  # the editable install's build backend
    text = (ROOT / lock).read_text(encoding="utf-8")
    assert "--index-url" not in text and "--find-links" not in text and "file://" not in text
    # the lock is also pip's constraints file (-c, scripts/_venv.py), which takes no extras; and an
    # entry with extras would escape lock_entries' checks above
    requirements = [line for line in text.splitlines() if line[:1].isalnum()]
    assert [line for line in requirements if "[" in line.split("==", 1)[0]] == []
    assert len(requirements) == len(entries)


def test_site_and_dev_locks_agree() -> None:
    site = {(n, m): v for n, v, m, _ in lock_entries(ROOT / "requirements-lock.txt")}
    dev = {(n, m): v for n, v, m, _ in lock_entries(ROOT / "requirements-dev-lock.txt")}
    assert {k: (v, dev.get(k)) for k, v in site.items() if dev.get(k) != v} == {}


def test_venv_installs_the_lock_with_hashes_and_the_project_without_deps() -> None:
    first, second = _venv.install_commands(Path("py"), "requirements-dev.txt")
    lock = str(ROOT / "requirements-dev-lock.txt")
    assert first[-5:] == ["--require-hashes", "-r", lock, "-c", lock]  # the lock constrains extras too
    assert "--no-deps" in second and "--no-build-isolation" in second and second[-2:] == ["-e", str(ROOT)]


def test_the_venv_stamp_covers_the_lock() -> None:
    files = _venv.stamp_files("requirements-dev.txt")
    assert ROOT / "requirements-dev-lock.txt" in files
    assert {ROOT / "requirements.txt", ROOT / "requirements-dev.txt", ROOT / "pyproject.toml"} <= set(files)
    assert ROOT / "requirements-lock.txt" in _venv.stamp_files("requirements.txt")
