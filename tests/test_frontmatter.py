"""#26: front matter shown as text (title, description, summary) holds no markup: refused with
file:line by `python -m graph check` and the build; the layer header escapes `summary` anyway."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build
from graph.__main__ import main as graph_main
from graph.frontmatter import markup_problems

EVIL = '<img src=x onerror="window.pwned=1">'


@pytest.mark.parametrize("value, bad", [
    ("KV キャッシュを再利用する", False), ("a < b かつ c > d", False), ("＜タグ＞", False),
    ("<b>太字</b>", True), (EVIL, True), ("x <!-- c -->", True), ("</script>", True),
])
def test_markup_is_refused_in_text_fields(value: str, bad: bool) -> None:
    for key in ("title", "description", "summary"):
        problems = markup_problems("layers/a.md", {key: value, "layer": 1}, {key: 3})
        assert bool(problems) is bad, (key, value)
        if bad:
            assert str(problems[0]).startswith(f"layers/a.md:3: フロントマター '{key}' はプレーンテキスト")
    assert markup_problems("a.md", {"other": EVIL, "summary": 3}, {}) == []


def chapter(summary: str) -> str:
    return f"---\nlayer: 1\nreviewed: 2026-12-01\nsummary: '{summary}'\n---\n# A\n\n## LoRA {{#lora}}\n\n差分。\n"


def write_docs(root: Path, summary: str) -> Path:
    docs = root / "docs"
    (docs / "layers").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "layers" / "a.md").write_text(chapter(summary), encoding="utf-8")
    (root / "overrides" / "partials").mkdir(parents=True)
    shutil.copy(ROOT / "overrides" / "partials" / "content.html", root / "overrides" / "partials")
    (root / "mkdocs.yml").write_text(
        "site_name: t\nsite_url: https://example.invalid/\n"
        "theme: {name: material, custom_dir: overrides}\n"
        "plugins:\n  - search\n  - concept-map/graph\n"
        "markdown_extensions: [attr_list, tables]\n", encoding="utf-8")
    return docs


def test_graph_check_and_build_refuse_markup_in_summary(tmp_path: Path, capsys) -> None:
    docs = write_docs(tmp_path, EVIL)
    assert graph_main(["check", str(docs)]) == 1
    assert "layers/a.md:4: フロントマター 'summary' はプレーンテキスト" in capsys.readouterr().out
    result = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site", strict=False)
    assert result.returncode == 1
    assert "layers/a.md:4: フロントマター 'summary'" in result.stderr


def test_summary_is_escaped_in_the_layer_header(tmp_path: Path) -> None:
    """Under `mkdocs serve` the page still renders (the error is logged): as text, not markup."""
    write_docs(tmp_path, EVIL)
    result = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site", strict=False, command="serve")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "layers" / "a" / "index.html").read_text(encoding="utf-8")
    header = html[html.index('class="cm-layer-header'):]
    assert "&lt;img src=x onerror=" in header and "<img src=x" not in html
