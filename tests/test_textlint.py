"""Japanese prose lint (#15): textlint with .textlintrc.yml passes on docs/ and fails on a bad fixture.

Needs Node.js >= 20 and `npm ci` (node_modules/). Without them the tests are skipped with one reason,
except under CI=true, where a missing Node toolchain is a failure: CI must run the lint.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEXTLINT = ROOT / "node_modules" / ".bin" / "textlint"
FIXTURE = ROOT / "tests" / "fixtures" / "textlint" / "mixed-style.md"
MIN_NODE = 20


def _node_major() -> int | None:
    node = shutil.which("node")
    if node is None:
        return None
    out = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    m = re.match(r"v(\d+)\.", out)
    return int(m.group(1)) if m else None


def _missing() -> str | None:
    major = _node_major()
    if major is None:
        return f"Node.js >= {MIN_NODE} is not installed"
    if major < MIN_NODE:
        return f"Node.js {major} is older than {MIN_NODE}"
    if not TEXTLINT.exists():
        return "node_modules/ is missing: run `npm ci`"
    return None


@pytest.fixture(scope="module")
def textlint():
    reason = _missing()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"textlint cannot run under CI=true: {reason}")
        pytest.skip(f"textlint skipped: {reason}")

    def run(*paths: str | Path) -> tuple[int, list[dict]]:
        proc = subprocess.run([str(TEXTLINT), "--format", "json", *map(str, paths)], cwd=ROOT,
                              capture_output=True, text=True, timeout=240)
        assert proc.stdout.strip(), f"textlint printed no report (exit {proc.returncode}): {proc.stderr}"
        messages = [{**m, "file": Path(r["filePath"]).relative_to(ROOT).as_posix()}
                    for r in json.loads(proc.stdout) for m in r["messages"]]
        return proc.returncode, messages

    return run


def test_docs_pass_textlint(textlint):
    if os.environ.get("TEXTLINT_DOCS_PASSED") == "1":
        pytest.skip("docs/ already passed textlint in this run of scripts/test.py")
    code, messages = textlint("docs")
    shown = "\n".join(f"{m['file']}:{m['line']}:{m['column']} {m['ruleId']} {m['message'].splitlines()[0]}"
                      for m in messages[:30])
    assert code == 0 and not messages, f"{len(messages)} textlint errors (npx textlint docs):\n{shown}"


def test_fixture_with_mixed_voice_and_bad_spacing_fails(textlint):
    code, messages = textlint(FIXTURE)
    assert code == 1
    rules = {m["ruleId"] for m in messages}
    assert "ja-technical-writing/no-mix-dearu-desumasu" in rules  # です・ます mixed into である
    assert "ja-spacing/ja-space-between-half-and-full-width" in rules  # 「MCP サーバー」
    assert "ja-spacing/ja-space-around-code" in rules  # 「`tools/list` で」
    assert "prh" in rules  # エンベディング, ベクターDB: the term dictionary
    prh = {m["message"].split(" => ")[0] for m in messages if m["ruleId"] == "prh"}
    assert {"エンベディング", "ベクターDB"} <= prh


def test_every_loosened_rule_has_a_reason():
    """Each rule turned off or given options in .textlintrc.yml has a comment (the reason) next to it."""
    lines = (ROOT / ".textlintrc.yml").read_text(encoding="utf-8").splitlines()
    unexplained = []
    for i, line in enumerate(lines):
        m = re.match(r"^    ([a-z-]+):( false)?\s*(#.*)?$", line)
        if not m or line.strip().startswith("#"):
            continue
        nearby = lines[max(0, i - 3):i + 1] + lines[i + 1:i + 3]
        if not any("#" in x for x in nearby):
            unexplained.append(m.group(1))
    assert not unexplained, f"rules without a reason in .textlintrc.yml: {unexplained}"
