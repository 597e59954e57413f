"""The site check's server child (`python -m linkaudit.serve`) dies with the checker, whatever
kills it (#26): a killed check leaves no server behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.links_fixture import SCRIPT, is_alive, is_serving, processes_with, wait_until, write_static_site


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_killed_site_check_leaves_no_server(tmp_path: Path, sig: signal.Signals) -> None:
    site = tmp_path / "site"
    write_static_site(site, pages=400, links_per_page=30)  # seconds of work: time to kill it
    (tmp_path / "docs").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.check-links]\ndocs_dir = "docs"\n',
                                             encoding="utf-8")
    check = subprocess.Popen(
        [sys.executable, str(SCRIPT), "--config", str(tmp_path / "pyproject.toml"),
         "--site", str(site)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    servers: list[int] = []
    try:
        assert wait_until(lambda: servers.extend(processes_with("linkaudit.serve", str(site)))
                          or servers or check.poll() is not None, timeout=120)
        assert servers and check.poll() is None, "the check ended before its server was seen"
        # Kill it mid-check: once the checker has read the port and is fetching pages.
        assert wait_until(lambda: is_serving(servers[0]) or check.poll() is not None, timeout=60)
        assert check.poll() is None, "the check ended before it was killed"
        os.kill(check.pid, sig)
        check.wait(timeout=30)
        assert wait_until(lambda: not any(is_alive(pid) for pid in servers), timeout=30), \
            f"server {servers} still running after the check was killed by {sig.name}"
    finally:
        if check.poll() is None:
            check.kill()
            check.wait()
        for pid in servers:  # on failure: don't leave the orphan behind
            if is_alive(pid):
                os.kill(pid, signal.SIGKILL)
