"""The suite passes on a source tarball without .git (#26): `git archive` of HEAD, unpacked outside
any repository, runs the history tests with those that need git skipped, saying why."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from conftest import ROOT

IN_GIT = (ROOT / ".git").exists()


@pytest.mark.skipif(not IN_GIT, reason="this copy is itself not a git checkout (no HEAD to archive)")
def test_history_tests_skip_with_a_reason_in_a_source_tarball(tmp_path: Path) -> None:
    archive = subprocess.run(["git", "archive", "--format=tar", "HEAD"], cwd=ROOT, capture_output=True,
                             check=True, timeout=120).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        # our own `git archive`; the safe "data" filter where the Python has it (3.11.4+, not
        # Debian 12's 3.11.2)
        tar.extractall(tmp_path, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    assert not (tmp_path / ".git").exists()
    env = {**os.environ, "GIT_CEILING_DIRECTORIES": str(tmp_path.parent), "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
                           "tests/test_history.py"], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "SKIPPED" in proc.stdout and "no git history here" in proc.stdout
    assert " passed" in proc.stdout
