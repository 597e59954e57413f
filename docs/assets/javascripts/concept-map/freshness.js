//# allFunctionsCalledOnLoad
// @ts-check
/* ?view=freshness: nodes coloured by the age of their review. Buckets, their thresholds,
 * colours and dash patterns come from the vocabulary; colour and border style both tell them
 * apart. */

import { parseRgb, mix, rgb } from "./util.js";
import { freshnessBuckets } from "./vocab.js";

/** @typedef {import("./types.js").Payload} Payload */
/** @typedef {import("./types.js").Model} Model */
/** @typedef {import("./types.js").Palette} Palette */
/** @typedef {import("./types.js").FreshnessVocab} FreshnessVocab */

const DAY = 86400000;

/** The bucket of a node reviewed on node.reviewed, at time `now` (ms): the first bucket whose
 * age limit it is under; the vocabulary's stale bucket when past its review date, its undated
 * bucket without a date.
 * @param {Payload} data @param {{ reviewed?: string, stale?: boolean }} node @param {number} now */
export function freshnessBucket(data, node, now) {
  const f = /** @type {import("./types.js").Vocab} */ (data.vocab).freshness;
  if (node.stale) return f.stale;
  const t = Date.parse(node.reviewed || "");
  if (!isFinite(t)) return f.undated;
  const days = (now - t) / DAY;
  const hit = freshnessBuckets(data).find(([, b]) => b.maxDays !== null && days < b.maxDays);
  return hit ? hit[0] : f.stale;
}

/** The colour of a bucket in the palette. @param {FreshnessVocab} b @param {Palette} pal */
function bucketColour(b, pal) {
  return parseRgb(b.colour && (pal.dark ? b.colour.dark : b.colour.light)) || pal.fg;
}

/** The vis-network style of a bucket's nodes (a group's colours and border).
 * @param {Payload} data @param {string} bucket @param {Palette} pal */
export function freshnessStyle(data, bucket, pal) {
  const b = Object.fromEntries(freshnessBuckets(data))[bucket];
  const colour = b ? bucketColour(b, pal) : pal.fg;
  const bg = mix(colour, pal.bg, pal.dark ? 0.6 : 0.8);
  return { color: { background: rgb(bg), border: rgb(colour),
    highlight: { background: rgb(bg), border: rgb(pal.fg) },
    hover: { background: rgb(bg), border: rgb(pal.fg) } },
    borderWidth: 2, shapeProperties: { borderDashes: (b && b.dashes) || false } };
}

/** How many nodes (bands aside) fall in each bucket.
 * @param {Model} model @param {number} now
 * @returns {Record<string, number>} */
export function freshnessCounts(model, now) {
  /** @type {Record<string, number>} */
  const counts = {};
  model.nodes.forEach((n) => {
    if (n.kind === model.k.layer) return;
    const b = freshnessBucket(model.data, n, now);
    counts[b] = (counts[b] || 0) + 1;
  });
  return counts;
}

/** The legend: each bucket's key (colour and border style), name and count.
 * @param {Model} model @param {number} now @param {Palette} pal */
export function freshnessLegend(model, now, pal) {
  const counts = freshnessCounts(model, now);
  const ul = document.createElement("ul");
  ul.className = "cm-legend cm-legend--freshness";
  ul.setAttribute("aria-label", "確認日の凡例");
  const buckets = freshnessBuckets(model.data);
  buckets.forEach(([name, b]) => {
    const li = document.createElement("li");
    const key = document.createElement("span");
    key.className = "cm-key cm-key--freshness";
    key.style.borderColor = rgb(bucketColour(b, pal));
    key.style.borderStyle = b.border;
    li.appendChild(key);
    li.appendChild(document.createTextNode(b.name + "：" + (counts[name] || 0)));
    li.setAttribute("data-bucket", name);
    ul.appendChild(li);
  });
  return ul;
}
