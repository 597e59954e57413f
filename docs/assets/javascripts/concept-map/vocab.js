//# allFunctionsCalledOnLoad
// @ts-check
/* The one vocabulary (graph/vocabulary.py to_payload()), as the payload delivers it in `vocab`:
 * edge kinds' dash patterns, widths, arrows and colours in both palettes, the freshness buckets
 * with their thresholds, the marks' badges. The map reads every kind, colour and threshold
 * through these accessors and spells none itself. */

/** @typedef {import("./types.js").Payload} Payload */
/** @typedef {import("./types.js").EdgeVocab} EdgeVocab */
/** @typedef {import("./types.js").FreshnessVocab} FreshnessVocab */

/** The vocabulary entry of an edge kind (e.g. "define"); {} for a kind it does not know.
 * @param {Payload} data @param {string} kind
 * @returns {Partial<EdgeVocab>} */
export function edgeVocab(data, kind) {
  return (data.vocab && data.vocab.edges[kind]) || {};
}

/** The freshness buckets in order (fresh, aging, old, unknown) with their upper ages in days.
 * @param {Payload} data
 * @returns {[string, FreshnessVocab][]} */
export function freshnessBuckets(data) {
  const f = data.vocab && data.vocab.freshness;
  return f ? f.order.map((k) => /** @type {[string, FreshnessVocab]} */ ([k, f.buckets[k]])) : [];
}
