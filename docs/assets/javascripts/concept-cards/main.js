// @ts-check
/* Concept cards: hovering, focusing or tapping a link to a concept's defining section shows a
 * card built from cards.json (written at build time, views/quickref.py concept_cards; its URL is
 * the script tag's data-cm-cards, from the vocabulary's output paths): see card.js. The card is
 * inserted right after the link, so Tab moves from the link into the card; Escape closes it. The
 * only request is the site's own JSON, made on the first hover/focus of a link. */

import { buildCard } from "./card.js";
import { cardKey, emptyData, indexConcepts, pickConcept } from "./data.js";

/** @typedef {import("./data.js").CardsData} CardsData */
/** @typedef {import("./data.js").Found} Found */

const ROOT = new URL("../../../", import.meta.url);  /* assets/javascripts/concept-cards/ → site root */
const SOURCE = document.querySelector("script[data-cm-cards]");
const CARDS_URL = SOURCE ? new URL(SOURCE.getAttribute("data-cm-cards") || "", location.href).href : "";
const SKIP = ".headerlink, .cm-xref, .cm-card, .cm-qr-maplink, .md-nav, .md-header, .md-footer, .md-tabs";
const OPEN_DELAY = 150;   /* ms of hovering before a card opens */
const CLOSE_DELAY = 250;  /* ms after leaving before it closes (time to move into it) */

const s = {
  /** @type {CardsData | null} */ data: null,
  /** @type {Promise<CardsData> | null} */ loading: null,
  /** @type {Record<string, import("./data.js").Concept[]>} */ byKey: {},
  /** @type {HTMLElement | null} */ card: null,
  /** @type {HTMLAnchorElement | null} */ cardLink: null,
  openTimer: 0,
  closeTimer: 0,
  lastPointer: "",
  /** the link whose card Escape closed: focusing it again keeps it closed */
  /** @type {HTMLAnchorElement | null} */ dismissed: null,
};

/** cards.json, fetched once. @returns {Promise<CardsData>} */
function load() {
  if (!s.loading) {
    s.loading = (CARDS_URL ? fetch(CARDS_URL).then((r) => (r.ok ? r.json() : null)) : Promise.resolve(null))
      .then((json) => /** @type {CardsData} */ (json || emptyData()))
      .catch(() => emptyData())
      .then((data) => {
        s.data = data;
        s.byKey = indexConcepts(data, ROOT);
        return data;
      });
  }
  return s.loading;
}

/** The content link an event's target is in, if it may have a card.
 * @param {EventTarget | null} node @returns {HTMLAnchorElement | null} */
function linkOf(node) {
  const a = node instanceof Element ? node.closest("a[href]") : null;
  if (!(a instanceof HTMLAnchorElement) || a.closest(SKIP) || !a.closest(".md-content")) return null;
  return a;
}

/** The concepts a link leads to, the one it names first. @param {HTMLAnchorElement} a
 * @returns {Found | null} */
function conceptsFor(a) {
  let url;
  try { url = new URL(a.href, location.href); } catch { return null; }
  if (url.origin !== location.origin) return null;
  return pickConcept(s.byKey[cardKey(url)], a.textContent || "");
}

/** Below the link, or above it when there is no room below; inside the window. */
function place() {
  if (!s.card || !s.cardLink) return;
  const rects = s.cardLink.getClientRects();
  const r = rects.length ? rects[0] : s.cardLink.getBoundingClientRect();
  const w = s.card.offsetWidth;
  const h = s.card.offsetHeight;
  const gap = 6;
  let top = r.bottom + gap;
  if (top + h > window.innerHeight - 4 && r.top - gap - h > 4) top = r.top - gap - h;
  const left = Math.max(8, Math.min(r.left, window.innerWidth - w - 8));
  s.card.style.top = Math.round(top) + "px";
  s.card.style.left = Math.round(left) + "px";
}

/** @param {boolean} returnFocus */
function close(returnFocus) {
  clearTimeout(s.openTimer);
  clearTimeout(s.closeTimer);
  if (!s.card) return;
  const a = s.cardLink;
  const hadFocus = s.card.contains(document.activeElement);
  s.card.remove();
  s.card = null;
  s.cardLink = null;
  if (a) a.removeAttribute("aria-describedby");
  if (a && (returnFocus || hadFocus)) {
    s.dismissed = a;
    a.focus();
  }
}

function scheduleClose() {
  clearTimeout(s.openTimer);
  clearTimeout(s.closeTimer);
  s.closeTimer = window.setTimeout(() => {
    if (s.card && !s.card.contains(document.activeElement) && document.activeElement !== s.cardLink) close(false);
  }, CLOSE_DELAY);
}

/** Open the card of a link (after loading the data). @param {HTMLAnchorElement} a */
function open(a) {
  clearTimeout(s.closeTimer);
  if (s.cardLink === a && s.card) return Promise.resolve();
  return load().then((data) => {
    const found = conceptsFor(a);
    if (!found) return;
    close(false);
    const card = buildCard(data, ROOT, found);
    card.addEventListener("mouseenter", () => clearTimeout(s.closeTimer));
    card.addEventListener("mouseleave", scheduleClose);
    s.card = card;
    s.cardLink = a;
    a.insertAdjacentElement("afterend", card);
    if (card.querySelector("#cm-card-summary")) a.setAttribute("aria-describedby", "cm-card-summary");
    place();
  });
}

/** Hover (not after a touch): open after a short delay; leaving closes. */
function listenPointer() {
  document.addEventListener("pointerdown", (e) => { s.lastPointer = e.pointerType; }, true);
  document.addEventListener("mouseover", (e) => {
    if (s.lastPointer === "touch") return;
    const a = linkOf(e.target);
    if (!a) return;
    clearTimeout(s.closeTimer);
    clearTimeout(s.openTimer);
    s.openTimer = window.setTimeout(() => open(a), OPEN_DELAY);
  });
  document.addEventListener("mouseout", (e) => {
    const a = linkOf(e.target);
    const into = e.relatedTarget instanceof Node ? e.relatedTarget : null;
    if (a && (!into || !(s.card && s.card.contains(into)))) {
      clearTimeout(s.openTimer);
      if (a === s.cardLink) scheduleClose();
    }
  });
  document.addEventListener("pointerdown", (e) => {
    if (s.card && !(e.target instanceof Node && s.card.contains(e.target)) && linkOf(e.target) !== s.cardLink) close(false);
  });
}

/** A tap opens the card instead of following the link; a second tap follows it. @param {MouseEvent} e */
function onClick(e) {
  const a = linkOf(e.target);
  if (!a || s.lastPointer !== "touch") return;
  if (s.cardLink === a && s.card) return;
  if (!s.data) {
    e.preventDefault();
    open(a).then(() => { if (!s.card) location.href = a.href; });
    return;
  }
  if (conceptsFor(a)) {
    e.preventDefault();
    open(a);
  }
}

/** Focus opens a card (not again for the link Escape closed it on); Escape closes it. */
function listenKeyboard() {
  document.addEventListener("focusin", (e) => {
    if (s.card && e.target instanceof Node && s.card.contains(e.target)) {
      clearTimeout(s.closeTimer);
      return;
    }
    const a = linkOf(e.target);
    if (a && a === s.dismissed) return;
    s.dismissed = null;
    if (a) open(a);
    else if (s.card) close(false);
  });
  document.addEventListener("keydown", (e) => {
    if (e.key !== "Escape" || !s.card) return;
    const inside = s.card.contains(document.activeElement) || document.activeElement === s.cardLink;
    if (document.activeElement === s.cardLink) s.dismissed = s.cardLink;
    close(inside);
  });
}

listenPointer();
listenKeyboard();
document.addEventListener("click", onClick);
window.addEventListener("scroll", place, { passive: true, capture: true });
window.addEventListener("resize", place);
