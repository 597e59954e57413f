//# allFunctionsCalledOnLoad
// @ts-check
/* 「XとYの関係」 on the full map (?from=<node>&to=<node>): the paths found by paths.js, the
 * first highlighted on the canvas (overlay.js draws view.path over the veil), every path read in
 * the panel as numbered steps with links. A history entry of its own; Back restores. */

import { findPaths, pathNodes, stepSentence } from "./paths.js";
import { focusParam } from "./model.js";
import { writeStateSoon } from "./state.js";
import { showEnds } from "./pathform.js";
import { animation, must } from "./util.js";
import { cellOf } from "./levels.js";
import { panelFree } from "./panelarea.js";

/** @typedef {import("./view.js").MapView} MapView */
/** @typedef {import("./paths.js").Hop} Hop */

/** A link that selects a node (its ?focus= URL without script). @param {MapView} view
 * @param {string} id */
function nodeLink(view, id) {
  const a = document.createElement("a");
  a.href = "?focus=" + encodeURIComponent(focusParam(view.model, id));
  a.textContent = view.model.byId[id].label;
  a.addEventListener("click", (ev) => {
    ev.preventDefault();
    view.select(id, { move: true });
  });
  return a;
}

/** One path as an ordered list of steps: the sentence, then links to both ends.
 * @param {MapView} view @param {Hop[]} path */
function stepList(view, path) {
  const ol = document.createElement("ol");
  ol.className = "cm-path__steps";
  for (const hop of path) {
    const li = document.createElement("li");
    li.append(stepSentence(view.model, hop), " ");
    const small = document.createElement("small");
    small.append("（", nodeLink(view, hop.from), " → ", nodeLink(view, hop.to), "）");
    li.appendChild(small);
    ol.appendChild(li);
  }
  return ol;
}

/** The panel: 「X」と「Y」の関係, then each path's steps. @param {MapView} view
 * @param {string} from @param {string} to @param {Hop[][]} paths */
function fillPathPanel(view, from, to, paths) {
  const panel = view.panel;
  if (!panel) return;
  const byId = view.model.byId;
  must(panel, ".cm-panel__title", HTMLElement).textContent =
    "「" + byId[from].label + "」と「" + byId[to].label + "」の関係";
  must(panel, ".cm-panel__meta", HTMLElement).textContent = paths.length
    ? "つながり方 " + paths.length + " 通り（短い順。地図では最初の道筋を強調）"
    : "地図の上ではつながっていない。";
  must(panel, ".cm-panel__summary", HTMLElement).hidden = true;
  must(panel, ".cm-panel__open", HTMLElement).hidden = true;
  const list = must(panel, ".cm-panel__links", HTMLElement);
  list.textContent = "";
  paths.forEach((path, i) => {
    const dt = document.createElement("dt");
    dt.textContent = "道筋 " + (i + 1) + "（" + path.length + " 段）";
    const dd = document.createElement("dd");
    dd.appendChild(stepList(view, path));
    list.append(dt, dd);
  });
  panel.hidden = false;
  view.root.classList.add("cm-map--panel");
}

/** Bring the given nodes whole into the part of the canvas the panel leaves free (its left; a
 * phone's bottom sheet: its top), zooming out only when they do not fit. @param {MapView} view
 * @param {string[]} ids */
export function fitClear(view, ids) {
  const net = view.network;
  const pos = net.getPositions(ids);
  const cell = cellOf(view.data);
  const xs = ids.map((id) => pos[id].x);
  const ys = ids.map((id) => pos[id].y);
  const box = { left: Math.min(...xs) - cell.w / 2, right: Math.max(...xs) + cell.w / 2,
    top: Math.min(...ys) - cell.h, bottom: Math.max(...ys) + cell.h / 2 };
  const width = view.canvas.clientWidth;
  const height = view.canvas.clientHeight;
  const free = panelFree(view);
  /* the scale stays when they fit (the semantic zoom then relabels nothing), else zooms out (the
     highlighted nodes' labels are drawn at any scale, overlay.js) */
  const scale = Math.min(free.w / (box.right - box.left), free.h / (box.bottom - box.top), net.getScale());
  const position = { x: (box.left + box.right) / 2 + (width - free.w) / 2 / scale,
    y: (box.top + box.bottom) / 2 + (height - free.h) / 2 / scale };
  const anim = animation(300);
  net.moveTo({ position, scale, animation: anim });
  /* a jump: the semantic zoom's relabelling after the frame that shows the highlight (as when
     animated: at its end) */
  if (!anim) requestAnimationFrame(() => requestAnimationFrame(() => view.applyLevel(false)));
}

/** Show the paths from `from` to `to` (node ids); false when either is unknown.
 * @param {MapView} view @param {string} from @param {string} to
 * @param {{ replace?: boolean, restore?: boolean }} [how] */
export function showPath(view, from, to, how = {}) {
  if (!view.model.byId[from] || !view.model.byId[to]) return false;
  const started = performance.now();
  const paths = findPaths(view.model, from, to);
  const nodes = paths.length ? pathNodes(paths[0]) : [from, to];
  Object.assign(view.state, { focus: "", from, to });  /* before applyFilters writes the URL */
  const hidden = nodes.map((id) => view.model.byId[id].layer).filter((l) => !view.state.layers.has(l));
  if (hidden.length) {  /* a path through a filtered-out layer shows that layer again */
    hidden.forEach((l) => view.state.layers.add(l));
    view.applyFilters(false);
  }
  view.path = { nodes: new Set(nodes), edges: paths.length ? paths[0].map((h) => h.edge.id) : [] };
  view.network.selectNodes([]);  /* not unselectAll(): that redraws at once, a frame's work */
  fillPathPanel(view, from, to, paths);
  showEnds(view.root, view.model, from, to);
  /* a band node (a layer, its chapter) sits at the map's left edge: frame the others when they are two */
  const framed = nodes.filter((id) => view.model.byId[id].kind !== view.k.layer && view.model.byId[id].kind !== view.k.page);
  fitClear(view, framed.length >= 2 ? framed : nodes);  /* not network.fit(): it re-measures every label */
  /* no redraw() either: moveTo() asks vis-network for the next frame, which draws the path */
  view.pathMs = performance.now() - started;
  const done = () => {  /* the path shown and in the URL: say so (unless another came since) */
    if (view.path && view.state.from === from && view.state.to === to) {
      view.root.setAttribute("data-cm-path", String(nodes.length));
    }
  };
  if (view.full && !how.restore) writeStateSoon(view.model, view.state, null, !how.replace, done);
  else done();
  return true;
}

/** Leave the path view (the panel is cleared by the caller). @param {MapView} view */
export function clearPath(view) {
  view.path = null;
  view.state.from = "";
  view.state.to = "";
  view.root.removeAttribute("data-cm-path");
}
