// @ts-check
/* The 早見表 filter's pure part (quick-reference.js holds the DOM side): which rows a query and
 * the two layer selects leave, best match first (./search-rank.js, the same ranking and synonym
 * table as the map search), the suggestions when none is left, and the map link for the rows
 * left. */

import { labelNames, rank, suggest } from "./search-rank.js";
import { layerLabel } from "./concept-map/vocab.js";

/** @typedef {{ label: string, note: string, concept: string, def: string[], use: string[],
 *   aliases: string[], product?: boolean, category?: string, node?: string }} Row
 *  one row of the 早見表: its label (the link's text), 備考, concept id (row id without "row-"),
 *  column codes of its ✅ / 🔧 marks, other names (cards.json `aliases`: synonyms, the defining
 *  heading), whether it is a product (products rank after concepts), the group it sits under
 *  (cards.json `category`: 検索・知識), its node on the map (the id its own map link focuses). */

/** @param {Row[]} rows @returns {import("./search-rank.js").Entry[]} */
export function rowEntries(rows) {
  return rows.map((r) => ({
    names: [...new Set([...labelNames(r.label), ...(r.concept ? [r.concept] : [])])],
    aliases: r.aliases, text: r.note, group: r.category || "", rank: r.product ? 1 : 0,
  }));
}

/** Indices of the rows left, best match first (table order without a query).
 * @param {Row[]} rows @param {string} query @param {string[][]} groups
 * @param {string} def @param {string} use @returns {number[]} */
export function filterRows(rows, query, groups, def = "", use = "") {
  const ok = (/** @type {number} */ i) => (!def || rows[i].def.indexOf(def) >= 0)
    && (!use || rows[i].use.indexOf(use) >= 0);
  const order = query.trim() ? rank(rowEntries(rows), query, groups).map((h) => h.index)
    : rows.map((_, i) => i);
  return order.filter(ok);
}

/** Rows near a query that leaves none (by name), at most `limit`.
 * @param {Row[]} rows @param {string} query @param {string[][]} groups @param {number} [limit]
 * @returns {number[]} */
export function nearRows(rows, query, groups, limit = 3) {
  return suggest(rowEntries(rows), query, groups, limit).map((h) => h.index);
}

/** The map's link for the rows left: one concept (?focus=, its node, else its id, which the map
 * also takes), else their layers (?layers=, named by the vocabulary's layer label).
 * @param {string} mapBase @param {boolean} filtered @param {Row[]} visible
 * @param {string} def @param {string} use @param {import("./concept-map/vocab.js").Named} named
 * @returns {{ href: string, label: string }} */
export function mapSelection(mapBase, filtered, visible, def, use, named) {
  if (filtered && visible.length === 1 && visible[0].concept) {
    return { href: mapBase + "?focus=" + encodeURIComponent(visible[0].node || visible[0].concept),
      label: "地図で見る（" + (visible[0].label || visible[0].concept) + "）" };
  }
  /** @type {Set<string>} */
  const layers = new Set();
  if (filtered && visible.length > 0) {
    if (def) layers.add(def.charAt(0));
    if (use) layers.add(use.charAt(0));
    if (!def && !use) for (const row of visible) for (const c of row.def) layers.add(c.charAt(0));
  }
  const list = [...layers].sort();
  if (!list.length) return { href: mapBase, label: "地図で見る" };
  return { href: mapBase + "?layers=" + list.join(","), label: "地図で見る（" + layerLabel(named, list.join("・")) + "）" };
}
