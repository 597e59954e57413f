//# allFunctionsCalledOnLoad
// @ts-check
/* The map's search box: nodes whose label or slug holds the query, best first (exact, then
 * prefix, then anywhere; concepts before sections before bands; shorter first); Enter selects
 * the first. matches() is pure. */

import { kindName, layerText } from "./model.js";
import { norm } from "./util.js";
import { idPrefix } from "./vocab.js";
import { DETAIL_SCALE } from "./levels.js";

/** @typedef {import("./types.js").Model} Model */
/** @typedef {import("./types.js").MapNode} MapNode */
/** @typedef {import("./view.js").MapView} MapView */

/** The nodes matching `text`, best first, at most `limit`.
 * @param {Model} model @param {string} text @param {number} [limit]
 * @returns {MapNode[]} */
export function matches(model, text, limit = 8) {
  const q = norm(text);
  if (!q) return [];
  const k = model.k;
  /** @type {Record<string, number>} */
  const rank = { [k.concept]: 0, [k.product]: 0, [k.section]: 1, [k.page]: 1, [k.layer]: 2 };
  const prefix = idPrefix(model.data, k.concept);
  /** @type {{ n: MapNode, score: number[] }[]} */
  const hits = [];
  for (const n of model.nodes) {
    const label = norm(n.label);
    const slug = n.id.indexOf(prefix) === 0 ? norm(n.id.slice(prefix.length)) : "";
    const at = label.indexOf(q);
    if (at < 0 && slug.indexOf(q) < 0) continue;
    const exact = label === q || slug === q ? 0 : (at === 0 || slug.indexOf(q) === 0 ? 1 : 2);
    hits.push({ n, score: [exact, rank[n.kind] || 0, label.length] });
  }
  hits.sort((a, b) => {
    for (let i = 0; i < 3; i++) if (a.score[i] !== b.score[i]) return a.score[i] - b.score[i];
    return a.n.id < b.n.id ? -1 : 1;
  });
  return hits.slice(0, limit).map((m) => m.n);
}

/** @param {MapView} view @param {string} id */
function pick(view, id) {
  view.select(id, { move: true, scale: DETAIL_SCALE });
}

/** The list of results under the box (buttons that select). @param {MapView} view
 * @param {HTMLElement | null} results @param {MapNode[]} list */
function showResults(view, results, list) {
  if (!results) return;
  results.textContent = "";
  for (const n of list) {
    const li = document.createElement("li");
    const btn = document.createElement("button");
    btn.type = "button";
    btn.setAttribute("data-id", n.id);
    btn.textContent = n.label;
    const small = document.createElement("small");
    small.textContent = " " + layerText(view.data, n) + "・" + kindName(view.data, n.kind);
    btn.appendChild(small);
    btn.addEventListener("click", () => {
      pick(view, n.id);
      showResults(view, results, []);
    });
    li.appendChild(btn);
    results.appendChild(li);
  }
  results.hidden = list.length === 0;
}

/** @param {MapView} view */
export function bindSearch(view) {
  const search = view.root.querySelector("input.cm-map__search");
  const results = view.root.querySelector(".cm-map__results");
  const list = results instanceof HTMLElement ? results : null;
  if (!(search instanceof HTMLInputElement)) return;
  search.addEventListener("input", () => showResults(view, list, matches(view.model, search.value)));
  search.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") {
      ev.preventDefault();
      const first = matches(view.model, search.value)[0];
      if (first) { pick(view, first.id); showResults(view, list, []); }
      else if (view.status) view.status.textContent = "「" + search.value + "」は見つかりませんでした。";
    } else if (ev.key === "Escape") {
      showResults(view, list, []);
    }
  });
}
