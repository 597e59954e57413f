//# allFunctionsCalledOnLoad
// @ts-check
/* The map's look in the current theme (Material light "default" or dark "slate"): node groups
 * per kind and layer, and each edge kind's line from the vocabulary. Each kind has its own dash
 * pattern (not colour alone: WCAG 1.4.1), and every line is drawn at >= 3:1 against the page in
 * both palettes (WCAG 1.4.11). */

import { layerIds } from "./model.js";
import { parseRgb, rgb, mix } from "./util.js";
import { edgeVocab, layerColour, nodeKinds } from "./vocab.js";
import { BAND_FONT, DETAIL_FONT, SECTION_FONT } from "./levels.js";

/** @typedef {import("./types.js").Payload} Payload */
/** @typedef {import("./types.js").Palette} Palette */

const WHITE = [255, 255, 255];

/** The theme's colours; the layers' are the stylesheet's --cm-layer-N, else the payload's.
 * @param {Payload} data @returns {Palette} */
export function palette(data) {
  const cs = getComputedStyle(document.body);
  const bg = parseRgb(cs.backgroundColor) || [255, 255, 255];
  const dark = (0.299 * bg[0] + 0.587 * bg[1] + 0.114 * bg[2]) < 128;
  const fg = dark ? [226, 228, 233] : [33, 33, 33];
  const root = getComputedStyle(document.documentElement);
  /** @type {Record<number, number[]>} */
  const layer = {};
  layerIds(data).forEach((n) => {
    layer[n] = parseRgb(root.getPropertyValue("--cm-layer-" + n)) ||
      parseRgb(layerColour(data, n)) || fg;
  });
  /* Labels use the site's font stack: it matches the text around the map, and naming a
     Japanese font up front spares the canvas a slow per-glyph fallback search. */
  return { dark, bg, fg, layer, font: cs.fontFamily || "sans-serif" };
}

/** vis-network's colour set: one background and border, the focus border in the text colour.
 * @param {number[]} background @param {number[]} border @param {Palette} pal */
function colourSet(background, border, pal) {
  const focus = { background: rgb(background), border: rgb(pal.fg) };
  return { background: rgb(background), border: rgb(border), highlight: focus, hover: focus };
}

/** The node groups "<kind>-<layer>" of the payload in a palette.
 * @param {Payload} data @param {Palette} pal
 * @returns {Record<string, any>} */
export function groups(data, pal) {
  /** @type {Record<string, any>} */
  const out = {};
  const k = nodeKinds(data);
  layerIds(data).forEach((n) => {
    const c = pal.dark ? mix(pal.layer[n], WHITE, 0.2) : pal.layer[n];  /* contrast on slate */
    const tint = mix(c, pal.bg, pal.dark ? 0.72 : 0.86);
    /* band and chapter boxes carry white text: the layer colour itself in both palettes
       (white on it >= 4.5:1; the lightened colour would drop below that on slate) */
    const solid = colourSet(pal.layer[n], c, pal);
    const light = colourSet(tint, c, pal);
    const text = { color: rgb(pal.fg), size: DETAIL_FONT, face: pal.font };
    out[k.layer + "-" + n] = { shape: "box", color: solid, margin: 14, borderWidth: 2,
      font: { color: rgb(WHITE), size: BAND_FONT, face: pal.font } };
    out[k.page + "-" + n] = { shape: "box", color: solid, margin: 8, borderWidth: 2,
      font: { color: rgb(WHITE), size: 20, face: pal.font } };
    out[k.section + "-" + n] = { shape: "box", margin: 4, borderWidth: 1,
      shapeProperties: { borderRadius: 2 }, color: light,
      font: Object.assign({}, text, { size: SECTION_FONT }) };
    /* concepts: rounded tinted boxes; products: square boxes with a dashed border (the
       legend says so in words: shape, not colour, tells them apart) */
    out[k.concept + "-" + n] = { shape: "box", margin: 4, borderWidth: 2, color: light,
      shapeProperties: { borderRadius: 10 }, font: text };
    out[k.product + "-" + n] = { shape: "box", margin: 4, borderWidth: 2, color: light,
      shapeProperties: { borderRadius: 0, borderDashes: [4, 3] }, font: text };
  });
  return out;
}

/** @param {Palette} pal */
export function edgeDefaults(pal) {
  return { color: { color: rgb(pal.fg, 0.45), highlight: rgb(pal.fg), hover: rgb(pal.fg),
    inherit: false }, width: 1.2, dashes: false };
}

/** The line of an edge of `kind` ending in `layer`: the vocabulary's dashes, width, arrow and
 * colour in the palette ("layer": the layer's own, lightened on dark backgrounds).
 * @param {Payload} data @param {string} kind @param {Palette} pal @param {number | undefined} layer
 * @returns {{ color?: string, dashes?: number[] | false, width?: number, arrows?: object }} */
export function edgeStyle(data, kind, pal, layer) {
  const v = edgeVocab(data, kind);
  if (!v.colour) return {};
  const named = pal.dark ? v.colour.dark : v.colour.light;
  const own = pal.layer[layer || 0] || pal.fg;
  /** @type {{ color?: string, dashes?: number[] | false, width?: number, arrows?: object }} */
  const style = { color: named === "layer" ? rgb(pal.dark ? mix(own, WHITE, 0.35) : own, 0.8) : named };
  if (v.dashes) style.dashes = v.dashes;
  if (v.width) style.width = v.width;
  if (v.arrow === false) style.arrows = { to: { enabled: false } };
  return style;
}
