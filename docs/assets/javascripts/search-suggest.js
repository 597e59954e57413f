// @ts-check
/* The header search's empty result: Material says 「何も見つかりませんでした」 and stops; this
 * adds, under that line, what the reader can try instead — the concepts nearest to the query
 * (./search-rank.js over cards.json: names, aliases and the synonym table search_ja/synonyms.tsv,
 * the same vocabulary as the index, the map search and the 早見表 filter), as links to their
 * defining sections. Material's bundle renders the result list; this module only watches it
 * (MutationObserver) and writes its own element with textContent (no innerHTML). The cards'
 * URL comes from this script tag's data-cm-search-cards (overrides/main.html). */

import { labelNames, rank, suggest } from "./search-rank.js";

/** @typedef {{ label: string, url: string, aliases?: string[], summary?: string }} Concept */

const ROOT = new URL("../../", import.meta.url);
const BOX = "cm-search-empty";

/** The concepts to suggest for `query`, best first: matches by name, then the nearest names.
 * @param {Concept[]} concepts @param {string[][]} groups @param {string} query @param {number} [limit]
 * @returns {Concept[]} */
export function suggestions(concepts, groups, query, limit = 3) {
  const entries = concepts.map((c) => ({ names: [...labelNames(c.label), ...(c.aliases || [])] }));
  /** @type {number[]} */
  const picked = [];
  for (const hit of [...rank(entries, query, groups), ...suggest(entries, query, groups, limit)]) {
    if (picked.indexOf(hit.index) < 0) picked.push(hit.index);
  }
  return picked.slice(0, limit).map((i) => concepts[i]);
}

/** @returns {Promise<{ concepts: Concept[], groups: string[][] }>} */
async function loadCards() {
  const script = document.querySelector("script[data-cm-search-cards]");
  const url = script && script.getAttribute("data-cm-search-cards");
  if (!url) return { concepts: [], groups: [] };
  try {
    const cards = await (await fetch(new URL(url, location.href))).json();
    return { concepts: cards.concepts || [], groups: Array.isArray(cards.synonyms) ? cards.synonyms : [] };
  } catch {
    return { concepts: [], groups: [] };
  }
}

/** The message under Material's empty result line. @param {string} query @param {Concept[]} near */
function message(query, near) {
  const box = document.createElement("div");
  box.className = BOX;
  const p = document.createElement("p");
  p.textContent = "「" + query + "」に一致するページはありません。"
    + (near.length ? "近い概念：" : "別の言い方（英語名・略称・カタカナ表記）で試してください。");
  box.appendChild(p);
  if (near.length) {
    const ul = document.createElement("ul");
    for (const c of near) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = new URL(c.url, ROOT).href;
      a.textContent = labelNames(c.label)[0];
      a.addEventListener("click", () => {  // close the search overlay (a link on this page too)
        const toggle = document.querySelector("input[data-md-toggle=search]");
        if (toggle instanceof HTMLInputElement && toggle.checked) toggle.click();
      });
      li.appendChild(a);
      ul.appendChild(li);
    }
    box.appendChild(ul);
  }
  return box;
}

function init() {
  const input = document.querySelector("input.md-search__input");
  const meta = document.querySelector(".md-search-result__meta");
  const list = document.querySelector(".md-search-result__list");
  if (!(input instanceof HTMLInputElement) || !meta || !list) return;
  /** @type {Promise<{ concepts: Concept[], groups: string[][] }> | null} */
  let cards = null;
  input.addEventListener("focus", () => { cards = cards || loadCards(); });
  let shown = "";
  const update = async () => {
    const query = input.value.trim();
    const empty = query !== "" && list.children.length === 0 && /見つかりませんでした|No matching/.test(meta.textContent || "");
    if (empty && shown === query) return;
    const old = meta.parentElement && meta.parentElement.querySelector(":scope > ." + BOX);
    if (!empty) { if (old) old.remove(); shown = ""; return; }
    shown = query;
    const data = await (cards = cards || loadCards());
    if (input.value.trim() !== query) return;  // typed on meanwhile
    const box = message(query, suggestions(data.concepts, data.groups, query));
    const now = meta.parentElement && meta.parentElement.querySelector(":scope > ." + BOX);
    if (now) now.replaceWith(box); else meta.after(box);
  };
  const observer = new MutationObserver(() => { update(); });
  observer.observe(meta, { childList: true, characterData: true, subtree: true });
  observer.observe(list, { childList: true });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
