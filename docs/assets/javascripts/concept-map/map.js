//# allFunctionsCalledOnLoad
// @ts-check
/* Builds one map: the view, its drawing hooks and controls, the opening view (the URL's view,
 * else its focus, else the overview), the palette observer and the "ready" signal. */

import { MapView } from "./view.js";
import { resolveFocus } from "./model.js";
import { freshnessBucket, freshnessLegend } from "./freshness.js";
import { drawBands, drawFocus } from "./overlay.js";
import { bindControls, bindNetwork, bindPanel, bindWheel } from "./controls.js";
import { bindKeyboard } from "./keyboard.js";
import { bindSearch } from "./search.js";
import { DETAIL_SCALE, MAX_SCALE } from "./levels.js";
import { showPath } from "./pathview.js";
import { bindPathForm } from "./pathform.js";
import { matches } from "./search.js";
import { bindPhraseTips } from "./phrases.js";
import { bindWalk, moveStep, showStep } from "./walk.js";
import { bindCutCue, bindRefit } from "./localfit.js";

/** @typedef {import("./types.js").Payload} Payload */
/** @typedef {import("./types.js").Vis} Vis */
/** @typedef {import("./types.js").Network} Network */

/** ?view=freshness: a line saying so (with the way back) and the legend above the canvas.
 * @param {MapView} view */
function showFreshnessView(view) {
  const heading = document.createElement("p");
  heading.className = "cm-map__view";
  heading.textContent = "表示: 確認日の新しさ（色と枠線で区別）。";
  const back = document.createElement("a");
  back.href = location.pathname;
  back.textContent = "層の色に戻す";
  heading.appendChild(back);
  const frame = /** @type {HTMLElement} */ (view.canvas.parentNode);
  frame.before(heading, freshnessLegend(view.model, Date.now(), view.pal));
  view.root.setAttribute("data-cm-view", "freshness");
}

/** The opening view: the URL's view, else its focus (a band: the overview with its chapter in
 * the panel; else zoomed to it), else the overview. @param {MapView} view */
function openingView(view) {
  const { network, state, model, k } = view;
  view.syncControls();
  view.fitVisible(false);
  const focusAt = resolveFocus(model, state.focus);
  state.focus = "";
  if (state.scenario && view.full && showStep(view, state.scenario, state.step, { replace: true })) {
    view.root.scrollIntoView({ block: "start" });
    return;
  }
  /* ?from=&to= name nodes, or (the form sent without script) what was typed: the best match */
  const end = (/** @type {string} */ v) => resolveFocus(model, v) || ((matches(model, v, 1)[0] || {}).id || "");
  const from = end(state.from);
  const to = end(state.to);
  if (from && to && view.full && showPath(view, from, to, { replace: true })) {
    view.root.scrollIntoView({ block: "start" });
    return;
  }
  if (state.zoom) {
    network.moveTo({ scale: Math.min(MAX_SCALE, state.zoom.scale),
      position: { x: state.zoom.x, y: state.zoom.y }, animation: false });
    view.applyLevel(true);
    if (focusAt) view.select(focusAt, { stay: true, replace: true });  /* the URL's view exactly */
    return;
  }
  if (!focusAt) return;
  const kind = model.byId[focusAt].kind;
  if (kind === k.layer || kind === k.page) {
    view.select(focusAt, { replace: true });
  } else {
    view.select(focusAt, { move: true, scale: Math.max(DETAIL_SCALE, 1.2), replace: true });
    network.moveTo({ position: network.getPositions([focusAt])[focusAt],
      scale: Math.max(network.getScale(), DETAIL_SCALE * 1.1), animation: false });
    view.applyLevel(true);
  }
  if (view.full) view.root.scrollIntoView({ block: "start" });
}

/** Signal the first frame: performance mark, data-cm-state="ready", window.conceptMap (the
 * full map wins over a local one), the conceptmap:ready event. @param {MapView} view */
function signalReady(view) {
  const { network, root, full } = view;
  const w = /** @type {any} */ (window);
  network.once("afterDrawing", () => {
    performance.mark("cm:ready");
    root.setAttribute("data-cm-state", "ready");
    if (full || !w.conceptMap || !document.body.contains(w.conceptMap.__cmRoot)) {
      w.conceptMap = network;
    }
    w.conceptMapReadyAt = performance.now();
    root.dispatchEvent(new CustomEvent("conceptmap:ready", { bubbles: true }));
  });
  network.__cmRoot = root;
  /* for the tests and the benchmark: the model, the state and a few operations */
  network.__cm = {
    freshness: (/** @type {{ reviewed?: string, stale?: boolean }} */ n) =>
      freshnessBucket(view.data, n, Date.now()),
    select: (/** @type {string} */ id, /** @type {any} */ how) => view.select(id, how),
    clear: () => view.clearSelection(),
    level: () => view.scale,
    relevel: () => view.applyLevel(true),
    path: (/** @type {string} */ from, /** @type {string} */ to) => showPath(view, from, to),
    pathMs: () => view.pathMs,
    phrases: () => view.phrases,
    drawnLines: () => view.drawnLines,
    walk: (/** @type {string} */ id, /** @type {number} */ n) => showStep(view, id, n),
    walkStep: (/** @type {number} */ dir) => moveStep(view, dir),
    walkMs: () => view.walkMs,
    model: view.model, state: view.state,
  };
}

/** Build the map of `root` from its payload with vis-network.
 * @param {HTMLElement} root @param {Payload} data @param {Vis} vis
 * @returns {{ network: Network, observer: MutationObserver }} */
export function build(root, data, vis) {
  const view = new MapView(root, data, vis);
  if (view.freshView) showFreshnessView(view);
  view.network.on("beforeDrawing", (ctx) => drawBands(view, ctx));
  view.network.on("afterDrawing", (ctx) => drawFocus(view, ctx));
  bindNetwork(view);
  bindControls(view);
  bindPanel(view);
  bindWheel(view);
  bindKeyboard(view);
  bindSearch(view);
  bindPhraseTips(view);
  if (view.full) {
    bindWalk(view);
    bindPathForm(root, view.model, (a, b) => showPath(view, a, b), (text) => {
      const msg = root.querySelector(".cm-map__pathmsg");
      if (msg) msg.textContent = text;
    });
  }
  openingView(view);
  if (view.local) bindRefit(view, bindCutCue(view));
  if (view.full) window.addEventListener("popstate", () => {
    if (document.body.contains(root)) view.restoreFromUrl();
  });
  const observer = new MutationObserver(() => view.restyle());
  observer.observe(document.body, { attributes: true,
    attributeFilter: ["data-md-color-scheme", "data-md-color-media"] });
  signalReady(view);
  return { network: view.network, observer };
}
