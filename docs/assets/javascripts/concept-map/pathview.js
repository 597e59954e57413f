//# allFunctionsCalledOnLoad
// @ts-check
/* 「XとYの関係」 on the full map (?from=<node>&to=<node>): the paths found by paths.js, the
 * first highlighted on the canvas (overlay.js draws view.path over the veil), every path read in
 * the panel as numbered steps with links. A history entry of its own; Back restores. */

import { findPaths, pathNodes, stepSentence } from "./paths.js";
import { focusParam } from "./model.js";
import { writeState } from "./state.js";
import { animation, must } from "./util.js";

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
  view.network.unselectAll();
  fillPathPanel(view, from, to, paths);
  view.network.fit({ nodes, animation: animation(350) });
  view.network.redraw();
  view.root.setAttribute("data-cm-path", String(nodes.length));
  view.pathMs = performance.now() - started;
  if (view.full && !how.restore) writeState(view.model, view.state, null, !how.replace);
  return true;
}

/** Leave the path view (the panel is cleared by the caller). @param {MapView} view */
export function clearPath(view) {
  view.path = null;
  view.state.from = "";
  view.state.to = "";
  view.root.removeAttribute("data-cm-path");
}
