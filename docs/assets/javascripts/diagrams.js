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

/** @returns {"dark" | "default"} Mermaid's theme for Material's current palette. */
function theme() {
  return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "default";
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
      startOnLoad: false, securityLevel: "strict", theme: theme(),
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
