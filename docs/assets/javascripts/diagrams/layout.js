// @ts-check
/* Pure parts of diagrams.js: the other directions of a flowchart's source (a phone may read a
 * diagram better top-down than left-right, or the other way round; the whole diagram turned or
 * only its subgraphs), and how wide a drawn
 * diagram is shown in a column of a given width. */

/** Mermaid's label size (diagrams.js themeVariables) and the smallest size a label may be scaled
 * to; below it the diagram scrolls sideways instead. */
export const FONT_PX = 14;
export const MIN_FONT_PX = 11;

const TOP = /^(\s*(?:flowchart|graph)\s+)(LR|RL|TD|TB|BT)\b/m;
const SUB = /^(\s*direction\s+)(LR|RL|TD|TB|BT)\b/gm;
/** @param {string} dir */
const other = (dir) => (dir === "LR" || dir === "RL" ? "TB" : "LR");

/** The flowchart's source with its direction and every subgraph's turned by 90°; null for a
 * source that is not a flowchart (a sequence diagram has one layout). @param {string} text */
export function turned(text) {
  if (!TOP.test(text)) return null;
  return text.replace(TOP, (_, head, dir) => head + other(dir))
    .replace(SUB, (_, head, dir) => head + other(dir));
}

/** The flowchart's source with only its subgraphs' directions turned (rows of boxes stacked
 * top-down become columns, the subgraphs still stacked); null for a source without a
 * subgraph direction or that is not a flowchart. @param {string} text */
export function turnedInside(text) {
  if (!TOP.test(text) || !text.match(SUB)) return null;
  return text.replace(SUB, (_, head, dir) => head + other(dir));
}

/**
 * The width to draw a diagram `natural` px wide (labels at FONT_PX) in a column `column` px
 * wide: its own width when it fits; shrunk to the column while labels stay >= MIN_FONT_PX;
 * else shrunk that far and scrolling sideways.
 * @param {number} natural @param {number} column
 * @returns {{ width: number, scrolls: boolean }}
 */
export function plan(natural, column) {
  if (natural <= column) return { width: natural, scrolls: false };
  const smallest = natural * MIN_FONT_PX / FONT_PX;
  if (smallest <= column) return { width: column, scrolls: false };
  return { width: Math.ceil(smallest), scrolls: true };
}
