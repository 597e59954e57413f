//# allFunctionsCalledOnLoad
// @ts-check
/* Relation phrases on the canvas (issue #25): when a node is hovered or selected, each of its
 * labelled edges (a relation table's cell, graph/relations.py) carries its linking phrase in a
 * small box at the middle of the line, shortened to the vocabulary's labelChars (the full phrase
 * in the canvas' tooltip and in the panel's 「各層との関係」). Only the focused node's edges are
 * labelled, so the map stays legible (a phrase drawn for each of 600 nodes would bury it); a
 * highlighted path or scenario walk labels the edges along it instead. The text is the page's text colour on the page's
 * background, framed in the edge kind's colour. */

import { edgeVocab } from "./vocab.js";
import { rgb } from "./util.js";
import { LABEL_PX } from "./levels.js";
import { freeRect } from "./panelarea.js";

/** @typedef {import("./view.js").MapView} MapView */
/** @typedef {import("./types.js").MapEdge} MapEdge */
/** @typedef {import("./types.js").Payload} Payload */
/** @typedef {import("./types.js").Palette} Palette */
/** @typedef {import("./types.js").Point} Point */
/** @typedef {{ x: number, y: number, w: number, h: number }} Box */
/** @typedef {{ edge: string, text: string, full: string, box: Box, colour: string,
 *   background: string, border: string }} DrawnPhrase */

/** A phrase shortened to `max` characters (code points) with 「…」; as it is when it fits or
 * when `max` is 0. @param {string} phrase @param {number} max */
export function shortPhrase(phrase, max) {
  const chars = Array.from(phrase);
  return max > 0 && chars.length > max ? chars.slice(0, max - 1).join("") + "…" : phrase;
}

/** How many characters of a phrase the canvas shows: the labelled edge kind's labelChars (the
 * relation kind's; 0: phrases are not drawn). @param {Payload} data */
export function phraseChars(data) {
  const edges = (data.vocab && data.vocab.edges) || {};
  return Math.max(0, ...Object.keys(edges).map((k) => edgeVocab(data, k).labelChars || 0));
}

/** Whether an edge carries a phrase on the canvas. A relation to another layer's chapter shares
 * its line with the concept's define/use edge to that layer's band (graph display_graph), which
 * then carries the phrase: any edge with a phrase is labelled.
 * @param {Payload} data @param {MapEdge} e */
export function labelled(data, e) {
  return Boolean(e.phrase) && phraseChars(data) > 0;
}

/** Whether two boxes overlap. @param {Box} a @param {Box} b */
function overlaps(a, b) {
  return Math.abs(a.x - b.x) * 2 < a.w + b.w && Math.abs(a.y - b.y) * 2 < a.h + b.h;
}

/** Where a box centred at `at` goes: there, else moved down (then up) by its height until it
 * overlaps none of `placed`. @param {Point} at @param {number} w @param {number} h
 * @param {Box[]} placed @returns {Box} */
export function placeBox(at, w, h, placed) {
  for (let i = 0; i < 12; i++) {
    const step = Math.ceil(i / 2) * (i % 2 ? 1 : -1);
    const box = { x: at.x, y: at.y + step * h * 1.1, w, h };
    if (!placed.some((p) => overlaps(p, box))) return box;
  }
  return { x: at.x, y: at.y, w, h };
}

/** The part of the segment a→b inside the rectangle r (Liang–Barsky), or null when none is.
 * @param {Point} a @param {Point} b @param {{ left: number, top: number, right: number,
 *   bottom: number }} r @returns {[Point, Point] | null} */
export function clipSegment(a, b, r) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  let t0 = 0;
  let t1 = 1;
  const sides = [[-dx, a.x - r.left], [dx, r.right - a.x], [-dy, a.y - r.top], [dy, r.bottom - a.y]];
  for (const [p, q] of sides) {
    if (p === 0) {
      if (q < 0) return null;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return null;
  }
  return [{ x: a.x + t0 * dx, y: a.y + t0 * dy }, { x: a.x + t1 * dx, y: a.y + t1 * dy }];
}

/** The colours of a phrase box in a palette: text and fill the page's, frame the kind's.
 * @param {string} line the edge's colour @param {Palette} pal */
export function phraseColours(line, pal) {
  return { colour: rgb(pal.fg), background: rgb(pal.bg), border: line };
}

/** Draw the phrases of node `id`'s labelled edges among the lines overlay.js drew (each between
 * its points a and b); null: of every labelled line drawn (a highlighted path, 「XとYの関係」, or a
 * scenario's path so far: the propositions along it); "" draws none. Remember them on the view
 * (the tooltip, the tests). @param {MapView} view @param {CanvasRenderingContext2D} ctx
 * @param {string | null} id
 * @param {{ edge: MapEdge, a: Point, b: Point, colour: string }[]} lines @param {number} scale */
export function drawPhrases(view, ctx, id, lines, scale) {
  /** @type {DrawnPhrase[]} */
  const drawn = [];
  const size = LABEL_PX / scale;
  const pad = 3 / scale;
  ctx.save();
  ctx.font = size + "px " + view.pal.font;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  const free = freeRect(view);
  for (const { edge, a, b, colour } of lines) {
    if (id !== null && (!id || (edge.from !== id && edge.to !== id))) continue;
    if (!labelled(view.data, edge)) continue;
    /* the middle of the line's visible part: a band node at the other end is often off screen */
    const seen = clipSegment(a, b, free);
    if (!seen) continue;
    const full = String(edge.phrase);
    const text = shortPhrase(full, phraseChars(view.data));
    const w = ctx.measureText(text).width + 2 * pad;
    const mid = (seen[0].x + seen[1].x) / 2;
    const x = Math.min(Math.max(mid, free.left + w / 2), Math.max(free.left + w / 2, free.right - w / 2));
    const box = placeBox({ x, y: (seen[0].y + seen[1].y) / 2 }, w, size + 2 * pad, drawn.map((d) => d.box));
    const c = phraseColours(colour, view.pal);
    ctx.fillStyle = c.background;
    ctx.strokeStyle = c.border;
    ctx.lineWidth = 1 / scale;
    ctx.fillRect(box.x - box.w / 2, box.y - box.h / 2, box.w, box.h);
    ctx.strokeRect(box.x - box.w / 2, box.y - box.h / 2, box.w, box.h);
    ctx.fillStyle = c.colour;
    ctx.fillText(text, box.x, box.y);
    drawn.push(Object.assign({ edge: edge.id, text, full, box }, c));
  }
  ctx.restore();
  view.phrases = drawn;
}

/** The canvas' tooltip: the full phrase of the box under the pointer (none elsewhere).
 * @param {MapView} view */
export function bindPhraseTips(view) {
  view.canvas.addEventListener("pointermove", (ev) => {
    const r = view.canvas.getBoundingClientRect();
    const p = view.network.DOMtoCanvas({ x: ev.clientX - r.left, y: ev.clientY - r.top });
    const hit = view.phrases.find((d) => overlaps(d.box, { x: p.x, y: p.y, w: 0, h: 0 }));
    const title = hit ? hit.full : "";
    if ((view.canvas.getAttribute("title") || "") !== title) {
      if (title) view.canvas.setAttribute("title", title);
      else view.canvas.removeAttribute("title");
    }
  });
}
