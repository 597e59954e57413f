"""Bad docs files (#26): one clear message naming the file, no traceback, in `python -m graph check`,
`mkdocs build --strict` and `mkdocs serve`. A UTF-8 BOM is accepted; bytes that are not UTF-8 are
named with their line; a symlink to itself and a folder symlink loop are reported once and not
followed; bad YAML front matter is one error without follow-on errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build, mkdocs_cli_build
from sitedocs.sources import BOM, read_source, walk_docs

CHAPTER = ("---\ntitle: One\nlayer: 1\nsummary: first\nreviewed: 2026-11-01\n---\n# One\n\n"
           "## LoRA {#lora}\n\n!!! abstract \"一言\"\n    差分だけ学習する。\n\nsee [two](two.md#tools)\n")
TWO = ("---\ntitle: Two\nlayer: 2\nreviewed: 2026-11-01\n---\n# Two\n\n## Tools {#tools}\n\n"
       "back to [LoRA](one.md#lora)\n\n## More {#more}\n\n[LoRA again](one.md#lora)\n")
QUICKREF = ("# 早見表\n\n| 技術/概念 | 第1層 | 第2層A | 第2層B | 第3層 | 第4層 | 第5層 | 備考 |\n"
            "|--|--|--|--|--|--|--|--|\n"
            "| [LoRA（低ランク適応）](layers/one.md#lora) | ✅ | 🔧 | - | - | - | - | 差分 |\n")


def make_tree(root: Path) -> Path:
    """A tiny docs tree in a git repository, built with the project's hooks and the git plugin."""
    docs = root / "docs"
    (docs / "layers").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\n[one](layers/one.md)\n", encoding="utf-8")
    (docs / "layers" / "one.md").write_text(CHAPTER, encoding="utf-8")
    (docs / "layers" / "two.md").write_text(TWO, encoding="utf-8")
    (docs / "quick-reference.md").write_text(QUICKREF, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: tiny\nsite_url: https://example.invalid/\ntheme:\n  name: mkdocs\n"
        "plugins:\n  - git-revision-date-localized:\n      type: date\n      fallback_to_build_date: true\n"
        "      strict: false\n  - concept-map/graph\n  - concept-map/sources\n"
        "markdown_extensions:\n  - attr_list\n  - admonition\n  - tables\n", encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "tree"], cwd=root, check=True)
    return config


def check(docs: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graph", "check", str(docs)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_the_tree_is_clean(tmp_path: Path) -> None:
    config = make_tree(tmp_path)
    assert check(tmp_path / "docs").returncode == 0
    assert mkdocs_build(config, tmp_path / "site").returncode == 0


def test_a_bom_is_accepted(tmp_path: Path) -> None:
    config = make_tree(tmp_path)
    one = tmp_path / "docs" / "layers" / "one.md"
    one.write_bytes(BOM.encode() + one.read_bytes())
    proc = check(tmp_path / "docs")
    assert proc.returncode == 0, proc.stdout
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr


def test_non_utf8_bytes_are_named_with_file_and_line(tmp_path: Path) -> None:
    config = make_tree(tmp_path)
    (tmp_path / "docs" / "layers" / "two.md").write_bytes(TWO.encode().replace(b"back to", b"back \xff to"))
    proc = check(tmp_path / "docs")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stdout.splitlines()[0].startswith("layers/two.md:10: UTF-8 ではないバイト（0xff）")
    assert proc.stdout.count("layers/two.md") == 1  # links into it are not follow-on errors
    cli = mkdocs_cli_build(config, tmp_path / "site")
    assert cli.returncode == 1 and "Traceback" not in cli.stderr
    assert cli.stderr.count("layers/two.md:10: UTF-8 ではないバイト") == 1


def test_a_symlink_to_itself_is_reported_once_and_not_read(tmp_path: Path) -> None:
    config = make_tree(tmp_path)
    (tmp_path / "docs" / "self.md").symlink_to("self.md")
    proc = check(tmp_path / "docs")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stdout.count("self.md:1: シンボリックリンクが自分自身") == 1
    cli = mkdocs_cli_build(config, tmp_path / "site")
    assert cli.returncode == 1 and "Traceback" not in cli.stderr and "AssertionError" not in cli.stderr
    assert cli.stderr.count("self.md:1: シンボリックリンクが自分自身") == 1


def test_a_folder_symlink_loop_is_reported_once_and_not_followed(tmp_path: Path) -> None:
    config = make_tree(tmp_path)
    (tmp_path / "docs" / "layers" / "up").symlink_to("..")
    proc = check(tmp_path / "docs")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stdout.count("layers/up") == 1
    cli = mkdocs_cli_build(config, tmp_path / "site")
    assert cli.returncode == 1 and "Traceback" not in cli.stderr
    assert cli.stderr.count("layers/up") == 1
    loose = mkdocs_build(config, tmp_path / "site2", strict=False)  # without --strict the build goes on
    assert not (tmp_path / "site2" / "layers" / "up").exists()
    assert (tmp_path / "site2" / "layers" / "one" / "index.html").is_file()
    assert loose.stderr.count("layers/up") == 1


def test_bad_yaml_front_matter_is_one_error(tmp_path: Path) -> None:
    config = make_tree(tmp_path)
    one = tmp_path / "docs" / "layers" / "one.md"
    one.write_text(CHAPTER.replace("title: One", "title: [One"), encoding="utf-8")
    proc = check(tmp_path / "docs")
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[0].startswith("layers/one.md:3: front matter is not valid YAML: ")
    assert "check: 1 error(s)" in proc.stdout
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if "layers/" in line] == [
        f"ERROR   -  concept_map: {proc.stdout.splitlines()[0]}"]


def test_an_unreadable_file_and_bad_yaml_are_reported_together(tmp_path: Path) -> None:
    make_tree(tmp_path)
    (tmp_path / "docs" / "layers" / "two.md").write_bytes(b"\xff" + TWO.encode())
    one = tmp_path / "docs" / "layers" / "one.md"
    one.write_text(CHAPTER.replace("title: One", "title: [One"), encoding="utf-8")
    proc = check(tmp_path / "docs")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert [line.split(": ")[0] for line in proc.stdout.splitlines()[:-1]] == ["layers/one.md:3", "layers/two.md:1"]


def test_serve_reports_a_bad_file_once_and_renders_the_rest(tmp_path: Path) -> None:
    config = make_tree(tmp_path)
    (tmp_path / "docs" / "latin1.md").write_bytes("# Café\n".encode("latin-1"))
    result = mkdocs_build(config, tmp_path / "site", strict=False, command="serve")
    assert result.stderr.count("latin1.md:1: UTF-8 ではないバイト（0xe9）") == 1
    assert (tmp_path / "site" / "layers" / "one" / "index.html").is_file()
    assert not (tmp_path / "site" / "latin1").exists()


@pytest.mark.parametrize(("data", "text"), [(b"# a\n", "# a\n"), (BOM.encode() + b"# a\n", "# a\n")])
def test_read_source(tmp_path: Path, data: bytes, text: str) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(data)
    assert read_source(path, "a.md") == (text, None)


def test_walk_docs_follows_a_folder_symlink_that_does_not_loop(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.md").write_text("# x\n", encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "shared").symlink_to(tmp_path / "elsewhere")
    (docs / "loop").symlink_to(docs)
    os.symlink("b.md", docs / "a.md")  # a circle of two file links: listed, then not readable
    os.symlink("a.md", docs / "b.md")
    files, problems = walk_docs(docs)
    assert [src for _, src in files] == ["a.md", "b.md", "shared/x.md"]
    assert [p.src for p in problems] == ["loop"]
    assert "循環" in str(read_source(docs / "a.md", "a.md")[1])


def test_stylesheets_resolve_custom_media_and_name_an_unknown_one(tmp_path: Path) -> None:
    """`@media (--cm-phone)` in a stylesheet is the vocabulary's phone query in the built site
    (graph/vocabulary.py MEDIA); a name it does not declare fails the build with file:line."""
    from graph.vocabulary import MEDIA

    config = make_tree(tmp_path)
    sheet = tmp_path / "docs" / "extra.css"
    sheet.write_text(".a { color: red; }\n@media screen and (--cm-phone) {\n  .a { color: blue; }\n}\n",
                     encoding="utf-8")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    built = (tmp_path / "site" / "extra.css").read_text(encoding="utf-8")
    assert built == sheet.read_text(encoding="utf-8").replace("(--cm-phone)", MEDIA["phone"])
    assert sheet.read_text(encoding="utf-8").count("--cm-phone") == 1  # the source is left alone
    sheet.write_text(".a { color: red; }\n@media (--cm-phnoe) {\n  .a { color: blue; }\n}\n", encoding="utf-8")
    result = mkdocs_build(config, tmp_path / "site2")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("extra.css:2: メディアクエリ (--cm-phnoe) は graph/vocabulary.py の MEDIA") == 1
