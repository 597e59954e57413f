"""The generated 更新履歴 page: git log parsing, the Markdown it makes, builds with and without git."""

from __future__ import annotations

import re
import subprocess
from html import unescape
from pathlib import Path

import pytest

from conftest import ROOT, build_tiny_site
from sitedocs.history import Change, history_markdown, parse_log, read_history

# A source tarball (`git archive`) has no .git: the real site's 更新履歴 then has nothing to list.
HAS_HISTORY = read_history(ROOT, ROOT / "docs") is not None
NO_HISTORY = "no git history here (a source tarball or a copy without .git): the 更新履歴 lists nothing"

R, F = "\x1e", "\x1f"


def test_parse_log_keeps_markdown_under_docs_only() -> None:
    text = (f"{R}abc1234{F}2026-12-01{F}Fix caching\n\ndocs/layers/02-communication.md\ndocs/assets/x.css\n"
            f"graph/build.py\n{R}def5678{F}2026-11-30{F}Add 早見表 rows\n\ndocs/quick-reference.md\n")
    assert parse_log(text, "docs/") == [
        Change("2026-12-01", "layers/02-communication.md", "Fix caching", "abc1234"),
        Change("2026-11-30", "quick-reference.md", "Add 早見表 rows", "def5678"),
    ]


def test_history_markdown_links_pages_and_escapes_subjects() -> None:
    changes = [Change("2026-12-01", "layers/01-llm.md", "Use {.no-graph} | *stars* <b>", "abc1234"),
               Change("2026-11-01", "old.md", "x" * 150, "def5678")]
    text = history_markdown(changes, {"layers/01-llm.md"}, "changelog.md")
    assert text.count("\n| 20") == 2 and "<b>" not in text and "{.no" not in text  # one row each
    assert "old.md（現在はないページ）" in text and "x" * 99 + "…" in text and "x" * 100 not in text
    assert "表示できません" in history_markdown(None, set(), "changelog.md")


def test_build_without_git_history_says_so(tmp_path: Path) -> None:
    site = build_tiny_site(tmp_path, {"index.md": "# Home\n"},
                           "site_name: t\nnav:\n  - index.md\n  - 更新履歴: changelog.md\n"
                           "plugins:\n  - search\n  - concept-map/changelog\n")
    assert "git の履歴がない環境" in (site / "changelog" / "index.html").read_text(encoding="utf-8")


def test_read_history_is_none_outside_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))  # no repository above tmp_path
    (tmp_path / "docs").mkdir()
    assert read_history(tmp_path, tmp_path / "docs") is None


@pytest.mark.skipif(not HAS_HISTORY, reason=NO_HISTORY)
def test_real_site_lists_the_docs_history(real_site: Path) -> None:
    html = (real_site / "changelog" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>\s*<td>(\d{4}-\d{2}-\d{2})</td>", html)
    assert len(rows) >= 10 and rows == sorted(rows, reverse=True)  # newest first
    assert re.search(r'<a href="\.\./layers/01-llm/">layers/01-llm\.md</a>', html)


HOSTILE_SUBJECT = ("<script>window.x=1</script><b>b</b> & &lt; | *a* _b_ `c` [l](u) ![i](j) "
                   ":smile: ==m== ++k++ \\<")  # under 100 characters: shown whole


def _markdown_extensions() -> str:
    """The real mkdocs.yml's markdown_extensions block (emoji, mark, keys… as the site has them)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = text[text.index("\nmarkdown_extensions:") + 1:]
    return block[:block.index("\n\n") + 1] if "\n\n" in block else block


def test_commit_subject_with_markup_shows_as_typed(tmp_path: Path) -> None:
    """#26: a subject with HTML (or any Markdown syntax) is plain text on 更新履歴, no stray \\<."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-C", str(tmp_path)]
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run([*git, "add", "docs"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", HOSTILE_SUBJECT], check=True)
    site = build_tiny_site(tmp_path, {}, "site_name: t\ntheme: {name: material}\n"
                           "nav:\n  - index.md\n  - 更新履歴: changelog.md\n"
                           "plugins:\n  - search\n  - concept-map/changelog\n" + _markdown_extensions())
    html = (site / "changelog" / "index.html").read_text(encoding="utf-8")
    cells = re.findall(r"<td>(.*?)</td>", html, re.DOTALL)
    assert "<script>" not in html.split("<article", 1)[1].split("</article>", 1)[0]
    assert HOSTILE_SUBJECT in [unescape(c) for c in cells], cells
