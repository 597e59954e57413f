//# allFunctionsCalledOnLoad
// @ts-check
/* Semantic zoom: the overview shows the bands with their concepts' short names; sections, full
 * names and edges come with zoom. Every label is drawn at LABEL_PX CSS px or not at all. Pure. */

/** @typedef {import("./types.js").Model} Model */
/** @typedef {import("./types.js").MapNode} MapNode */
/** @typedef {import("./types.js").MapEdge} MapEdge */
/** @typedef {import("./types.js").State} State */

export const LABEL_PX = 12;         /* every label is drawn at (at least) this many CSS px ... */
export const DRAW_THRESHOLD = 12;   /* ... vis-network draws none below 11 px (fades 11–12) */
export const DETAIL_SCALE = 1.1;    /* from this scale on: sections and full names */
export const DETAIL_FONT = 12;      /* canvas units of a label at the detail level (≥ 13 px there) */
export const SECTION_FONT = 11;     /* ≥ 12 px from DETAIL_SCALE */
export const BAND_FONT = 30;
export const MAX_SCALE = 3;
export const HIDDEN_FONT = 1;       /* a label this small is never drawn ("hidden") */

/** The grid cell of a payload (canvas units) and its short labels' size: its `cell`, declared
 * once in Python (views/layout.py COL_WIDTH, ROW_HEIGHT; views/render.py SHORT_EM, SHORT_LINES)
 * and always sent by map_payload. @param {import("./types.js").Payload} data
 * @returns {import("./types.js").Cell} */
export function cellOf(data) {
  return data.cell;
}

/** The screen px a short label needs: its line width (em) and its lines with some leading.
 * @param {import("./types.js").Cell} cell */
function shortLabelPx(cell) {
  return { w: cell.em * LABEL_PX, h: (cell.lines + 0.4) * LABEL_PX };
}

/** @param {Model} model @param {MapNode} n */
function isText(model, n) {
  const k = model.k;
  return n.kind === k.concept || n.kind === k.product || n.kind === k.section;
}

/** The label and font size (canvas units; null: the group's) of a node at a scale; a size of
 * HIDDEN_FONT hides it. `sectionsOn`: the reader asked for the sections.
 * @param {Model} model @param {MapNode} n @param {number} scale @param {boolean} local
 * @param {boolean} [sectionsOn]
 * @returns {{ label: string, size: number | null }} */
export function labelAt(model, n, scale, local, sectionsOn = false) {
  const at = plainLabelAt(model, n, scale, local, sectionsOn);
  /* a section with 📘 links the weekly link report found broken or redirected: ⚠ in front */
  return n.link_issues ? { label: "⚠ " + at.label, size: at.size } : at;
}

/** @param {Model} model @param {MapNode} n @param {number} scale @param {boolean} local
 * @param {boolean} sectionsOn
 * @returns {{ label: string, size: number | null }} */
function plainLabelAt(model, n, scale, local, sectionsOn) {
  const k = model.k;
  if (!isText(model, n)) return { label: n.wrap || n.label, size: null };
  if (scale >= DETAIL_SCALE) {
    return { label: n.wrap || n.label, size: n.kind === k.section ? SECTION_FONT : DETAIL_FONT };
  }
  const short = n.short || n.wrap || n.label;
  const cell = cellOf(model.data);
  /* does a short label (≤ cell.em wide, cell.lines lines) fit its grid cell at this scale? */
  const need = shortLabelPx(cell);
  const fits = cell.w * scale >= need.w && cell.h * scale >= need.h;
  if (!fits || (n.kind === k.section && !local && !sectionsOn)) {
    return { label: short, size: HIDDEN_FONT };
  }
  return { label: short, size: Math.ceil(LABEL_PX / scale * 100) / 100 };
}

/** Sections are shown always on a local map, else on request or at the detail level.
 * @param {State} state @param {number} scale @param {boolean} local */
export function sectionsShown(state, scale, local) {
  return local || state.sections || scale >= DETAIL_SCALE;
}

/** Edges are context: the overview draws none (the focus overlay draws a node's own); the
 * detail level, a local map or 「節も表示」 draws every checked kind.
 * @param {State} state @param {MapEdge} e @param {number} scale @param {boolean} local */
export function edgeHidden(state, e, scale, local) {
  return !state.edges.has(e.kind) || !(local || state.sections || scale >= DETAIL_SCALE);
}

/** @param {Model} model @param {State} state @param {MapNode} n @param {number} scale
 * @param {boolean} local */
export function nodeHidden(model, state, n, scale, local) {
  if (!state.layers.has(n.layer)) return true;
  return n.kind === model.k.section && !sectionsShown(state, scale, local);
}

/** How far above the smallest readable scale a view that fits must be (else it is clamped). */
export const READABLE_SLACK = 1.005;

/** The smallest scale at which a short label can be read (used when the fit is smaller).
 * @param {{ data: import("./types.js").Payload }} model */
export function minReadableScale(model) {
  const cell = cellOf(model.data);
  const need = shortLabelPx(cell);
  return Math.max(need.w / cell.w, need.h / cell.h);
}

/** The candidate (a neighbour, else any visible node) of `from` that lies in the arrow's
 * direction and is nearest, weighing the sideways distance double.
 * @template {{ x: number, y: number }} P
 * @param {P[]} candidates @param {{ x: number, y: number }} from @param {number[]} dir
 * @returns {P | null} */
export function stepTarget(candidates, from, dir) {
  /** @type {P | null} */
  let best = null;
  let bestCost = Infinity;
  candidates.forEach((c) => {
    const dx = c.x - from.x;
    const dy = c.y - from.y;
    const along = dx * dir[0] + dy * dir[1];
    if (along <= 0) return;
    const across = Math.abs(dx * dir[1] - dy * dir[0]);
    if (across > along * 2.5) return;
    const cost = along + 2 * across;
    if (cost < bestCost) { bestCost = cost; best = c; }
  });
  return best;
}
