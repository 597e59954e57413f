"""Work done beside the build (sitedocs/ahead.py, search_ja/prefetch.py) changes no byte of the site.

A tiny tree built three ways: as configured (the chapters' views made in a forked child, the
search index's sub-word keys in a worker process), with both switched off, and as `mkdocs serve`
builds (no fork). Every file of the three sites is the same, and the worker's keys were used.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest

from conftest import mkdocs_build
from hooks import concept_map_plugin
from search_ja.index import Extras, doc_texts, merged_cards, rewrite_docs
from search_ja.prefetch import KeyWorker
from search_ja.segment import sub_keys
from sitedocs import ahead as ahead_module
from sitedocs.ahead import Ahead

PAGES = {
    "index.md": "# ホーム\n\n[LoRA](a/one.md#lora)、[ツール](a/two.md#tools)\n",
    "a/one.md": ("---\ntitle: LLM層\nlayer: 1\nsummary: モデルそのもの\nreviewed: 2026-11-01\n---\n"
                 "# LLM層\n\n## LoRA {#lora}\n\n!!! abstract \"一言\"\n    差分だけを学習する低ランク適応。\n\n"
                 "プロンプトキャッシュと構造化出力を[ツール定義](two.md#tools)から使う。\n\n"
                 "| 項目 | 値 |\n|--|--|\n| ランク | 8 |\n"),
    "a/two.md": ("---\ntitle: 通信層\nlayer: 2\nreviewed: 2026-11-01\n---\n"
                 "# 通信層\n\n## ツール定義 {#tools}\n\n!!! abstract \"一言\"\n    モデルに渡す道具の説明。\n\n"
                 "[LoRA](one.md#lora)で学習したモデルにツール呼び出しを送る。\n"),
    "quick-reference.md": (
        "# 早見表\n\n| 技術/概念 | 第1層 | 第2層A | 第2層B | 第3層 | 第4層 | 第5層 | 備考 |\n"
        "|--|--|--|--|--|--|--|--|\n"
        "| [LoRA（低ランク適応）](a/one.md#lora) | ✅ | 🔧 | - | - | - | - | 差分 |\n"
        "| [ツール定義](a/two.md#tools) | 🔧 | ✅ | - | - | - | - | 道具 |\n"),
}


def make_tree(root: Path, *, beside: bool) -> Path:
    for name, text in PAGES.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: tiny\nsite_url: https://example.invalid/\ntheme:\n  name: material\n  language: ja\n"
        "plugins:\n  - search:\n      lang: ja\n"
        f"  - concept-map/graph:\n      parallel: {str(beside).lower()}\n"
        f"  - concept-map/search-ja:\n      worker: {str(beside).lower()}\n"
        "markdown_extensions:\n  - attr_list\n  - admonition\n  - tables\n", encoding="utf-8")
    return config


def site_files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_site_built_beside_and_here_is_the_same(tmp_path: Path, monkeypatch) -> None:
    made: list[Ahead] = []

    class Recorded(Ahead):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(concept_map_plugin, "Ahead", Recorded)
    monkeypatch.setattr(ahead_module, "other_threads", lambda: False)  # the session's HTTP servers
    sites = {}
    for name, beside, command in (("beside", True, "build"), ("here", False, "build"), ("serve", True, "serve")):
        config = make_tree(tmp_path / name, beside=beside)
        result = mkdocs_build(config, tmp_path / name / "site", command=command)
        assert result.returncode == 0, result.stderr
        assert made[-1].forked == (name == "beside") or not hasattr(os, "fork"), name
        assert made[-1].problem == "", made[-1].problem  # the child gave every value
        found = re.search(r"the keys of (\d+) texts found beside the build", result.stderr)
        assert found, result.stderr
        assert (int(found.group(1)) > 0) == beside, result.stderr  # serve builds keep the worker
        sites[name] = site_files(tmp_path / name / "site")
    assert "a/one/index.html" in sites["beside"]
    assert 'id="cm-local-title"' in sites["beside"]["a/one/index.html"].decode("utf-8")  # a view was made
    for name in ("here", "serve"):
        assert sites[name].keys() == sites["beside"].keys()
        differ = [f for f in sites[name] if sites[name][f] != sites["beside"][f]]
        assert differ == [], name


def test_the_worker_finds_the_keys_sub_keys_finds() -> None:
    texts = ["プロンプトキャッシュを使う", "構造化出力", "English only", "", "低ランク適応\nツール呼び出し"]
    worker = KeyWorker()
    worker.start()
    worker.submit(texts[:2])
    worker.submit(texts[1:])  # a text sent twice is analysed once
    found = worker.collect()
    assert worker.problem == ""
    assert found == {t: sub_keys(t) for t in texts}
    assert found["プロンプトキャッシュを使う"] == ["キャッシュ"]


@pytest.mark.parametrize(("command", "problem"), [
    (["/nonexistent/python"], "cannot start"),
    ([sys.executable, "-c", "import sys; sys.exit(3)"], "exit status 3"),
    ([sys.executable, "-c", "import sys; sys.stdin.read(); print('not json')"], "unreadable"),
    ([sys.executable, "-c", "import sys; sys.stdin.read(); print('[]')"], "unreadable"),  # one line short
])
def test_a_worker_that_fails_gives_nothing_and_says_why(command: list[str], problem: str) -> None:
    worker = KeyWorker(command)
    worker.start()
    worker.submit(["あいう"])
    worker.submit(["えお"])
    assert worker.collect() == {}
    assert problem in worker.problem


def test_keys_found_beforehand_give_the_same_index() -> None:
    docs = [{"location": "a/#x", "title": "プロンプト<code>キャッシュ</code>", "text": "構造化出力を使う"},
            {"location": "b/", "title": "ツール呼び出し", "text": "低ランク適応の差分"}]
    extras = Extras(tables={"a/#x": ["表のセル"]})
    merged = merged_cards(extras.cards)
    texts = [t for doc in docs for t in doc_texts(doc, extras, merged)]
    assert texts[1] == "構造化出力を使う\n表のセル"
    known = {t: sub_keys(t) for t in texts[:3]}  # one text left for rewrite_docs itself
    assert rewrite_docs(docs, extras=extras, known=known) == rewrite_docs(docs, extras=extras)
    wrong = {t: ["偽"] for t in texts}
    assert json.dumps(rewrite_docs(docs, extras=extras, known=wrong), ensure_ascii=False).count("偽") >= 4  # used
