//# allFunctionsCalledOnLoad
// @ts-check
/* 概念マップ: renders every .cm-map[data-cm-map] container of the page with vis-network.
 *
 * Data: a <template class="cm-map-data"> holding JSON, written at build time by
 * graph/render.py (nodes with fixed band positions, edges, bands, options, node kinds, id
 * prefixes, layer colours, the vocabulary and the site-relative path of the self-hosted
 * vis-network). On the map page a parser-blocking <script> right before the data has already
 * run vis-network; a chapter's local map has a <link rel="preload"> of it, and loadVis() adds it.
 *
 * The reader's view (the modules beside this one):
 *  - overview first: the bands with their concepts' short names; sections and the full names
 *    come with zoom (semantic zoom, levels.js);
 *  - focus + context: hovering or selecting a node dims everything but it, its neighbours and
 *    the edges between them (overlay.js);
 *  - a click selects (side panel / status line, panel.js); double-click or Enter opens the page;
 *  - selection, zoom and centre live in the URL (?focus=…&z=…&c=…) with the filters (state.js).
 * All text from the graph is plain text and is only ever assigned with textContent.
 *
 * Loaded as a module (async) in <head> on every page by overrides/main.html: it may run before
 * <body> exists. Each map's data is followed by an inline __conceptMapScript.init() call;
 * DOMContentLoaded and Material's document$ catch the rest. The first line is V8's compile hint
 * (see COMPILE_HINT in graph/render.py). */

import { expandPayload } from "./model.js";
import { build } from "./map.js";
import { phoneList } from "./phone.js";
import { ROOT, loadVis } from "./util.js";
import { outputPath } from "./vocab.js";

/** @typedef {import("./types.js").Payload} Payload */
/** @typedef {import("./types.js").Network} Network */

const w = /** @type {any} */ (window);
/** @type {{ root: Element, network: Network, observer: MutationObserver }[]} */
let active = [];

/** The theme colours and the canvas size come from the stylesheets: wait for them. */
function stylesLoaded() {
  const links = Array.from(document.querySelectorAll('link[rel="stylesheet"]'));
  return Promise.all(links.filter((l) => l instanceof HTMLLinkElement && !l.sheet).map((l) =>
    new Promise((resolve) => {
      l.addEventListener("load", resolve);
      l.addEventListener("error", resolve);
    })));
}

/** The payload of a map, or null while it is still being parsed (the inline init() call after
 * it, or DOMContentLoaded, comes later). @param {Element} root
 * @returns {Payload | null | undefined} undefined: unreadable */
function payloadOf(root) {
  const island = root.querySelector("template.cm-map-data, script.cm-map-data");
  if (!island || (document.readyState === "loading" && !island.nextElementSibling)) return null;
  try {
    return expandPayload(JSON.parse(island instanceof HTMLTemplateElement ? island.content.textContent || ""
      : island.textContent || ""));
  } catch {
    return undefined;
  }
}

/** @param {HTMLElement} root @param {Payload} data @param {import("./types.js").Vis} vis */
function show(root, data, vis) {
  performance.mark("cm:vis");
  const make = () => {
    const made = build(root, data, vis);
    active.push({ root, network: made.network, observer: made.observer });
    return made.network;
  };
  if (root.getAttribute("data-cm-map") === "full" && phoneList(root, data, make)) return;
  make();
  performance.mark("cm:network");
}

/** Render one map (idempotent). @param {Element} root */
function render(root) {
  if (!(root instanceof HTMLElement) || root.getAttribute("data-cm-state")) return;
  const data = payloadOf(root);
  if (data === null) return;
  root.setAttribute("data-cm-state", "loading");
  root.classList.add("cm-map--js");
  if (data === undefined) {
    root.setAttribute("data-cm-state", "error");
    return;
  }
  performance.mark("cm:start");
  Promise.all([loadVis(new URL(outputPath(data, "vis"), ROOT).href), stylesLoaded()])
    .then(([vis]) => show(root, data, vis))
    .catch((err) => {
      root.setAttribute("data-cm-state", "error");
      const status = root.querySelector(".cm-map__status");
      if (status) status.textContent = "概念マップを表示できませんでした（" + err.message + "）。";
      console.error(err);
    });
}

/** Drop the maps no longer in the page; render the new ones. */
function init() {
  active = active.filter((entry) => {
    if (document.documentElement.contains(entry.root)) return true;
    entry.observer.disconnect();
    entry.network.destroy();
    if (w.conceptMap === entry.network) w.conceptMap = undefined;
    return false;
  });
  document.querySelectorAll(".cm-map[data-cm-map]").forEach(render);
}

let attached = false;
function attach() {
  if (!attached && w.document$ && typeof w.document$.subscribe === "function") {
    attached = true;
    w.document$.subscribe(init);
  }
}

/* Render what is already parsed, again on DOMContentLoaded (render is idempotent), and on every
   page Material's instant navigation swaps in. */
if (w.__conceptMapScript) {
  w.__conceptMapScript.attach();
} else {
  w.__conceptMapScript = { attach, init };
  init();
  attach();
  document.addEventListener("DOMContentLoaded", () => {
    init();
    attach();
  });
}
