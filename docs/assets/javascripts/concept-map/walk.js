//# allFunctionsCalledOnLoad
// @ts-check
/* 「シナリオで読む」 played on the full map (?scenario=<id>&step=<n>): the step's node selected,
 * the path so far (walkpath.js) highlighted like a 「XとYの関係」 path (overlay.js draws
 * view.path over the veil), the panel with the scenario's title, 「手順 n / N」, the step's text,
 * 「この節を開く」, 前へ／次へ and the list of steps (the current one marked). ← and → move while
 * the focus is in the map (canvas, panel, walk bar); each move is a history entry (Back restores
 * the step before); Esc or 閉じる leaves the walk (the normal map). All text is set with textContent. */

import { findScenario, clampStep, walkPath, stepQuery } from "./walkpath.js";
import { layerTitle } from "./vocab.js";
import { writeStateSoon } from "./state.js";
import { clearPath, fitClear } from "./pathview.js";
import { must, siteUrl } from "./util.js";

/** @typedef {import("./view.js").MapView} MapView */
/** @typedef {import("./types.js").Scenario} Scenario */

/** 「第2層 通信層」. @param {MapView} view @param {number} layer */
function stepLayer(view, layer) {
  return layerTitle(view.data, layer);
}

/** The 前へ／次へ bar of the panel (made once, hidden outside a walk). @param {MapView} view
 * @param {HTMLElement} panel */
function walkBar(view, panel) {
  const found = panel.querySelector(".cm-walk");
  if (found instanceof HTMLElement) return found;
  const bar = document.createElement("div");
  bar.className = "cm-walk";
  bar.setAttribute("role", "group");
  bar.setAttribute("aria-label", "シナリオの手順");
  for (const [dir, text] of /** @type {const} */ ([[-1, "← 前の手順"], [1, "次の手順 →"]])) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "cm-walk__" + (dir < 0 ? "prev" : "next");
    button.textContent = text;
    button.addEventListener("click", () => moveStep(view, dir));
    bar.appendChild(button);
  }
  must(panel, ".cm-panel__links", HTMLElement).before(bar);
  return bar;
}

/** Whether the focus is in the panel's list of steps (which the next step rebuilds).
 * @param {MapView} view */
function focusInSteps(view) {
  const active = document.activeElement;
  return Boolean(view.panel && active instanceof HTMLElement && view.panel.contains(active) &&
    active.closest(".cm-walk__steps"));
}

/** The list was rebuilt: a focus that was in it goes to the current step, not to the page's
 * start. @param {MapView} view @param {boolean} wasInList */
function refocusSteps(view, wasInList) {
  const current = wasInList && view.panel && view.panel.querySelector(".cm-walk__steps [aria-current=step]");
  if (current instanceof HTMLElement) current.focus();
}

/** The steps as an ordered list of links (the current one marked in words, not by colour
 * alone). @param {MapView} view @param {Scenario} scenario @param {number} n */
function stepList(view, scenario, n) {
  const ol = document.createElement("ol");
  ol.className = "cm-walk__steps";
  scenario.steps.forEach((step, i) => {
    const li = document.createElement("li");
    const node = view.model.byId[step.node];
    const a = document.createElement("a");
    a.href = stepQuery(scenario.id, i + 1);
    a.textContent = (node ? node.label : step.node) + "（" + stepLayer(view, step.layer) + "）";
    a.addEventListener("click", (ev) => {
      ev.preventDefault();
      const inList = focusInSteps(view);
      showStep(view, scenario.id, i + 1);
      refocusSteps(view, inList);
    });
    li.appendChild(a);
    if (i + 1 === n) {
      li.className = "cm-walk__current";
      a.setAttribute("aria-current", "step");
      const strong = document.createElement("strong");
      strong.textContent = " ← いまの手順";
      li.appendChild(strong);
    }
    ol.appendChild(li);
  });
  return ol;
}

/** The panel of step `n`. @param {MapView} view @param {Scenario} scenario @param {number} n */
function fillWalkPanel(view, scenario, n) {
  const panel = view.panel;
  if (!panel) return;
  const step = scenario.steps[n - 1];
  must(panel, ".cm-panel__title", HTMLElement).textContent = scenario.title;
  must(panel, ".cm-panel__meta", HTMLElement).textContent = "シナリオ・手順 " + n + " / " +
    scenario.steps.length + "・" + stepLayer(view, step.layer);
  const summary = must(panel, ".cm-panel__summary", HTMLElement);
  summary.textContent = step.text;
  summary.hidden = false;
  const open = must(panel, ".cm-panel__open", HTMLAnchorElement);
  open.hidden = false;
  open.href = siteUrl(step.url);
  open.textContent = "この節を開く";
  const from = panel.querySelector(".cm-panel__from");
  if (from instanceof HTMLElement) from.hidden = true;
  const bar = walkBar(view, panel);
  bar.hidden = false;
  must(bar, ".cm-walk__prev", HTMLButtonElement).disabled = n <= 1;
  must(bar, ".cm-walk__next", HTMLButtonElement).disabled = n >= scenario.steps.length;
  const list = must(panel, ".cm-panel__links", HTMLElement);
  list.textContent = "";
  const dt = document.createElement("dt");
  dt.textContent = "手順（" + scenario.steps.length + "）";
  const dd = document.createElement("dd");
  dd.appendChild(stepList(view, scenario, n));
  const page = document.createElement("a");
  page.href = siteUrl(scenario.url);
  page.textContent = "このシナリオをページで読む";
  dd.appendChild(page);
  list.append(dt, dd);
  panel.hidden = false;
  view.root.classList.add("cm-map--panel");
}

/** Show step `n` of scenario `id`; false when the map has no such scenario.
 * @param {MapView} view @param {string} id @param {number} n
 * @param {{ replace?: boolean, restore?: boolean }} [how] */
export function showStep(view, id, n, how = {}) {
  const scenario = findScenario(view.data, id);
  if (!scenario || !scenario.steps.length) return false;
  const started = performance.now();
  const at = clampStep(scenario, n);
  if (view.path) clearPath(view);
  view.pathFrom = "";
  const walk = walkPath(view.model, scenario, at);
  const node = scenario.steps[at - 1].node;
  Object.assign(view.state, { focus: "", from: "", to: "", scenario: id, step: at });
  const hidden = [...walk.nodes].map((nid) => view.model.byId[nid].layer).filter((l) => !view.state.layers.has(l));
  if (hidden.length) {  /* a step in a filtered-out layer shows that layer again */
    hidden.forEach((l) => view.state.layers.add(l));
    view.applyFilters(false);
  }
  view.path = { nodes: walk.nodes, edges: walk.edges, walk: walk.steps };
  view.walk = { id, n: at };
  view.network.selectNodes([node]);
  fillWalkPanel(view, scenario, at);
  fitClear(view, walk.steps);  /* it asks vis-network for the next frame (pathview.js) */
  /* what is outside the panel changes after fitClear's reads of the layout: they stay cheap */
  if (view.status) view.status.textContent = scenario.title + "：手順 " + at + " / " + scenario.steps.length +
    "。" + scenario.steps[at - 1].text;
  view.walkMs = performance.now() - started;
  const done = () => {  /* the step shown and in the URL: say so (unless another came since) */
    if (view.walk && view.walk.id === id && view.walk.n === at) view.root.setAttribute("data-cm-walk", id + ":" + at);
  };
  if (view.full && !how.restore) writeStateSoon(view.model, view.state, null, !how.replace, done);
  else done();
  return true;
}

/** The next (`dir` 1) or previous (-1) step, if any. @param {MapView} view @param {number} dir */
export function moveStep(view, dir) {
  if (!view.walk) return false;
  const scenario = findScenario(view.data, view.walk.id);
  const n = view.walk.n + dir;
  if (!scenario || n < 1 || n > scenario.steps.length) return false;
  const inList = focusInSteps(view);
  showStep(view, view.walk.id, n);
  refocusSteps(view, inList);
  const bar = view.panel && view.panel.querySelector(".cm-walk");
  const active = document.activeElement;
  if (bar && active instanceof HTMLButtonElement && bar.contains(active) && active.disabled) {
    const other = bar.querySelector("button:not([disabled])");  /* the end: keep the focus in the bar */
    if (other instanceof HTMLElement) other.focus();
  }
  return true;
}

/** Leave the walk (the panel is cleared or refilled by the caller). @param {MapView} view */
export function leaveWalk(view) {
  if (!view.walk) return;
  view.walk = null;
  view.path = null;
  view.state.scenario = "";
  view.state.step = 0;
  view.root.removeAttribute("data-cm-walk");
  const panel = view.panel;
  const bar = panel && panel.querySelector(".cm-walk");
  if (bar instanceof HTMLElement) bar.hidden = true;
  const from = panel && panel.querySelector(".cm-panel__from");
  if (from instanceof HTMLElement) from.hidden = false;
}

/** A key typed into a text field (← and → belong to it). @param {EventTarget | null} target */
function typing(target) {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement && !["checkbox", "radio", "button", "submit"].includes(target.type));
}

/** Whether the focus is in the map: the canvas, the panel (the walk bar, the list of steps) or the
 * stage around them — not the page's other controls, the text version or nothing at all.
 * @param {MapView} view @param {EventTarget | null} target */
function inMap(view, target) {
  if (!(target instanceof Node)) return false;
  const stage = view.canvas.closest(".cm-map__stage");
  return Boolean((stage && stage.contains(target)) || view.canvas.contains(target) ||
    (view.panel && view.panel.contains(target)));
}

/** ← and → step through the walk while the focus is in the map, but not in a text field
 * (captured before the canvas' own arrows, which would move to a neighbour); elsewhere on the
 * page they keep their own meaning (scrolling, a select, a slider). @param {MapView} view */
export function bindWalk(view) {
  document.addEventListener("keydown", (ev) => {
    if (!view.walk || ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey || typing(ev.target)) return;
    if (!document.body.contains(view.root) || !inMap(view, ev.target)) return;
    const dir = ev.key === "ArrowRight" ? 1 : ev.key === "ArrowLeft" ? -1 : 0;
    if (!dir) return;
    ev.preventDefault();
    ev.stopPropagation();
    moveStep(view, dir);
  }, true);
}
