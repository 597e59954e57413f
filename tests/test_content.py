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
    for part in ('!!! abstract "一言"', "```diagram", "- [ ] "):  # every chapter has at least one diagram
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


RELATION_TABLES = {"layers/04-external-tools.md": "layer-relations", "layers/05-ui-operations.md": "cross-layer-view"}
QR_COLUMNS = ["1", "2A", "2B", "3", "4", "5"]


def relation_rows(src: str) -> dict[str, dict[str, bool]]:
    """The chapter's relation table: linked section anchor -> {layer: related?} ('-' means not related)."""
    text = (DOCS / src).read_text(encoding="utf-8")
    section = text.split("{#" + RELATION_TABLES[src], 1)[1].split("\n---\n", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    layers = [re.search(r"第(\d)層", cell).group(1) for cell in lines[0].strip("|").split("|")[1:]]
    rows: dict[str, dict[str, bool]] = {}
    for line in lines[2:]:
        first, *cells = [cell.strip() for cell in line.strip("|").split("|")]
        for anchor in re.findall(r"\]\(#([\w-]+)\)", first):
            rows[anchor] = {layer: cell != "-" for layer, cell in zip(layers, cells, strict=True)}
    return rows


def quick_reference_rows() -> list[tuple[int, str, dict[str, str]]]:
    """Every linked 早見表 row (concepts and products): (line, 'layers/…md#anchor', {column: mark})."""
    text = (DOCS / "quick-reference.md").read_text(encoding="utf-8")
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = re.match(r"\| \[[^\]]+\]\((layers/[\w-]+\.md#[\w-]+)\) \|(.*)\|", line)
        if match:
            marks = [cell.strip().replace("\ufe0f", "") for cell in match.group(2).split("|")][:6]
            rows.append((number, match.group(1), dict(zip(QR_COLUMNS, marks, strict=True))))
    return rows


@pytest.mark.parametrize("src", sorted(RELATION_TABLES))
def test_quick_reference_marks_agree_with_the_relation_table(src: str) -> None:
    """A '-' cell in the chapter's relation table means '-' in the 早見表; a phrase means ✅ or 🔧 (2A or 2B)."""
    relations = relation_rows(src)
    assert len(relations) >= 8
    checked, problems = 0, []
    for number, target, marks in quick_reference_rows():
        page, anchor = target.split("#")
        if page != src or anchor not in relations:
            continue
        checked += 1
        for layer, related in relations[anchor].items():
            cells = [marks["2A"], marks["2B"]] if layer == "2" else [marks[layer]]
            if related != any(cell != "-" for cell in cells):
                problems.append(f"quick-reference.md:{number}: {target} 第{layer}層 {'/'.join(cells)} "
                                f"but the relation table says {'a relation' if related else '-'}")
    assert checked >= 8
    assert not problems, "\n".join(problems)
