// @ts-check
/**
 * Draws the page's ```diagram figures (sitedocs/diagrams.py) with the site's own copy of Mermaid
 * (assets/vendor/mermaid/, loaded only on pages that have a diagram) and draws them again when the
 * reader switches the palette. The source text stays in the page for readers without JavaScript;
 * Mermaid's "strict" security level escapes every label (no HTML, no click handlers).
 */

const FIGURE = "figure.cm-diagram";
const SOURCE = ".cm-diagram__source";
const DRAWN = "cm-diagram__svg";

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

/**
 * Wide diagrams shrink to at most 3/4 of their drawn size, then scroll sideways inside their
 * figure (keyboard-reachable), so labels stay legible on a phone.
 * @param {HTMLElement} holder
 */
function fit(holder) {
  const svg = holder.querySelector("svg");
  if (!svg) return;
  const natural = svg.viewBox.baseVal.width;
  if (!natural) return;
  const width = Math.max(Math.min(natural, holder.clientWidth), natural * 0.75);
  svg.removeAttribute("width");
  svg.style.maxWidth = "none";
  svg.style.width = `${width}px`;
  if (holder.scrollWidth > holder.clientWidth + 1) {
    holder.tabIndex = 0;
    holder.setAttribute("role", "region");
    holder.setAttribute("aria-label", `${svg.querySelector("title")?.textContent || "図"}（横にスクロールできます）`);
  }
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
    const { svg } = await mermaid.render(`cm-diagram-${index}-${Date.now()}`, text);
    const holder = document.createElement("div");
    holder.className = DRAWN;
    // Parsed by an inert document (no innerHTML on the page; scripts of a parsed document never
    // run), then adopted.
    const svgElement = new DOMParser().parseFromString(svg, "text/html").querySelector("svg");
    if (!svgElement) throw new Error("Mermaid returned no SVG");
    holder.append(document.importNode(svgElement, true));
    figure.querySelector(`.${DRAWN}`)?.remove();
    figure.insertBefore(holder, source);
    fit(holder);
    figure.classList.add("cm-diagram--drawn");
  } catch (error) {
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
    mermaid.initialize({
      startOnLoad: false, securityLevel: "strict", theme: "base", themeVariables: themeVariables(),
      htmlLabels: false,
      fontFamily: getComputedStyle(document.body).fontFamily,
      flowchart: { htmlLabels: false, useMaxWidth: true, wrappingWidth: 320 },
    });
    for (const [index, figure] of figures.entries()) await draw(mermaid, figure, index);
    document.body.setAttribute("data-cm-diagrams", "drawn");
  };
  await drawAll();
  let last = theme();
  new MutationObserver(() => {
    if (theme() !== last) { last = theme(); drawAll(); }
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
}

main();
