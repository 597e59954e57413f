"""scripts/accept_link_report.py (#26): the deploy copies the downloaded link report into the
workspace only when it matches the report schema; anything else is one warning, no copy, exit 0."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from linkaudit.classify import ResultClass
from linkaudit.report import Report, Result
from linkaudit.sources import Citation

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "accept_link_report.py"


def valid_report() -> dict:
    result = Result("https://docs.example.com/gone", "external", ResultClass.BROKEN, 404, True,
                    [Citation("layers/l1.md", 10, True)], message="Not Found", attempts=1)
    return Report(internal=False, external=True, results=[result]).to_json()


def run(src: Path, dest: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), str(src), str(dest)], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)


def test_a_valid_report_is_copied(tmp_path: Path) -> None:
    src, dest = tmp_path / "in.json", tmp_path / "link-report.json"
    src.write_text(json.dumps(valid_report()), encoding="utf-8")
    proc = run(src, dest)
    assert proc.returncode == 0 and "::warning::" not in proc.stdout
    assert dest.read_bytes() == src.read_bytes()


def _bad_line(report: dict) -> dict:
    report["results"][0]["citations"][0]["line"] = "abc"
    return report


def _no_url(report: dict) -> dict:
    del report["results"][0]["url"]
    return report


def _extra_key(report: dict) -> dict:
    report["results"][0]["html"] = "<script>alert(1)</script>"
    return report


@pytest.mark.parametrize(("name", "content"), [
    ("line-abc", json.dumps(_bad_line(valid_report()))),
    ("no-url", json.dumps(_no_url(valid_report()))),
    ("unknown-key", json.dumps(_extra_key(valid_report()))),
    ("null", "null"),
    ("not-json", "{\"version\": 1,"),
    ("not-utf8", b"\xff\xfe{}"),
])
def test_a_bad_report_is_a_warning_and_nothing_is_copied(tmp_path: Path, name: str, content: str | bytes) -> None:
    src, dest = tmp_path / "in.json", tmp_path / "link-report.json"
    (src.write_bytes if isinstance(content, bytes) else src.write_text)(content)
    dest.write_text("stale")  # a report left over from before must not survive either
    proc = run(src, dest)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("::warning::link report ignored"), proc.stdout
    assert "Traceback" not in proc.stderr
    assert not dest.exists()


def test_a_missing_or_symlinked_report_is_a_warning(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text(json.dumps(valid_report()), encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    for src in (tmp_path / "absent.json", link):
        proc = run(src, tmp_path / "out.json")
        assert proc.returncode == 0 and "not a regular file" in proc.stdout
        assert not (tmp_path / "out.json").exists()


def test_usage_error_is_exit_2(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
