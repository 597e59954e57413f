//# allFunctionsCalledOnLoad
// @ts-check
/* The map by keyboard: the canvas takes focus. With a node selected, arrows step to the
 * neighbour in that direction (else the nearest node there), Enter opens it, Esc clears; with
 * none, arrows pan and Enter selects the node nearest the centre. + / - zoom, 0 fits. */

import { neighbourhood } from "./model.js";
import { stepTarget } from "./levels.js";
import { animation } from "./util.js";

/** @typedef {import("./view.js").MapView} MapView */

/** @type {Record<string, number[]>} */
const DIRS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
const KEYS_HELP = "キーボード操作: ノードを選んでいないときは矢印キーで地図を移動、" +
  "Enter で中央のノードを選択。選んでいるときは矢印キーでその方向の隣のノードへ移動、" +
  "Enter でそのページを開き、Esc で選択を解除。+ と - で拡大・縮小、0 で全体表示。";
let hints = 0;

/** The canvas as a focusable application, described by the keys' help; on the full map a
 * link to the text version one Tab away. @param {MapView} view */
export function describeCanvas(view) {
  const canvas = view.canvas;
  const hint = document.createElement("span");
  hint.className = "cm-visually-hidden";
  hint.id = "cm-keys-" + hints++;
  hint.textContent = KEYS_HELP;
  canvas.after(hint);
  /* The map's text version (#text-version, further down the page, which may not be parsed
     yet), one Tab away from the canvas; shown while it has the focus. */
  if (view.full) {
    const skip = document.createElement("a");
    skip.className = "cm-map__skip";
    skip.href = "#text-version";
    skip.textContent = "テキスト版（一覧表）へ移動";
    hint.after(skip);
  }
  canvas.tabIndex = 0;
  canvas.setAttribute("role", "application");
  canvas.setAttribute("aria-roledescription", "概念マップ");
  canvas.setAttribute("aria-describedby", hint.id);
}

/** Select the node in direction `dir` from the selected one. @param {MapView} view
 * @param {number[]} dir */
function step(view, dir) {
  const id = view.network.getSelectedNodes()[0];
  const from = view.drawnPositions([id])[0];
  const near = Array.from(neighbourhood(view.model, id, (e) => view.visibleEdge(e)).nodes)
    .filter((n) => n !== id);
  const target = stepTarget(view.drawnPositions(near), from, dir) ||
    stepTarget(view.drawnPositions(view.visibleIds().filter((n) => n !== id)), from, dir);
  if (target) view.select(target.id, { move: true });
}

/** The visible node nearest the centre of the view. @param {MapView} view */
export function nearestToCentre(view) {
  const c = view.network.getViewPosition();
  /** @type {{ id: string, d: number } | null} */
  let best = null;
  for (const p of view.drawnPositions(view.visibleIds())) {
    const d = Math.hypot(p.x - c.x, p.y - c.y);
    if (!best || d < best.d) best = { id: p.id, d };
  }
  return best ? best.id : "";
}

/** Pan the view by a fifth of the canvas in direction `dir`. @param {MapView} view
 * @param {number[]} dir */
function pan(view, dir) {
  const net = view.network;
  const at = net.getViewPosition();
  const dist = Math.min(view.canvas.clientWidth, view.canvas.clientHeight) * 0.2 / net.getScale();
  net.moveTo({ position: { x: at.x + dir[0] * dist, y: at.y + dir[1] * dist },
    animation: animation(120) });
}

/** Enter: open the selected node, else select the one nearest the centre.
 * @param {MapView} view @param {string | undefined} selected */
function enter(view, selected) {
  if (selected) { view.openNode(selected); return; }
  const centre = nearestToCentre(view);
  if (centre) view.select(centre);
}

/** What a key does; false when it does nothing here. @param {MapView} view
 * @param {string} key */
function onKey(view, key) {
  const selected = view.network.getSelectedNodes()[0];
  const dir = DIRS[key];
  if (dir && selected) step(view, dir);
  else if (dir) pan(view, dir);
  else if (key === "+" || key === "=") view.zoom("in");
  else if (key === "-" || key === "_") view.zoom("out");
  else if (key === "0") view.zoom("fit");
  else if (key === "Enter") enter(view, selected);
  else if (key === "Escape" && selected) view.clearSelection();
  else return false;
  return true;
}

/** @param {MapView} view */
export function bindKeyboard(view) {
  describeCanvas(view);
  view.canvas.addEventListener("keydown", (ev) => {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    if (onKey(view, ev.key)) ev.preventDefault();
  });
}
