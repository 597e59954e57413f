//# allFunctionsCalledOnLoad
// @ts-check
/* The selected node in words: the side panel of the full map (title, layer and kind, review
 * date, summary, link to its section, its neighbours grouped by relation) and the status line
 * of a local map. All text is assigned with textContent. */

import { edgeBetween, facesText, focusParam, kindName, layerText, neighbourGroups } from "./model.js";
import { must, siteUrl } from "./util.js";
import { edgeVocab } from "./vocab.js";
import { usedInNodes, usedInText } from "./usedin.js";

/** @typedef {import("./types.js").MapNode} MapNode */
/** @typedef {import("./types.js").Payload} Payload */
/** @typedef {import("./view.js").MapView} MapView */

/** The words heading a group of neighbours: an edge kind, outgoing (`out`) or incoming (a
 * relation's mark goes before them as its badge, see relationHeading).
 * @param {Payload} data @param {string} kind @param {boolean} out */
export function relationName(data, kind, out) {
  const v = edgeVocab(data, kind);
  return (out ? v.out : v.in) || v.label || kind;
}

/** A mark's badge as the site draws it (graph/marks.py badge_html, compact): its SVG from the
 * vocabulary, one image named by the mark's accessible name. No emoji.
 * @param {Payload} data @param {string} key */
export function badge(data, key) {
  const mark = data.vocab && data.vocab.marks[key];
  const span = document.createElement("span");
  if (!mark) return span;
  span.className = "cm-mark cm-mark--" + key + " cm-mark--compact";
  span.setAttribute("role", "img");
  span.setAttribute("aria-label", mark.name);
  span.title = mark.text + "：" + mark.meaning;
  /* the vocabulary's own SVG (a build-time constant, not page text), parsed in an inert document */
  const svg = new DOMParser().parseFromString(mark.svg, "text/html").body.firstElementChild;
  if (svg && svg.namespaceURI === "http://www.w3.org/2000/svg") span.appendChild(document.importNode(svg, true));
  return span;
}

/** A group's heading: the mark's badge (a relation kind), then its words and count.
 * @param {Payload} data @param {string} kind @param {boolean} out @param {number} count */
export function relationHeading(data, kind, out, count) {
  const dt = document.createElement("dt");
  const mark = edgeVocab(data, kind).mark;
  if (mark) dt.append(badge(data, mark), " ");
  dt.append(relationName(data, kind, out) + "（" + count + "）");
  return dt;
}

/** 「この章を開く」 or 「この節を開く」. @param {MapView} view @param {MapNode} n */
function openText(view, n) {
  return n.kind === view.k.layer || n.kind === view.k.page ? "この章を開く" : "この節を開く";
}

/** A link that selects a node on the map (its ?focus= URL without script).
 * @param {MapView} view @param {string} id @param {string} [text] its words (the node's label) */
function nodeLink(view, id, text) {
  const n = view.model.byId[id];
  const a = document.createElement("a");
  a.href = "?focus=" + encodeURIComponent(focusParam(view.model, id));
  a.textContent = text || n.label;
  a.addEventListener("click", (ev) => {
    ev.preventDefault();
    view.select(id, { move: true });
  });
  return a;
}

/** @param {MapView} view @param {MapNode} n */
function metaText(view, n) {
  return layerText(view.data, n) + "・" + kindName(view.data, n.kind) +
    (n.reviewed ? "・最終確認 " + n.reviewed : "") + (n.stale ? "（要再確認）" : "") +
    (n.link_issues ? "・要確認: リンク切れか転送のある公式リンク " + n.link_issues + " 件" : "");
}

/** One <dt>/<dd> group of the panel's list. @param {Element} list @param {HTMLElement} dt
 * @param {HTMLElement[]} items */
function group(list, dt, items) {
  const dd = document.createElement("dd");
  const ul = document.createElement("ul");
  for (const item of items) {
    const li = document.createElement("li");
    li.appendChild(item);
    ul.appendChild(li);
  }
  dd.appendChild(ul);
  list.append(dt, dd);
}

/** 「各層との関係」 first (each neighbour a relation table names, with its phrase), then the
 * neighbours, one group per edge kind and direction. @param {MapView} view @param {MapNode} n
 * @param {Element} list */
function fillLinks(view, n, list) {
  list.textContent = "";
  const phrases = relationPhrases(view, n.id);
  if (phrases.size) {
    const dt = document.createElement("dt");
    dt.textContent = "各層との関係（" + phrases.size + "）";
    group(list, dt, [...phrases].map(([id, phrase]) => {
      const span = document.createElement("span");
      span.append(nodeLink(view, id), "：" + phrase);
      return span;
    }));
  }
  usedInGroup(view, n, list);
  const grouped = neighbourGroups(view.model, n.id);
  Object.keys(grouped).sort().forEach((key) => {
    const kind = key.slice(0, -1);
    const out = key.slice(-1) === ">";
    const dt = relationHeading(view.data, kind, out, grouped[key].length);
    group(list, dt, grouped[key].map((id) => withFaces(view, nodeLink(view, id), n.id, id, kind, out)));
  });
}

/** A neighbour's link, followed by the layer-2 faces of the edge to it (「第2層 通信層（2A）」).
 * @param {MapView} view @param {HTMLElement} link @param {string} id @param {string} other
 * @param {string} kind @param {boolean} out */
function withFaces(view, link, id, other, kind, out) {
  const edge = edgeBetween(view.model, id, other, kind, out);
  const faces = facesText(view.data, edge && edge.faces);
  if (!faces) return link;
  const span = document.createElement("span");
  span.append(link, faces);
  return span;
}

/** 「使われている節」 of a concept: each using section with its chapter in front (usedin.js).
 * @param {MapView} view @param {MapNode} n @param {Element} list */
function usedInGroup(view, n, list) {
  const users = usedInNodes(view.model, n.id);
  if (!users.length) return;
  const dt = document.createElement("dt");
  dt.textContent = "使われている節（" + users.length + "）";
  dt.className = "cm-panel__used";
  group(list, dt, users.map((u) => nodeLink(view, u.id, usedInText(view.model, u))));
}

/** The phrases of a node's edges from a relation table (outgoing), by the node at the other end.
 * @param {MapView} view @param {string} id */
function relationPhrases(view, id) {
  /** @type {Map<string, string>} */
  const out = new Map();
  for (const a of view.model.adjacent[id] || []) {
    const phrase = a.out && a.edge.phrase;
    if (phrase) out.set(a.other, out.has(a.other) ? out.get(a.other) + "／" + phrase : phrase);
  }
  return out;
}

/** Show a node in the side panel (full map only). @param {MapView} view @param {MapNode} n */
export function fillPanel(view, n) {
  const panel = view.panel;
  if (!panel) return;
  must(panel, ".cm-panel__title", HTMLElement).textContent = n.label;
  must(panel, ".cm-panel__meta", HTMLElement).textContent = metaText(view, n);
  const summary = must(panel, ".cm-panel__summary", HTMLElement);
  summary.textContent = n.summary || "";
  summary.hidden = !n.summary;
  const open = must(panel, ".cm-panel__open", HTMLAnchorElement);
  open.hidden = !n.url;
  if (n.url) {
    open.href = siteUrl(n.url);
    open.textContent = openText(view, n);
  }
  fillLinks(view, n, must(panel, ".cm-panel__links", HTMLElement));
  fromHere(view, panel, n);
  panel.hidden = false;
  view.root.classList.add("cm-map--panel");
}

/** 「ここから関係をたどる」: the next node selected becomes the other end of a 「XとYの関係」 path.
 * @param {MapView} view @param {HTMLElement} panel @param {MapNode} n */
function fromHere(view, panel, n) {
  const found = panel.querySelector("button.cm-panel__from");
  let button = found instanceof HTMLButtonElement ? found : null;
  if (!button) {
    button = document.createElement("button");
    button.type = "button";
    button.className = "cm-panel__from";
    button.addEventListener("click", () => {
      view.pathFrom = view.state.focus;
      const label = view.model.byId[view.pathFrom].label;
      must(panel, ".cm-panel__meta", HTMLElement).textContent =
        "次に選ぶノード（地図・検索・下のリンク）までの「" + label + "」からの道筋を表示する。";
      view.canvas.focus();
    });
    must(panel, ".cm-panel__links", HTMLElement).before(button);
  }
  button.textContent = "ここから関係をたどる";
  button.setAttribute("aria-label", "ここから関係をたどる（「" + n.label + "」から次に選ぶノードまで）");
}

/** The status line (a local map): the node's name, layer, kind, summary and link; none: empty.
 * @param {MapView} view @param {MapNode | null} n */
export function showStatus(view, n) {
  const status = view.status;
  if (!status) return;
  status.textContent = "";
  if (!n) return;
  const strong = document.createElement("strong");
  strong.textContent = n.label;
  status.appendChild(strong);
  status.appendChild(document.createTextNode("（" + layerText(view.data, n) + "・" +
    kindName(view.data, n.kind) + "）" + (n.summary ? " " + n.summary : "") + " "));
  if (n.url) {
    const a = document.createElement("a");
    a.href = siteUrl(n.url);
    a.textContent = openText(view, n);
    status.appendChild(a);
  }
}

/** @param {MapView} view */
export function clearPanel(view) {
  if (view.panel) view.panel.hidden = true;
  view.root.classList.remove("cm-map--panel");
  showStatus(view, null);
}
