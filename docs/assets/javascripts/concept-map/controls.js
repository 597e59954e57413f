//# allFunctionsCalledOnLoad
// @ts-check
/* The map's wiring: vis-network's events (hover, click, double-click, zoom), the filters'
 * check boxes, the zoom buttons, the panel's close button and Esc, and the wheel. */

import { facesText, kindName, layerText } from "./model.js";
import { edgeVocab } from "./vocab.js";

/** @typedef {import("./view.js").MapView} MapView */
/** @typedef {import("./types.js").MapNode} MapNode */

/** The tooltip of a node: label, layer and kind, summary (plain text).
 * @param {MapView} view @param {MapNode} node */
function tooltipFor(view, node) {
  const el = document.createElement("div");
  el.className = "cm-tooltip";
  const lines = [node.label, layerText(view.data, node) + "・" + kindName(view.data, node.kind)];
  if (node.summary) lines.push(node.summary);
  el.textContent = lines.join("\n");
  return el;
}

/** The tooltip of an edge: its ends (the layer-2 faces after a layer: 「第2層 通信層（2A）」),
 * its kind, and a relation table's phrase (plain text).
 * @param {MapView} view @param {import("./types.js").MapEdge} e */
export function edgeTooltip(view, e) {
  const el = document.createElement("div");
  el.className = "cm-tooltip";
  const name = (/** @type {string} */ id) => (view.model.byId[id] || { label: id }).label;
  const lines = [name(e.from) + " → " + name(e.to) + facesText(view.data, e.faces),
    edgeVocab(view.data, e.kind).label || e.kind];
  if (e.phrase) lines.push(e.phrase);
  el.textContent = lines.join("\n");
  return el;
}

/** @param {MapView} view */
export function bindNetwork(view) {
  const { network, model } = view;
  /** @type {Record<string, boolean>} */
  const titled = {};
  network.on("hoverEdge", (params) => {
    const e = model.edgeById[params.edge];
    if (e && !titled[e.id]) {  /* built on first hover, like the nodes' */
      titled[e.id] = true;
      view.edges.update({ id: e.id, title: edgeTooltip(view, e) });
    }
  });
  network.on("hoverNode", (params) => {
    const n = model.byId[params.node];
    if (n && !titled[n.id]) {  /* tooltips are built on first hover */
      titled[n.id] = true;
      view.nodes.update({ id: n.id, title: tooltipFor(view, n) });
    }
    view.hover = params.node;
    network.redraw();
  });
  network.on("blurNode", () => {
    view.hover = "";
    network.redraw();
  });
  network.on("click", (params) => {
    if (params.nodes.length) view.select(params.nodes[0]);
    else if (!params.edges.length) view.clearSelection();
  });
  network.on("doubleClick", (params) => {
    if (params.nodes.length) view.openNode(params.nodes[0]);
  });
  const settled = () => { view.applyLevel(false); if (view.full) view.saveSoon(); };
  network.on("zoom", settled);
  network.on("dragEnd", () => { if (view.full) view.saveSoon(); });
  network.on("animationFinished", settled);
}

/** Each check box of `selector` calls `change(box)` when it changes.
 * @param {MapView} view @param {string} selector @param {(box: HTMLInputElement) => void} change */
function onBoxes(view, selector, change) {
  view.root.querySelectorAll(selector).forEach((box) => {
    if (box instanceof HTMLInputElement) box.addEventListener("change", () => change(box));
  });
}

/** The filters (layers, edge kinds, sections) and zoom buttons. @param {MapView} view */
export function bindControls(view) {
  const state = view.state;
  onBoxes(view, "input[data-cm-layer]", (box) => {
    const n = Number(box.getAttribute("data-cm-layer"));
    if (box.checked) state.layers.add(n); else state.layers.delete(n);
    view.applyFilters(true);
  });
  onBoxes(view, "input[data-cm-edge]", (box) => {
    const kind = box.getAttribute("data-cm-edge") || "";
    if (box.checked) state.edges.add(kind); else state.edges.delete(kind);
    view.applyFilters(false);
  });
  onBoxes(view, "input[data-cm-sections]", (box) => {
    state.sections = box.checked;
    view.applyFilters(true);
  });
  view.root.querySelectorAll("button[data-cm-zoom]").forEach((btn) => {
    btn.addEventListener("click", () => view.zoom(btn.getAttribute("data-cm-zoom") || ""));
  });
}

/** The panel's close button, and Esc anywhere in the panel: the selection goes, the focus
 * goes back to the canvas. @param {MapView} view */
export function bindPanel(view) {
  const panel = view.panel;
  if (!panel) return;
  const close = () => {
    view.clearSelection();
    view.canvas.focus();
  };
  const button = panel.querySelector(".cm-panel__close");
  if (button) button.addEventListener("click", close);
  panel.addEventListener("keydown", (ev) => {
    if (ev.key !== "Escape" || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    ev.preventDefault();
    close();
  });
}

/** The wheel over a map (local or full) scrolls the page, unless the map has the focus (a click
 * or Tab gives it) or Ctrl is held: the event is stopped before it reaches vis-network's frame.
 * @param {MapView} view */
export function bindWheel(view) {
  const canvas = view.canvas;
  canvas.addEventListener("wheel", (ev) => {
    if (!ev.ctrlKey && document.activeElement !== canvas) ev.stopPropagation();
  }, { capture: true });
}
