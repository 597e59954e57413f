//# allFunctionsCalledOnLoad
// @ts-check
/* The one vocabulary (graph/vocabulary.py), as the payload delivers it in `vocab`: edge kinds'
 * dash patterns, widths and colours in both palettes, and the freshness buckets. The map reads
 * every kind, colour and threshold through these accessors and spells none itself. */

/** @typedef {import("./types.js").Payload} Payload */
/** @typedef {import("./types.js").EdgeVocab} EdgeVocab */
/** @typedef {import("./types.js").FreshnessVocab} FreshnessVocab */

/* TEMPORARY fallback, until graph/vocabulary.py lands on main and the payload carries `vocab`:
   the values the map used before (remove this block then). */
/** @type {Record<string, EdgeVocab>} */
const FALLBACK_EDGES = {
  define: { dashes: false, colour: { light: "layer", dark: "layer" } },
  use: { dashes: [6, 5], opacity: 0.65 },
  reference: { dashes: [14, 4], colour: { light: "#d81b60", dark: "#f48fb1" }, width: 2.5 },
  explains: { dashes: [2, 4], opacity: 0.65 },
  contains: { dashes: [1, 7], width: 1, opacity: 0.6, arrows: false },
};
/** @type {Record<string, FreshnessVocab>} */
const FALLBACK_FRESHNESS = {
  fresh: { name: "半年以内に確認", days: 183, colour: "#2e7d32", dashes: false },
  aging: { name: "半年〜1年前に確認（破線）", days: 365, colour: "#c88c00", dashes: [6, 3] },
  old: { name: "1年以上前か確認期限切れ（点線・要再確認）", days: null, colour: "#c62828", dashes: [2, 3] },
  unknown: { name: "確認日なし", days: null, colour: "#78909c", dashes: false },
};
/* end of the TEMPORARY fallback */

/** The vocabulary entry of an edge kind (the schema's name, e.g. "define").
 * @param {Payload} data @param {string} kind
 * @returns {EdgeVocab} */
export function edgeVocab(data, kind) {
  const edges = (data.vocab && data.vocab.edges) || FALLBACK_EDGES;
  return edges[kind] || {};
}

/** The freshness buckets in order (fresh, aging, old, unknown), each with its upper age.
 * @param {Payload} data
 * @returns {[string, FreshnessVocab][]} */
export function freshnessBuckets(data) {
  return Object.entries((data.vocab && data.vocab.freshness) || FALLBACK_FRESHNESS);
}
