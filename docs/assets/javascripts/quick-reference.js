// @ts-check
/* The 早見表's filter (views/quickref.py renders the table and the hidden filter box). Without
 * this script the whole table shows. State lives in the URL (?q=&def=&use=); the rows left come
 * best match first (./quick-filter.js: names, aliases and the synonym table of cards.json, the
 * same ranking as the map search); when none is left, the status says so and links the nearest
 * rows. 「地図で見る」 opens the concept map with the same selection (?focus=concept:<id> when
 * one row is left, else ?layers=<n,…>). Only textContent and attributes are written. */

import { filterRows, mapSelection, nearRows } from "./quick-filter.js";
import { FOUND, noMatchText } from "./search-rank.js";

/** @typedef {import("./quick-filter.js").Row} Row */

/** @param {Element} el @param {string} attr @returns {string[]} */
function codes(el, attr) {
  return (el.getAttribute(attr) || "").split(" ").filter(Boolean);
}

/** A row's data for the pure filter. @param {HTMLElement} row @returns {Row} */
function rowData(row) {
  const label = row.querySelector(".cm-qr-label");
  const link = label && (label.querySelector("a:not(.cm-qr-maplink)") || label);
  const note = row.querySelector(".cm-qr-note");
  const map = row.querySelector("a.cm-qr-maplink");  /* its own link to the map names its node */
  const node = map instanceof HTMLAnchorElement ? new URL(map.href).searchParams.get("focus") || "" : "";
  return { label: ((link && link.textContent) || "").trim(), note: (note && note.textContent) || "",
    concept: row.dataset.concept || "", def: codes(row, "data-def"), use: codes(row, "data-use"),
    aliases: [], node };
}

/** Synonym groups and each row's aliases from cards.json (the tools' data-cm-cards).
 * @param {HTMLElement} tools @param {Row[]} data @returns {Promise<string[][]>} */
async function loadWords(tools, data) {
  const url = tools.getAttribute("data-cm-cards");
  if (!url) return [];
  try {
    const cards = await (await fetch(url)).json();
    /** @type {Record<string, { aliases?: string[], product?: boolean, category?: string }>} */
    const byId = {};
    for (const c of cards.concepts || []) byId[c.id] = c;
    for (const row of data) {
      const c = byId[row.concept];
      row.aliases = (c && c.aliases) || [];
      row.product = !!(c && c.product);
      row.category = (c && c.category) || "";
    }
    return Array.isArray(cards.synonyms) ? cards.synonyms : [];
  } catch {
    return [];  // the filter works without synonyms
  }
}

/** The page scrolls (no inner box): on desktop the filter box sticks under Material's header
 * and the tables' headers under the filter box. Their heights go into custom properties (CSSOM,
 * allowed by the CSP) that the stylesheet uses for `top` and `scroll-margin-top`, measured now
 * and whenever the header or the filter box changes size. Returns the measure.
 * @param {HTMLElement} tools */
function stickyOffsets(tools) {
  const scope = tools.parentElement || document.documentElement;
  const header = document.querySelector(".md-header");
  const thead = document.querySelector("table.cm-qr thead");
  function measure() {
    const top = header ? header.getBoundingClientRect().height : 0;
    const sticky = getComputedStyle(tools).position === "sticky";
    scope.style.setProperty("--cm-qr-top", top + "px");
    scope.style.setProperty("--cm-qr-head", (sticky ? top + tools.getBoundingClientRect().height : top) + "px");
    if (thead) scope.style.setProperty("--cm-qr-thead", thead.getBoundingClientRect().height + "px");
  }
  if (window.ResizeObserver) {
    const observer = new ResizeObserver(measure);
    observer.observe(tools);
    if (header) observer.observe(header);
  } else {
    window.addEventListener("resize", measure);
  }
  return measure;
}

/** Rows (and their groups' tbodies) in the order given; rows not in it keep table order after.
 * @param {HTMLElement[]} rows @param {number[]} order */
function arrange(rows, order) {
  /** @type {Map<Element, number>} */
  const pos = new Map();
  order.forEach((i, at) => pos.set(rows[i], at));
  const place = (/** @type {Element} */ el) => (pos.has(el) ? /** @type {number} */ (pos.get(el)) : order.length);
  const bodies = [...new Set(rows.map((r) => r.parentElement))].filter((b) => b !== null);
  const best = (/** @type {Element} */ body) => Math.min(...[...body.querySelectorAll("tr.cm-qr-row")].map(place));
  for (const body of bodies) {
    const list = [...body.querySelectorAll(":scope > tr.cm-qr-row")];
    list.sort((a, b) => place(a) - place(b) || rows.indexOf(/** @type {HTMLElement} */ (a)) - rows.indexOf(/** @type {HTMLElement} */ (b)));
    for (const tr of list) body.appendChild(tr);
  }
  const tables = [...new Set(bodies.map((b) => b.parentElement))].filter((t) => t !== null);
  for (const table of tables) {
    const own = bodies.filter((b) => b.parentElement === table);
    const sorted = [...own].sort((a, b) => best(a) - best(b) || own.indexOf(a) - own.indexOf(b));
    for (const body of sorted) table.appendChild(body);
  }
}

/** The status line: counts, or the empty result's message with links to the nearest rows.
 * @param {HTMLElement} status @param {string} text @param {HTMLElement[]} near */
function showStatus(status, text, near) {
  status.textContent = text;
  near.forEach((row, i) => {
    const a = document.createElement("a");
    a.href = "#" + row.id;
    a.textContent = rowData(row).label;
    status.appendChild(document.createTextNode(i ? "・" : ""));
    status.appendChild(a);
  });
}

function init() {
  const tools = document.getElementById("cm-qr-tools");
  if (!tools || tools.dataset.ready) return;
  tools.dataset.ready = "1";
  const q = /** @type {HTMLInputElement} */ (document.getElementById("cm-qr-q"));
  const def = /** @type {HTMLSelectElement} */ (document.getElementById("cm-qr-def"));
  const use = /** @type {HTMLSelectElement} */ (document.getElementById("cm-qr-use"));
  const mapLink = /** @type {HTMLAnchorElement} */ (document.getElementById("cm-qr-map"));
  const status = /** @type {HTMLElement} */ (document.getElementById("cm-qr-status"));
  const mapBase = mapLink.getAttribute("href") || "";
  const named = { vocab: { layerLabel: tools.getAttribute("data-layer-label") || "" } };
  /** @type {HTMLElement[]} */
  const rows = [...document.querySelectorAll("table.cm-qr tr.cm-qr-row")].map((r) => /** @type {HTMLElement} */ (r));
  const sections = [...document.querySelectorAll("table.cm-qr tbody.cm-qr-section")];
  const data = rows.map(rowData);
  /** @type {string[][]} */
  let groups = [];

  const params = new URLSearchParams(location.search);
  q.value = params.get("q") || "";
  def.value = params.get("def") || "";
  use.value = params.get("use") || "";
  if (def.value !== (params.get("def") || "")) def.value = "";
  if (use.value !== (params.get("use") || "")) use.value = "";

  /** @param {boolean} writeUrl */
  function apply(writeUrl) {
    const order = filterRows(data, q.value, groups, def.value, use.value);
    const left = new Set(order);
    rows.forEach((row, i) => { row.hidden = !left.has(i); });
    arrange(rows, q.value.trim() ? order : rows.map((_, i) => i));
    for (const section of sections) {
      /** @type {HTMLElement} */ (section).hidden = !section.querySelector("tr.cm-qr-row:not([hidden])")
        && !!section.querySelector("tr.cm-qr-row");
    }
    const filtered = !!(q.value.trim() || def.value || use.value);
    const empty = filtered && order.length === 0;
    const near = empty && q.value.trim() ? nearRows(data, q.value, groups).map((i) => rows[i]) : [];
    showStatus(status, empty
      ? noMatchText(q.value, FOUND.rows, near.length, rows.length)
      : filtered ? order.length + " 件を表示しています（全 " + rows.length + " 件）" : "全 " + rows.length + " 件", near);
    const target = mapSelection(mapBase, filtered, order.map((i) => data[i]), def.value, use.value, named);
    mapLink.setAttribute("href", target.href);
    mapLink.textContent = target.label;
    if (writeUrl) {
      const p = new URLSearchParams(location.search);
      for (const [key, value] of [["q", q.value.trim()], ["def", def.value], ["use", use.value]]) {
        if (value) p.set(key, value); else p.delete(key);
      }
      const search = p.toString();
      history.replaceState(history.state, "", location.pathname + (search ? "?" + search : "") + location.hash);
    }
  }

  const measure = stickyOffsets(tools);

  // #row-…: the row just under the sticky headers (scroll-margin-top), the filter cleared if it hid it
  function showTarget() {
    const id = decodeURIComponent(location.hash.slice(1));
    const row = id && document.getElementById(id);
    if (!row || !row.classList.contains("cm-qr-row")) return;
    if (row.hidden) { q.value = ""; def.value = ""; use.value = ""; apply(true); }
    measure();
    row.scrollIntoView({ block: "start" });
  }

  q.addEventListener("input", () => apply(true));
  window.addEventListener("hashchange", showTarget);
  // the browser's own jump to the fragment comes after this script: place the row again then
  if (document.readyState !== "complete") window.addEventListener("load", () => requestAnimationFrame(showTarget));
  def.addEventListener("change", () => apply(true));
  use.addEventListener("change", () => apply(true));
  tools.hidden = false;
  apply(false);
  measure();
  showTarget();
  loadWords(tools, data).then((g) => {
    groups = g;
    tools.dataset.words = "1";  // synonyms and aliases loaded (tests wait for it)
    if (q.value.trim()) apply(false);
  });
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", init);
} else {
  init();
}
