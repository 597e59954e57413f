//# allFunctionsCalledOnLoad
// @ts-check
/* What the map draws on vis-network's canvas itself: the layer bands under each frame, and
 * focus + context over it (a veil, then the hovered or selected node's neighbourhood drawn
 * again, with the edges vis-network leaves out in the overview). */

import { neighbourhood } from "./model.js";
import { rgb } from "./util.js";
import { edgeStyle } from "./styles.js";
import { DRAW_THRESHOLD, LABEL_PX } from "./levels.js";
import { drawPhrases, labelled } from "./phrases.js";
import { localMargin } from "./localfit.js";

/** @typedef {import("./view.js").MapView} MapView */
/** @typedef {import("./types.js").MapEdge} MapEdge */
/** @typedef {import("./types.js").MapNode} MapNode */
/** @typedef {import("./types.js").DrawnNode} DrawnNode */
/** @typedef {import("./types.js").Point} Point */
/** @typedef {{ edge: MapEdge, a: Point, b: Point, colour: string }} DrawnLine */

/** The visible layers' bands, stacked without gaps. @param {MapView} view
 * @param {CanvasRenderingContext2D} ctx */
export function drawBands(view, ctx) {
  const { model, pal, state } = view;
  const pad = view.local ? localMargin(view.data) : 0;  /* a local map's long labels, inside their band */
  model.bands.forEach((b) => {
    if (!state.layers.has(b.layer)) return;
    const c = pal.layer[b.layer] || pal.fg;
    ctx.fillStyle = rgb(c, pal.dark ? 0.16 : 0.08);
    ctx.fillRect(model.extent.left - pad, b.top - view.shifts[b.layer],
      model.extent.right - model.extent.left + 2 * pad, b.bottom - b.top);
  });
}

/** Focus + context: a veil over the frame, then the focused node's neighbourhood again.
 * @param {MapView} view @param {CanvasRenderingContext2D} ctx */
export function drawFocus(view, ctx) {
  const { model, network, root } = view;
  const id = view.focusId();
  const hovering = view.hover && view.nodes.get(view.hover);
  if (!view.path && (!id || !view.nodes.get(id) || !view.state.layers.has(model.byId[id].layer))) {
    root.removeAttribute("data-cm-dimmed");
    root.removeAttribute("data-cm-phrases");
    view.phrases = [];
    return;
  }
  /* a path (「XとYの関係」) is the context, unless a node is hovered; a node's labelled
     relations (phrases.js) are part of its context even while their kind is filtered out */
  const near = view.path && !hovering ? view.path
    : neighbourhood(model, id, (e) => view.visibleEdge(e) || (labelled(view.data, e) && view.layersShown(e)));
  const tl = network.DOMtoCanvas({ x: 0, y: 0 });
  const br = network.DOMtoCanvas({ x: view.canvas.clientWidth, y: view.canvas.clientHeight });
  ctx.fillStyle = rgb(view.pal.bg, 0.78);
  ctx.fillRect(tl.x, tl.y, br.x - tl.x, br.y - tl.y);
  const scale = network.getScale();
  /** @type {DrawnLine[]} */
  const drawn = [];
  near.edges.forEach((eid) => {
    const line = drawEdge(view, ctx, model.edgeById[eid], scale);
    if (line) drawn.push(line);
  });
  view.drawnLines = drawn.map((l) => ({ kind: l.edge.kind, colour: l.colour }));  /* the tests' */
  const walk = (near === view.path && view.path.walk) || null;  /* a scenario's steps so far (walk.js) */
  if (walk) view.drawnLines.push({ kind: "walk", colour: drawWalkLines(view, ctx, walk, scale) });
  near.nodes.forEach((nid) => {
    const drawn = network.body.nodes[nid];
    if (!drawn) return;
    drawn.draw(ctx);
    if (drawn.labelModule.fontOptions.size * scale < DRAW_THRESHOLD) {
      drawLabel(view, ctx, model.byId[nid], drawn, scale);
    }
  });
  if (walk) drawWalkNumbers(view, ctx, walk, scale);
  drawPhrases(view, ctx, view.path && !hovering ? null : id, drawn, scale);  /* a path: its own phrases */
  root.setAttribute("data-cm-dimmed", String(near.nodes.size));
  root.setAttribute("data-cm-phrases", String(view.phrases.length));
}

/** A scenario's walk: a line with an arrowhead from each step's node to the next one's; the
 * colour drawn in. @param {MapView} view @param {CanvasRenderingContext2D} ctx
 * @param {string[]} steps @param {number} scale */
function drawWalkLines(view, ctx, steps, scale) {
  const zoomed = Math.min(scale, 1);
  const colour = rgb(view.pal.fg, 0.85);
  ctx.save();
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = 2.5 / zoomed;
  for (let i = 1; i < steps.length; i++) {
    const from = view.network.body.nodes[steps[i - 1]];
    const to = view.network.body.nodes[steps[i]];
    if (!from || !to || from === to) continue;
    const a = boxPoint(from, to.x, to.y);
    const b = boxPoint(to, from.x, from.y);
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x, b.y);
    ctx.stroke();
    drawArrowhead(ctx, a, b, 11 / zoomed);
  }
  ctx.restore();
  return colour;
}

/** Each step's number in a disc at its node's top left corner (a node met twice: 「2・5」), so
 * the order is read in words, not from the lines alone. @param {MapView} view
 * @param {CanvasRenderingContext2D} ctx @param {string[]} steps @param {number} scale */
function drawWalkNumbers(view, ctx, steps, scale) {
  /** @type {Map<string, number[]>} */
  const numbers = new Map();
  steps.forEach((id, i) => numbers.set(id, [...(numbers.get(id) || []), i + 1]));
  const size = 12 / scale;
  ctx.save();
  ctx.font = "bold " + size + "px " + view.pal.font;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  numbers.forEach((ns, id) => {
    const drawn = view.network.body.nodes[id];
    if (!drawn) return;
    const text = ns.join("・");
    const w = Math.max(size * 1.5, ctx.measureText(text).width + size * 0.8);
    const x = drawn.x - (drawn.shape.width || 0) / 2;
    const y = drawn.y - (drawn.shape.height || 0) / 2;
    ctx.fillStyle = rgb(view.pal.fg);
    ctx.beginPath();
    ctx.roundRect(x - w / 2, y - size * 0.75, w, size * 1.5, size * 0.75);
    ctx.fill();
    ctx.fillStyle = rgb(view.pal.bg);
    ctx.fillText(text, x, y);
  });
  ctx.restore();
}

/** Where the segment from (x0, y0) to a node's centre meets the node's box.
 * @param {{ x: number, y: number, shape: { width?: number, height?: number } }} drawn
 * @param {number} x0 @param {number} y0 */
export function boxPoint(drawn, x0, y0) {
  const dx = x0 - drawn.x;
  const dy = y0 - drawn.y;
  const w = (drawn.shape.width || 10) / 2;
  const h = (drawn.shape.height || 10) / 2;
  const t = Math.min(Math.abs(dx) > 1e-6 ? w / Math.abs(dx) : Infinity,
    Math.abs(dy) > 1e-6 ? h / Math.abs(dy) : Infinity, 1);
  return { x: drawn.x + dx * t, y: drawn.y + dy * t };
}

/** An edge of the focused node, drawn over the veil: a line in the kind's style with an
 * arrowhead at the target's box; where it was drawn (null: an end is not drawn).
 * @param {MapView} view @param {CanvasRenderingContext2D} ctx @param {MapEdge} e
 * @param {number} scale @returns {DrawnLine | null} */
function drawEdge(view, ctx, e, scale) {
  const from = view.network.body.nodes[e.from];
  const to = view.network.body.nodes[e.to];
  if (!from || !to) return null;
  const style = edgeStyle(view.data, e.kind, view.pal, view.model.byId[e.to].layer);
  const a = boxPoint(from, to.x, to.y);
  const b = boxPoint(to, from.x, from.y);
  const zoomed = Math.min(scale, 1);
  const colour = style.color || rgb(view.pal.fg, 0.7);
  ctx.save();
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = Math.max(style.width || 1.2, 1.5) / zoomed;
  if (style.dashes) ctx.setLineDash(style.dashes.map((d) => d / zoomed));
  ctx.beginPath();
  ctx.moveTo(a.x, a.y);
  ctx.lineTo(b.x, b.y);
  ctx.stroke();
  ctx.setLineDash([]);
  if (!style.arrows) drawArrowhead(ctx, a, b, 9 / zoomed);
  ctx.restore();
  return { edge: e, a, b, colour };
}

/** A filled arrowhead of `size` at b, pointing from a.
 * @param {CanvasRenderingContext2D} ctx @param {{ x: number, y: number }} a
 * @param {{ x: number, y: number }} b @param {number} size */
function drawArrowhead(ctx, a, b, size) {
  const angle = Math.atan2(b.y - a.y, b.x - a.x);
  ctx.beginPath();
  ctx.moveTo(b.x, b.y);
  ctx.lineTo(b.x - size * Math.cos(angle - 0.4), b.y - size * Math.sin(angle - 0.4));
  ctx.lineTo(b.x - size * Math.cos(angle + 0.4), b.y - size * Math.sin(angle + 0.4));
  ctx.closePath();
  ctx.fill();
}

/** A label vis-network does not draw (semantic zoom hid it), at LABEL_PX below the node.
 * @param {MapView} view @param {CanvasRenderingContext2D} ctx @param {MapNode} n
 * @param {DrawnNode} drawn @param {number} scale */
function drawLabel(view, ctx, n, drawn, scale) {
  const size = LABEL_PX / scale;
  const lines = (n.short || n.wrap || n.label).split("\n");
  ctx.font = size + "px " + view.pal.font;
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  ctx.lineWidth = 4 / scale;
  ctx.strokeStyle = rgb(view.pal.bg);
  ctx.fillStyle = rgb(view.pal.fg);
  const y = drawn.y + (drawn.shape.height || 0) / 2 + 2 / scale;
  lines.forEach((line, i) => {
    ctx.strokeText(line, drawn.x, y + i * size * 1.2);
    ctx.fillText(line, drawn.x, y + i * size * 1.2);
  });
}
