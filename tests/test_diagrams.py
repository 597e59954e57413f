"""Diagrams as text sources (sitedocs/diagrams.py): the fence check, the rendered figure, the
vendored Mermaid copy, and no ASCII-art diagram left in the docs."""

from __future__ import annotations

import filecmp
import json
import re
from pathlib import Path

import pytest

from conftest import mkdocs_build
from sitedocs import diagrams

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
GOOD = """```diagram
flowchart TD
  accTitle: 二つの箱
  accDescr: AからBへ進む
  A["<script>alert(1)</script>"] --> B
```
"""


def test_a_good_diagram_has_no_problems_and_renders_escaped() -> None:
    assert diagrams.problems(GOOD) == []
    source = GOOD.split("\n", 1)[1].rsplit("```", 1)[0]
    out = diagrams.fence_format(source, "diagram", "cm-diagram", {}, None)
    assert out.startswith('<figure class="cm-diagram">') and "<script>" not in out
    assert "&lt;script&gt;" in out
    assert '<figcaption class="cm-diagram__caption">二つの箱</figcaption>' in out


@pytest.mark.parametrize(("body", "line", "needle"), [
    ("pie\n  accTitle: t\n  accDescr: d\n", 3, "図の種類「pie」"),
    ("flowchart TD\n  accDescr: d\n  A --> B\n", 3, "accTitle"),
    ("flowchart TD\n  accTitle: t\n  A --> B\n", 3, "accDescr"),
    ("flowchart TD\n  accTitle: t\n  accDescr: d\n  click A call x()\n", 6, "click"),
    ("%%{init: {'securityLevel': 'loose'}}%%\nflowchart TD\n  accTitle: t\n  accDescr: d\n", 3, "init"),
    ("\n", 3, "空"),
])
def test_each_mistake_is_found_at_its_line(body: str, line: int, needle: str) -> None:
    found = diagrams.problems("前の段落\n```diagram\n" + body + "```\n")
    assert [ln for ln, msg in found if needle in msg] == [line], found


def test_other_fences_are_not_diagrams() -> None:
    assert diagrams.problems("```text\npie\n```\n````md\n```diagram\npie\n```\n````\n") == []


def test_a_bad_diagram_fails_the_strict_build_with_file_and_line(tmp_path: Path) -> None:
    """The real configuration on a copy of the docs with one bad diagram: graph check and the
    build name the file and line, and the build writes no page."""
    import shutil
    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns("vendor"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    shutil.copytree(ROOT / "hooks", tmp_path / "hooks")
    index = tmp_path / "docs" / "index.md"
    text = index.read_text(encoding="utf-8")
    line = text[: text.index("```diagram")].count("\n") + 1
    index.write_text(text.replace("  accDescr:", "  note:", 1), encoding="utf-8")
    result = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 1
    assert f"index.md:{line + 1}: 図に accDescr: がありません" in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_no_ascii_art_diagram_is_left_in_the_docs() -> None:
    box = re.compile(r"[┌┐└┘│├┤┬┴┼─▶◀▼▲]")
    left = []
    for path in sorted(DOCS.rglob("*.md")):
        lines = path.read_text(encoding="utf-8").splitlines()
        fence = None
        for no, line in enumerate(lines, 1):
            m = re.match(r"^\s*(`{3,}|~{3,})(\S*)", line)
            if m and fence is None:
                fence = (m.group(1), m.group(2), no)
            elif m and fence and line.strip().startswith(fence[0]):
                fence = None
            elif fence and fence[1] != "diagram" and box.search(line):
                left.append(f"{path.relative_to(DOCS)}:{fence[2]}")
                fence = (fence[0], "diagram", fence[2])  # report a block once
    assert left == [], "text diagrams left (write them as ```diagram, see 執筆ガイド): " + ", ".join(left)


def test_the_vendored_mermaid_is_the_pinned_npm_release() -> None:
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]["mermaid"]
    dist = ROOT / "node_modules" / "mermaid" / "dist"
    if not dist.exists():
        pytest.skip("node_modules/mermaid not installed (npm ci)")
    assert json.loads((ROOT / "node_modules/mermaid/package.json").read_text())["version"] == pinned
    vendor = DOCS / "assets" / "vendor" / "mermaid"
    expected = {str(p) for p in _vendor_files(dist)}
    assert {str(p.relative_to(vendor)) for p in vendor.rglob("*") if p.is_file()} == expected
    for rel in expected:
        assert filecmp.cmp(dist / rel, vendor / rel, shallow=False), rel


def _vendor_files(dist: Path) -> list[Path]:
    import importlib.util
    spec = importlib.util.spec_from_file_location("vendor_mermaid", ROOT / "scripts" / "vendor_mermaid.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.files(dist)
