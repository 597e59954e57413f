"""Japanese search on Material's search plugin (pure functions).

`plugin_settings()` is what the hook sets on Material's search plugin in on_config, so the plugin
publishes it in search/search_index.json itself:
- config.separator: SEPARATOR, shared by the index and the query side in the browser;
- config.lang ["en"] and pipeline []: no TinySegmenter, no stemmer, no trimmer in the worker, so the
  browser's tokens are exactly the chunks of SEPARATOR (TinySegmenter would re-cut them differently
  from the query, and lunr's English trimmer deletes non-ASCII characters);
`rewrite_index()` then adds what the plugin cannot express, after it wrote the index (the texts
stay as they are: they are shown in the result list):
- two extra fields per section: "tkeys" (inner words of the title) and "keys" (inner words of the
  text), from `segment.sub_keys`, plus the synonyms of the terms the title / text use
  (`synonyms.expansions`, data in synonyms.tsv). Material indexes every field listed in
  config.fields but renders only title and text (and tags), so the keys are searchable and
  invisible;
- "cells": the text of the section's tables, which `page.prepare` kept out of the previews;
- a document boost (lunr multiplies the section's score by it): sections that define a concept
  rank higher (DEFINE_BOOST), boilerplate sections (参考リンク, まとめ, …) lower (DEMOTE_BOOST);
- the concepts of the knowledge graph: a defining section carries its concepts' names, label and
  summary; concepts defined inside a section get an entry of their own (`cards.card_docs`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from search_ja.cards import Card, card_docs
from search_ja.query import browser_terms
from search_ja.segment import SEPARATOR, Analyser, default_analyser, plain_text, split_chunks, split_spans, sub_keys
from search_ja.synonyms import Group, default_groups, expansions
from sitedocs.files import write_atomic

TITLE_KEYS = "tkeys"
TEXT_KEYS = "keys"
TITLE_KEYS_BOOST = 200.0
TEXT_KEYS_BOOST = 1.0
# The synonyms of a title's terms again, weighted like the title itself: a reader typing another
# name of a section's subject (「拡張思考」 for 思考ブロック) matches it as strongly as its own title,
# so the whole synonym beats sections that share only a part of it (「拡張」 in an unrelated title).
# The words of the section's concept labels are there too: a concept's own name weighs no less than
# another name of it (「低ランク」 of LoRA（低ランク適応） found §1-2 LoRA after QLoRA, whose title
# got 低ランク適応 as a synonym of LoRA).
SYN_KEYS = "skeys"
SYN_KEYS_BOOST = 500.0
# Whole names: a query is an OR of its parts with a trailing wildcard each (「ツール結果」 →
# ツール* 結果*), and lunr weighs a prefix match like an exact one, so rare compounds that merely
# start with a part (「ツール型」「ツール側から」 in a title) outscore the one section whose name is
# the whole query. Each concept's defining section and card therefore carry, per part of each of
# its names, one token made of that part followed by the other parts, joined with NAME_JOIN (a
# character no rule of SEPARATOR splits at): 「ツール·結果」「結果·ツール」. A query part finds
# its token by prefix; the tokens are rare (high idf), so the section matching every part of the
# query in this field outscores sections matching only a part, and a one-part query does not
# favour one compound over another.
NAMES = "names"
NAMES_BOOST = 4000.0
NAME_JOIN = "\u00b7"
# How often the head's token is written, following the map's tiers (docs/assets/javascripts/
# search-rank.js: own names, then aliases such as the defining heading, then concepts before
# products): a concept's own name HEAD_REPEAT times, the defining heading HEADING_REPEAT times
# (「層をまたぐプロトコルとしてのMCP」 is about MCP, one step below a name that is the query),
# bracketed aliases, synonyms and product names once.
HEAD_REPEAT = 3
HEADING_REPEAT = 2
CELLS = "cells"
CELLS_BOOST = 1.0
TAGS_BOOST = 50.0  # only cards carry tags (their layer); Material's default 1e6 would swamp titles
DEFINE_BOOST = 4.0  # a section that defines a concept (its url in the knowledge graph)
DEMOTE_BOOST = 0.2  # boilerplate sections: {.no-graph} headings (参考リンク, まとめ, 公式ドキュメント)
CARD_BOOST = 4.0
MARKER = "search_ja"  # config key telling that an index was already rewritten


def plugin_settings(fields: dict[str, Any] | None = None) -> dict[str, Any]:
    """The settings of Material's search plugin that make its index Japanese-ready: lang,
    separator, pipeline and fields (the given fields plus the two key fields). The hook sets them
    on the plugin in on_config, so the plugin itself publishes them in the index's config."""
    fields = dict(fields or {})
    fields.setdefault("title", {"boost": 1000.0})
    fields.setdefault("text", {"boost": 1.0})
    fields[TITLE_KEYS] = {"boost": TITLE_KEYS_BOOST}
    fields[TEXT_KEYS] = {"boost": TEXT_KEYS_BOOST}
    fields[SYN_KEYS] = {"boost": SYN_KEYS_BOOST}
    fields[NAMES] = {"boost": NAMES_BOOST}
    fields[CELLS] = {"boost": CELLS_BOOST}
    fields.setdefault("tags", {"boost": TAGS_BOOST})
    return {"lang": ["en"], "separator": SEPARATOR, "pipeline": [], "fields": fields}


@dataclass
class Extras:
    """What the index learns beyond Material's docs; locations as in the index (site-relative)."""

    tables: dict[str, list[str]] = field(default_factory=dict)  # location → table texts
    demoted: set[str] = field(default_factory=set)  # locations of boilerplate sections
    defining: set[str] = field(default_factory=set)  # locations of sections that define a concept
    cards: list[Card] = field(default_factory=list)
    groups: tuple[Group, ...] | None = None  # synonym groups (None: synonyms.tsv)


def _vocabulary(docs: list[dict[str, Any]], read: set[str], cells_read: set[int] | None = None) -> set[str]:
    """The tokens the browser's index will hold (what Material's query segmenter looks up):
    `read`, the chunks of every doc's title and text (split by rewrite_docs already), and those
    of its other fields. cells_read: positions of the docs whose CELLS are among `read` already
    (rewrite_docs put them into the text between line breaks, and they hold no markup)."""
    vocabulary: set[str] = set(read)
    for n, doc in enumerate(docs):
        for key, value in doc.items():
            if key in ("location", "boost", "title", "text") or (key == CELLS and cells_read and n in cells_read):
                continue
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str):
                    vocabulary.update(split_chunks(plain_text(item)))
    return vocabulary


_PAREN = re.compile(r"[（(]([^）)]*)[）)]")


def concept_names(label: str) -> list[str]:
    """The names in a concept label: the name, and each alias given in brackets
    (「ツール結果（tool_result / functionResponse）」 → ツール結果, tool_result, functionResponse)."""
    names = [_PAREN.sub(" ", label).strip()]
    for inner in _PAREN.findall(label):
        names.extend(part.strip() for part in re.split(r"[／/、,]", inner))
    return [n for n in dict.fromkeys(names) if n]


def name_tokens(names: list[str], vocabulary: set[str], others: list[str] | None = None,
                headings: list[str] | None = None) -> list[str]:
    """The NAMES field of one document: per part of each name (as the browser splits the query),
    the part, NAME_JOIN and the other parts. The head of a Japanese noun phrase is its last part
    (「MCPクライアント」 is a クライアント), so in `names` (the concept's own names) the head's
    token is repeated HEAD_REPEAT times: the name that is the whole query beats a longer name
    containing it (「ツール結果」 over 「ツール結果のクリア」). In `headings` (the defining
    section's heading) it is repeated HEADING_REPEAT times. `others` (bracketed aliases,
    synonyms, product names), which often list examples, count once per part. A query part finds
    every token that starts with it, so a token is left out when its leading part is the start of
    another token's leading part (「ベクトル·db」 next to 「ベクトルデータベース·」): the longer one
    is found by the same query parts and by the longer query. Tokens the separator would cut are
    left out."""
    found: dict[str, tuple[str, int]] = {}  # leading part → (token, repeat)
    weighted = [*((n, HEAD_REPEAT) for n in names), *((n, HEADING_REPEAT) for n in headings or []),
                *((n, 1) for n in others or [])]
    for name, head in weighted:
        parts = [p for p in browser_terms(name, vocabulary) if not p.isdigit()]
        for i, part in enumerate(parts):
            token = NAME_JOIN.join([part, *parts[:i], *parts[i + 1:]]) if len(parts) > 1 else part + NAME_JOIN
            repeat = head if i == len(parts) - 1 else 1
            if split_chunks(token) != [token] or found.get(part, ("", 0))[1] >= repeat:
                continue
            found[part] = (token, repeat)
    kept = [lead for lead in found if not any(lead != other and other.startswith(lead) for other in found)]
    return [found[lead][0] for lead in kept for _ in range(found[lead][1])]


_NUMBER = re.compile(r"^\s*[0-9０-９A-Za-z]+(?:[-.][0-9０-９]+)*\.\s+")


def heading_name(title: str) -> str:
    """A section title as a name: without its number and bracketed asides
    (「2-4. 層をまたぐプロトコルとしてのMCP」 → 層をまたぐプロトコルとしてのMCP)."""
    return _PAREN.sub(" ", _NUMBER.sub("", title)).strip()


def _names_by_location(cards: list[Card], groups: tuple[Group, ...]
                       ) -> dict[str, tuple[list[str], list[str]]]:
    """Defining anchor (a section or a card's own entry) → (the names of the concepts it defines,
    their bracketed aliases and synonyms (synonyms.tsv: 「拡張思考」 is another name of 思考ブロック)).
    A product (a row of the 早見表's products table) is an example its section lists, not what the
    section defines: its names are among the others (「Playwright MCP」 does not make §2-7 the
    section about MCP)."""
    out: dict[str, tuple[list[str], list[str]]] = {}
    for card in cards:
        name, *aliases = concept_names(card.label)
        aliases += [syn for n in [name, *aliases] for syn in expansions(n, groups)]
        own, others = out.setdefault(card.url, ([], []))
        if card.product:
            others.append(name)
        else:
            own.append(name)
        others.extend(aliases)
    return out


def _merged_cards(cards: list[Card], sections: set[str]) -> dict[str, tuple[str, str]]:
    """Section location → (labels, summaries) of the concepts it defines: the section is their one
    search result (no entry of their own, see cards.card_docs)."""
    out: dict[str, tuple[str, str]] = {}
    for card in cards:
        if card.url in sections:
            label, summary = out.get(card.url, ("", ""))
            out[card.url] = (f"{label}\n{card.label}".strip(), f"{summary}\n{card.summary}".strip())
    return out


def merged_cards(cards: list[Card]) -> dict[str, tuple[str, str]]:
    """Every defining section's location → (labels, summaries) of its concepts (what
    rewrite_docs adds to that section's title and text when the section is in the index)."""
    return _merged_cards(cards, {card.url for card in cards})


def _additions(doc: dict[str, Any], extras: Extras, merged: dict[str, tuple[str, str]]) -> tuple[str, str, str]:
    """What rewrite_docs adds to a doc: its tables' cells, and the label and the summary of the
    concepts the section defines (merged: merged_cards, or _merged_cards of the index's sections)."""
    location = doc.get("location", "")
    return " ／ ".join(extras.tables.get(location, [])), *merged.get(location, ("", ""))


def _texts(doc: dict[str, Any], cells: str, label: str, summary: str) -> tuple[str, str]:
    title = plain_text(doc.get("title") or "") + (f"\n{label}" if label else "")
    text = plain_text(doc.get("text") or "") + "\n" + cells + (f"\n{summary}" if summary else "")
    return title, text


def doc_texts(doc: dict[str, Any], extras: Extras, merged: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """The title and the text of an index doc whose sub-word keys rewrite_docs looks up: without
    markup, the text followed by its tables' cells, both followed by the label and the summary of
    the concepts the section defines (see _additions)."""
    return _texts(doc, *_additions(doc, extras, merged))


def rewrite_docs(docs: list[dict[str, Any]], analyser: Analyser | None = None,
                 extras: Extras | None = None, known: Mapping[str, list[str]] | None = None) -> list[dict[str, Any]]:
    """docs with their keys, names and boosts (see the module docstring). known: the sub-word
    keys (`segment.sub_keys`) of texts computed beforehand (search_ja/prefetch.py); any other
    text is analysed here."""
    analyser = analyser or default_analyser()
    known = known or {}

    def keys(text: str, spans: list[tuple[int, int]], chunks: list[str]) -> list[str]:
        found = known.get(text)
        return sub_keys(text, analyser, spans, chunks) if found is None else found

    extras = extras or Extras()
    groups = default_groups() if extras.groups is None else extras.groups
    out = []
    synonyms: list[tuple[list[str], list[str]]] = []  # per doc: synonyms added to (tkeys, keys)
    label_keys: list[list[str]] = []  # per doc: the words of its concepts' labels (for SYN_KEYS)
    sections = {doc.get("location", "") for doc in docs}
    merged = _merged_cards(extras.cards, sections)
    read: set[str] = set()  # the chunks of each title and text (with what is added to them below)
    # the docs (positions in out) whose CELLS need no splitting again: a separator's match never
    # reaches across the line breaks around them in the text, so their chunks are among the text's
    cells_read: set[int] = set()
    for doc in [*docs, *card_docs(extras.cards, CARD_BOOST, sections)]:
        doc = dict(doc)
        location = doc.get("location", "")
        cells, label, summary = _additions(doc, extras, merged)
        title, text = _texts(doc, cells, label, summary)
        title_syn, text_syn = expansions(title, groups), expansions(text, groups)
        title_spans, text_spans = split_spans(title), split_spans(text)
        title_chunks = [title[a:b].lower() for a, b in title_spans]
        text_chunks = [text[a:b].lower() for a, b in text_spans]
        read.update(title_chunks)
        read.update(text_chunks)
        title_keys = list(dict.fromkeys([*keys(title, title_spans, title_chunks), *title_syn]))
        text_keys = list(dict.fromkeys([*keys(text, text_spans, text_chunks), *text_syn]))
        if label:  # the concept's label and summary: searchable, not shown (the section's own are)
            title_keys = list(dict.fromkeys([*title_keys, *split_chunks(label)]))
            text_keys = list(dict.fromkeys([*text_keys, *split_chunks(summary)]))
        if title_keys:
            doc[TITLE_KEYS] = " ".join(title_keys)
        if text_keys:
            doc[TEXT_KEYS] = " ".join(text_keys)
        if cells:
            doc[CELLS] = cells
            if "<" not in cells and "&" not in cells:  # plain_text(cells) is cells
                cells_read.add(len(out))
        if location in extras.demoted:
            doc["boost"] = DEMOTE_BOOST
        elif location in extras.defining:
            doc["boost"] = DEFINE_BOOST
        out.append(doc)
        synonyms.append((title_syn, text_syn))
        label_keys.append([*split_chunks(label), *sub_keys(label, analyser)] if label else [])
    # Query side: a synonym typed into the search box reaches the index in the form Material's
    # worker makes of it (query.browser_terms); add that form where it differs from the written one.
    vocabulary = _vocabulary(out, read, cells_read)
    names = _names_by_location(extras.cards, groups)
    headings = {doc.get("location", ""): heading_name(plain_text(doc.get("title") or "")) for doc in out}
    for doc in out:
        location = doc.get("location", "")
        own, others = names.get(location, ([], []))
        # the defining section's heading names the section too
        heading = [headings[location]] if location in names and headings.get(location) else []
        tokens = name_tokens(own, vocabulary, others, heading)
        if tokens:
            doc[NAMES] = " ".join(tokens)
    for doc, (title_syn, text_syn), own_keys in zip(out, synonyms, label_keys, strict=True):
        for key, terms in ((TITLE_KEYS, title_syn), (TEXT_KEYS, text_syn)):
            extra = [t for term in terms for t in browser_terms(term, vocabulary)
                     if t not in split_chunks(term)]
            if extra:
                doc[key] = " ".join(dict.fromkeys([*doc[key].split(" "), *extra]))
        if title_syn or own_keys:
            forms = [t for term in title_syn for t in [*split_chunks(term), *browser_terms(term, vocabulary)]]
            doc[SYN_KEYS] = " ".join(dict.fromkeys([*forms, *own_keys]))
    return out


def rewrite_index(data: dict[str, Any], analyser: Analyser | None = None,
                  extras: Extras | None = None, known: Mapping[str, list[str]] | None = None) -> dict[str, Any]:
    """A new index dict with the sub-word keys added to its docs (the one thing the plugin cannot
    express); its config is left as the plugin wrote it. An index that was already rewritten is
    returned unchanged."""
    if not isinstance(data, dict) or not isinstance(data.get("docs"), list):
        raise ValueError("not a Material search index: expected an object with a 'docs' list")
    config = data.get("config") or {}
    if config.get(MARKER):
        return data
    return {**data, "config": {**config, MARKER: 1}, "docs": rewrite_docs(data["docs"], analyser, extras, known)}


def dumps(data: dict[str, Any]) -> str:
    """Serialise like Material does (compact separators, ASCII escapes)."""
    return json.dumps(data, separators=(",", ":"), default=str)


def rewrite_file(path: Path, analyser: Analyser | None = None, extras: Extras | None = None,
                 known: Mapping[str, list[str]] | None = None) -> tuple[int, int, int]:
    """Rewrite search_index.json in place, atomically. Returns (bytes before, bytes after, docs)."""
    raw = path.read_text(encoding="utf-8")
    data = rewrite_index(json.loads(raw), analyser, extras, known)
    text = dumps(data)
    write_atomic(path, text)
    return len(raw.encode("utf-8")), len(text.encode("utf-8")), len(data["docs"])

