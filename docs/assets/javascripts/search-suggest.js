// @ts-check
/* The header search's empty result: Material says 「何も見つかりませんでした」 and stops; this
 * adds, under that line, what the reader can try instead — the concepts nearest to the query
 * (./search-rank.js over cards.json: names, aliases and the synonym table search_ja/synonyms.tsv,
 * the same vocabulary as the index, the map search and the 早見表 filter), as links to their
 * defining sections. Material's bundle renders the result list; this module only watches it
 * (MutationObserver) and writes its own element with textContent (no innerHTML) into a polite
 * live region of its own (made empty at start, so the message is announced). The cards'
 * URL comes from this script tag's data-cm-search-cards (overrides/main.html). */

import { conceptName, emptyText, suggestions } from "./search-near.js";

/** @typedef {import("./search-near.js").Concept} Concept */

const ROOT = new URL("../../", import.meta.url);
const BOX = "cm-search-empty";
const LIVE = "cm-search-live";

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
  p.textContent = emptyText(query, near.length);
  box.appendChild(p);
  if (near.length) {
    const ul = document.createElement("ul");
    for (const c of near) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = new URL(c.url, ROOT).href;
      a.textContent = conceptName(c);
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

/** The polite live region under Material's result line that holds the message: made once, empty,
 * before any message is written, so that screen readers announce what is written into it.
 * @param {Element} meta */
function liveRegion(meta) {
  const found = meta.parentElement && meta.parentElement.querySelector(":scope > ." + LIVE);
  if (found) return found;
  const live = document.createElement("div");
  live.className = LIVE;
  live.setAttribute("role", "status");
  live.setAttribute("aria-live", "polite");
  meta.after(live);
  return live;
}

function init() {
  const input = document.querySelector("input.md-search__input");
  const meta = document.querySelector(".md-search-result__meta");
  const list = document.querySelector(".md-search-result__list");
  if (!(input instanceof HTMLInputElement) || !meta || !list) return;
  const live = liveRegion(meta);
  /** @type {Promise<{ concepts: Concept[], groups: string[][] }> | null} */
  let cards = null;
  input.addEventListener("focus", () => { cards = cards || loadCards(); });
  let shown = "";
  const update = async () => {
    const query = input.value.trim();
    const empty = query !== "" && list.children.length === 0 && /見つかりませんでした|No matching/.test(meta.textContent || "");
    if (empty && shown === query) return;
    if (!empty) { live.textContent = ""; shown = ""; return; }
    shown = query;
    const data = await (cards = cards || loadCards());
    if (input.value.trim() !== query) return;  // typed on meanwhile
    live.replaceChildren(message(query, suggestions(data.concepts, data.groups, query)));
  };
  const observer = new MutationObserver(() => { update(); });
  observer.observe(meta, { childList: true, characterData: true, subtree: true });
  observer.observe(list, { childList: true });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
