"""One synonym table for every search surface (#24): search_ja/synonyms.tsv gives the header search
its invisible keys, and cards.json carries the same groups (and each concept's other names) for
the map search and the 早見表 filter. A title's synonyms are weighted between its inner words and
the title itself, so a whole synonym beats a section sharing only part of it, and an exact title
still comes first."""

from __future__ import annotations

import json
from pathlib import Path

from search_ja import index as sj_index
from search_ja.synonyms import default_groups, expansions, for_scripts, parse


def test_title_synonyms_are_weighted_between_inner_words_and_the_title() -> None:
    fields = sj_index.plugin_settings()["fields"]
    assert fields["tkeys"]["boost"] < fields[sj_index.SYN_KEYS]["boost"] < fields["title"]["boost"]
    docs = [{"location": "a/#thinking", "title": "思考ブロック（thinking）", "text": "<p>本文</p>"},
            {"location": "a/#other", "title": "拡張と非推奨", "text": "<p>本文</p>"}]
    out = {d["location"]: d for d in sj_index.rewrite_docs(docs)}
    keys = out["a/#thinking"][sj_index.SYN_KEYS].split()
    assert {"拡張思考", "extended", "thinking"} <= set(keys)  # the written form and what the browser searches
    assert sj_index.SYN_KEYS not in out["a/#other"]


def test_for_scripts_gives_the_groups_and_each_labels_other_names() -> None:
    groups, _ = parse("思考ブロック\t拡張思考\textended thinking\nプロンプトキャッシュ\tprompt caching\n")
    table, aliases = for_scripts(["思考ブロック（thinking）", "プロンプトキャッシュ", "LoRA"], groups)
    assert table == [["思考ブロック", "拡張思考", "extended thinking"], ["プロンプトキャッシュ", "prompt caching"]]
    assert aliases == [["拡張思考", "extended thinking"], ["prompt caching"], []]
    _, named = for_scripts(["MCPの層またぎ構造", "プロンプトキャッシュ（cache_control）"], groups,
                           headings=["2-4. 層をまたぐプロトコルとしてのMCP", "1-7. プロンプトキャッシュ"])
    assert named == [["層をまたぐプロトコルとしてのMCP"], ["prompt caching"]]  # a heading that is a name adds nothing


def test_cards_json_carries_the_synonym_table(real_site: Path) -> None:
    cards = json.loads((real_site / "concept-map" / "cards.json").read_text(encoding="utf-8"))
    assert cards["synonyms"] == [list(g.terms) for g in default_groups()]
    caching = next(c for c in cards["concepts"] if c["label"].startswith("プロンプトキャッシュ"))
    assert "prompt caching" in caching["aliases"]
    mcp = next(c for c in cards["concepts"] if c["url"] == "layers/04-external-tools/#mcp-across-layers")
    assert "層をまたぐプロトコルとしてのMCP" in mcp["aliases"]  # the defining heading
    assert all(isinstance(c["aliases"], list) for c in cards["concepts"])


def _expansions_term_by_term(text: str, groups) -> list[str]:
    """expansions without its one-search shortcut: every term of every group tested."""
    low, out = text.lower(), {}
    for group in groups:
        present = [needle in low and (whole or p.search(low) is not None) for needle, whole, p in group.checks]
        if True in present:
            out.update((t, None) for t, here in zip(group.terms, present, strict=True) if not here)
    return list(out)


def test_expansions_finds_what_testing_every_term_finds() -> None:
    """expansions first searches for any term at all (most texts mention none); the result must be
    what testing every term gives, on every line of the chapters and on each term alone."""
    groups = default_groups()
    docs = sorted((Path(__file__).resolve().parent.parent / "docs").rglob("*.md"))
    lines = [line for p in docs for line in p.read_text(encoding="utf-8").splitlines()]
    lines += [t for g in groups for t in g.terms] + [t.upper() for g in groups for t in g.terms]
    assert sum(bool(expansions(line, groups)) for line in lines) > 100  # the test sees mentions
    for line in lines:
        assert expansions(line, groups) == _expansions_term_by_term(line, groups), line


def test_expansions_use_the_groups_given_each_time() -> None:
    """The one-search shortcut is kept per tuple of groups (by identity): another tuple, even one
    equal to it, or a list, must get the answer of its own groups."""
    first, _ = parse("思考ブロック\t拡張思考\n")
    second, _ = parse("プロンプトキャッシュ\tprompt caching\n")
    assert expansions("思考ブロックの話", tuple(first)) == ["拡張思考"]
    assert expansions("思考ブロックの話", tuple(second)) == []
    assert expansions("プロンプトキャッシュの話", tuple(second)) == ["prompt caching"]
    assert expansions("プロンプトキャッシュの話", tuple(first)) == []
    assert expansions("思考ブロックの話", list(first)) == ["拡張思考"]
    assert expansions("思考ブロックの話", tuple(parse("思考ブロック\t拡張思考\n")[0])) == ["拡張思考"]
    many = [tuple(parse(f"語{i}\t別名{i}\n")[0]) for i in range(20)]  # more tuples than are kept
    assert [expansions(f"語{i}", g) for i, g in enumerate(many)] == [[f"別名{i}"] for i in range(20)]
