//# allFunctionsCalledOnLoad
// @ts-check
/* 「使われている節」: the other layers' sections that use a concept (graph/usage.py, the payload's
 * `usedIn`), each named with its chapter in front (「第3層 §6-2 手法の比較」), so that a bare
 * 「6-2. 手法の比較」 no longer leaves the reader guessing whose section it is. */

import { layerLabel } from "./vocab.js";

/** @typedef {import("./types.js").Model} Model */
/** @typedef {import("./types.js").MapNode} MapNode */

const NUMBER = /^\s*(\d+(?:-\d+)*)\.?\s+/;
export const OPENING = "章の冒頭";  /* a chapter (its layer node): its opening text (graph/usage.py) */

/** 「第3層 §6-2 手法の比較」 for a section, 「第3層 章の冒頭」 for a chapter's layer node.
 * @param {Model} model @param {MapNode} n */
export function usedInText(model, n) {
  const where = layerLabel(model.data, n.layer);
  if (n.kind === model.k.layer || n.kind === model.k.page) return where + " " + OPENING;
  const m = NUMBER.exec(n.label);
  return m ? where + " §" + m[1] + " " + n.label.slice(m[0].length) : where + " " + n.label;
}

/** The nodes (in the payload's reading order) that use the concept `id`; none: [].
 * The payload lists them as indexes into its nodes, like the edges' ends.
 * @param {Model} model @param {string} id @returns {MapNode[]} */
export function usedInNodes(model, id) {
  const users = (model.data.usedIn && model.data.usedIn[id]) || [];
  return users.map((i) => model.nodes[i]).filter(Boolean);
}
