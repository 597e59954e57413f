//# allFunctionsCalledOnLoad
// @ts-check
/* The part of the full map's canvas the panel leaves free: its left when the panel stands on
 * the right of the canvas (position: absolute, desktops), its top when the panel is a bottom
 * sheet (position: fixed, phones), else the whole canvas. One computation for placing phrases
 * (phrases.js), framing a path or a walk (pathview.js) and bringing a selection clear of the
 * panel (view.js). */

/** @typedef {import("./view.js").MapView} MapView */
/** @typedef {{ position: string, width: number, height: number }} PanelBox */
/** @typedef {{ w: number, h: number, side: "right" | "bottom" | "" }} FreeArea */

/** CSS px kept between the free part and a side panel. */
export const PANEL_GAP = 24;

/** The free part of a canvas `width` × `height` (CSS px) beside `panel` (null: none shown); never
 * less than a third of the canvas. Pure. @param {number} width @param {number} height
 * @param {PanelBox | null} panel @returns {FreeArea} */
export function freeArea(width, height, panel) {
  if (panel && panel.position === "absolute") {
    return { w: Math.max(width / 3, width - panel.width - PANEL_GAP), h: height, side: "right" };
  }
  if (panel && panel.position === "fixed") {
    return { w: width, h: Math.max(height / 3, height - panel.height), side: "bottom" };
  }
  return { w: width, h: height, side: "" };
}

/** The free part of a view's canvas in CSS px (from its top left corner). @param {MapView} view
 * @returns {FreeArea} */
export function panelFree(view) {
  const panel = view.panel;
  const box = panel && !panel.hidden
    ? { position: getComputedStyle(panel).position, width: panel.offsetWidth, height: panel.offsetHeight }
    : null;
  return freeArea(view.canvas.clientWidth, view.canvas.clientHeight, box);
}

/** The free part of a view's canvas in canvas coordinates. @param {MapView} view */
export function freeRect(view) {
  const free = panelFree(view);
  const tl = view.network.DOMtoCanvas({ x: 0, y: 0 });
  const br = view.network.DOMtoCanvas({ x: free.w, y: free.h });
  return { left: tl.x, top: tl.y, right: br.x, bottom: br.y };
}

/** The view's centre (canvas y) that shows `y` in the middle of the `seen` top part of a view
 * `height` tall (canvas units; `seen` < `height` under a phone's bottom sheet), kept so that
 * neither the view's top nor the seen part's bottom goes past `span` (the visible bands), unless
 * the span is shorter than what is seen. Pure. @param {number} y
 * @param {{ top: number, bottom: number } | null} span @param {number} height @param {number} seen */
export function centreY(y, span, height, seen) {
  const centre = y + height / 2 - seen / 2;
  if (!span || span.bottom - span.top <= seen) return centre;
  return Math.min(Math.max(centre, span.top + height / 2), span.bottom - seen + height / 2);
}
