// @ts-check
/* One search vocabulary for the map's search box and the 早見表 filter (pure: no DOM).
 *
 * Entries are named things (a map node, a 早見表 row, a concept); a query is matched against
 * their names and, more weakly, their text. The synonym groups are search_ja/synonyms.tsv, as
 * cards.json carries them (`synonyms`: one list of terms per group), the same table the header
 * search indexes: a query equal to any term of a group also looks for the group's other terms
 * (「拡張思考」 finds 思考ブロック, 「prompt caching」 finds プロンプトキャッシュ).
 *
 * Best match first, in tiers: a name equal to the query; a name equal to a synonym; a name that
 * ends with the query (the head of a Japanese compound: プロンプトキャッシュ is a キャッシュ); a name
 * that starts with it (ツール層 for ツール, weaker than ツール itself); a name that contains it; every
 * part of a longer query in the names, or some there and the rest in the group the entry sits under
 * (「ベクトル検索」: ベクトルデータベース under 検索・知識) — what the entry is called beats what another
 * entry's text mentions; the text that contains it; every part of a longer query (「MCPとLLMの関係」
 * → MCP, LLM, 関係) somewhere.
 * Ties: the entry's own rank (concepts before products before sections), own names before
 * aliases and synonyms, then shorter labels, then input order.
 * `suggest` lists the nearest names when nothing matches (parts of the query, prefixes, shared
 * character pairs, edit distance), and `noMatchText` is the sentence that says so, the same on
 * every search surface (the header search's search-near.js loads this module too). */

/** @typedef {{ names: string[], aliases?: string[], text?: string, group?: string, rank?: number }} Entry
 *  names: the entry's own names (names[0] is the label; bracketed names, a slug); aliases:
 *  other names it is known by (synonyms of its label, its defining heading), which match one
 *  step weaker than its own names; group: the heading it sits under (the 早見表's category), which
 *  may hold the parts of a query its names lack; rank: the entry's kind (concepts before
 *  products before sections), ahead of the other tie-breaks.
 * @typedef {{ index: number, tier: number, name: string }} Hit
 *  index into the entries, tier (lower is better, TIERS), the name that matched. */

/** The tiers of a match, best first. */
export const TIERS = Object.freeze({
  exact: 0, synonym: 1, head: 2, prefix: 3, inside: 4, named: 5, text: 6, parts: 7,
});

/** Text compared loosely: NFKC, lower case, without spaces, dashes, dots and 中黒.
 * @param {unknown} text */
export function norm(text) {
  return String(text || "").normalize("NFKC").toLowerCase().replace(/[\s\-_・･.]/g, "");
}

const PAREN = /[（(]([^）)]*)[）)]/g;

/** The names in a label: the label without brackets, and each bracketed alias
 * (「ツール結果（tool_result / functionResponse）」 → ツール結果, tool_result, functionResponse),
 * the whole label too. Same rule as search_ja/index.py concept_names.
 * @param {string} label @returns {string[]} */
export function labelNames(label) {
  const out = [String(label || "").replace(PAREN, " ").trim()];
  for (const m of String(label || "").matchAll(PAREN)) {
    for (const part of m[1].split(/[／/、,]/)) out.push(part.trim());
  }
  out.push(String(label || ""));
  return [...new Set(out.filter(Boolean))];
}

/** The other terms of every synonym group that has a term equal to `query` (loosely).
 * @param {string} query @param {string[][]} groups @returns {string[]} normalised */
export function synonymsOf(query, groups) {
  const q = norm(query);
  /** @type {Set<string>} */
  const out = new Set();
  if (!q) return [];
  for (const group of groups || []) {
    const terms = group.map(norm);
    if (terms.indexOf(q) >= 0) for (const t of terms) if (t && t !== q) out.add(t);
  }
  return [...out];
}

const PARTICLES = /[\s\u3000、。,，・/／]+|(?<=[\p{sc=Han}\p{sc=Katakana}A-Za-z0-9])(?:と|の|や|を|で|に|へ|から|まで|による|とは)(?=[\p{sc=Han}\p{sc=Katakana}A-Za-z0-9])/u;

const JA = "\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}ー";
const SCRIPT_EDGE = new RegExp("(?<=[A-Za-z0-9])(?=[" + JA + "])|(?<=[" + JA + "])(?=[A-Za-z0-9])"
  + "|(?<=[\\p{sc=Katakana}ー])(?=\\p{sc=Han})", "u");

/** The parts of a longer query, split at spaces, punctuation, particles between words and where
 * Latin letters meet Japanese or katakana meets kanji (「MCPとLLMの関係」 → mcp, llm, 関係;
 * 「A2Aプロトコル」 → a2a, プロトコル; 「サンドボックス化」 → サンドボックス: a one-character
 * part next to longer ones is a suffix and left out); one part for a plain word.
 * @param {string} query @returns {string[]} normalised */
export function queryParts(query) {
  const parts = String(query || "").normalize("NFKC").split(PARTICLES)
    .flatMap((p) => p.split(SCRIPT_EDGE)).map(norm).filter(Boolean);
  const long = parts.filter((p) => p.length > 1 || /^[a-z0-9]$/.test(p));
  return [...new Set(long.length ? long : parts)];
}

/** The tier of one name for a normalised query (or -1).
 * @param {string} name normalised @param {string} q @param {boolean} synonym */
function nameTier(name, q, synonym) {
  if (name === q) return synonym ? TIERS.synonym : TIERS.exact;
  if (q.length < 2 && !/^[a-z0-9]$/.test(q)) return name.indexOf(q) === 0 ? TIERS.prefix : -1;
  if (name.endsWith(q)) return TIERS.head;
  if (name.startsWith(q)) return TIERS.prefix;
  if (name.indexOf(q) >= 0) return TIERS.inside;
  return -1;
}

/** @typedef {{ tier: number, via: number, synonym: boolean, name: string, score: number }} Match
 *  via: 0 own name and query, 1 own name and a synonym of the query, 2 an alias and the query,
 *  3 an alias and a synonym (an own name found through the table beats an alias); score: parts found
 *  in the names (TIERS.named), parts found (TIERS.parts, names count twice). */

/** How well one entry matches; null when it does not. A match through an alias or a synonym
 * of the query is `synonym` (an exact one is TIERS.synonym). TIERS.named: every part of the query
 * in the names (own or aliases) or the group, at least one in the names. By parts, every part must
 * be found, but one may be missing from a query of three or more parts.
 * @param {Entry} entry @param {string} q @param {string[]} synonyms @param {string[]} parts
 * @returns {Match | null} */
export function matchEntry(entry, q, synonyms, parts) {
  /** @type {Match | null} */
  let best = null;
  const own = entry.names.length;
  const all = [...entry.names, ...(entry.aliases || [])];
  const names = all.map(norm);
  for (const [i, name] of names.entries()) {
    for (const [j, term] of [q, ...synonyms].entries()) {
      const via = (j > 0 ? 1 : 0) + (i >= own ? 2 : 0);  // a synonym of the query, an alias, both
      const tier = nameTier(name, term, via > 0);
      if (tier < 0) continue;
      if (!best || tier < best.tier || (tier === best.tier && via < best.via)) {
        best = { tier, via, synonym: via > 0, name: all[i], score: 0 };
      }
    }
  }
  if (best) return best;
  const split = parts.length > 1 || (parts.length === 1 && parts[0] !== q);
  const group = norm(entry.group || "");
  const inNames = (/** @type {string} */ p) => names.some((n) => n.indexOf(p) >= 0);
  if (split && parts.some(inNames) && parts.every((p) => inNames(p) || group.indexOf(p) >= 0)) {
    return { tier: TIERS.named, via: 0, synonym: false, name: entry.names[0], score: parts.filter(inNames).length };
  }
  const text = norm(entry.text || "");
  for (const [j, term] of [q, ...synonyms].entries()) {
    if (term.length >= 2 && text.indexOf(term) >= 0) {
      return { tier: TIERS.text, via: j > 0 ? 1 : 0, synonym: j > 0, name: entry.names[0], score: 0 };
    }
  }
  if (parts.length > 1 || (parts.length === 1 && parts[0] !== q)) {
    const inName = parts.filter((p) => names.some((n) => n.indexOf(p) >= 0)).length;
    const found = parts.filter((p) => names.some((n) => n.indexOf(p) >= 0) || text.indexOf(p) >= 0).length;
    if (found >= (parts.length <= 2 ? parts.length : parts.length - 1)) {
      return { tier: TIERS.parts, via: 0, synonym: false, name: entry.names[0], score: found + inName };
    }
  }
  return null;
}

/** The entries matching `query`, best first.
 * @param {Entry[]} entries @param {string} query @param {string[][]} [groups] synonym groups
 * @returns {Hit[]} */
export function rank(entries, query, groups = []) {
  const q = norm(query);
  if (!q) return [];
  const synonyms = synonymsOf(query, groups);
  const parts = queryParts(query);
  /** @type {{ hit: Hit, key: number[] }[]} */
  const found = [];
  entries.forEach((entry, index) => {
    const m = matchEntry(entry, q, synonyms, parts);
    if (!m) return;
    found.push({ hit: { index, tier: m.tier, name: m.name },
      key: [m.tier, -m.score, entry.rank || 0, m.via, norm(entry.names[0]).length, index] });
  });
  found.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i] - b.key[i];
    return 0;
  });
  return found.map((f) => f.hit);
}

/** Edit distance (insertions, deletions, substitutions) of two short strings.
 * @param {string} a @param {string} b */
export function editDistance(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}

/** @param {string} s @returns {Set<string>} */
function pairs(s) {
  const out = new Set();
  for (let i = 0; i < s.length - 1; i++) out.add(s.slice(i, i + 2));
  if (s.length === 1) out.add(s);
  return out;
}

/** Similarity of a query and a name, 0…1 (shared character pairs, a shared start, few edits).
 * @param {string} q normalised @param {string} name normalised */
export function similarity(q, name) {
  if (!q || !name) return 0;
  const a = pairs(q);
  const b = pairs(name);
  let shared = 0;
  for (const p of a) if (b.has(p)) shared++;
  const dice = (2 * shared) / (a.size + b.size);
  let start = 0;
  while (start < q.length && start < name.length && q[start] === name[start]) start++;
  const edits = 1 - editDistance(q, name) / Math.max(q.length, name.length);
  return Math.max(dice, edits, start >= 2 ? start / Math.max(q.length, name.length) + 0.2 : 0);
}

/** The nearest entries to a query that matches nothing: the entries the parts of the query
 * match, then the most similar names (similarity ≥ `floor`); at most `limit`.
 * @param {Entry[]} entries @param {string} query @param {string[][]} [groups]
 * @param {number} [limit] @param {number} [floor] @returns {Hit[]} */
export function suggest(entries, query, groups = [], limit = 3, floor = 0.34) {
  /** @type {Map<number, { hit: Hit, score: number }>} */
  const out = new Map();
  const parts = queryParts(query);
  for (const part of parts.length > 1 ? parts : []) {
    for (const hit of rank(entries, part, groups).slice(0, 2)) {
      if (hit.tier > TIERS.inside) continue;
      if (!out.has(hit.index)) out.set(hit.index, { hit, score: 2 - hit.tier / 10 });
    }
  }
  const q = norm(query);
  entries.forEach((entry, index) => {
    let best = 0;
    let name = entry.names[0];
    for (const n of [...entry.names, ...(entry.aliases || [])]) {
      const s = similarity(q, norm(n));
      if (s > best) { best = s; name = n; }
    }
    if (best >= floor && !out.has(index)) out.set(index, { hit: { index, tier: TIERS.parts + 1, name }, score: best });
  });
  return [...out.values()]
    .sort((a, b) => b.score - a.score || (entries[a.hit.index].rank || 0) - (entries[b.hit.index].rank || 0)
      || a.hit.index - b.hit.index)
    .slice(0, limit).map((x) => x.hit);
}

/** What each search surface lists, as its no-result sentence names it: the header search's pages
 * (it offers the nearest concepts), the map search's items (nodes), the 早見表 filter's rows.
 * @typedef {{ unit: string, near: string }} Found */
export const FOUND = {
  pages: { unit: "ページ", near: "概念" },
  items: { unit: "項目", near: "項目" },
  rows: { unit: "行", near: "行" },
};

/** The one sentence every search surface says when nothing matches (the header search, the map
 * search and its phone list, the 早見表 filter): 「<query>」に一致する<unit>はありません。, then
 * 「近い<near>：」 when the caller lists `near` (> 0) nearest ones after it, else other wordings to
 * try. `total`: how many there are in all, said in the sentence (the 早見表's rows). An empty
 * query (the 早見表's layer filters alone) names the conditions instead.
 * @param {string} query @param {Found} found @param {number} near @param {number} [total] */
export function noMatchText(query, found, near, total) {
  const q = query.trim();
  const all = total === undefined ? "" : "（全 " + total + " 件）";
  if (!q) return "条件に一致する" + found.unit + "はありません" + all + "。";
  return "「" + q + "」に一致する" + found.unit + "はありません" + all + "。"
    + (near > 0 ? "近い" + found.near + "：" : "別の言い方（英語名・略称・カタカナ表記）で試してください。");
}
