// @ts-check
/**
 * Draws the page's ```diagram figures (sitedocs/diagrams.py) with the site's own copy of Mermaid
 * (assets/vendor/mermaid/, loaded only on pages that have a diagram) and draws them again when the
 * reader switches the palette. The source text stays in the page for readers without JavaScript;
 * Mermaid's "strict" security level escapes every label (no HTML, no click handlers).
 * In a column too narrow for a diagram (a phone) it also tries the diagram turned by 90° and
 * with only its subgraphs turned, and keeps the narrowest; what is still too wide at 11-px labels scrolls
 * sideways with a visible cue (diagrams/layout.js). They are drawn again when the column's width
 * changes.
 */

import { plan, turned, turnedInside } from "./diagrams/layout.js";

const FIGURE = "figure.cm-diagram";
const SOURCE = ".cm-diagram__source";
const DRAWN = "cm-diagram__svg";
const SCROLLS = "cm-diagram__svg--scrolls";
const HINT = "cm-diagram__hint";
/** Label wrapping width (px). Not narrower on a phone: Mermaid wraps Japanese text anywhere,
 * inside words (「フ/ック」). */
const WRAP = 320;

/** @returns {string} Material's current palette ("default" or "slate"). */
function theme() {
  return document.body.getAttribute("data-md-color-scheme") || "default";
}

/**
 * A Material colour variable resolved to rgb()/rgba() by the browser (a probe element's CSSOM
 * colour: no inline style attribute, no parsing of hsla(var(--md-hue), …) here).
 * @param {string} name
 */
function colour(name) {
  const probe = document.createElement("span");
  probe.style.color = `var(${name})`;
  document.body.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
}

/** Mermaid's "base" theme coloured from Material's palette: text and lines keep >= 4.5:1 / 3:1. */
function themeVariables() {
  const fg = colour("--md-default-fg-color");
  const bg = colour("--md-default-bg-color");
  const box = colour("--md-code-bg-color");
  const line = colour("--md-default-fg-color--light");
  return {
    fontSize: "14px", background: bg, primaryColor: box, primaryTextColor: fg,
    primaryBorderColor: line, lineColor: line, textColor: fg, edgeLabelBackground: bg,
    clusterBkg: bg, clusterBorder: line, titleColor: fg, secondaryColor: box, tertiaryColor: bg,
    actorBkg: box, actorTextColor: fg, actorBorder: line, signalColor: fg, signalTextColor: fg,
    labelTextColor: fg, noteBkgColor: box, noteTextColor: fg,
  };
}

/** Mermaid's settings for the current palette; `wrap` is the width labels wrap at.
 * @param {number} wrap */
function settings(wrap) {
  return {
    startOnLoad: false, securityLevel: "strict", theme: "base", themeVariables: themeVariables(),
    htmlLabels: false,
    fontFamily: getComputedStyle(document.body).fontFamily,
    /* minNodeWidth: Mermaid 12 widens every short label's box to 152 px; boxes fit their
       labels instead (three side by side then fit a phone) */
    flowchart: { htmlLabels: false, useMaxWidth: true, wrappingWidth: wrap, minNodeWidth: 0 },
  };
}

/** A drawn SVG from Mermaid's text: parsed by an inert document (no innerHTML on the page;
 * scripts of a parsed document never run), then adopted.
 * @param {any} mermaid @param {string} text @param {string} id @param {number} wrap */
async function render(mermaid, text, id, wrap) {
  mermaid.initialize(settings(wrap));
  const { svg } = await mermaid.render(id, text);
  const svgElement = new DOMParser().parseFromString(svg, "text/html").querySelector("svg");
  if (!svgElement) throw new Error("Mermaid returned no SVG");
  return /** @type {SVGSVGElement} */ (document.importNode(svgElement, true));
}

/**
 * The other layouts to try in a column `column` px wide too narrow for the diagram as written (a
 * phone): turned by 90° (a chain of boxes reads down a phone better than across it), and only
 * its subgraphs turned (rows stacked top-down become columns stacked top-down); the narrowest
 * wins.
 * @param {string} text @param {number} column @param {number} natural width of the first
 * @returns {{ text: string, wrap: number }[]}
 */
function alternatives(text, column, natural) {
  if (plan(natural, column).width <= column) return [];
  return [turned(text), turnedInside(text)].filter((alt) => alt !== null)
    .map((alt) => ({ text: /** @type {string} */ (alt), wrap: WRAP }));
}

/**
 * The SVG shown at plan()'s width: shrunk while its labels stay >= MIN_FONT_PX, else it scrolls
 * sideways in a named, keyboard-reachable region, with a fading edge and a line saying so.
 * @param {HTMLElement} figure @param {HTMLElement} holder @param {SVGSVGElement} svg
 */
function fit(figure, holder, svg) {
  const { width, scrolls } = plan(svg.viewBox.baseVal.width, holder.clientWidth);
  svg.removeAttribute("width");
  svg.style.maxWidth = "none";
  svg.style.width = `${width}px`;
  holder.classList.toggle(SCROLLS, scrolls);
  figure.querySelector(`.${HINT}`)?.remove();
  if (!scrolls) return;
  holder.tabIndex = 0;
  holder.setAttribute("role", "region");
  holder.setAttribute("aria-label", `${svg.querySelector("title")?.textContent || "図"}（横にスクロールできます）`);
  const hint = document.createElement("p");
  hint.className = HINT;
  hint.setAttribute("aria-hidden", "true"); // the region's name says it to screen readers
  hint.textContent = "図は横にスクロールできます →";
  figure.insertBefore(hint, holder);
}

/**
 * @param {any} mermaid
 * @param {HTMLElement} figure
 * @param {number} index
 */
async function draw(mermaid, figure, index) {
  const source = figure.querySelector(SOURCE);
  if (!source) return;
  const text = source.textContent || "";
  try {
    const holder = document.createElement("div");
    holder.className = DRAWN;
    figure.querySelector(`.${DRAWN}`)?.remove();
    figure.insertBefore(holder, source);
    const id = `cm-diagram-${index}-${Date.now()}`;
    let svg = await render(mermaid, text, id, WRAP);
    const column = holder.clientWidth;
    for (const [k, alt] of alternatives(text, column, svg.viewBox.baseVal.width).entries()) {
      const other = await render(mermaid, alt.text, `${id}-${k}`, alt.wrap);
      if (other.viewBox.baseVal.width < svg.viewBox.baseVal.width) svg = other;
    }
    holder.append(svg);
    fit(figure, holder, svg);
    figure.classList.add("cm-diagram--drawn");
  } catch (error) {
    figure.querySelector(`.${DRAWN}`)?.remove();
    figure.classList.remove("cm-diagram--drawn"); // the source stays readable
    console.error("diagram", index, error);
  }
}

async function main() {
  /** @type {HTMLElement[]} */
  const figures = Array.from(document.querySelectorAll(FIGURE));
  if (!figures.length) return;
  const url = new URL("../vendor/mermaid/mermaid.esm.min.mjs", import.meta.url).href;
  const mermaid = (await import(url)).default;
  const drawAll = async () => {
    document.body.setAttribute("data-cm-diagrams", "drawing");
    for (const [index, figure] of figures.entries()) await draw(mermaid, figure, index);
    document.body.setAttribute("data-cm-diagrams", "drawn");
  };
  /* one drawing at a time: a palette switch during a resize's redraw waits for it */
  let queue = drawAll();
  const redraw = () => { queue = queue.then(drawAll); };
  await queue;
  let last = theme();
  new MutationObserver(() => {
    if (theme() !== last) { last = theme(); redraw(); }
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  redrawOnResize(figures[0], redraw);
}

/**
 * Draw again when the column's width changes (a phone turned, a window resized): the layout and
 * the scroll cue were chosen for the old width. Debounced: dragging a window's edge reports
 * every step. @param {HTMLElement} figure one of the page's figures @param {() => void} redraw
 */
function redrawOnResize(figure, redraw) {
  if (typeof ResizeObserver === "undefined") return;
  let width = figure.clientWidth;
  let timer = 0;
  new ResizeObserver(() => {
    clearTimeout(timer);
    timer = window.setTimeout(() => {
      const now = figure.clientWidth;
      if (!now || now === width) return;  /* its height changed, or it is out of sight */
      width = now;
      redraw();
    }, 200);
  }).observe(figure);
}

main();
