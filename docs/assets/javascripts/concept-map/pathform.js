//# allFunctionsCalledOnLoad
// @ts-check
/* 「XとYの関係」 from two search boxes (出発・到着) with the map search's suggestions (search.js
 * matches() with wordsFor(): the same ranking, synonyms and aliases). A suggestion picked, or the first one for what is
 * typed, is the box's node; 「関係を表示」 (or Enter in the second box) shows the path. Without a
 * map to draw on (a phone's list) the form is sent as a plain GET of ?from=<id>&to=<id>. */

import { matches, nodeButton, wordsFor } from "./search.js";
import { focusParam } from "./model.js";

/** @typedef {import("./types.js").Model} Model */
/** @typedef {import("./types.js").MapNode} MapNode */

/** The node a box means: the suggestion picked while its text is unchanged, else the best match.
 * @param {Model} model @param {HTMLInputElement} input
 * @param {import("./search.js").Words} [words] synonyms and aliases, once loaded */
export function endOf(model, input, words) {
  const picked = input.getAttribute("data-id") || "";
  if (picked && model.byId[picked] && model.byId[picked].label === input.value) return picked;
  const best = matches(model, input.value, 1, words)[0];
  return best ? best.id : "";
}

/** The suggestions under a box: buttons that fill it. @param {Model} model
 * @param {HTMLInputElement} input @param {HTMLElement} list @param {MapNode[]} found */
function suggest(model, input, list, found) {
  list.textContent = "";
  for (const n of found) {
    list.appendChild(nodeButton(model.data, n, () => {
      input.value = n.label;
      input.setAttribute("data-id", n.id);
      suggest(model, input, list, []);
      input.focus();
    }));
  }
  list.hidden = found.length === 0;
}

/** Suggestions as one types, Esc closes them. @param {Model} model @param {HTMLInputElement} input */
function bindBox(model, input) {
  const list = input.parentElement && input.parentElement.querySelector(".cm-map__suggest");
  if (!(list instanceof HTMLElement)) return;
  input.addEventListener("input", async () => {
    input.removeAttribute("data-id");
    const typed = input.value;
    const words = await wordsFor(model.data);  /* the map search's synonyms and aliases */
    if (input.value === typed) suggest(model, input, list, matches(model, typed, 8, words));
  });
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && !list.hidden) {
      ev.preventDefault();
      ev.stopPropagation();
      suggest(model, input, list, []);
    }
  });
  input.addEventListener("blur", () => {
    setTimeout(() => {  /* a click on a suggestion lands first */
      if (!list.contains(document.activeElement)) suggest(model, input, list, []);
    }, 150);
  });
}

/** The form's boxes show a path's two ends (the path was asked for elsewhere: URL, 「ここから」).
 * @param {Element} root @param {Model} model @param {string} from @param {string} to */
export function showEnds(root, model, from, to) {
  const form = root.querySelector("form.cm-map__pathform");
  if (!form) return;
  for (const [name, id] of [["from", from], ["to", to]]) {
    const input = form.querySelector("input[name=" + name + "]");
    if (input instanceof HTMLInputElement && model.byId[id]) {
      input.value = model.byId[id].label;
      input.setAttribute("data-id", id);
    }
  }
}

/** Wire the form of `root`: `show(from, to)` draws the path (null: send the form as a GET, the
 * ends as ids); `say(text)` reports an end not found. @param {Element} root @param {Model} model
 * @param {((from: string, to: string) => void) | null} show @param {(text: string) => void} say */
export function bindPathForm(root, model, show, say) {
  const form = root.querySelector("form.cm-map__pathform");
  if (!(form instanceof HTMLFormElement)) return;
  const boxes = ["from", "to"].map((name) => form.querySelector("input[name=" + name + "]"));
  const [from, to] = boxes;
  if (!(from instanceof HTMLInputElement) || !(to instanceof HTMLInputElement)) return;
  bindBox(model, from);
  bindBox(model, to);
  /** @type {import("./search.js").Words | undefined} */
  let words;
  const load = () => { wordsFor(model.data).then((w) => { words = w; }); };
  from.addEventListener("focus", load, { once: true });
  to.addEventListener("focus", load, { once: true });
  form.addEventListener("submit", (ev) => {
    const a = endOf(model, from, words);
    const b = endOf(model, to, words);
    if (!a || !b || a === b) {
      ev.preventDefault();
      const missing = !a ? from : !b ? to : to;
      say(a && b ? "出発と到着に別の概念を選んでください。"
        : "「" + missing.value + "」に当たる概念が見つかりませんでした。候補から選んでください。");
      missing.focus();
      return;
    }
    if (show) {
      ev.preventDefault();
      show(a, b);
      return;
    }
    from.value = focusParam(model, a);  /* a plain GET: the URL names the nodes exactly */
    to.value = focusParam(model, b);
  });
}
