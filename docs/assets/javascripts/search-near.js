// @ts-check
/* The header search's empty result, pure part (search-suggest.js holds the DOM side): the
 * concepts nearest to a query that finds no page (./search-rank.js over cards.json: names,
 * aliases and the synonym table search_ja/synonyms.tsv, the same vocabulary as the index, the map
 * search and the 早見表 filter), and the sentence that says so. */

import { FOUND, labelNames, noMatchText, rank, suggest } from "./search-rank.js";

/** @typedef {{ label: string, url: string, aliases?: string[], summary?: string }} Concept */

/** The concepts to suggest for `query`, best first: matches by name, then the nearest names.
 * @param {Concept[]} concepts @param {string[][]} groups @param {string} query @param {number} [limit]
 * @returns {Concept[]} */
export function suggestions(concepts, groups, query, limit = 3) {
  const entries = concepts.map((c) => ({ names: [...labelNames(c.label), ...(c.aliases || [])] }));
  /** @type {number[]} */
  const picked = [];
  for (const hit of [...rank(entries, query, groups), ...suggest(entries, query, groups, limit)]) {
    if (picked.indexOf(hit.index) < 0) picked.push(hit.index);
  }
  return picked.slice(0, limit).map((i) => concepts[i]);
}

/** The sentence over the suggestions: no page found, and what follows (the nearest concepts, or
 * other wordings to try), as every search surface says it (./search-rank.js noMatchText).
 * @param {string} query @param {number} near how many suggestions */
export function emptyText(query, near) {
  return noMatchText(query, FOUND.pages, near);
}

/** A concept's name as a suggestion's link text (its label without brackets).
 * @param {Concept} concept */
export function conceptName(concept) {
  return labelNames(concept.label)[0];
}
