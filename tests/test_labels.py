"""graph/labels.py: line breaks of map labels (pure, no browser)."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from graph.stats import site_graph_from_folder
from graph.synthetic import synthetic_graph
from views import render
from views.labels import (
    CHEAP_BREAK,
    NO_END,
    NO_START,
    OVERFLOW,
    SEGMENT,
    SLIGHT,
    break_points,
    text_em,
    word_starts,
    wrap_label,
)


@pytest.mark.parametrize(("label", "max_em", "expected"), [
    ("LoRA", 11, "LoRA"),  # fits: unchanged
    ("  空白の  多い\tラベル ", 11, "空白の 多い ラベル"),  # whitespace normalised
    # a katakana compound cut between its words (システム|プロンプト), never inside one
    ("1-1. システムプロンプト", 11, "1-1. システム\nプロンプト"),
    # English words stay whole; the break goes before the bracket
    ("埋め込みモデル（Embedding Model）", 11, "埋め込みモデル\n（Embedding Model）"),
    ("MoE（Mixture of Experts）", 11, "MoE（Mixture of\nExperts）"),
    # after a full-width colon, and between Latin and Japanese text
    ("4-2. Google：マルチモーダル重視", 11, "4-2. Google：\nマルチモーダル重視"),
    ("Claude Codeのサブエージェント機能", 11, "Claude Codeの\nサブエージェント機能"),
    # a long identifier breaks after a hyphen, not in the middle of a word
    ("text-embedding-3-large", 11, "text-embedding-\n3-large"),
    # wider lines for a wider budget
    ("第3層 LLMオーケストレーション層", 13, "第3層 LLM\nオーケストレーション層"),
    # katakana compounds break between their words (Sudachi), not where the width runs out
    ("エージェントループ", 6.5, "エージェント\nループ"),
    ("エージェントフレームワーク", 6.5, "エージェント\nフレームワーク"),
    ("ベクトルデータベース", 6.5, "ベクトル\nデータベース"),
    ("システムプロンプト", 6.5, "システム\nプロンプト"),
    ("マルチモーダル入力", 6.5, "マルチモーダル\n入力"),
    ("LLM可観測性ツール", 6.5, "LLM可観測性\nツール"),  # not before the suffix 「性」
    # one word a little wider than the line stays whole rather than broken
    ("Elasticsearch", 6.5, "Elasticsearch"),
    ("OpenTelemetry", 6.5, "OpenTelemetry"),
    ("ストリーミング", 6.5, "ストリーミング"),
    ("コンパクション", 6.5, "コンパクション"),
])
def test_wrap_label(label: str, max_em: float, expected: str) -> None:
    assert wrap_label(label, max_em) == expected


def test_word_starts_and_break_points() -> None:
    assert word_starts("コード実行サンドボックス") == {3: 2, 5: 2, 8: 1}  # サンド|ボックス: mode A only
    assert word_starts("Elasticsearch") == {}
    assert break_points("エージェントループ") == [6]
    assert break_points("Claude Codeの") == [6, 7, 11]


@pytest.mark.parametrize(("label", "short"), [
    ("エージェントループ（agent loop）", "エージェント\nループ"),  # the gloss goes
    ("Elasticsearch", "Elasticsearch"),
    ("Anthropic Messages API", "Anthropic\nMessages\nAPI"),  # three lines: nothing cut
    # cut after a whole word, never inside one (the full name: tooltip, panel, accessible name)
    ("Claude Codeのサブエージェント機能", "Claude\nCodeの\nサブエージェン…"),
    ("クライアントツールとサーバーツール", "クライアント\nツールと\nサーバー…"),
])
def test_short_label(label: str, short: str) -> None:
    assert render.short_label(label) == short


@pytest.mark.parametrize(("text", "segments"), [
    ("ab cd", ["ab", " ", "cd"]),
    ("tool_use（x）", ["tool_", "use", "（", "x", "）"]),
    ("modelcontextprotocol/servers", ["modelcontextprotocol/", "servers"]),
    ("a-", ["a-"]),  # a trailing hyphen stays with its word
    ("設定", ["設", "定"]),
])
def test_segments(text: str, segments: list[str]) -> None:
    assert SEGMENT.findall(text) == segments


@pytest.mark.parametrize(("text", "em"), [("", 0), ("あ", 1), ("ア", 1), ("（", 1), (" ", 0.3),
                                          ("i", 0.3), ("M", 0.9), ("A", 0.7), ("a", 0.58)])
def test_text_em(text: str, em: float) -> None:
    assert text_em(text) == pytest.approx(em)


def real_labels() -> list[tuple[str, str]]:
    g = site_graph_from_folder(ROOT / "docs").graph
    return [(render.node_kind(d), str(d.get("label") or n)) for n, d in g.nodes(data=True)]


def synthetic_labels() -> list[tuple[str, str]]:
    g = synthetic_graph(300, seed=3)
    return [(render.node_kind(d), str(d.get("label") or n)) for n, d in g.nodes(data=True)]


@pytest.mark.parametrize("source", [real_labels, synthetic_labels])
def test_wrapped_lines_keep_the_text_fit_and_follow_the_rules(source) -> None:
    labels = source()
    assert len(labels) > 100
    wrapped_any = 0
    for kind, label in labels:
        max_em = render.LABEL_EM.get(kind, render.DEFAULT_LABEL_EM)
        lines = wrap_label(label, max_em).split("\n")
        wrapped_any += len(lines) > 1
        assert re.sub(r"\s", "", "".join(lines)) == re.sub(r"\s", "", label)  # nothing lost
        for i, line in enumerate(lines):
            assert line == line.strip() and line
            # wider only to keep a word whole (no break point inside), and by OVERFLOW at most
            assert text_em(line) <= max_em * SLIGHT or not break_points(line, CHEAP_BREAK), (label, lines)
            assert text_em(line) <= max_em * OVERFLOW + 1e-9, (label, lines)
            if i:
                assert line[0] not in NO_START, (label, lines)
                assert lines[i - 1][-1] not in NO_END, (label, lines)
    assert wrapped_any > 10


def test_payload_sends_the_wrapped_label_only_when_it_differs() -> None:
    g = synthetic_graph(60, seed=1)
    g.add_node("concept:long", kind="concept", layer=1, label="1-1. システムプロンプト")
    nodes = {n["id"]: n for n in render.map_payload(g)["nodes"]}
    assert nodes["concept:long"]["wrap"] == [0, 9, 9, 14]  # offsets of its lines in the label
    assert render.label_lines(nodes["concept:long"]["label"], nodes["concept:long"]["wrap"]) == \
        "1-1. システム\nプロンプト"
    assert nodes["concept:long"]["label"] == "1-1. システムプロンプト"  # search and tooltips
    assert all("\n" in render.label_lines(n["label"], n["wrap"]) for n in nodes.values() if "wrap" in n)


@pytest.mark.parametrize(("label", "text", "spans"), [
    ("1-1. システムプロンプト", "1-1. システム\nプロンプト", [0, 9, 9, 14]),
    ("A2A Protocol Specification", "A2A Protocol\nSpecification", [0, 12, 13, 26]),  # a space broken
    ("ベースモデルとファインチューニングの関係", "ベースモデル\nとファイン\nチューニング…", [0, 6, 6, 11, 11, 17, 1]),
    ("𝑥 と y", "𝑥 と\ny", [0, 4, 5, 6]),  # UTF-16 offsets, as the script slices
    ("名前（説明）", "名前\n別名", "名前\n別名"),  # not pieces of the label: the text itself
])
def test_label_spans_round_trip(label: str, text: str, spans) -> None:
    assert render.label_spans(label, text) == spans
    assert render.label_lines(label, spans) == text
