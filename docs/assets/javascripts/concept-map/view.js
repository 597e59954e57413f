//# allFunctionsCalledOnLoad
// @ts-check
/* One map on the page: its model, the reader's state, vis-network's data sets and network, and
 * the operations on them (semantic zoom, selection, filters, fitting, zoom, palette). The canvas
 * drawing is in overlay.js, the panel in panel.js, the controls' wiring in controls.js. */

import { makeModel, bandShifts, resolveFocus } from "./model.js";
import { readState, initialState, writeState, writeView } from "./state.js";
import { palette, groups, edgeDefaults, edgeStyle } from "./styles.js";
import { freshnessBucket, freshnessStyle } from "./freshness.js";
import { edgeContext, freshnessBuckets } from "./vocab.js";
import {
  BAND_FONT, DETAIL_SCALE, DRAW_THRESHOLD, MAX_SCALE, READABLE_SLACK,
  cellOf, labelAt, nodeHidden, edgeHidden, minReadableScale,
} from "./levels.js";
import { centreY, panelFree } from "./panelarea.js";
import { fitLocalCanvas, localMargin } from "./localfit.js";
import { animation, faded, must, navigate } from "./util.js";
import { fillPanel, showStatus, clearPanel } from "./panel.js";
import { clearPath, showPath } from "./pathview.js";
import { leaveWalk, showStep } from "./walk.js";

/** @typedef {import("./types.js").Payload} Payload */
/** @typedef {import("./types.js").Model} Model */
/** @typedef {import("./types.js").MapNode} MapNode */
/** @typedef {import("./types.js").MapEdge} MapEdge */
/** @typedef {import("./types.js").State} State */
/** @typedef {import("./types.js").View} View */
/** @typedef {import("./types.js").Vis} Vis */
/** @typedef {import("./types.js").Network} Network */
/** @typedef {import("./types.js").DataSet} DataSet */

export class MapView {
  /** @param {HTMLElement} root @param {Payload} data @param {Vis} vis */
  constructor(root, data, vis) {
    this.root = root;
    this.data = data;
    this.full = root.getAttribute("data-cm-map") === "full";
    this.local = !this.full;
    this.canvas = must(root, ".cm-map__canvas", HTMLElement);
    /* the canvas's accessible name; a selection adds the node's full name (canvas labels may
       be cut short with 「…」) */
    this.canvasName = this.canvas.getAttribute("aria-label") || "";
    this.pal = palette(data);
    /* a local map: the layout that fits its canvas legibly, the canvas as tall as it (localfit.js) */
    const fit = this.local ? fitLocalCanvas(data, this.canvas) : null;
    this.model = makeModel(data, this.canvas.clientWidth < this.canvas.clientHeight, fit);
    this.k = this.model.k;
    /** @type {State} */
    this.state = this.full ? readState(this.model, location.search) : initialState(this.model);
    /* ?view=freshness: every node's group gets its review bucket (vis-network puts a group's
       colours back on each update of a node, so the colours live in the groups) */
    this.freshView = this.full && this.state.view === "freshness";
    this.openedAt = Date.now();
    this.hover = "";
    /** @type {{ nodes: Set<string>, edges: string[], walk?: string[] } | null} the 「XとYの関係」
     * path shown, or a scenario's steps so far (walk: the step nodes in order) */
    this.path = null;
    this.pathMs = 0;
    this.pathFrom = "";  /* 「ここから関係をたどる」: the path's start, waiting for its end */
    /** @type {import("./phrases.js").DrawnPhrase[]} the relation phrases drawn last (phrases.js) */
    this.phrases = [];
    /** @type {{ kind: string, colour: string }[]} the lines drawn over the veil last (tests) */
    this.drawnLines = [];
    /** @type {{ id: string, n: number } | null} the scenario step shown (walk.js) */
    this.walk = null;
    this.walkMs = 0;
    this.scale = 0;
    this.shifts = bandShifts(this.model.bands, this.state.layers);
    this.saveTimer = 0;
    this.status = root.querySelector(".cm-map__status");
    /** @type {HTMLElement | null} */
    this.panel = this.full ? document.querySelector(".cm-panel") : null;
    this.nodes = new vis.DataSet(this.model.nodes.map((n) => this.nodeItem(n)));
    this.edges = new vis.DataSet(this.model.edges.map((e) => Object.assign(this.edgeLine(e),
      { id: e.id, from: e.from, to: e.to, kind: e.kind, hidden: edgeHidden(this.state, e, 0.5, this.local) })));
    performance.mark("cm:data");
    /** @type {Network} */
    this.network = new vis.Network(this.canvas, { nodes: this.nodes, edges: this.edges }, this.options());
    /* vis-network's own frame takes a tab stop of its own, next to our canvas': drop it */
    this.canvas.querySelectorAll(".vis-network").forEach((el) => {
      if (el instanceof HTMLElement) el.tabIndex = -1;
    });
  }

  /** The vis item of a node in the opening overview. @param {MapNode} n */
  nodeItem(n) {
    const at = labelAt(this.model, n, 0.5, this.local, this.state.sections);
    /** @type {Record<string, any>} */
    const item = { id: n.id, label: at.label, group: this.groupOf(n),
      x: n.x, y: n.y - this.shifts[n.layer], kind: n.kind, layer: n.layer,
      hidden: nodeHidden(this.model, this.state, n, 0.5, this.local) };
    if (at.size) item.font = { size: at.size };
    return item;
  }

  /** The line style of an edge in the current palette. The lines vis-network draws are context
   * (the vocabulary's edgeContext: faint and thin on the full map's detail level, half-strength on
   * a chapter's local map): only the hovered or selected node's edges are drawn strongly
   * (vis-network's highlight colour, and on the full map overlay.js over the veil in the kind's
   * full style). @param {MapEdge} e */
  edgeLine(e) {
    const style = edgeStyle(this.data, e.kind, this.pal, (this.model.byId[e.to] || {}).layer);
    if (!style.color) return style;
    const strong = style.color;
    const context = edgeContext(this.data, this.local);
    return Object.assign({}, style, { width: context.width || style.width,
      color: { color: faded(strong, context.alpha), highlight: strong, hover: strong, inherit: false } });
  }

  options() {
    const options = Object.assign({}, this.data.options || {});
    options.groups = this.allGroups();
    options.edges = Object.assign({}, options.edges || {}, edgeDefaults(this.pal));
    options.nodes = Object.assign({}, options.nodes || {},
      { scaling: { label: { drawThreshold: DRAW_THRESHOLD, maxVisible: 36 } } });
    options.interaction = Object.assign({}, options.interaction || {}, { zoomView: true });
    return options;
  }

  /** @param {MapNode} n */
  groupOf(n) {
    const fresh = this.freshView && n.kind !== this.k.layer;
    return n.kind + "-" + n.layer + (fresh ? "-" + freshnessBucket(this.data, n, this.openedAt) : "");
  }

  allGroups() {
    const base = groups(this.data, this.pal);
    if (!this.freshView) return base;
    const out = Object.assign({}, base);
    Object.keys(base).forEach((g) => {
      freshnessBuckets(this.data).forEach(([b]) => {
        const style = freshnessStyle(this.data, b, this.pal);
        out[g + "-" + b] = Object.assign({}, base[g], style,
          { shapeProperties: Object.assign({}, base[g].shapeProperties, style.shapeProperties) });
      });
    });
    return out;
  }

  /** An edge of the focus' context: its kind is checked and both ends' layers are shown (an
   * end hidden by semantic zoom, a section in the overview, is drawn with it).
   * @param {MapEdge} e */
  visibleEdge(e) {
    return this.state.edges.has(e.kind) && this.layersShown(e);
  }

  /** Both ends' layers are shown. @param {MapEdge} e */
  layersShown(e) {
    const byId = this.model.byId;
    return this.state.layers.has(byId[e.from].layer) && this.state.layers.has(byId[e.to].layer);
  }

  focusId() {
    return this.hover || this.network.getSelectedNodes()[0] || "";
  }

  /** Semantic zoom: labels and sections follow the scale (`force`: even within a level).
   * @param {boolean} force */
  applyLevel(force) {
    const scale = this.network.getScale();
    const detail = scale >= DETAIL_SCALE;
    const prev = this.scale;
    const sameLevel = prev && (prev >= DETAIL_SCALE) === detail && Math.abs(scale / prev - 1) < 0.06;
    if (sameLevel && !force) return;
    this.scale = scale;
    const updates = this.model.nodes.map((n) => this.levelChange(n, scale)).filter(Boolean);
    if (updates.length) this.nodes.update(updates);
    const edgeUpdates = this.model.edges.filter((e) =>
      this.edges.get(e.id).hidden !== edgeHidden(this.state, e, scale, this.local))
      .map((e) => ({ id: e.id, hidden: edgeHidden(this.state, e, scale, this.local) }));
    if (edgeUpdates.length) this.edges.update(edgeUpdates);
    this.root.setAttribute("data-cm-level", detail ? "detail" : "overview");
  }

  /** A node's change at a scale, or null. @param {MapNode} n @param {number} scale */
  levelChange(n, scale) {
    const item = this.nodes.get(n.id);
    const hidden = nodeHidden(this.model, this.state, n, scale, this.local);
    const at = labelAt(this.model, n, scale, this.local, this.state.sections);
    /** @type {Record<string, any>} */
    const change = { id: n.id };
    let changed = false;
    if (item.hidden !== hidden) { change.hidden = hidden; changed = true; }
    if (at.size && (item.label !== at.label || !item.font || item.font.size !== at.size)) {
      change.label = at.label;
      change.font = { size: at.size };
      changed = true;
    }
    return changed ? change : null;
  }

  /** Select a node: panel, status line, URL; `how.move` centres it (at least at how.scale),
   * `how.stay` keeps the view as it is (else a node under the panel is brought clear of it).
   * A new selection is a history entry of its own (Back returns to the one before); `how.replace`
   * (the opening view) rewrites the current entry, `how.restore` (Back, Forward) leaves it be.
   * @param {string} id
   * @param {{ move?: boolean, scale?: number, stay?: boolean, replace?: boolean, restore?: boolean }} [how] */
  select(id, how) {
    const n = this.model.byId[id];
    if (!n) return false;
    if (this.pathFrom && this.pathFrom !== id && !(how && (how.replace || how.restore))) {
      const from = this.pathFrom;
      this.pathFrom = "";
      return showPath(this, from, id);
    }
    if (this.walk) leaveWalk(this);
    if (this.path) clearPath(this);
    if (!this.state.layers.has(n.layer)) {
      this.state.layers.add(n.layer);
      this.applyFilters(false);
    }
    if (n.kind === this.k.section && this.nodes.get(id).hidden) {
      this.network.moveTo({ scale: DETAIL_SCALE, animation: false });
      this.applyLevel(true);
    }
    this.network.selectNodes([id]);
    this.state.focus = id;
    this.nameCanvas(n.label);
    fillPanel(this, n);
    showStatus(this, n);
    if (how && how.move) {
      const scale = Math.max(this.network.getScale(), how.scale || 0);
      this.network.moveTo({ position: this.centreOn(this.network.getPositions([id])[id], scale), scale,
        animation: animation(350) });
    } else if (!(how && how.stay)) {
      this.keepClearOfPanel(id);
    }
    this.network.redraw();
    if (this.full && !(how && how.restore)) {
      writeState(this.model, this.state, this.viewNow(), !(how && how.replace));
    }
    return true;
  }

  /** The panel covers the right of the canvas (a phone: its bottom): bring a node it hides into
   * the free part. @param {string} id */
  keepClearOfPanel(id) {
    const free = panelFree(this);
    if (!free.side) return;
    const net = this.network;
    const at = net.canvasToDOM(net.getPositions([id])[id]);
    const view = net.getViewPosition();
    if (free.side === "bottom") {  /* a bottom sheet (phones) */
      if (at.y < free.h - 40) return;
      net.moveTo({ position: { x: view.x, y: view.y + (at.y - free.h / 2) / net.getScale() },
        animation: animation(250) });
      return;
    }
    if (at.x < free.w - 40) return;
    const dx = (at.x - free.w / 2) / net.getScale();
    net.moveTo({ position: { x: view.x + dx, y: view.y }, animation: animation(250) });
  }

  /** Where to centre the view to show point p at `scale`: p in the middle of the part of the
   * canvas the panel leaves free (a phone's bottom sheet covers the canvas' lower part), moved up
   * or down so that neither the view's top nor the free part's bottom reaches past the visible
   * bands (a node of the top band on a phone's screen would otherwise leave its upper half empty,
   * one of the bottom band would sit under the sheet). @param {{ x: number, y: number }} p
   * @param {number} scale */
  centreOn(p, scale) {
    const shown = this.model.bands.filter((b) => this.state.layers.has(b.layer));
    const free = panelFree(this);
    const span = shown.length
      ? { top: Math.min(...shown.map((b) => b.top - this.shifts[b.layer])),
        bottom: Math.max(...shown.map((b) => b.bottom - this.shifts[b.layer])) }
      : null;
    const seen = free.side === "bottom" ? free.h : this.canvas.clientHeight;
    return { x: p.x, y: centreY(p.y, span, this.canvas.clientHeight / scale, seen / scale) };
  }

  /** No selection: the panel closes; a history entry of its own unless `restore` (Back).
   * @param {boolean} [restore] */
  clearSelection(restore = false) {
    this.pathFrom = "";
    if (this.walk) leaveWalk(this);
    if (this.path) clearPath(this);
    this.network.unselectAll();
    this.state.focus = "";
    this.nameCanvas("");
    clearPanel(this);
    this.network.redraw();
    if (this.full && !restore) writeState(this.model, this.state, this.viewNow(), true);
  }

  /** The canvas's accessible name, with the selected node's full name ("": none).
   * @param {string} label */
  nameCanvas(label) {
    this.canvas.setAttribute("aria-label", label ? "選択中：" + label + "。" + this.canvasName : this.canvasName);
  }

  /** Back or Forward to an entry of this map: its selection again (the view stays). */
  restoreFromUrl() {
    clearTimeout(this.saveTimer);  /* a view still to be saved belongs to the entry left */
    const wanted = readState(this.model, location.search);
    if (wanted.scenario && showStep(this, wanted.scenario, wanted.step, { restore: true })) return;
    const from = resolveFocus(this.model, wanted.from);
    const to = resolveFocus(this.model, wanted.to);
    if (from && to) {
      if (!this.path || this.state.from !== from || this.state.to !== to) showPath(this, from, to, { restore: true });
      return;
    }
    const id = resolveFocus(this.model, wanted.focus);
    if (!this.path && id === (this.network.getSelectedNodes()[0] || "")) return;
    if (id) this.select(id, { move: true, restore: true });
    else this.clearSelection(true);
  }

  /** Open a node's page. @param {string} id */
  openNode(id) {
    const n = this.model.byId[id];
    if (!n) return;
    if (this.full) writeState(this.model, this.state, this.viewNow());
    if (n.url) navigate(n.url);
  }

  /** @returns {View} */
  viewNow() {
    const p = this.network.getViewPosition();
    return { scale: this.network.getScale(), x: p.x, y: p.y };
  }

  /** The view in the URL once it settles (not while the map is out of sight: a phone's list). */
  saveSoon() {
    clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(() => {
      if (this.canvas.clientWidth) writeView(this.viewNow());
    }, 200);
  }

  visibleIds() {
    return this.nodes.getIds({ filter: (/** @type {any} */ n) => !n.hidden });
  }

  /** Where the given nodes are drawn. @param {string[]} ids */
  drawnPositions(ids) {
    const pos = this.network.getPositions(ids);
    return ids.map((id) => ({ id, x: pos[id].x, y: pos[id].y }));
  }

  /** The view that shows the visible nodes whole (from their positions, not from what
   * vis-network last drew: the bands may just have moved); never below the scale at which
   * the short labels can be read (then the top of it, layer 5, first).
   * @returns {View} */
  fitView() {
    /** @type {{ x: number, y: number, kind: string }[]} */
    const items = this.nodes.get({ filter: (/** @type {any} */ n) => !n.hidden });
    if (!items.length) return this.viewNow();
    const cell = cellOf(this.data);
    const k = this.k;
    const margin = this.local ? localMargin(this.data) : 0;  /* a local map's long labels */
    const box = items.reduce((b, n) => {
      /* a band node's label: up to 13 em of BAND_FONT, plus its margin */
      const half = (n.kind === k.layer || n.kind === k.page ? 13 * BAND_FONT / 2 + 14 : cell.w / 2) + margin;
      return { left: Math.min(b.left, n.x - half), right: Math.max(b.right, n.x + half),
        top: Math.min(b.top, n.y - cell.h / 2), bottom: Math.max(b.bottom, n.y + cell.h / 2) };
    }, { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity });
    const width = this.canvas.clientWidth;
    const height = this.canvas.clientHeight;
    const scale = Math.min(width / (box.right - box.left), height / (box.bottom - box.top),
      DETAIL_SCALE * 0.99);
    const min = minReadableScale(this.model) * READABLE_SLACK;
    if (scale >= min) return { scale, x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 };
    return { scale: min, x: box.left + width / 2 / min, y: box.top + height / 2 / min };
  }

  /** Fit what is visible. @param {boolean} animate */
  fitVisible(animate) {
    const view = this.fitView();
    const anim = animate ? animation(300) : false;
    this.network.moveTo({ scale: view.scale, position: { x: view.x, y: view.y }, animation: anim });
    if (!anim) this.applyLevel(true);
  }

  /** The filters' check boxes as the state says. */
  syncControls() {
    const state = this.state;
    this.root.querySelectorAll("input[data-cm-layer]").forEach((box) => {
      if (box instanceof HTMLInputElement) box.checked = state.layers.has(Number(box.getAttribute("data-cm-layer")));
    });
    this.root.querySelectorAll("input[data-cm-edge]").forEach((box) => {
      if (box instanceof HTMLInputElement) box.checked = state.edges.has(box.getAttribute("data-cm-edge") || "");
    });
    this.root.querySelectorAll("input[data-cm-sections]").forEach((box) => {
      if (box instanceof HTMLInputElement) box.checked = state.sections;
    });
  }

  /** Show what the filters let through (bands restacked); `refit`: then fit it.
   * @param {boolean} refit */
  applyFilters(refit) {
    this.shifts = bandShifts(this.model.bands, this.state.layers);
    const scale = this.network.getScale();
    this.nodes.update(this.model.nodes.map((n) => ({ id: n.id, y: n.y - this.shifts[n.layer],
      hidden: nodeHidden(this.model, this.state, n, scale, this.local) })));
    this.edges.update(this.model.edges.map((e) => ({ id: e.id,
      hidden: edgeHidden(this.state, e, scale, this.local) })));
    this.syncControls();
    if (refit) this.fitVisible(true);
    else this.applyLevel(true);
    if (this.full) writeState(this.model, this.state, null);
  }

  /** The nodes where the model has them now (a local map's layout chosen again, localfit.js). */
  placeNodes() {
    this.shifts = bandShifts(this.model.bands, this.state.layers);
    this.nodes.update(this.model.nodes.map((n) => ({ id: n.id, x: n.x, y: n.y - this.shifts[n.layer] })));
  }

  /** Zoom "in", "out" or to "fit". @param {string} how */
  zoom(how) {
    if (how === "fit") { this.fitVisible(true); return; }
    const scale = Math.min(MAX_SCALE, this.network.getScale() * (how === "in" ? 1.4 : 1 / 1.4));
    const anim = animation(200);
    this.network.moveTo({ scale, animation: anim });
    if (!anim) this.applyLevel(false);
  }

  /** Redraw in the theme's colours when they really changed (Material sets the palette
   * attributes once its bundle runs, usually to the values already in effect). */
  restyle() {
    const next = palette(this.data);
    if (JSON.stringify(next) === JSON.stringify(this.pal)) return;
    this.pal = next;
    this.network.setOptions({ groups: this.allGroups(), edges: edgeDefaults(this.pal) });
    this.nodes.update(this.model.nodes.map((n) => ({ id: n.id, group: this.groupOf(n) })));
    this.edges.update(this.model.edges.map((e) => Object.assign(this.edgeLine(e), { id: e.id })));
  }
}
