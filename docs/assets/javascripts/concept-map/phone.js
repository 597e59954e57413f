//# allFunctionsCalledOnLoad
// @ts-check
/* Phones: the full map opens as a list of concepts and chapters by layer (the search box
 * filters it); the canvas comes full screen on request, or with 「地図で見る」 at a node. */

import { norm, siteUrl, must } from "./util.js";
import { deeper, historyDepth } from "./state.js";
import { phoneAnswer, phoneModel } from "./answerlist.js";
import { resolveFocus } from "./model.js";
import { bindPathForm } from "./pathform.js";
import { entries, nearest, noResultText, wordsFor } from "./search.js";
import { TIERS, rank } from "../search-rank.js";
import { layerNumbers, layerTitle, mediaQuery, nodeKinds } from "./vocab.js";

/** @typedef {import("./types.js").Payload} Payload */
/** @typedef {import("./types.js").PayloadNode} PayloadNode */
/** @typedef {import("./types.js").Network} Network */

/** @param {PayloadNode} n @param {(id: string) => void} onPick */
function listItem(n, onPick) {
  const li = document.createElement("li");
  li.setAttribute("data-id", n.id);
  const a = document.createElement("a");
  a.textContent = n.label;
  a.href = n.url ? siteUrl(n.url) : "#";
  li.appendChild(a);
  if (n.summary) {
    const small = document.createElement("small");
    small.textContent = " — " + n.summary;
    li.appendChild(small);
  }
  const show = document.createElement("button");
  show.type = "button";
  show.className = "cm-map__show";
  show.textContent = "地図で見る";
  show.setAttribute("aria-label", n.label + " を地図で見る");
  show.addEventListener("click", () => onPick(n.id));
  li.append(" ", show);
  return li;
}

/** One open <details> per layer (5 first) with its concepts and chapters.
 * @param {Payload} data @param {number} layer @param {(id: string) => void} onPick */
function layerGroup(data, layer, onPick) {
  const items = data.nodes.filter((n) => n.layer === layer && n.kind !== nodeKinds(data).section);
  const details = document.createElement("details");
  details.open = true;
  details.setAttribute("data-layer", String(layer));
  const summary = document.createElement("summary");
  summary.textContent = layerTitle(data, layer) + "（" + items.length + "）";
  details.appendChild(summary);
  const ul = document.createElement("ul");
  for (const n of items) {
    const li = listItem(n, onPick);
    li.setAttribute("data-key", norm(n.label + " " + n.id));
    ul.appendChild(li);
  }
  details.appendChild(ul);
  return details;
}

/** ?focus= (「地図で見る」 from a chapter): the node's row marked as the current one and scrolled
 * into view (a section, not listed, as its chapter's row is not guessed: nothing happens).
 * @param {HTMLElement} root @param {string} id */
function showFocus(root, id) {
  if (!id) return;
  const row = [...root.querySelectorAll(".cm-map__list li[data-id]")].find((li) => li.getAttribute("data-id") === id);
  if (!(row instanceof HTMLElement)) return;
  row.classList.add("cm-map__item--focus");
  row.setAttribute("aria-current", "true");
  row.scrollIntoView({ block: "center" });
}

/** The list, filtered by the search box. @param {HTMLElement} root @param {Payload} data
 * @param {(id: string) => void} onPick */
function buildList(root, data, onPick) {
  const list = must(root, ".cm-map__list", HTMLElement);
  const layers = layerNumbers(data).filter((n) => n > 0).sort((a, b) => b - a);
  list.textContent = "";
  for (const layer of layers) list.appendChild(layerGroup(data, layer, onPick));
  const search = root.querySelector("input.cm-map__search");
  if (search instanceof HTMLInputElement) bindListSearch(list, search, data);
}

/** The search box filters the list: a row shows when its name or id holds the query, or when
 * the map search's vocabulary (search.js entries: synonyms, aliases) names its node — by name,
 * not by a summary that mentions it; a layer with no row left is hidden; nothing found: a polite
 * status says so (made empty before any message; once the synonyms are read) and the nearest rows show. The synonyms load
 * when the box is first focused; until then the names alone filter. @param {HTMLElement} list
 * @param {HTMLInputElement} search @param {Payload} data */
function bindListSearch(list, search, data) {
  const model = phoneModel(data);
  const status = document.createElement("p");
  status.className = "cm-map__liststatus";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  list.before(status);
  const rows = /** @type {HTMLElement[]} */ ([...list.querySelectorAll("li[data-key]")]);
  /** @type {import("./search.js").Words | undefined} */
  let words;
  const apply = () => {
    const typed = search.value;
    const q = norm(typed);
    const hits = q ? rank(entries(model, words), typed, words ? words.groups : []) : [];
    const found = new Set(hits.filter((h) => h.tier <= TIERS.named).map((h) => model.nodes[h.index].id));
    const show = (/** @type {HTMLElement} */ li) => q === "" ||
      (li.getAttribute("data-key") || "").indexOf(q) >= 0 || found.has(li.getAttribute("data-id") || "");
    const shown = rows.filter(show);
    const none = q !== "" && !shown.length && words !== undefined;  /* said once the synonyms are in */
    const near = none
      ? nearest(model, typed, words).filter((n) => rows.some((li) => li.getAttribute("data-id") === n.id)) : [];
    for (const li of rows) li.hidden = !show(li) && !near.some((n) => n.id === li.getAttribute("data-id"));
    list.querySelectorAll("details").forEach((d) => {
      if (d instanceof HTMLElement) d.hidden = !d.querySelector("li[data-key]:not([hidden])");
    });
    status.textContent = none ? noResultText(typed, near) + near.map((n) => n.label).join("、") : "";
  };
  search.addEventListener("focus", () => {
    wordsFor(data).then((w) => { words = w; if (search.value) apply(); });
  }, { once: true });
  search.addEventListener("input", apply);
}

/** On a phone: the list instead of the map, the map full screen on request (a history entry of
 * its own: Back closes it); false elsewhere.
 * @param {HTMLElement} root @param {Payload} data @param {() => Network} buildMap */
export function phoneList(root, data, buildMap) {
  if (!window.matchMedia || !window.matchMedia(mediaQuery(data, "phone")).matches) return false;
  /** @type {Network | null} */
  let network = null;
  const button = must(root, ".cm-map__fullscreen", HTMLElement);
  const isOpen = () => root.classList.contains("cm-map--fullscreen");
  const ours = () => Boolean(history.state && history.state.cmFullscreen);
  let base = 0;  /* the history depth before the full screen */
  /** @param {string} focus */
  function open(focus) {
    base = historyDepth();
    history.pushState(Object.assign(deeper(), { cmFullscreen: true }), "", location.href);
    root.classList.add("cm-map--fullscreen");
    button.setAttribute("aria-pressed", "true");
    button.textContent = "一覧に戻る";
    if (!network) network = buildMap();
    else network.fit({ animation: false });
    if (focus) /** @type {any} */ (network.__cm).select(focus, { move: true, scale: 1.2, replace: true });
    must(root, ".cm-map__canvas", HTMLElement).focus();
  }
  function shut() {
    root.classList.remove("cm-map--fullscreen");
    button.setAttribute("aria-pressed", "false");
    button.textContent = "地図を全画面で開く";
    button.focus();
  }
  /* closing goes Back past the entries the full screen added (popstate then shuts it) */
  function close() {
    if (ours()) history.go(base - historyDepth()); else shut();
  }
  window.addEventListener("popstate", () => {
    if (isOpen() && !ours() && document.body.contains(root)) shut();
  });
  button.addEventListener("click", () => {
    if (isOpen()) close(); else open("");
  });
  root.addEventListener("keydown", (ev) => {
    /* not the Esc that just cleared a selection (the canvas or the panel took it) */
    if (ev.key === "Escape" && !ev.defaultPrevented && isOpen() &&
        !(network && network.getSelectedNodes().length)) close();
  });
  buildList(root, data, open);
  /* ?scenario=&step= or ?from=&to=: the answer in words above the list; the form is sent as a GET */
  const model = phoneModel(data);
  const answer = phoneAnswer(data, model, location.search, () => open(""));
  if (answer) {
    must(root, ".cm-map__list", HTMLElement).before(answer);
    answer.scrollIntoView({ block: "start" });  /* what the URL asked for, first */
  } else {
    showFocus(root, resolveFocus(model, new URLSearchParams(location.search).get("focus") || ""));
  }
  bindPathForm(root, model, null, (text) => {
    const msg = root.querySelector(".cm-map__pathmsg");
    if (msg) msg.textContent = text;
  });
  root.setAttribute("data-cm-state", "list");
  root.dispatchEvent(new CustomEvent("conceptmap:list", { bubbles: true }));
  return true;
}
