//# allFunctionsCalledOnLoad
// @ts-check
/* 「XとYの関係」 from two search boxes (出発・到着) with the map search's suggestions (search.js
 * matches() with wordsFor(): the same ranking, synonyms and aliases). Each box is a combobox
 * (ARIA 1.2 list autocomplete: ↓ / ↑ and aria-activedescendant, Enter picks, Esc or leaving the
 * box closes). A suggestion picked, or the first one for what is typed, is the box's node; 「関係を表示」 (or Enter in the second box) shows the path. Without a
 * map to draw on (a phone's list) the form is sent as a plain GET of ?from=<id>&to=<id>. */

import { matches, nodeText, wordsFor } from "./search.js";
import { focusParam } from "./model.js";
import { closeOnFocusLeave } from "./util.js";

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

const ACTIVE = "cm-map__option--active";

/** The box as a combobox over its list of suggestions (a listbox the box controls, closed).
 * @param {HTMLInputElement} input @param {HTMLElement} list */
function comboboxOf(input, list) {
  if (!list.id) list.id = input.id + "-list";
  list.setAttribute("role", "listbox");
  list.tabIndex = -1;  /* a list that scrolls is not a Tab stop of its own (the box is) */
  const label = input.labels && input.labels[0];
  list.setAttribute("aria-label", (label ? label.textContent || "" : "") + "の候補");
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");
}

/** The options of a box's list. @param {HTMLElement} list @returns {HTMLElement[]} */
function options(list) {
  return /** @type {HTMLElement[]} */ ([...list.querySelectorAll("[role=option]")]);
}

/** Make option `i` the active one (aria-activedescendant: the focus stays in the box); -1: none.
 * @param {HTMLInputElement} input @param {HTMLElement} list @param {number} i */
function activate(input, list, i) {
  options(list).forEach((o, j) => {
    o.setAttribute("aria-selected", String(j === i));
    o.classList.toggle(ACTIVE, j === i);
    if (j === i) {
      input.setAttribute("aria-activedescendant", o.id);
      o.scrollIntoView({ block: "nearest" });
    }
  });
  if (i < 0) input.removeAttribute("aria-activedescendant");
}

/** The suggestions under a box (options that fill it when picked); none: the list closes.
 * @param {Model} model @param {HTMLInputElement} input @param {HTMLElement} list
 * @param {MapNode[]} found */
function suggest(model, input, list, found) {
  list.textContent = "";
  input.removeAttribute("aria-activedescendant");
  found.forEach((n, i) => {
    const li = nodeText(model.data, n, document.createElement("li"));
    li.id = list.id + "-" + i;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    li.addEventListener("click", () => pickOption(model, input, list, li));
    list.appendChild(li);
  });
  list.hidden = found.length === 0;
  input.setAttribute("aria-expanded", String(found.length > 0));
}

/** An option picked: its node fills the box, the list closes, the focus stays in the box.
 * @param {Model} model @param {HTMLInputElement} input @param {HTMLElement} list
 * @param {HTMLElement} option */
function pickOption(model, input, list, option) {
  const n = model.byId[option.getAttribute("data-id") || ""];
  if (!n) return;
  input.value = n.label;
  input.setAttribute("data-id", n.id);
  suggest(model, input, list, []);
  input.focus();
}

/** The option an arrow key makes active: the next (step 1, ↓) or the previous (step -1, ↑) one,
 * round the ends; from none active (`at` -1: the list just opened, or nothing chosen yet) ↓ goes
 * to the first and ↑ to the last (ARIA APG combobox); -1 when there are no options.
 * @param {number} at @param {number} count @param {1 | -1} step */
export function arrowTarget(at, count, step) {
  if (count === 0) return -1;
  if (at < 0) return step > 0 ? 0 : count - 1;
  return (at + step + count) % count;
}

/** The box's keys: ↓ / ↑ move through the suggestions (on a closed box they open them, at the
 * first or the last), Enter picks the active one (else the form is sent), Esc closes them.
 * @param {Model} model @param {HTMLInputElement} input
 * @param {HTMLElement} list @param {() => Promise<void>} open @param {KeyboardEvent} ev */
async function onBoxKey(model, input, list, open, ev) {
  const all = options(list);
  const at = all.findIndex((o) => o.classList.contains(ACTIVE));
  if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
    ev.preventDefault();
    const step = ev.key === "ArrowDown" ? 1 : -1;
    if (list.hidden) { await open(); activate(input, list, arrowTarget(-1, options(list).length, step)); return; }
    activate(input, list, arrowTarget(at, all.length, step));
  } else if (ev.key === "Enter" && !list.hidden && at >= 0) {
    ev.preventDefault();
    pickOption(model, input, list, all[at]);
  } else if (ev.key === "Escape" && !list.hidden) {
    ev.preventDefault();
    ev.stopPropagation();
    suggest(model, input, list, []);
  }
}

/** Suggestions as one types; the keys of onBoxKey; the list closes when the focus leaves the box
 * and the list for anything else (a pointer on an option keeps the focus in the box).
 * @param {Model} model @param {HTMLInputElement} input */
function bindBox(model, input) {
  const list = input.parentElement && input.parentElement.querySelector(".cm-map__suggest");
  if (!(list instanceof HTMLElement)) return;
  comboboxOf(input, list);
  const open = async () => {
    const typed = input.value;
    const words = await wordsFor(model.data);  /* the map search's synonyms and aliases */
    if (input.value === typed && document.activeElement === input) {
      suggest(model, input, list, typed.trim() ? matches(model, typed, 8, words) : []);
    }
  };
  input.addEventListener("input", () => { input.removeAttribute("data-id"); open(); });
  input.addEventListener("keydown", (ev) => { onBoxKey(model, input, list, open, ev); });
  closeOnFocusLeave([input, list], () => suggest(model, input, list, []));
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
      const missing = !a ? from : to;
      const name = (missing.labels && missing.labels[0] && missing.labels[0].textContent) || "";
      say(a && b ? "出発と到着に別の概念を選んでください。"
        : !missing.value.trim() ? name + "に概念の名前を入れてください。"  /* an empty box: not 「」 */
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
