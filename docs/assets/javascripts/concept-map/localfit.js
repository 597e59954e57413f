//# allFunctionsCalledOnLoad
// @ts-check
/* A chapter's local map shows itself whole where it can: of its layouts (views/render.py
 * local_payload: the same bands in 3 to 9 columns, the layer's name above each band), the
 * widest whose short labels are legible at the canvas' width; the canvas then takes that
 * layout's height. On a touch screen the canvas stays within the screen (a taller one would hold
 * the page's scrolling under the finger): what is left out there gets a cue, a fade at each edge
 * the map goes on past and a line above the canvas saying where and how to move it (on a touch
 * screen a finger over the map scrolls the page until a tap gives the map the focus). */

import { DETAIL_SCALE, READABLE_SLACK, cellOf, minReadableScale } from "./levels.js";

/** @typedef {import("./types.js").Payload} Payload */
/** @typedef {import("./types.js").Layout} Layout */
/** @typedef {import("./view.js").MapView} MapView */

/** Canvas units kept free left and right of a local map's grid: a long short label's box is
 * somewhat wider than its cell. @param {Payload} data */
export function localMargin(data) {
  return cellOf(data).w / 8;
}

/** The layouts of a payload, widest first: its own positions, then its `fits`.
 * @param {Payload} data @returns {Layout[]} */
export function layoutsOf(data) {
  /** @type {Layout} */
  const own = { pos: data.nodes.map((n) => /** @type {[number, number]} */ ([n.x, n.y])),
    bands: data.bands, extent: data.extent };
  return [own, ...(data.fits || [])];
}

/** The first (widest) layout whose width (with `margin` on each side) at `scale` is at most
 * `width` px, else the last (narrowest). Pure. @param {Layout[]} layouts @param {number} width
 * @param {number} scale @param {number} margin */
export function chooseLayout(layouts, width, scale, margin) {
  return layouts.find((l) => (l.extent.right - l.extent.left + 2 * margin) * scale <= width) ||
    layouts[layouts.length - 1];
}

/** The canvas height (CSS px) that shows a layout whole at the scale its `width` allows (a
 * cell's height around its rows; `margin` on each side; never below `minScale` nor above the
 * detail level), plus `pad`. Pure. @param {Layout} layout @param {number} width
 * @param {number} minScale @param {number} margin @param {number} cellH @param {number} pad */
export function layoutHeight(layout, width, minScale, margin, cellH, pad) {
  const ys = layout.pos.map((p) => p[1]);
  const h = Math.max(...ys) - Math.min(...ys) + cellH;
  const wide = layout.extent.right - layout.extent.left + 2 * margin;
  const scale = Math.max(minScale, Math.min(width / wide, DETAIL_SCALE * 0.99));
  return Math.ceil(h * scale + pad);
}

/** Choose a local map's layout for its canvas and size the canvas to it (capped on touch
 * screens at the stylesheet's max-height); the layout. @param {Payload} data
 * @param {HTMLElement} canvas @returns {Layout | null} */
export function fitLocalCanvas(data, canvas) {
  const width = canvas.clientWidth;
  if (!width) return null;
  const min = minReadableScale({ data }) * READABLE_SLACK;
  const margin = localMargin(data);
  const layout = chooseLayout(layoutsOf(data), width, min, margin);
  const height = layoutHeight(layout, width, min, margin, cellOf(data).h, 24);
  const touch = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
  if (!touch) canvas.style.maxHeight = "none";
  canvas.style.height = height + "px";
  return layout;
}

/** The sides of the canvas the map goes on past ("right", "bottom", …): where a node's centre
 * lies outside the canvas. @param {MapView} view @returns {string[]} */
function cutSides(view) {
  const net = view.network;
  const pos = net.getPositions(view.visibleIds().map(String));
  const w = view.canvas.clientWidth;
  const h = view.canvas.clientHeight;
  const sides = new Set();
  Object.values(pos).forEach((p) => {
    const at = net.canvasToDOM(p);
    if (at.x < 0) sides.add("left");
    if (at.x > w) sides.add("right");
    if (at.y < 0) sides.add("top");
    if (at.y > h) sides.add("bottom");
  });
  return ["top", "right", "bottom", "left"].filter((s) => sides.has(s));
}

const SIDE_WORDS = { top: "上", right: "右", bottom: "下", left: "左" };

/** The cue of a local map that does not fit: the edges' fades (data-cm-cut on the map) and
 * the line above the canvas, kept current as the reader moves the map. @param {MapView} view */
export function bindCutCue(view) {
  const cue = document.createElement("p");
  cue.className = "cm-map__cue";
  cue.hidden = true;
  view.canvas.before(cue);
  const touch = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
  /* on a touch screen a finger moves the map only once it has the focus (concept-map.css) */
  let focused = false;
  const how = () => !touch ? "ドラッグすると動かせる（「全体の概念マップ」でも見られる）。"
    : focused ? "指でドラッグすると動かせる（2本の指で拡大・縮小）。ページのスクロールは地図の外をタップしてから。"
      : "地図をタップしてから指でドラッグすると動かせる（2本の指で拡大・縮小）。";
  const update = () => {
    const sides = cutSides(view);
    if (sides.length) view.root.setAttribute("data-cm-cut", sides.join(" "));
    else view.root.removeAttribute("data-cm-cut");
    cue.hidden = !sides.length;
    cue.textContent = sides.length
      ? "地図は" + sides.map((s) => SIDE_WORDS[/** @type {keyof typeof SIDE_WORDS} */ (s)]).join("・") + "に続く。" + how()
      : "";
  };
  update();
  view.network.on("dragEnd", update);
  view.network.on("zoom", update);
  view.network.on("animationFinished", update);
  view.canvas.addEventListener("focusin", () => { focused = true; update(); });
  view.canvas.addEventListener("focusout", (ev) => {
    focused = ev.relatedTarget instanceof Node && view.canvas.contains(ev.relatedTarget);
    update();
  });
}
