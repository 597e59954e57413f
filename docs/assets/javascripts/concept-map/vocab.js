//# allFunctionsCalledOnLoad
// @ts-check
/* The one vocabulary (graph/vocabulary.py to_payload()), as the payload delivers it in `vocab`:
 * layers (names, colours), node kinds (names, id prefixes), edge kinds (order, defaults, dash
 * patterns, widths, arrows, colours in both palettes), the freshness buckets with their
 * thresholds, the marks' badges, the output paths. The map reads every kind, colour, threshold
 * and path through these accessors and spells none itself. */

/** @typedef {import("./types.js").Payload} Payload */
/** @typedef {import("./types.js").EdgeVocab} EdgeVocab */
/** @typedef {import("./types.js").FreshnessVocab} FreshnessVocab */

/** The vocabulary entry of an edge kind (e.g. "define"); {} for a kind it does not know.
 * @param {Payload} data @param {string} kind
 * @returns {Partial<EdgeVocab>} */
export function edgeVocab(data, kind) {
  return (data.vocab && data.vocab.edges[kind]) || {};
}

/** How a map draws a line that is only context (the full map zoomed in, a local map at rest;
 * neither end focused): its kind's colour at `alpha` times its opacity, `width` canvas px wide.
 * @param {Payload} data @param {boolean} [local] a chapter's local map
 * @returns {{ alpha: number, width: number }} */
export function edgeContext(data, local = false) {
  const vocab = data.vocab;
  return (vocab && (local ? vocab.edgeContextLocal : vocab.edgeContext)) || { alpha: 1, width: 0 };
}

/** The edge kinds in display order. @param {Payload} data @returns {string[]} */
export function edgeKinds(data) {
  return Object.keys((data.vocab && data.vocab.edges) || {});
}

/** The edge kinds shown when the map opens. @param {Payload} data @returns {string[]} */
export function defaultEdgeKinds(data) {
  return edgeKinds(data).filter((k) => edgeVocab(data, k).default);
}

/** The layer numbers the vocabulary declares (0: a node without a layer).
 * @param {Payload} data @returns {number[]} */
export function layerNumbers(data) {
  return Object.keys((data.vocab && data.vocab.layers) || { 0: 1 }).map(Number);
}

/** A layer's name (「LLM層」; 0: the name of no layer); "" for a number it does not know.
 * @param {Payload} data @param {number} n */
export function layerName(data, n) {
  const layer = data.vocab && data.vocab.layers[String(n)];
  return layer ? layer.name : "";
}

/** @typedef {{ vocab?: { layerLabel?: string, layers?: Record<string, { name: string }> } }} Named
 *  anything that carries the vocabulary (the map payload, cards.json, the 早見表's label). */

/** 「第3層」: a layer named by number (vocab `layerLabel`, graph/vocabulary.py LAYER_LABEL); `n`
 * may be several numbers already joined (「第2・5層」). The one formatter of the page scripts.
 * @param {Named} data @param {number | string} n */
export function layerLabel(data, n) {
  const template = (data.vocab && data.vocab.layerLabel) || "{n}";
  return template.replace("{n}", String(n));
}

/** 「第3層 LLMオーケストレーション層」: the label and the layer's name.
 * @param {Named} data @param {number} n */
export function layerTitle(data, n) {
  const layer = data.vocab && data.vocab.layers && data.vocab.layers[String(n)];
  return layerLabel(data, n) + (layer ? " " + layer.name : "");
}

/** A layer's colour in the light palette (the stylesheet's --cm-layer-N is the same).
 * @param {Payload} data @param {number} n */
export function layerColour(data, n) {
  const layer = data.vocab && data.vocab.layers[String(n)];
  return layer ? layer.colour.light : "";
}

/** The node kinds by name (k.concept === "concept"): the model's `k`.
 * @param {Payload} data @returns {Record<string, string>} */
export function nodeKinds(data) {
  /** @type {Record<string, string>} */
  const k = {};
  Object.keys((data.vocab && data.vocab.nodeKinds) || {}).forEach((key) => { k[key] = key; });
  return k;
}

/** A node kind's name (概念, 節, …); "" for a kind it does not know.
 * @param {Payload} data @param {string} kind */
export function nodeKindName(data, kind) {
  const entry = data.vocab && data.vocab.nodeKinds[kind];
  return entry ? entry.name : "";
}

/** The id prefix of a node kind's nodes ("concept:"). @param {Payload} data @param {string} kind */
export function idPrefix(data, kind) {
  const entry = data.vocab && data.vocab.nodeKinds[kind];
  return entry ? entry.prefix : kind + ":";
}

/** A site-root-relative output path or URL (e.g. "vis": vis-network's script).
 * @param {Payload} data @param {string} key */
export function outputPath(data, key) {
  return (data.vocab && data.vocab.outputs[key]) || "";
}

/** A media query the vocabulary names (graph/vocabulary.py MEDIA: "phone"), for matchMedia;
 * "not all" (never matches) for a name it does not know.
 * @param {Payload} data @param {string} name */
export function mediaQuery(data, name) {
  return (data.vocab && data.vocab.media && data.vocab.media[name]) || "not all";
}

/** The freshness buckets in order (fresh, aging, old, unknown) with their upper ages in days.
 * @param {Payload} data
 * @returns {[string, FreshnessVocab][]} */
export function freshnessBuckets(data) {
  const f = data.vocab && data.vocab.freshness;
  return f ? f.order.map((k) => /** @type {[string, FreshnessVocab]} */ ([k, f.buckets[k]])) : [];
}
