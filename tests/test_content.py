"""Content requirements of the chapters and the 早見表 (sizes, references, cross-layer links)."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

DOCS = ROOT / "docs"
CHAPTERS = ["layers/02-communication.md", "layers/03-orchestration.md", "layers/04-external-tools.md",
            "layers/05-ui-operations.md"]


def body_chars(text: str) -> int:
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"https?://\S+", "", text)
    return len(re.sub(r"\s", "", text))


@pytest.mark.parametrize("src", CHAPTERS)
def test_chapter_depth(src: str) -> None:
    text = (DOCS / src).read_text(encoding="utf-8")
    assert body_chars(text) >= 7000
    official = {url for line in text.splitlines() if "📘" in line
                for url in re.findall(r"\]\((https?://[^)\s]+)\)", line)}
    assert len(official) >= 8
    own = src.split("/")[1]
    section_links = {t for t in re.findall(r"\]\((0[1-5]-[\w-]+\.md#[\w-]+)\)", text) if not t.startswith(own)}
    assert len(section_links) >= 5
    for anchor in ("checklist", "official-docs"):  # the ids may carry classes, e.g. {#checklist .no-graph}
        assert re.search(r"\{#" + anchor + r"[ }]", text), anchor
    for part in ('!!! abstract "一言"', "```text", "- [ ] "):
        assert part in text, part
    assert not re.search(r"coming soon|準備中|TODO", text, flags=re.I)


def test_quick_reference_is_complete() -> None:
    text = (DOCS / "quick-reference.md").read_text(encoding="utf-8")
    concepts_part, products_part = text.split("## 製品・プロジェクト", 1)
    row = re.compile(r"^\| \[[^\]]+\]\(layers/(0[1-5])-[\w-]+\.md#[\w-]+\) \|", flags=re.M)
    concept_layers = row.findall(concepts_part)
    assert len(concept_layers) >= 60
    assert set(concept_layers) == {"01", "02", "03", "04", "05"}
    assert len(row.findall(products_part)) >= 30
    assert len(re.findall(r"^\| \*\*[^*]+\*\* \|", concepts_part, flags=re.M)) >= 5  # grouped by category
