"""Unit tests of the Japanese search segmentation (search_ja) and its MkDocs hook, table-driven."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from conftest import ROOT, mkdocs_build
from search_ja import index as sj_index
from search_ja.segment import (
    SEPARATOR,
    ZWSP,
    highlighter_separator,
    plain_text,
    split_chunks,
    split_spans,
    sub_keys,
)

# text → the chunks the browser indexes (and splits a query into): the same rules on both sides.
CHUNKS = [
    # katakana runs stay whole, also long compounds
    ("コンテキストウィンドウ", ["コンテキストウィンドウ"]),
    ("エージェントフレームワーク", ["エージェントフレームワーク"]),
    ("ファインチューニング", ["ファインチューニング"]),
    # katakana ↔ kanji: split when the kanji side has two or more kanji ...
    ("低ランク行列", ["低ランク", "行列"]),
    ("監査ログ", ["監査", "ログ"]),
    # ... a single kanji stays glued (Material would cut the query 「方言」 to 「方」 otherwise)
    ("ツール型", ["ツール型"]),
    ("使い方", ["使い方"]),
    ("方言の比較表", ["方言", "比較表"]),
    # alphanumerics inside Japanese, lower-cased like Material's tokenizer; a particle between words
    # separates them and is no token
    ("LoRAの仕組み", ["lora", "仕組み"]),
    ("tool_useブロックを返す", ["tool_use", "ブロック", "返す"]),
    ("OpenAI互換のAPI", ["openai", "互換", "api"]),
    ("ツール型RAG", ["ツール型", "rag"]),
    ("MCPサーバー", ["mcp", "サーバー"]),
    ("第1層「LLM層」", ["第", "1", "層", "llm", "層"]),
    ("A2A（Agent2Agentプロトコル）", ["a2a", "agent2agent", "プロトコル"]),
    ("GPT-4.1とClaude", ["gpt", "4.1", "claude"]),
    # okurigana stays with its kanji; particles after a kanji word are split off
    ("埋め込みモデル", ["埋め込み", "モデル"]),
    ("仕組み", ["仕組み"]),
    ("行列のみ", ["行列", "のみ"]),
    ("行列の分解", ["行列", "分解"]),
    ("データとモデルを作る", ["データ", "モデル", "作る"]),
    ("APIの", ["api"]),
    ("ツールもの", ["ツール", "もの"]),                # a hiragana word after katakana is kept
    ("第1層の構造", ["第", "1", "層の", "構造"]),       # after a single kanji: kept (okurigana?)
    # punctuation, full-width space and the zero-width space are separators
    (f"ツール{ZWSP}実行、結果。", ["ツール", "実行", "結果"]),
    ("stop_reason：end_turn／max_tokens", ["stop_reason", "end_turn", "max_tokens"]),
    ("Human-in-the-loop", ["human", "in", "the", "loop"]),
    ("（注）　全角スペース", ["注", "全角", "スペース"]),
    ("", []),
]


@pytest.mark.parametrize(("text", "chunks"), CHUNKS, ids=[c[0] or "empty" for c in CHUNKS])
def test_split_chunks(text: str, chunks: list[str]) -> None:
    assert split_chunks(text) == chunks


# text → keys that must be present / absent (inner words found by the analyser)
KEYS = [
    ("プロンプトキャッシュ", ["キャッシュ"], []),
    ("構造化出力", ["出力"], ["化出力"]),                         # no key from a suffix like 化
    ("ファインチューニング", ["チューニング"], []),
    ("コンテキストウィンドウを設定する", ["ウィンドウ"], ["する"]),  # verbs and particles give no key
    ("低ランク行列", ["ランク"], ["行列"]),                      # 行列 is already a chunk of its own
    ("ベクトルデータベース", ["データベース"], []),
    ("可観測性ツール", ["観測性"], ["性"]),                       # never a one-character key
    ("tool_useブロック", [], ["use", "_use"]),                   # keys start with kana or kanji
    ("LoRAの仕組み", [], ["lora", "仕組み"]),                     # whole chunks need no key
    ("API field names only: stop_reason", [], []),
]


@pytest.mark.parametrize(("text", "present", "absent"), KEYS, ids=[k[0] for k in KEYS])
def test_sub_keys(text: str, present: list[str], absent: list[str]) -> None:
    keys = sub_keys(text)
    for key in present:
        assert key in keys, keys
    for key in absent:
        assert key not in keys, keys
    assert len(keys) == len(set(keys))
    assert all(len(k) >= 2 and not re.match(r"[A-Za-z0-9_]", k) for k in keys), keys


def test_sub_keys_skip_text_without_japanese() -> None:
    assert sub_keys("tool_use, stop_reason and finish_reason") == []
    assert sub_keys("") == []


# Markup in the index text: a tag ends a chunk, entities are decoded, code stays ASCII.
MARKUP = [
    ("<code>tool_use</code>ブロック", ["tool_use", "ブロック"]),
    ("<p>停止理由は<code>stop_reason</code>で返る</p>", ["停止理由", "stop_reason", "で返る"]),
    ("<code>messages[]</code>配列", ["messages", "配列"]),
    ("A &amp; B &lt;tag&gt;", ["a", "&", "b", "<tag>"]),
]


@pytest.mark.parametrize(("html", "chunks"), MARKUP, ids=[m[0] for m in MARKUP])
def test_markup_and_code_spans(html: str, chunks: list[str]) -> None:
    assert split_chunks(plain_text(html)) == chunks


def test_code_span_gives_no_keys_from_code() -> None:
    keys = sub_keys(plain_text("<p><code>tool_use</code>ブロックとプロンプトキャッシュ</p>"))
    assert "キャッシュ" in keys
    assert not any("code" in k or "tool" in k for k in keys)


def test_split_spans_cover_the_text_like_materials_split() -> None:
    text = "低ランク行列（LoRA）の仕組み、tool_use"
    spans = split_spans(text)
    assert all(a < b for a, b in spans)
    assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))
    assert [text[a:b] for a, b in spans] == ["低ランク", "行列", "LoRA", "の", "仕組み", "tool_use"]


def test_separator_survives_materials_highlighter_hack() -> None:
    # Material's highlighter splits config.separator at "|" and blanks pure lookarounds: every
    # alternative must stay a valid expression on its own, so no "|" inside a class, no nesting.
    terms = SEPARATOR.split("|")
    for term in terms:
        re.compile(term)
    stripped = highlighter_separator().split("|")
    re.compile("|".join(stripped))
    assert len(stripped) == len(terms)
    kept = [t for t in stripped if t != "\ufffd"]
    assert kept[0] == terms[0] and len(kept) == 5  # punctuation run + the four particle separators
    assert all(re.search(r"\[[^]]+\]", t) for t in kept)


def test_separator_uses_only_javascript_compatible_syntax() -> None:
    assert "\\p{" not in SEPARATOR and "(?P" not in SEPARATOR and "\\x" not in SEPARATOR
    assert all(ord(c) < 128 for c in SEPARATOR)  # \\u escapes only: the same source in JS and Python


# --- index rewrite -----------------------------------------------------------------------------

MATERIAL_INDEX = {
    "config": {"lang": ["ja"], "separator": "[\\s\\-]+", "pipeline": ["stemmer"],
               "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1e6}}},
    "docs": [
        {"location": "layers/02/", "title": "第2層 通信層", "text": "<p>APIの形を扱う。</p>"},
        {"location": "layers/02/#prompt-caching", "title": "1-7. プロンプトキャッシュ",
         "text": "<p>構造化出力と<code>cache_control</code>。</p>"},
        {"location": "layers/02/#tool-use", "title": "tool_use", "text": ""},
    ],
}


def test_plugin_settings_for_materials_search_plugin() -> None:
    settings = sj_index.plugin_settings(MATERIAL_INDEX["config"]["fields"])
    assert settings["separator"] == SEPARATOR and settings["lang"] == ["en"] and settings["pipeline"] == []
    assert settings["fields"]["tkeys"]["boost"] > 1 and settings["fields"]["keys"]["boost"] == 1.0
    assert settings["fields"]["title"] == {"boost": 1000.0} and settings["fields"]["tags"] == {"boost": 1e6}
    assert sj_index.plugin_settings()["fields"]["title"] == {"boost": 1000.0}  # defaults when none given


def test_rewrite_index_adds_keys_and_keeps_config_and_texts() -> None:
    data = sj_index.rewrite_index(json.loads(json.dumps(MATERIAL_INDEX)))
    assert data["config"] == {**MATERIAL_INDEX["config"], sj_index.MARKER: 1}  # the plugin's, untouched
    docs = data["docs"]
    for old, new in zip(MATERIAL_INDEX["docs"], docs, strict=True):
        assert {k: new[k] for k in old} == old  # title, text, location unchanged
    assert "キャッシュ" in docs[1]["tkeys"].split()
    assert "出力" in docs[1]["keys"].split()
    assert "tkeys" not in docs[2] and "keys" not in docs[2]


def test_rewrite_index_is_idempotent() -> None:
    once = sj_index.rewrite_index(json.loads(json.dumps(MATERIAL_INDEX)))
    assert sj_index.rewrite_index(once) is once


@pytest.mark.parametrize("bad", [[], {"config": {}}, {"docs": "x"}, "text"])
def test_rewrite_index_rejects_other_json(bad) -> None:
    with pytest.raises(ValueError):
        sj_index.rewrite_index(bad)


def test_rewrite_file_is_atomic_and_reports_sizes(tmp_path: Path) -> None:
    path = tmp_path / "search_index.json"
    path.write_text(json.dumps(MATERIAL_INDEX), encoding="utf-8")
    before, after, docs = sj_index.rewrite_file(path)
    assert (before, docs) == (len(json.dumps(MATERIAL_INDEX).encode()), 3) and after > before
    assert "tkeys" in json.loads(path.read_text(encoding="utf-8"))["docs"][1]
    assert [p.name for p in tmp_path.iterdir()] == ["search_index.json"]  # no temp file left
    assert path.stat().st_mode & 0o777 == 0o644  # a static host running as another user can read it


# --- the thin hook ------------------------------------------------------------------------------


def _hook():
    spec = importlib.util.spec_from_file_location("search_ja_hook", ROOT / "hooks" / "search_ja_hook.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _site(tmp_path: Path, text: str) -> tuple[SimpleNamespace, Path]:
    path = tmp_path / "search" / "search_index.json"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    return SimpleNamespace(site_dir=str(tmp_path)), path


def test_hook_rewrites_the_index(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("SEARCH_JA", raising=False)
    config, path = _site(tmp_path, json.dumps(MATERIAL_INDEX))
    _hook().on_post_build(config)
    assert "tkeys" in json.loads(path.read_text(encoding="utf-8"))["docs"][1]


def test_hook_off_keeps_materials_index(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SEARCH_JA", "0")
    original = json.dumps(MATERIAL_INDEX)
    config, path = _site(tmp_path, original)
    _hook().on_post_build(config)
    assert path.read_text(encoding="utf-8") == original


def test_hook_fails_the_build_on_a_broken_index(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("SEARCH_JA", raising=False)
    config, path = _site(tmp_path, '{"docs": ')
    with pytest.raises(PluginError, match="search_ja"):
        _hook().on_post_build(config)
    assert path.read_text(encoding="utf-8") == '{"docs": '  # left as it was


def test_hook_without_search_plugin_does_nothing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("SEARCH_JA", raising=False)
    _hook().on_post_build(SimpleNamespace(site_dir=str(tmp_path)))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("enabled", [True, False])
def test_materials_plugin_publishes_the_settings(tmp_path: Path, monkeypatch, enabled: bool) -> None:
    """A real Material build with the hook: the plugin itself writes lang/separator/pipeline/fields
    when extra.search_ja is on (mkdocs.yml is where the switch lives), its own defaults when off."""
    monkeypatch.delenv("SEARCH_JA", raising=False)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# 検索\n\n構造化出力とプロンプトキャッシュ。\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\ntheme:\n  name: material\n  language: ja\nplugins:\n  - search:\n      lang: ja\n"
        f"extra:\n  search_ja: {str(enabled).lower()}\nhooks:\n  - {ROOT / 'hooks' / 'search_ja_hook.py'}\n",
        encoding="utf-8")
    result = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    config = data["config"]
    if enabled:
        settings = sj_index.plugin_settings()
        assert {k: config[k] for k in ("lang", "separator", "pipeline")} == {
            k: settings[k] for k in ("lang", "separator", "pipeline")}
        assert config["fields"]["tkeys"] == {"boost": sj_index.TITLE_KEYS_BOOST} and "tags" in config["fields"]
        assert any("キャッシュ" in d.get("tkeys", "").split() + d.get("keys", "").split() for d in data["docs"])
    else:
        assert config["lang"] == ["ja"] and config["separator"] != SEPARATOR
        assert not any("keys" in d for d in data["docs"])
