//# allFunctionsCalledOnLoad
// @ts-check
/* 「XとYの関係」: the shortest meaningful paths between two nodes of the map, and each step in
 * words. Meaningful: each edge kind costs what the vocabulary says (pathCost: the relations
 * least, the structure most), and its step sentence comes from it; a chapter's band node is a costly stop (it
 * links everything of its layer). Up to three paths, each avoiding the edges of those before it
 * where it can. Pure. */

import { layerText } from "./model.js";
import { edgeVocab } from "./vocab.js";

/** @typedef {import("./types.js").Model} Model */
/** @typedef {import("./types.js").MapEdge} MapEdge */
/** @typedef {{ from: string, to: string, edge: MapEdge, forward: boolean }} Hop */

const OTHER_COST = 3;   /* the cost of walking an edge of a kind the vocabulary does not know */
const BAND_STOP = 3;   /* extra cost of passing through a layer or chapter node */
const REUSE = 4;       /* an alternative pays this much more for an edge an earlier path used */

/** @param {Model} model @param {string} id */
function stopCost(model, id) {
  const kind = model.byId[id].kind;
  return kind === model.k.layer || kind === model.k.page ? BAND_STOP : 0;
}

/** A binary min-heap of [cost, id] (ties: the smaller id first, so results are stable). */
class Heap {
  constructor() {
    /** @type {[number, string][]} */
    this.items = [];
  }

  /** @param {[number, string]} a @param {[number, string]} b */
  static less(a, b) { return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]); }

  /** @param {[number, string]} item */
  push(item) {
    const h = this.items;
    h.push(item);
    for (let i = h.length - 1; i > 0;) {
      const up = (i - 1) >> 1;
      if (!Heap.less(h[i], h[up])) break;
      [h[i], h[up]] = [h[up], h[i]];
      i = up;
    }
  }

  /** @returns {[number, string] | undefined} */
  pop() {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && Heap.less(h[l], h[m])) m = l;
        if (r < h.length && Heap.less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

/** The cheapest path from `from` to `to` (edges walked either way), or null.
 * @param {Model} model @param {string} from @param {string} to @param {Map<string, number>} used
 * @returns {Hop[] | null} */
function cheapest(model, from, to, used) {
  /** @type {Map<string, number>} */
  const dist = new Map([[from, 0]]);
  /** @type {Map<string, Hop>} */
  const back = new Map();
  const done = new Set();
  const queue = new Heap();
  queue.push([0, from]);
  for (let next = queue.pop(); next; next = queue.pop()) {
    const [d, id] = next;
    if (done.has(id)) continue;
    done.add(id);
    if (id === to) break;
    const through = id === from ? 0 : stopCost(model, id);
    for (const a of model.adjacent[id] || []) {
      const step = edgeVocab(model.data, a.edge.kind).pathCost || OTHER_COST;
      const cost = d + through + step * (1 + REUSE * (used.get(a.edge.id) || 0));
      if (cost < (dist.get(a.other) ?? Infinity)) {
        dist.set(a.other, cost);
        back.set(a.other, { from: id, to: a.other, edge: a.edge, forward: a.out });
        queue.push([cost, a.other]);
      }
    }
  }
  return back.has(to) ? walkBack(back, from, to) : null;
}

/** The hops from `from` to `to` along the back pointers. @param {Map<string, Hop>} back
 * @param {string} from @param {string} to */
function walkBack(back, from, to) {
  /** @type {Hop[]} */
  const hops = [];
  for (let at = to; at !== from;) {
    const hop = /** @type {Hop} */ (back.get(at));
    hops.unshift(hop);
    at = hop.from;
  }
  return hops;
}

/** Up to `count` different paths from `from` to `to`, cheapest first ([] when none or the same).
 * @param {Model} model @param {string} from @param {string} to @param {number} [count]
 * @returns {Hop[][]} */
export function findPaths(model, from, to, count = 3) {
  if (!model.byId[from] || !model.byId[to] || from === to) return [];
  /** @type {Map<string, number>} */
  const used = new Map();
  /** @type {Hop[][]} */
  const paths = [];
  const seen = new Set();
  for (let tries = 0; paths.length < count && tries < count * 3; tries++) {
    const path = cheapest(model, from, to, used);
    if (!path) break;
    const key = path.map((h) => h.edge.id).join(" ");
    if (!seen.has(key)) {
      seen.add(key);
      paths.push(path);
    }
    path.forEach((h) => used.set(h.edge.id, (used.get(h.edge.id) || 0) + 1));
  }
  return paths;
}

/** The nodes a path visits, in order. @param {Hop[]} path */
export function pathNodes(path) {
  return path.length ? [path[0].from, ...path.map((h) => h.to)] : [];
}

/** One step in words: 「A」は「B」で定義される, with the relation table's phrase where it has one.
 * @param {Model} model @param {Hop} hop */
export function stepSentence(model, hop) {
  const a = model.byId[hop.from];
  const b = model.byId[hop.to];
  const [subject, object] = hop.forward ? [a, b] : [b, a];
  const s = "「" + subject.label + "」";
  const o = "「" + object.label + "」";
  const place = object.kind === model.k.layer ? layerText(model.data, object) : o;
  const phrase = hop.edge.phrase || "";
  const how = phrase ? "（" + phrase + "）" : "";
  const step = edgeVocab(model.data, hop.edge.kind).step;
  if (!step) return s + "と" + o + "はつながっている。";
  /** @type {Record<string, string>} */
  const words = { s, o, place, how, phrase };
  return step.replace(/\{(\w+)\}/g, (all, name) => (name in words ? words[name] : all));
}
