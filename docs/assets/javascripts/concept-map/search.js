//# allFunctionsCalledOnLoad
// @ts-check
/* The map's search box: nodes whose names match the query, best first (../search-rank.js: the
 * same ranking and synonym table as the 早見表 filter, cards.json's `synonyms` and each concept's
 * `aliases`, i.e. search_ja/synonyms.tsv); Enter selects the first. Nothing found: a message and
 * the nearest names as buttons. matches() and entries() are pure. */

import { kindName, layerText } from "./model.js";
import { DETAIL_SCALE } from "./levels.js";
import { ROOT, closeOnFocusLeave } from "./util.js";
import { idPrefix, outputPath } from "./vocab.js";
import { FOUND, labelNames, noMatchText, rank, suggest } from "../search-rank.js";

/** @typedef {import("./types.js").Model} Model */
/** @typedef {import("./types.js").Payload} Payload */
/** @typedef {import("./types.js").MapNode} MapNode */
/** @typedef {import("./view.js").MapView} MapView */
/** @typedef {import("../search-rank.js").Entry} Entry */
/** @typedef {{ groups: string[][], aliases: Record<string, string[]>, category?: Record<string, string> }} Words
 *  synonym groups, node id → other names and node id → the 早見表 group it sits under (from
 *  cards.json). */

const STATUS = "cm-map__searchstatus";
const NUMBER = /^\s*[0-9０-９A-Za-z]+(?:[-.][0-9０-９]+)*\.\s+/;

/** One search entry per node: its label's names (a section also without its number) and its
 * slug; as aliases its other names (cards.json `aliases`: synonyms of its label and the heading
 * of its defining section); as group its 早見表 category (cards.json `category`). Concepts rank before products, products before sections and pages,
 * those before layers. @param {Model} model @param {Words} [words] @returns {Entry[]} */
export function entries(model, words) {
  const k = model.k;
  /** @type {Record<string, number>} */
  const kindRank = { [k.concept]: 0, [k.product]: 1, [k.section]: 2, [k.page]: 2, [k.layer]: 3 };
  const prefix = idPrefix(model.data, k.concept);
  return model.nodes.map((n) => {
    const names = labelNames(n.label);
    const bare = n.label.replace(NUMBER, "");
    if (bare !== n.label) names.push(...labelNames(bare));
    if (n.id.indexOf(prefix) === 0) names.push(n.id.slice(prefix.length));
    const aliases = (words && words.aliases[n.id]) || [];
    const group = (words && words.category && words.category[n.id]) || "";
    return { names: [...new Set(names)], aliases, text: n.summary || "", group, rank: kindRank[n.kind] || 0 };
  });
}

/** The nodes matching `text`, best first, at most `limit`.
 * @param {Model} model @param {string} text @param {number} [limit] @param {Words} [words]
 * @returns {MapNode[]} */
export function matches(model, text, limit = 8, words) {
  return rank(entries(model, words), text, words ? words.groups : []).slice(0, limit)
    .map((hit) => model.nodes[hit.index]);
}

/** The nearest nodes when nothing matches. @param {Model} model @param {string} text
 * @param {Words} [words] @param {number} [limit] @returns {MapNode[]} */
export function nearest(model, text, words, limit = 3) {
  const list = entries(model, words);
  return suggest(list, text, words ? words.groups : [], limit).map((hit) => model.nodes[hit.index]);
}

/** Synonyms and aliases from cards.json (vocab.outputs.cards); none if it cannot be read.
 * @param {Payload} data @returns {Promise<Words>} */
async function loadWords(data) {
  /** @type {Words} */
  const words = { groups: [], aliases: {}, category: {} };
  const path = outputPath(data, "cards");
  if (!path) return words;
  try {
    const res = await fetch(new URL(path, ROOT));
    const cards = await res.json();
    words.groups = Array.isArray(cards.synonyms) ? cards.synonyms : [];
    for (const c of cards.concepts || []) {
      if (!c.node) continue;
      words.aliases[c.node] = c.aliases || [];
      if (words.category && c.category) words.category[c.node] = c.category;
    }
  } catch { /* the search works without synonyms */ }
  return words;
}

/** @type {WeakMap<Payload, Promise<Words>>} one load per map payload */
const WORDS = new WeakMap();

/** The synonyms and aliases for a map's searches (the search box, 出発・到着), loaded once.
 * @param {Payload} data @returns {Promise<Words>} */
export function wordsFor(data) {
  let words = WORDS.get(data);
  if (!words) {
    words = loadWords(data);
    WORDS.set(data, words);
  }
  return words;
}

/** @param {MapView} view @param {string} id */
function pick(view, id) {
  view.select(id, { move: true, scale: DETAIL_SCALE });
}

/** `el` names a node: its name, then its layer and kind in small type (the map search's
 * results, the path form's suggestions). @param {Payload} data @param {MapNode} n
 * @param {HTMLElement} el @returns {HTMLElement} el */
export function nodeText(data, n, el) {
  el.setAttribute("data-id", n.id);
  el.textContent = n.label;
  const small = document.createElement("small");
  small.textContent = " " + layerText(data, n) + "・" + kindName(data, n.kind);
  el.appendChild(small);
  return el;
}

/** A list item holding a button for a node, calling `onPick` when pressed: the map search's
 * results. @param {Payload} data @param {MapNode} n @param {() => void} onPick */
export function nodeButton(data, n, onPick) {
  const li = document.createElement("li");
  const btn = document.createElement("button");
  btn.type = "button";
  nodeText(data, n, btn);
  btn.addEventListener("click", onPick);
  li.appendChild(btn);
  return li;
}

/** A result button that selects its node. @param {MapView} view @param {HTMLElement} results
 * @param {MapNode} n */
function resultItem(view, results, n) {
  return nodeButton(view.data, n, () => {
    pick(view, n.id);
    showResults(view, results, []);
  });
}

/** The sentence for a query that matches nothing, before the names of the `near` nodes (as every
 * search surface says it: ../search-rank.js noMatchText). @param {string} query @param {MapNode[]} near */
export function noResultText(query, near) {
  return noMatchText(query, FOUND.items, near.length);
}

/** The search's polite live region (visually hidden, made empty when the search is wired, before
 * any message): says that nothing matched, and the nearest names, to screen readers.
 * @param {HTMLElement} results */
function statusOf(results) {
  const next = results.nextElementSibling;
  if (next && next.classList.contains(STATUS)) return next;
  const status = document.createElement("p");
  status.className = STATUS + " cm-visually-hidden";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  results.after(status);
  return status;
}

/** The list of results under the box (buttons that select); with `query` and no results, the
 * message (also in the live region) and the `near` nodes. @param {MapView} view
 * @param {HTMLElement | null} results @param {MapNode[]} list @param {string} [query]
 * @param {MapNode[]} [near] */
function showResults(view, results, list, query = "", near = []) {
  if (!results) return;
  results.textContent = "";
  for (const n of list) results.appendChild(resultItem(view, results, n));
  const empty = list.length === 0 && query.trim() !== "";
  const said = empty ? noResultText(query, near) + near.map((n) => n.label).join("、") : "";
  if (empty) {
    const li = document.createElement("li");
    li.className = "cm-map__noresult";
    li.textContent = noResultText(query, near);
    results.appendChild(li);
    for (const n of near) results.appendChild(resultItem(view, results, n));
  }
  results.hidden = list.length === 0 && !empty;
  const status = statusOf(results);
  if (status.textContent !== said) status.textContent = said;
}

/** @param {MapView} view */
export function bindSearch(view) {
  const search = view.root.querySelector("input.cm-map__search");
  const results = view.root.querySelector(".cm-map__results");
  const list = results instanceof HTMLElement ? results : null;
  if (!(search instanceof HTMLInputElement)) return;
  if (list) {
    statusOf(list);
    /* Tab away (or a click elsewhere) closes the results; Tab into them keeps them open. */
    closeOnFocusLeave([search, list], () => { if (!list.hidden) showResults(view, list, []); });
  }
  const loaded = () => wordsFor(view.data);
  search.addEventListener("focus", loaded, { once: true });
  const render = async () => {
    const w = await loaded();
    const found = matches(view.model, search.value, 8, w);
    const near = found.length ? [] : nearest(view.model, search.value, w);
    showResults(view, list, found, search.value, near);
    return { found, near };
  };
  /* a phone's list, not its full-screen map, is on screen: the box filters the list (phone.js),
     and a pick here would select on a hidden canvas */
  const hidden = () => view.canvas.getClientRects().length === 0;
  search.addEventListener("input", () => { if (!hidden()) render(); });
  search.addEventListener("keydown", async (ev) => {
    if (hidden()) return;
    if (ev.key === "Enter") {
      ev.preventDefault();
      const { found, near } = await render();
      if (found[0]) { pick(view, found[0].id); showResults(view, list, []); }
      else if (view.status && search.value.trim()) view.status.textContent = noResultText(search.value, near);
    } else if (ev.key === "Escape") {
      showResults(view, list, []);
    }
  });
}
