// @ts-check
/* Concept cards, the card itself: summary, layer chip, the 早見表 columns of each relation mark,
 * links to the section, its map node and its 早見表 row, then the sections of other layers that
 * use it. Every text from the data is set with textContent (never innerHTML). */

import { layerChip, othersText, relationLines, usedInShown } from "./data.js";

/** @typedef {import("./data.js").CardsData} CardsData */
/** @typedef {import("./data.js").Found} Found */

/** @param {string} tag @param {string} [cls] @param {string} [text] */
function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A link to a site-root-relative URL. @param {URL} root @param {string} href @param {string} text
 * @param {string} [label] */
function link(root, href, text, label) {
  const a = /** @type {HTMLAnchorElement} */ (el("a", "", text));
  a.href = new URL(href, root).href;
  if (label) a.setAttribute("aria-label", label);
  return a;
}

/** The title, the layer chip and category, the summary. @param {CardsData} data
 * @param {HTMLElement} box @param {import("./data.js").Concept} c */
function head(data, box, c) {
  box.appendChild(el("span", "cm-card__title", c.label));
  const meta = el("span", "cm-card__meta");
  meta.appendChild(el("span", "cm-card__chip cm-card__chip--" + c.layer, layerChip(data, c.layer)));
  if (c.category) meta.appendChild(el("span", "cm-card__category", c.category));
  box.appendChild(meta);
  if (c.summary) {
    const summary = el("span", "cm-card__summary", c.summary);
    summary.id = "cm-card-summary";
    box.appendChild(summary);
  }
}

/** 「使われている節：第3層 §6-2 …、… ほか2節」 (graph/usage.py). @param {URL} root
 * @param {import("./data.js").Concept} c */
function usedIn(root, c) {
  const { shown, more } = usedInShown(c);
  if (!shown.length) return null;
  const used = el("span", "cm-card__usedin", "使われている節：");
  shown.forEach((u, i) => {
    if (i) used.appendChild(document.createTextNode("、"));
    used.appendChild(link(root, u.url, u.where + " " + u.label));
  });
  if (more) used.appendChild(document.createTextNode(" ほか" + more + "節"));
  return used;
}

/** The card of a found concept. @param {CardsData} data @param {URL} root @param {Found} found */
export function buildCard(data, root, found) {
  const c = found.concept;
  const box = el("span", "cm-card");
  box.id = "cm-card";
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", "概念カード：" + c.label);
  head(data, box, c);
  const layers = el("span", "cm-card__layers");
  relationLines(data, c).forEach((line, i) => {
    if (i) layers.appendChild(document.createTextNode(" ／ "));
    layers.appendChild(el("span", "cm-card__rel cm-card__rel--" + line.key, line.text));
  });
  box.appendChild(layers);
  const links = el("span", "cm-card__links");
  links.appendChild(link(root, c.url, "節を開く"));
  links.appendChild(link(root, c.map, "地図で見る", c.label + " を地図で見る"));
  links.appendChild(link(root, c.row, "早見表の行", c.label + " の早見表の行"));
  box.appendChild(links);
  /* after the card's own links (Tab reaches those first) */
  const used = usedIn(root, c);
  if (used) box.appendChild(used);
  const others = othersText(found.others);
  if (others) box.appendChild(el("span", "cm-card__more", others));
  return box;
}
