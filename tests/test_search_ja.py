"""Unit tests of the Japanese search segmentation (search_ja) and its MkDocs hook, table-driven."""

from __future__ import annotations

import json
import random
import re
from bisect import bisect_left, bisect_right
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from conftest import build_tiny_site, mkdocs_build
from hooks.search_ja_plugin import SearchJaPlugin
from search_ja import index as sj_index
from search_ja.segment import (
    CONTENT_POS,
    JA,
    KEY_WORDS,
    MAX_ANALYSE,
    SEPARATOR,
    ZWSP,
    default_analyser,
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


# --- the thin plugin ----------------------------------------------------------------------------


def _hook(enabled: bool = True) -> SearchJaPlugin:
    """The plugin with its options validated as MkDocs does (`enabled`)."""
    plugin = SearchJaPlugin()
    errors, warnings = plugin.load_config({"enabled": enabled})
    assert (errors, warnings) == ([], [])
    return plugin


class _Config(dict):
    """What the plugin reads of MkDocs' config: keys, also as attributes."""

    __getattr__ = dict.__getitem__


def _site(tmp_path: Path, text: str) -> tuple[dict, Path]:
    path = tmp_path / "search" / "search_index.json"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    return {"site_dir": str(tmp_path), "plugins": {}}, path


def test_hook_rewrites_the_index(tmp_path: Path) -> None:
    config, path = _site(tmp_path, json.dumps(MATERIAL_INDEX))
    _hook().on_post_build(config=_Config(config))
    assert "tkeys" in json.loads(path.read_text(encoding="utf-8"))["docs"][1]


def test_hook_off_keeps_materials_index(tmp_path: Path) -> None:
    original = json.dumps(MATERIAL_INDEX)
    config, path = _site(tmp_path, original)
    _hook(enabled=False).on_post_build(config=_Config(config))
    assert path.read_text(encoding="utf-8") == original


def test_hook_fails_the_build_on_a_broken_index(tmp_path: Path) -> None:
    config, path = _site(tmp_path, '{"docs": ')
    with pytest.raises(PluginError, match="search_ja"):
        _hook().on_post_build(config=_Config(config))
    assert path.read_text(encoding="utf-8") == '{"docs": '  # left as it was


def test_hook_without_search_plugin_does_nothing(tmp_path: Path) -> None:
    _hook().on_post_build(config=_Config({"site_dir": str(tmp_path), "plugins": {}}))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("enabled", [True, False])
def test_materials_plugin_publishes_the_settings(tmp_path: Path, enabled: bool) -> None:
    """A real Material build with the plugin: Material's search plugin itself writes
    lang/separator/pipeline/fields when concept-map/search-ja is enabled (mkdocs.yml is where the
    switch lives), its own defaults when not."""
    site = build_tiny_site(
        tmp_path, {"index.md": "# 検索\n\n構造化出力とプロンプトキャッシュ。\n"},
        "site_name: t\ntheme:\n  name: material\n  language: ja\nplugins:\n  - search:\n      lang: ja\n"
        f"  - concept-map/search-ja:\n      enabled: {str(enabled).lower()}\n")
    data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
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


# --- synonyms, page preparation, concept cards, query emulation (issue #17) ---------------------

from search_ja import cards as sj_cards  # noqa: E402
from search_ja import page as sj_page  # noqa: E402
from search_ja import synonyms as sj_syn  # noqa: E402
from search_ja.query import browser_terms, segment  # noqa: E402


def test_synonym_data_is_valid_and_large_enough() -> None:
    groups, problems = sj_syn.parse(sj_syn.DATA.read_text(encoding="utf-8"))
    assert problems == []
    assert sj_syn.pair_count(groups) >= 30
    canonical = {g.canonical for g in groups}
    assert {"埋め込み", "ベクトルデータベース"} <= canonical


def test_synonym_parse_reports_bad_lines() -> None:
    groups, problems = sj_syn.parse("# comment\n埋め込み\tエンベディング\nひとつだけ\nA\tB\n埋め込み\tembedding\n")
    assert [g.terms for g in groups] == [("埋め込み", "エンベディング"), ("A", "B"), ("埋め込み", "embedding")]
    assert problems[0].startswith("line 3") and "already" in problems[1]


@pytest.mark.parametrize(("text", "present", "absent"), [
    ("3-3. 埋め込みモデル（Embedding Models）", ["エンベディング"], ["埋め込み", "embedding"]),
    ("主要なベクトルDBの比較", ["ベクターDB", "ベクトルデータベース"], ["ベクトルDB"]),
    ("ReActループ", ["エージェントループ"], []),
    ("reactive な UI", [], ["エージェントループ"]),  # ASCII terms match whole words only
    ("ツール使用要求（tool_use）", ["関数呼び出し", "function calling"], []),
    ("", [], []),
])
def test_synonym_expansions(text: str, present: list[str], absent: list[str]) -> None:
    out = sj_syn.expansions(text)
    assert all(t in out for t in present), out
    assert not any(t in out for t in absent), out


PAGE_HTML = (
    '<h1 id="t">第1層</h1><p>はじめに</p><table><tr><th>手法</th><th>用途</th></tr>'
    '<tr><td>LoRA</td><td>低ランク</td></tr></table>'
    '<h2 class="no-graph" id="目次">目次<a class="headerlink" href="#目次">&para;</a></h2><ol><li>一</li></ol>'
    '<h2 id="lora">LoRA</h2><p>本文</p><table class="x"><tr><td>A&amp;B</td></tr></table>'
    '<h2 class="no-graph" id="official-docs">公式ドキュメント一覧</h2><p>links</p>'
)


def test_page_prepare_marks_toc_tables_and_boilerplate() -> None:
    html, marks = sj_page.prepare(PAGE_HTML)
    assert marks.excluded == ["目次"] and marks.demoted == ["official-docs"]
    assert marks.tables == {"": ["手法 ｜ 用途 ／ LoRA ｜ 低ランク"], "lora": ["A&B"]}
    assert html.count('data-search-exclude="search_ja"') == 3  # 目次 heading + two tables
    assert '<table data-search-exclude="search_ja" class="x">' in html
    assert sj_page.prepare(html.replace(' data-search-exclude="search_ja"', ""))[0] == html  # stable


GRAPH = {"nodes": [
    {"id": "layer:1", "kind": "layer", "label": "第1層 LLM層", "layer": 1},
    {"id": "concept:LoRA", "kind": "concept", "label": "LoRA（低ランク適応）", "layer": 1,
     "summary": "低ランク行列で差分だけを学習", "url": "layers/01-llm/#lora", "category": "調整"},
    {"id": "concept:vLLM", "kind": "concept", "label": "vLLM", "layer": 1, "summary": "推論サーバー",
     "url": "layers/01-llm/#serving"},
    {"id": "concept:Ollama", "kind": "concept", "label": "Ollama", "layer": 1, "summary": "ローカル実行",
     "url": "layers/01-llm/#serving"},
    {"id": "concept:x", "kind": "concept", "label": "x"},
]}


def test_concept_cards_from_the_graph() -> None:
    cards, problems = sj_cards.cards_from_graph(GRAPH)
    assert [c.label for c in cards] == ["LoRA（低ランク適応）", "vLLM", "Ollama"] and len(problems) == 1
    # a concept whose defining anchor is a section gets no entry of its own (the section is its
    # one result); a concept defined inside a section gets one, at its anchor (its chapter's group)
    docs = sj_cards.card_docs(cards, boost=4.0, sections={"layers/01-llm/#lora"})
    assert [d["location"] for d in docs] == ["layers/01-llm/#serving"]
    assert docs[0]["title"] == "vLLM ／ Ollama" and "ローカル実行" in docs[0]["text"] and docs[0]["boost"] == 4.0
    assert [d["location"] for d in sj_cards.card_docs(cards, boost=4.0)] == [
        "layers/01-llm/#lora", "layers/01-llm/#serving"]


@pytest.mark.parametrize(("query", "vocabulary", "terms"), [
    ("関数呼び出し", {"関数"}, ["関数び出し"]),  # Material's segmenter drops the run's last kanji
    ("関数呼び出し", set(), ["関数呼び出し"]),
    ("埋め込みモデル", {"埋め込み"}, ["埋め込み", "モデル"]),
    ("方言", {"方"}, ["方"]),  # why segment.py never indexes one-kanji chunks
    ("function calling", set(), ["function", "calling"]),
])
def test_browser_terms_follow_materials_query_pipeline(query: str, vocabulary: set, terms: list) -> None:
    assert browser_terms(query, vocabulary) == terms


def test_segment_matches_materials_longest_match() -> None:
    assert segment("近傍検索", {"近傍", "検索"}) == ["近傍"]
    assert segment("検索", set()) == ["検索"]


def test_rewrite_with_extras_boosts_synonyms_cells_and_cards() -> None:
    cards, _ = sj_cards.cards_from_graph(GRAPH)
    docs = [
        {"location": "layers/01-llm/", "title": "第1層", "text": ""},
        {"location": "layers/01-llm/#lora", "title": "LoRA", "text": "<p>本文</p>"},
        {"location": "layers/01-llm/#embedding", "title": "埋め込みモデル", "text": "<p>ベクトルDBに入れる</p>"},
        {"location": "layers/01-llm/#official-docs", "title": "公式ドキュメント一覧", "text": "<p>埋め込み</p>"},
    ]
    extras = sj_index.Extras(tables={"layers/01-llm/#lora": ["手法 ｜ 用途"]},
                             demoted={"layers/01-llm/#official-docs"}, defining={"layers/01-llm/#lora"},
                             cards=cards)
    out = {d["location"]: d for d in sj_index.rewrite_docs(docs, extras=extras)}
    assert out["layers/01-llm/#lora"]["boost"] == sj_index.DEFINE_BOOST
    assert out["layers/01-llm/#lora"]["cells"] == "手法 ｜ 用途" and out["layers/01-llm/#lora"]["text"] == "<p>本文</p>"
    assert out["layers/01-llm/#official-docs"]["boost"] == sj_index.DEMOTE_BOOST
    assert "エンベディング" in out["layers/01-llm/#embedding"]["tkeys"].split()  # title → title keys
    assert "ベクターdb" not in out["layers/01-llm/#embedding"]["keys"]  # terms are kept as written
    assert "ベクターDB" in out["layers/01-llm/#embedding"]["keys"]
    assert "boost" not in out["layers/01-llm/"]
    # one entry per concept: LoRA is its defining section (with the card's label and summary as
    # invisible keys); vLLM／Ollama (no section at #serving) has its own entry at the anchor
    assert not any("?concept" in loc for loc in out) and list(out).count("layers/01-llm/#lora") == 1
    assert "適応" in out["layers/01-llm/#lora"]["tkeys"].split()  # from the label 「LoRA（低ランク適応）」
    assert "学習" in out["layers/01-llm/#lora"]["keys"].split()  # from the summary
    assert out["layers/01-llm/#serving"]["title"] == "vLLM ／ Ollama"


def test_tiny_site_index_leaves_out_toc_and_guide_and_keeps_tables_out_of_previews(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(
        "# 章\n\n## 目次 {.no-graph}\n\n1. [ベクトル検索](#vec)\n\n## ベクトル検索 {#vec}\n\n近傍を探す。\n\n"
        "| 手法 | 用途 |\n|--|--|\n| HNSW | 近似近傍 |\n\n## 参考リンク {#refs .no-graph}\n\n- ベクトル検索の解説\n",
        encoding="utf-8")
    (docs / "guide.md").write_text("---\nsearch:\n  exclude: true\n---\n# 執筆ガイド\n\nベクトル検索の書き方。\n",
                                   encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\ntheme:\n  name: material\n  language: ja\nplugins:\n  - search\n  - concept-map/search-ja\n"
        "markdown_extensions:\n  - attr_list\n  - tables\n", encoding="utf-8")
    result = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_loc = {d["location"]: d for d in data["docs"]}
    assert set(by_loc) == {"", "#vec", "#refs"}  # no 目次 section, no page excluded by front matter
    assert "HNSW" not in by_loc["#vec"]["text"] and "近傍を探す" in by_loc["#vec"]["text"]
    assert by_loc["#vec"]["cells"] == "手法 ｜ 用途 ／ HNSW ｜ 近似近傍"
    assert by_loc["#refs"]["boost"] == sj_index.DEMOTE_BOOST
    assert "vector search" in by_loc["#vec"]["tkeys"]  # synonyms of the title's terms
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "data-search-exclude" not in page and "<table>" in page  # the published HTML is unchanged


def test_concept_names_take_the_bracketed_aliases() -> None:
    assert sj_index.concept_names("ツール結果（tool_result / functionResponse）") == [
        "ツール結果", "tool_result", "functionResponse"]
    assert sj_index.concept_names("MCPクライアント") == ["MCPクライアント"]


def test_name_tokens_stay_whole_and_weigh_short_names_more() -> None:
    join = sj_index.NAME_JOIN
    tokens = sj_index.name_tokens(["ツール結果"], set())
    assert set(tokens) == {f"ツール{join}結果", f"結果{join}ツール"}
    assert all(split_chunks(t) == [t] for t in tokens)  # one token each in the browser's index
    longer = sj_index.name_tokens(["ツール結果のクリア"], set())
    # the head (last part) weighs more: 「ツール結果」 matches the query ツール結果 more than 「ツール結果のクリア」
    assert tokens.count(f"結果{join}ツール") == sj_index.HEAD_REPEAT
    assert longer.count(f"結果{join}ツール{join}クリア") == longer.count(f"ツール{join}結果{join}クリア") == 1
    # a leading part that starts another one yields to it: 「ベクトル·db」 to 「ベクトルデータベース·」
    mixed = sj_index.name_tokens(["ベクトルデータベース"], set(), ["ベクトルDB"])
    assert mixed == [f"ベクトルデータベース{join}"] * sj_index.HEAD_REPEAT + [f"db{join}ベクトル"]
    assert sj_index.name_tokens(["MCP"], set()) == [f"mcp{join}"] * sj_index.HEAD_REPEAT


def test_defining_section_and_card_carry_the_concept_names() -> None:
    card = sj_cards.Card("MCPクライアント", "第3層", "中継", "layers/03-orchestration/#mcp-client")
    docs = [{"location": "layers/03-orchestration/#mcp-client", "title": "4. MCPクライアント", "text": ""},
            {"location": "layers/04-external-tools/#client-vs-server-tools", "title": "クライアントツール", "text": ""}]
    extras = sj_index.Extras(defining={card.url}, cards=[card])
    out = {d["location"]: d for d in sj_index.rewrite_docs(docs, extras=extras)}
    join = sj_index.NAME_JOIN
    assert f"mcp{join}クライアント" in out["layers/03-orchestration/#mcp-client"]["names"].split()
    assert not any("?concept" in loc for loc in out)  # the section is the concept's one entry
    assert "names" not in out["layers/04-external-tools/#client-vs-server-tools"]
    assert sj_index.plugin_settings()["fields"]["names"]["boost"] == sj_index.NAMES_BOOST


def test_products_and_headings_weigh_less_than_concept_names() -> None:
    """#24: a product row is what a section lists (its names count once, like aliases); the
    defining heading's head counts HEADING_REPEAT times, between aliases and own names."""
    join = sj_index.NAME_JOIN
    examples = "layers/04-external-tools/#mcp-server-examples"
    across = "layers/04-external-tools/#mcp-across-layers"
    cards = [sj_cards.Card("Playwright MCP", "第4層", "ブラウザ操作", examples, product=True),
             sj_cards.Card("MCPの層またぎ構造", "第4層", "線", across)]
    docs = [{"location": examples, "title": "2-7. 代表的なMCPサーバー", "text": ""},
            {"location": across, "title": "2-4. 層をまたぐプロトコルとしてのMCP", "text": ""}]
    extras = sj_index.Extras(defining={c.url for c in cards}, cards=cards)
    out = {d["location"]: d["names"].split() for d in sj_index.rewrite_docs(docs, extras=extras)}
    assert len([t for t in out[examples] if t.startswith(f"mcp{join}")]) == 1  # a product's head: once
    assert out[examples].count(f"サーバー{join}代表的な{join}mcp") == sj_index.HEADING_REPEAT
    assert [t for t in out[across] if t.startswith(f"mcp{join}")] == [
        f"mcp{join}層をまたぐ{join}プロトコル{join}としての"] * sj_index.HEADING_REPEAT
    assert out[across].count(f"構造{join}mcp{join}層またぎ") == sj_index.HEAD_REPEAT
    assert 1 < sj_index.HEADING_REPEAT < sj_index.HEAD_REPEAT


def test_a_concepts_own_words_weigh_like_synonyms_of_the_title() -> None:
    """#24: 「低ランク」 is a word of LoRA（低ランク適応）; QLoRA（量子化LoRA） gets 低ランク適応 as a
    synonym of LoRA (SYN_KEYS), so LoRA's section carries its label's words there too."""
    lora, qlora = "layers/01-llm/#lora", "layers/01-llm/#qlora"
    cards = [sj_cards.Card("LoRA（低ランク適応）", "第1層", "低ランク行列", lora),
             sj_cards.Card("QLoRA（量子化LoRA）", "第1層", "量子化", qlora)]
    docs = [{"location": lora, "title": "1-2. LoRA（Low-Rank Adaptation）の仕組み", "text": ""},
            {"location": qlora, "title": "QLoRA（量子化LoRA）", "text": ""}]
    groups, _ = sj_syn.parse("低ランク適応\tLoRA\tlow-rank adaptation\n")
    extras = sj_index.Extras(defining={c.url for c in cards}, cards=cards, groups=tuple(groups))
    out = {d["location"]: d for d in sj_index.rewrite_docs(docs, extras=extras)}
    assert "低ランク" in out[qlora][sj_index.SYN_KEYS].split()  # from 低ランク適応, the synonym of LoRA
    assert {"lora", "低ランク", "適応"} <= set(out[lora][sj_index.SYN_KEYS].split())


def _walk_spans(text: str) -> list[tuple[int, int]]:
    """Material's split written out: a search per chunk, a zero-width match steps on one."""
    pattern = re.compile(SEPARATOR)
    spans, index, pos = [], 0, 0
    while True:
        match = pattern.search(text, pos)
        until = match.start() if match else len(text)
        if index < until:
            spans.append((index, until))
        if not match:
            return spans
        index = match.end()
        pos = match.end() if match.end() > match.start() else match.start() + 1


@pytest.mark.parametrize("text", [
    "", "プロンプトキャッシュを使う", "モデルの仕組みと低ランク行列のみ、監査ログ。",
    "tool_use / tool_result に翻訳される", "第2層A（クライアント→LLM）", "ランク行列ツール型の使い方",
    "  行頭の空白と　全角空白、句読点。！？", "MCP2026-07-28版の拡張とnon-standard", "のをにがへとでや",
])
def test_split_spans_is_the_walk_of_materials_split(text: str) -> None:
    """split_spans uses one finditer; it must give the chunks of the walk Material's split does."""
    assert split_spans(text) == _walk_spans(text)


# characters at the edges of the classes SEPARATOR is built from, the particles, and some outside
_EDGES = ("\u3004\u3005\u3007\u3008\u3040\u3041\u3096\u3097\u309c\u309d\u309e\u309f\u30a0\u30a1\u30fa\u30fb"
          "\u30fc\u30ff\u31f0\u31ff\u3400\u4dbf\u4e00\u9fff\uf900\ufaff\uff0f\uff10\uff19\uff1a\uff21\uff3a"
          "\uff41\uff5a\uff65\uff66\uff9f\u200b\u2028\x1c\x0b\u3000\u2010\u2190_-.:|Aa09 \n\t\U0001f642\U00020000")
_ALPHABET = _EDGES + "のをにはがでともへやあかカナーツ漢字行列低々AZ、。・（）()"


def test_split_spans_is_the_walk_on_random_strings() -> None:
    """split_spans runs the separator's Python form (its alternatives grouped by script); on random
    strings of class edges, particles and scripts it must give the chunks of SEPARATOR's walk."""
    rng = random.Random(21)
    texts = ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(1, 24))) for _ in range(30000)]
    texts += [a + b + c for a in _ALPHABET for b in _ALPHABET for c in "の漢カA、"]
    for text in texts:
        assert split_spans(text) == _walk_spans(text), ascii(text)


def test_split_spans_is_the_walk_on_every_line_of_the_chapters() -> None:
    docs = sorted((Path(__file__).resolve().parent.parent / "docs" / "layers").glob("*.md"))
    lines = [line for p in docs for line in p.read_text(encoding="utf-8").splitlines()]
    assert len(lines) > 1000
    for line in lines:
        assert split_spans(line) == _walk_spans(line), line


def _key_ends_from_spans(text: str) -> dict[int, int]:
    """Analyser.key_ends written out from Analyser.spans (what sub_keys built before the one pass)."""
    words = default_analyser().spans(text)
    last = len(words) - 1
    return {start: words[min(k + KEY_WORDS - 1, last)][1]
            for k, (start, _, pos) in enumerate(words) if pos in CONTENT_POS}


_CHAPTER_TEXT = "\n".join(p.read_text(encoding="utf-8") for p in sorted(
    (Path(__file__).resolve().parent.parent / "docs" / "layers").glob("*.md")))


@pytest.mark.parametrize("text", [
    "", "プロンプトキャッシュ", "構造化出力", "する", "tool_use", "  ", "。", "キャッシュ。",
    "低ランク行列のみ", "ベクトルデータベースを使う", "検索 拡張 生成", "絵文字🙂とキャッシュ", "ｶﾀｶﾅと全角ＡＰＩ",
    "あ" * (MAX_ANALYSE + 5),                                   # cut without 「。」: the cut falls mid-text
    "説明文。" * (MAX_ANALYSE // 3) + "監査ログ",               # pieces cut after 「。」, ends with a noun
    "キャッシュ" * (MAX_ANALYSE // 5 + 1),                      # a content word at every cut
    _CHAPTER_TEXT[:3 * MAX_ANALYSE + 17],
    _CHAPTER_TEXT,
], ids=lambda t: t[:12] or "empty")
def test_key_ends_is_what_spans_give(text: str) -> None:
    """key_ends asks Sudachi only for what sub_keys needs; it must give the same starts, in the same
    order, with the same ends as the dict built from every word's span (also across the pieces
    a long text is cut into, and when the text ends with a content word)."""
    ends = default_analyser().key_ends(text)
    assert list(ends.items()) == list(_key_ends_from_spans(text).items())


def _sub_keys_written_out(text: str) -> list[str]:
    """sub_keys as it was before it looked only at the content words that do not start a chunk:
    every chunk of three or more characters, every content word inside it."""
    if not text or not re.search(f"[{JA}]", text):
        return []
    ends = _key_ends_from_spans(text)
    starts = list(ends)
    spans = split_spans(text)
    chunks = sorted(text[a:b].lower() for a, b in spans)
    keys: dict[str, None] = {}
    for a, b in spans:
        if b - a < 3:
            continue
        for i in starts[bisect_right(starts, a):bisect_left(starts, b - 1)]:  # a < i < b - 1
            if not re.match(f"[{JA}]", text[i]):
                continue
            key = text[i:min(b, ends[i])].lower()
            if len(key) < 2 or key in keys:
                continue
            at = bisect_left(chunks, key)
            if at < len(chunks) and chunks[at].startswith(key):
                continue
            keys[key] = None
    return list(keys)


@pytest.mark.parametrize("text", [
    "", "プロンプトキャッシュ", "構造化出力を使う", "　構造化出力", "、、構造化出力", "の構造化出力のの",
    "キャッシュヒット率とキャッシュヒット", "LoRAの低ランク行列、QLoRAの量子化", "ＡＰＩキー管理とAPIキー",
    "説明文。" * (MAX_ANALYSE // 3) + "監査ログの保存期間", _CHAPTER_TEXT[:3 * MAX_ANALYSE + 17],
], ids=lambda t: t[:12] or "empty")
def test_sub_keys_is_the_walk_over_every_chunk(text: str) -> None:
    assert sub_keys(text) == _sub_keys_written_out(text)


def test_sub_keys_is_the_walk_over_every_chunk_on_the_chapter_lines() -> None:
    lines = [line for line in _CHAPTER_TEXT.splitlines() if line.strip()]
    assert sum(bool(sub_keys(line)) for line in lines) > 300  # the lines give keys
    for line in lines:
        assert sub_keys(line) == _sub_keys_written_out(line), line


def test_sub_keys_with_the_callers_chunks_is_sub_keys() -> None:
    for text in [*_CHAPTER_TEXT.splitlines()[:400], "プロンプトキャッシュをプロンプトキャッシュで", "ＡＰＩキー管理"]:
        spans = split_spans(text)
        assert sub_keys(text, None, spans, [text[a:b].lower() for a, b in spans]) == sub_keys(text), text



def test_a_texts_chunks_hold_the_chunks_of_the_cells_between_its_line_breaks() -> None:
    """rewrite_docs does not split a section's cells again for the vocabulary when they hold no
    markup: they are in its text between line breaks, and no rule of the separator looks past a
    line break, so their chunks are among the text's. Random prose, cells and summaries."""
    rng = random.Random(7)

    def rand() -> str:
        return "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 16)))

    for _ in range(20000):
        prose, cells, summary = rand(), rand(), rand()
        for text in (f"{prose}\n{cells}", f"{prose}\n{cells}\n{summary}"):
            assert set(split_chunks(cells)) <= set(split_chunks(text)), ascii((prose, cells, summary))


@pytest.mark.parametrize("cells", [
    "関<br>数 ｜ 用途", "<x>関数 ｜ 用途", "&lt;関数&gt; ｜ 用途", "関 ｜ 数", "の関数、", "関数の",
])
def test_vocabulary_without_splitting_the_cells_again_is_the_same(cells: str, monkeypatch) -> None:
    """The index is the same whether or not the vocabulary splits the cells again. Here the cells
    decide it: with 「関」 in the vocabulary (from 「関<br>数」 without its tag) the worker cuts the
    synonym 「関数呼び出し」 differently."""
    groups, _ = sj_syn.parse("関数呼び出し\tfunction calling\n")
    docs = [{"location": "a/#x", "title": "function callingの例", "text": "<p>本文</p>"}]
    extras = sj_index.Extras(tables={"a/#x": [cells]}, groups=tuple(groups))
    fast = sj_index.rewrite_docs(docs, extras=extras)
    every = sj_index._vocabulary
    monkeypatch.setattr(sj_index, "_vocabulary", lambda out, read, cells_read=None: every(out, read))
    assert fast == sj_index.rewrite_docs(docs, extras=extras)
