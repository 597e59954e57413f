//# allFunctionsCalledOnLoad
// @ts-check
/* The map's model, derived once from the payload and never mutated, and the pure questions
 * asked of it: layers, neighbours, bands, names, which node a URL's focus means. */

import { norm } from "./util.js";
import { edgeKinds, idPrefix, layerName, layerNumbers, layerTitle, nodeKindName, nodeKinds } from "./vocab.js";

/** @typedef {import("./types.js").Payload} Payload */
/** @typedef {import("./types.js").Model} Model */
/** @typedef {import("./types.js").MapNode} MapNode */
/** @typedef {import("./types.js").MapEdge} MapEdge */
/** @typedef {import("./types.js").Band} Band */

/** The layer numbers of the vocabulary (0 = no layer).
 * @param {Payload} data */
export function layerIds(data) {
  return layerNumbers(data);
}

/** A label's lines (its wrapped or short form) from the payload: the text, or the [start, end]
 * offsets of each line in the label, then a 1 for a closing 「…」 (views/render.py label_spans).
 * @param {string} label @param {string | number[]} spans @returns {string} */
export function labelLines(label, spans) {
  if (!Array.isArray(spans)) return spans;
  const lines = [];
  for (let i = 0; i + 1 < spans.length; i += 2) lines.push(label.slice(spans[i], spans[i + 1]));
  return lines.join("\n") + (spans.length % 2 ? "…" : "");
}

/** The payload as the page reads it (main.js), expanded in place from the build's shorthand
 * (views/render.py map_payload): a node without a kind has the stored kind of its id's prefix
 * (the vocabulary's nodeKinds), a node with "as" gets the url, review date and staleness of
 * that node (the section explaining it), a label's lines come as text (labelLines), an edge's
 * kind given as its index in the vocabulary's edge kinds becomes its name, a section without a
 * url has its chapter's url and its anchor, a scenario
 * step without a layer or url has its node's; nodes sent as columns (nodeRows) become objects
 * first. Idempotent. @param {Payload} data */
export function expandPayload(data) {
  const columns = /** @type {unknown} */ (data.nodes);
  if (!Array.isArray(columns)) data.nodes = nodeRows(/** @type {Record<string, unknown[]>} */ (columns));
  const nodes = data.nodes;
  const kinds = (data.vocab && data.vocab.nodeKinds) || {};
  const stored = Object.keys(kinds).filter((k) => kinds[k].stored);
  /** @type {Record<string, import("./types.js").PayloadNode>} */
  const byId = {};
  nodes.forEach((n) => { byId[n.id] = n; });
  sectionUrls(data, byId);
  for (const n of nodes) {
    if (!n.kind) n.kind = stored.find((k) => n.id.indexOf(kinds[k].prefix) === 0) || "";
    if (n.as !== undefined) {
      const s = nodes[n.as] || {};
      n.url = s.url;
      n.reviewed = s.reviewed;
      n.stale = s.stale;
      delete n.as;
    }
    if (n.wrap) n.wrap = labelLines(n.label, n.wrap);
    if (n.short) n.short = labelLines(n.label, n.short);
  }
  const edgeKindList = edgeKinds(data);  /* an edge's kind: its index in the vocabulary's kinds */
  for (const e of data.edges) if (typeof e[2] === "number") e[2] = edgeKindList[e[2]] || "";
  for (const walk of data.scenarios || []) {
    for (const st of walk.steps) {
      const n = byId[st.node] || {};
      if (st.layer === undefined) st.layer = n.layer || 0;
      if (st.url === undefined) st.url = n.url || "";
    }
  }
  return data;
}

/** The nodes from their columns (views/render.py node_columns): one list per field, null where
 * a node has no such field, or an object {node index: value} for a field few nodes have.
 * @param {Record<string, unknown[]>} columns @returns {import("./types.js").PayloadNode[]} */
export function nodeRows(columns) {
  const keys = Object.keys(columns);
  const count = Math.max(0, ...keys.map((k) => columns[k].length || 0));
  const nodes = [];
  for (let i = 0; i < count; i++) {
    /** @type {Record<string, unknown>} */
    const node = {};
    for (const k of keys) if (columns[k][i] !== null && columns[k][i] !== undefined) node[k] = columns[k][i];
    nodes.push(/** @type {import("./types.js").PayloadNode} */ (/** @type {unknown} */ (node)));
  }
  return nodes;
}

/** A section without a url ("section:<src>#<anchor>") gets its chapter's url (page:<src>, or
 * the band it is merged into) and its anchor. @param {Payload} data
 * @param {Record<string, import("./types.js").PayloadNode>} byId */
function sectionUrls(data, byId) {
  const kinds = (data.vocab && data.vocab.nodeKinds) || {};
  const section = kinds.section ? kinds.section.prefix : "section:";
  const page = kinds.page ? kinds.page.prefix : "page:";
  for (const n of data.nodes) {
    const hash = n.id.indexOf("#");
    if (n.url !== undefined || n.as !== undefined || n.id.indexOf(section) !== 0 || hash < 0) continue;
    const chapter = page + n.id.slice(section.length, hash);
    const c = byId[(data.merged || {})[chapter] || chapter];
    if (c) n.url = (c.url || "") + n.id.slice(hash);
  }
}

/** The model: nodes with their positions (`layout`: a local map's layout chosen for its canvas,
 * localfit.js; else `tall`: the phone layout), edges with ids, adjacency lists both ways.
 * @param {Payload} data @param {boolean} tall @param {import("./types.js").Layout | null} [layout]
 * @returns {Model} */
export function makeModel(data, tall, layout = null) {
  const shape = layout || (tall && data.tall) || null;
  const pos = shape ? shape.pos : null;
  const nodes = data.nodes.map((n, i) => Object.assign({}, n, { layer: n.layer || 0,
    x: pos ? pos[i][0] : n.x, y: pos ? pos[i][1] : n.y,
    wrap: n.wrap && labelLines(n.label, n.wrap), short: n.short && labelLines(n.label, n.short) }));
  /** @type {Record<string, MapNode>} */
  const byId = {};
  nodes.forEach((n) => { byId[n.id] = n; });
  /** @type {MapEdge[]} */
  const edges = data.edges.map((e, i) => Object.assign({ id: "e" + i, from: nodes[e[0]].id,
    to: nodes[e[1]].id, kind: String(e[2]) }, e[3] ? { phrase: e[3] } : {}, e[4] ? { faces: e[4] } : {}));
  /** @type {Record<string, MapEdge>} */
  const edgeById = {};
  /** @type {Model["adjacent"]} */
  const adjacent = {};
  nodes.forEach((n) => { adjacent[n.id] = []; });
  edges.forEach((e) => {
    edgeById[e.id] = e;
    adjacent[e.from].push({ edge: e, other: e.to, out: true });
    adjacent[e.to].push({ edge: e, other: e.from, out: false });
  });
  const placed = shape || data;
  return { data, nodes, byId, edges, edgeById, adjacent, bands: placed.bands, extent: placed.extent,
    kinds: edgeKinds(data), k: nodeKinds(data) };
}

/** The node and the edges of its neighbourhood that pass `visibleEdge`.
 * @param {Model} model @param {string} id @param {(e: MapEdge) => boolean} visibleEdge */
export function neighbourhood(model, id, visibleEdge) {
  const nodes = new Set([id]);
  /** @type {string[]} */
  const edges = [];
  (model.adjacent[id] || []).forEach((a) => {
    if (!visibleEdge(a.edge)) return;
    nodes.add(a.other);
    edges.push(a.edge.id);
  });
  return { nodes, edges };
}

/** A node's neighbours grouped by "<edge kind>>" (outgoing) and "<edge kind><" (incoming).
 * @param {Model} model @param {string} id
 * @returns {Record<string, string[]>} */
export function neighbourGroups(model, id) {
  /** @type {Record<string, string[]>} */
  const out = {};
  (model.adjacent[id] || []).forEach((a) => {
    const key = a.edge.kind + (a.out ? ">" : "<");
    (out[key] = out[key] || []).push(a.other);
  });
  return out;
}

/** The vertical shift of each layer's band once the hidden layers' bands are taken out
 * (the visible layers stack without gaps).
 * @param {Band[]} bands @param {Set<number>} layers
 * @returns {Record<number, number>} */
export function bandShifts(bands, layers) {
  /** @type {Record<number, number>} */
  const shifts = {};
  let removed = 0;
  bands.forEach((b, i) => {
    shifts[b.layer] = removed;
    if (!layers.has(b.layer)) {
      const next = bands[i + 1];
      removed += (next ? next.top : b.bottom) - b.top;
    }
  });
  return shifts;
}

/** 「第3層 LLMオーケストレーション層」, with the faces of a layer-2 concept.
 * @param {Payload} data @param {MapNode} node */
export function layerText(data, node) {
  if (!node.layer) return layerName(data, 0);
  const text = layerTitle(data, node.layer);
  return node.faces ? text + "（" + node.faces + "）" : text;
}

/** 「（2A）」「（2A・2B）」: the layer-2 faces an edge links (the vocabulary's names, e.g. 2A:
 * client→LLM); "" for none. @param {Payload} data @param {string | undefined} faces */
export function facesText(data, faces) {
  const known = (data.vocab && data.vocab.faces) || {};
  const names = Array.from(faces || "").filter((f) => known[f]).map((f) => known[f].name);
  return names.length ? "（" + names.join("・") + "）" : "";
}

/** The edge of `kind` between node `id` and `other` (`out`: id → other), if any.
 * @param {Model} model @param {string} id @param {string} other @param {string} kind
 * @param {boolean} out @returns {MapEdge | undefined} */
export function edgeBetween(model, id, other, kind, out) {
  const a = (model.adjacent[id] || []).find((x) => x.other === other && x.out === out && x.edge.kind === kind);
  return a && a.edge;
}

/** @param {Payload} data @param {string} kind */
export function kindName(data, kind) {
  return nodeKindName(data, kind);
}

/** A concept's id without its prefix (the URL's ?focus=), other ids as they are.
 * @param {Model} model @param {string} id */
export function focusParam(model, id) {
  const p = idPrefix(model.data, model.k.concept);
  return id.indexOf(p) === 0 ? id.slice(p.length) : id;
}

/** The node a URL's focus names: a concept's slug, a node id (a merged page's: its band), or a
 * label; "" when none.
 * @param {Model} model @param {string} value */
export function resolveFocus(model, value) {
  if (!value) return "";
  const merged = model.data.merged || {};
  const id = merged[value] || value;
  const concept = idPrefix(model.data, model.k.concept) + value;
  if (model.byId[concept]) return concept;
  if (model.byId[id]) return id;
  const q = norm(value);
  const hit = model.nodes.find((n) => norm(n.label) === q);
  return hit ? hit.id : "";
}
