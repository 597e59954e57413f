// @ts-check
/* Chapter tables on phones (extra.css's phone rules, the same media query): no cell narrower
 * than its widest word. Chromium's `word-break: auto-phrase` does not count phrases when the
 * table sizes its columns, so a column was squeezed to ~5 characters and broke words
 * (「リクエスト組/み立て」, 「ベンダ/ー」). Each word of a cell (Intl.Segmenter: Japanese words from
 * the browser's dictionary) goes into a span that does not break; the table then scrolls sideways
 * under its sticky first column. Text nodes are split and moved, never parsed (no innerHTML). */

const TABLES = ".md-typeset table:not([class])";

/** [start, end) of each word-like segment of `text` longer than one character.
 * @param {string} text @param {{ segment(text: string): Iterable<{ segment: string, index: number, isWordLike?: boolean }> }} segmenter
 * @returns {[number, number][]} */
export function wordSpans(text, segmenter) {
  /** @type {[number, number][]} */
  const out = [];
  for (const s of segmenter.segment(text)) {
    if (s.isWordLike && s.segment.length > 1) out.push([s.index, s.index + s.segment.length]);
  }
  return out;
}

/** Wraps each word of the cell's text in a span that does not break (.cm-word, extra.css).
 * @param {Element} cell @param {any} segmenter */
function keepWords(cell, segmenter) {
  const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  /** @type {Text[]} */
  const texts = [];
  for (let node = walk.nextNode(); node; node = walk.nextNode()) texts.push(/** @type {Text} */ (node));
  for (const text of texts) {
    const spans = wordSpans(text.data, segmenter);
    for (const [start, end] of spans.reverse()) {  // from the end: earlier offsets stay valid
      const word = text.splitText(start);
      word.splitText(end - start);
      const span = document.createElement("span");
      span.className = "cm-word";
      word.replaceWith(span);
      span.append(word);
    }
  }
}

/** On a phone (`phone`: its media query, graph/vocabulary.py MEDIA; "": never), the words of the
 * chapter tables' cells are kept whole (once per page). @param {string} phone */
export function fitTableWords(phone) {
  if (!phone || !window.matchMedia(phone).matches || typeof Intl.Segmenter !== "function") return;
  const segmenter = new Intl.Segmenter("ja", { granularity: "word" });
  for (const table of document.querySelectorAll(TABLES)) {
    if (table.hasAttribute("data-cm-words")) continue;
    table.setAttribute("data-cm-words", "");
    for (const cell of table.querySelectorAll("td, th")) keepWords(cell, segmenter);
  }
}
