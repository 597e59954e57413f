// @ts-check
/* Concept cards, the card itself: summary, layer chip, the 早見表 columns of each relation mark,
 * links to the section, its map node and its 早見表 row, then the sections of other layers that
 * use it. Every text from the data is set with textContent (never innerHTML). */

import { layerChip, othersText, relationLines, usedInShown } from "./data.js";
import { layerLabel } from "../concept-map/vocab.js";

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

/** 「各層との関係」 (#25): each relation table cell of the concept as the other layer's chip and
 * the phrase, then a link to the section or concept the cell names (a cell about the layer as a
 * whole links nothing: its chapter is the chip's layer). Spans only: the card sits in a line.
 * @param {CardsData} data @param {URL} root @param {import("./data.js").Concept} c */
function relationsPart(data, root, c) {
  const rels = c.relations || [];
  if (!rels.length) return null;
  const part = el("span", "cm-card__relations");
  part.appendChild(el("span", "cm-card__relhead", "各層との関係："));
  rels.forEach((r) => {
    const item = el("span", "cm-card__rel");
    const chip = el("span", "cm-card__relchip cm-card__chip--" + r.layer, layerLabel(data, r.layer));
    chip.title = layerChip(data, r.layer);
    item.appendChild(chip);
    item.appendChild(document.createTextNode(" " + r.phrase));
    if (r.label && r.url) {
      item.appendChild(document.createTextNode("（"));
      item.appendChild(link(root, r.url, r.label));
      item.appendChild(document.createTextNode("）"));
    }
    part.appendChild(item);
  });
  return part;
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
    layers.appendChild(el("span", "cm-card__codes cm-card__codes--" + line.key, line.text));
  });
  box.appendChild(layers);
  const relations = relationsPart(data, root, c);
  if (relations) box.appendChild(relations);
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
