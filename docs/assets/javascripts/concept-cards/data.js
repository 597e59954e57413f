// @ts-check
/* Concept cards, the pure part: which concepts a link leads to (cards.json indexed by the
 * section each concept is defined in), which of them the link's text names, and the card's
 * texts. cards.json is written at build time (views/quickref.py concept_cards); its kinds,
 * layer names and mark labels come from its `vocab` (graph/vocabulary.py). No DOM here. */

import { layerLabel, layerTitle } from "../concept-map/vocab.js";

/**
 * @typedef {{ where: string, label: string, url: string }} UsedIn
 * @typedef {{ layer: number, phrase: string, label?: string, url?: string }} CardRelation
 * @typedef {{ id: string, node: string, label: string, summary: string, layer: number,
 *   category: string, product: boolean, url: string, usedIn?: UsedIn[], relations?: CardRelation[], map: string,
 *   row: string }} Concept
 * @typedef {{ name: string, text: string, relation: boolean }} MarkWords
 * @typedef {{ layers: Record<string, { name: string }>, layerLabel?: string, marks: Record<string, MarkWords> }} CardVocab
 * @typedef {{ layers: Record<string, { url?: string }>, concepts: Concept[],
 *   vocab?: CardVocab }} CardsData
 * @typedef {{ concept: Concept, others: Concept[] }} Found
 */

/** Using sections a card lists; the rest are counted. */
export const USED_SHOWN = 3;
/** Other concepts of the same section a card names; the rest are counted. */
export const OTHERS_SHOWN = 4;

/** No data: a card shows nowhere. @returns {CardsData} */
export function emptyData() {
  return { layers: {}, concepts: [] };
}

/** The key of a URL: its path without index.html, and its decoded fragment.
 * @param {URL} url */
export function cardKey(url) {
  let hash = url.hash;
  try { hash = decodeURIComponent(hash); } catch { /* keep as is */ }
  return url.pathname.replace(/index\.html$/, "") + hash;
}

/** Text compared loosely: NFKC, lower case, no white space. @param {string | null | undefined} text */
export function norm(text) {
  return (text || "").normalize("NFKC").toLowerCase().replace(/\s+/g, "").trim();
}

/** The concepts by the key of the section that defines them (URLs relative to `root`).
 * @param {CardsData} data @param {URL | string} root
 * @returns {Record<string, Concept[]>} */
export function indexConcepts(data, root) {
  /** @type {Record<string, Concept[]>} */
  const byKey = {};
  data.concepts.forEach((c) => {
    if (!c.url) return;
    const k = cardKey(new URL(c.url, root));
    (byKey[k] = byKey[k] || []).push(c);
  });
  return byKey;
}

/** Of the concepts defined in one section, the one a link's text names (exactly, or by the
 * name before its bracketed gloss), else the first that is not a product, else the first.
 * @param {Concept[]} list @param {string} linkText @returns {Found | null} */
export function pickConcept(list, linkText) {
  if (!list || !list.length) return null;
  const text = norm(linkText);
  /** @param {Concept} c */
  const head = (c) => norm(c.label.split(/[（(]/)[0]);
  const best = list.find((c) => norm(c.label) === text) ||
    list.find((c) => head(c) !== "" && (text.indexOf(head(c)) === 0 || head(c) === text)) ||
    list.find((c) => !c.product) || list[0];
  return { concept: best, others: list.filter((c) => c !== best) };
}

/** 第2層A for "2A", 第3層 for "3". @param {CardsData} data @param {string} code */
export function codeName(data, code) {
  return layerLabel(data, code.charAt(0)) + code.slice(1);
}

/** 「第3層 LLMオーケストレーション層」: the card's layer chip. @param {CardsData} data @param {number} layer */
export function layerChip(data, layer) {
  return layerTitle(data, layer);
}

/** One line per relation mark of the vocabulary (in its order): the mark's label and the
 * columns of the 早見表 where the concept carries it (「定義：第2層A」, 「利用：なし」).
 * @param {CardsData} data @param {Concept} c
 * @returns {{ key: string, text: string }[]} */
export function relationLines(data, c) {
  const marks = (data.vocab && data.vocab.marks) || {};
  const codes = /** @type {Record<string, string[] | undefined>} */ (/** @type {unknown} */ (c));
  return Object.keys(marks).filter((key) => marks[key].relation).map((key) => {
    const list = codes[key] || [];
    return { key, text: marks[key].text + "：" + (list.length ? list.map((code) => codeName(data, code)).join("・") : "なし") };
  });
}

/** The using sections a card lists, and how many more there are.
 * @param {Concept} c @returns {{ shown: UsedIn[], more: number }} */
export function usedInShown(c) {
  const all = c.usedIn || [];
  return { shown: all.slice(0, USED_SHOWN), more: Math.max(0, all.length - USED_SHOWN) };
}

/** 「同じ節の概念：A、B ほか2件」, or "" without others. @param {Concept[]} others */
export function othersText(others) {
  if (!others.length) return "";
  const names = others.slice(0, OTHERS_SHOWN).map((o) => o.label).join("、");
  const rest = others.length > OTHERS_SHOWN ? " ほか" + (others.length - OTHERS_SHOWN) + "件" : "";
  return "同じ節の概念：" + names + rest;
}
