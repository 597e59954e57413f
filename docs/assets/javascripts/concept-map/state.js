//# allFunctionsCalledOnLoad
// @ts-check
/* The reader's state in the URL: ?focus=lora&z=1.2&c=10,20&layers=1,2&edges=define,use
 * &sections=1&view=freshness, a path ?from=&to=, a scenario walk ?scenario=<id>&step=<n>.
 * Reading and writing the query are pure; writeState() puts it in the history entry. */

import { focusParam, layerIds } from "./model.js";
import { defaultEdgeKinds } from "./vocab.js";

/** @typedef {import("./types.js").Model} Model */
/** @typedef {import("./types.js").State} State */
/** @typedef {import("./types.js").View} View */

/** The edge kinds shown when the URL names none. @param {Model} model */
export function defaultEdges(model) {
  return new Set(defaultEdgeKinds(model.data));
}

/** The state of the full map before any URL: everything shown, nothing selected.
 * @param {Model} model @returns {State} */
export function initialState(model) {
  return { layers: new Set(layerIds(model.data)), edges: defaultEdges(model), focus: "",
    sections: false, view: "", zoom: null, from: "", to: "",
    scenario: "", step: 0 };
}

/** The state a query string asks for (unknown layers and kinds are left out).
 * @param {Model} model @param {string} search
 * @returns {State} */
export function readState(model, search) {
  const q = new URLSearchParams(search);
  const all = layerIds(model.data);
  const state = initialState(model);
  const layers = q.get("layers");
  if (layers !== null) {
    state.layers = new Set(layers.split(",").map(Number).filter((n) => all.indexOf(n) >= 0));
    state.layers.add(0);
  }
  const edges = q.get("edges");
  if (edges !== null) {
    state.edges = new Set(edges.split(",").filter((k) => model.kinds.indexOf(k) >= 0));
  }
  const z = parseFloat(q.get("z") || "");
  const c = (q.get("c") || "").split(",").map(Number);
  state.focus = q.get("focus") || "";
  state.sections = q.get("sections") === "1";
  state.view = q.get("view") || "";
  state.from = q.get("from") || "";
  state.to = q.get("to") || "";
  state.scenario = q.get("scenario") || "";
  state.step = Math.max(1, parseInt(q.get("step") || "1", 10) || 1);
  state.zoom = z > 0 && c.length === 2 && c.every(isFinite) ? { scale: z, x: c[0], y: c[1] } : null;
  return state;
}

/** The query string of a state and view, keeping the other parameters of `search`; a default
 * (all layers, the default kinds) is left out.
 * @param {Model} model @param {State} state @param {View | null} view @param {string} search */
export function stateQuery(model, state, view, search) {
  const q = new URLSearchParams(search);
  const all = layerIds(model.data);
  const shown = all.filter((n) => n && state.layers.has(n));
  if (shown.length < all.length - 1) q.set("layers", shown.join(","));
  else q.delete("layers");
  const edges = model.kinds.filter((k) => state.edges.has(k));
  const defaults = model.kinds.filter((k) => defaultEdges(model).has(k));
  if (edges.join(",") !== defaults.join(",")) q.set("edges", edges.join(","));
  else q.delete("edges");
  if (state.sections) q.set("sections", "1"); else q.delete("sections");
  if (state.focus) q.set("focus", focusParam(model, state.focus)); else q.delete("focus");
  for (const end of /** @type {const} */ (["from", "to"])) {
    if (state.from && state.to) q.set(end, focusParam(model, state[end])); else q.delete(end);
  }
  if (state.scenario) {
    q.set("scenario", state.scenario);
    q.set("step", String(state.step));
  } else {
    q.delete("scenario");
    q.delete("step");
  }
  if (view) {
    q.set("z", view.scale.toFixed(3));
    q.set("c", Math.round(view.x) + "," + Math.round(view.y));
  }
  return q.toString();
}

/** The state in the address bar: in place, or (`push`) as a new history entry when it
 * changed, so that Back returns to the state before (a selection, say).
 * @param {Model} model @param {State} state @param {View | null} view @param {boolean} [push] */
export function writeState(model, state, view, push = false) {
  const q = stateQuery(model, state, view, location.search);
  const url = location.pathname + (q ? "?" + q : "") + location.hash;
  if (url === location.pathname + location.search + location.hash) return;
  if (push) history.pushState(deeper(), "", url);
  else history.replaceState(history.state, "", url);
}

/** The query `search` with only the view (z, c) replaced: the rest of the address is not the
 * view's to write (a history move may have changed it since the view settled).
 * @param {string} search @param {View} view */
export function viewQuery(search, view) {
  const q = new URLSearchParams(search);
  q.set("z", view.scale.toFixed(3));
  q.set("c", Math.round(view.x) + "," + Math.round(view.y));
  return q.toString();
}

/** The view in the current history entry, in place. @param {View} view */
export function writeView(view) {
  const url = location.pathname + "?" + viewQuery(location.search, view) + location.hash;
  if (url !== location.pathname + location.search + location.hash) history.replaceState(history.state, "", url);
}

/** writeState() once the next frame is drawn (a history entry costs the browser a round trip:
 * the highlight it records is shown first); `then` runs after it. The URL is taken now.
 * @param {Model} model @param {State} state @param {View | null} view @param {boolean} push
 * @param {() => void} [then] */
export function writeStateSoon(model, state, view, push, then) {
  const q = stateQuery(model, state, view, location.search);
  const url = location.pathname + (q ? "?" + q : "") + location.hash;
  requestAnimationFrame(() => requestAnimationFrame(() => {
    if (url !== location.pathname + location.search + location.hash) {
      if (push) history.pushState(deeper(), "", url);
      else history.replaceState(history.state, "", url);
    }
    if (then) then();
  }));
}

/** How many entries the map pushed before the current one (0: none). */
export function historyDepth() {
  return (history.state && history.state.cmDepth) || 0;
}

/** The current entry's state, one entry deeper (a pushed entry keeps e.g. the full screen). */
export function deeper() {
  return Object.assign({}, history.state, { cmDepth: historyDepth() + 1 });
}
