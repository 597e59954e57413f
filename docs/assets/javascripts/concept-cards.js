/* Concept cards: hovering, focusing or tapping a link to a concept's defining section shows a
   card built from concept-map/cards.json (written at build time by the concept map hook,
   graph/quickref_view.concept_cards): summary, layer chip, where it is defined and used (and the sections that use it), and
   links to the section, its map node and its 早見表 row.
   The card is inserted right after the link, so Tab moves from the link into the card; Escape
   closes it. Every text from the data is set with textContent (never innerHTML). The only
   request is the site's own JSON, made on the first hover/focus of a link. */
(function () {
  "use strict";

  var script = document.currentScript;
  var root = new URL("../../", script ? script.src : location.href);  // assets/javascripts/ → site root
  var data = null;
  var loading = null;
  var byKey = {};
  var card = null;
  var cardLink = null;
  var openTimer = 0;
  var closeTimer = 0;
  var lastPointer = "";
  var dismissed = null;  // the link whose card Escape closed: focusing it again keeps it closed
  var USED_SHOWN = 3;  // using sections listed on a card; the rest are counted
  var SKIP = ".headerlink, .cm-xref, .cm-card, .cm-qr-maplink, .md-nav, .md-header, .md-footer, .md-tabs";

  function key(url) {
    var hash = url.hash;
    try { hash = decodeURIComponent(hash); } catch { /* keep as is */ }
    return url.pathname.replace(/index\.html$/, "") + hash;
  }

  function load() {
    if (!loading) {
      loading = fetch(new URL("concept-map/cards.json", root).href)
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (json) {
          data = json || { layers: {}, concepts: [] };
          data.concepts.forEach(function (c) {
            if (!c.url) return;
            var k = key(new URL(c.url, root));
            (byKey[k] = byKey[k] || []).push(c);
          });
          return data;
        })
        .catch(function () { data = { layers: {}, concepts: [] }; return data; });
    }
    return loading;
  }

  function linkOf(node) {
    var a = node && node.closest ? node.closest("a[href]") : null;
    if (!a || a.closest(SKIP) || !a.closest(".md-content")) return null;
    return a;
  }

  function norm(text) {
    return (text || "").normalize("NFKC").toLowerCase().replace(/\s+/g, "").trim();
  }

  function conceptsFor(a) {
    var url;
    try { url = new URL(a.href, location.href); } catch { return null; }
    if (url.origin !== location.origin) return null;
    var list = byKey[key(url)];
    if (!list || !list.length) return null;
    var text = norm(a.textContent);
    var head = function (c) { return norm(c.label.split(/[（(]/)[0]); };
    var best = list.filter(function (c) { return norm(c.label) === text; })[0] ||
      list.filter(function (c) { return head(c) && (text.indexOf(head(c)) === 0 || head(c) === text); })[0] ||
      list.filter(function (c) { return !c.product; })[0] || list[0];
    return { concept: best, others: list.filter(function (c) { return c !== best; }) };
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function codeName(code) {
    return "第" + code.charAt(0) + "層" + code.slice(1);
  }

  function link(href, text, label) {
    var a = el("a", "", text);
    a.href = new URL(href, root).href;
    if (label) a.setAttribute("aria-label", label);
    return a;
  }

  // 「各層との関係」 (#25): each relation table cell of the concept as the other layer's badge and
  // the phrase, then a link to the section or concept the cell names (a cell about the layer as a
  // whole links nothing: its chapter is the badge's layer). Spans only: the card sits in a line.
  function relationsPart(c) {
    var rels = c.relations || [];
    if (!rels.length) return null;
    var part = el("span", "cm-card__relations");
    part.appendChild(el("span", "cm-card__relhead", "各層との関係："));
    rels.forEach(function (r) {
      var item = el("span", "cm-card__rel");
      var layer = data.layers[String(r.layer)] || { name: "" };
      var chip = el("span", "cm-card__relchip cm-card__chip--" + r.layer, "第" + r.layer + "層");
      chip.title = "第" + r.layer + "層 " + layer.name;
      item.appendChild(chip);
      item.appendChild(document.createTextNode(" " + r.phrase));
      if (r.label && r.url) {
        item.appendChild(document.createTextNode("（"));
        item.appendChild(link(r.url, r.label));
        item.appendChild(document.createTextNode("）"));
      }
      part.appendChild(item);
    });
    return part;
  }

  function build(found) {
    var c = found.concept;
    var box = el("span", "cm-card");
    box.id = "cm-card";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "概念カード：" + c.label);
    box.appendChild(el("span", "cm-card__title", c.label));
    var meta = el("span", "cm-card__meta");
    var layer = data.layers[String(c.layer)] || { name: "" };
    meta.appendChild(el("span", "cm-card__chip cm-card__chip--" + c.layer, "第" + c.layer + "層 " + layer.name));
    if (c.category) meta.appendChild(el("span", "cm-card__category", c.category));
    box.appendChild(meta);
    if (c.summary) {
      var summary = el("span", "cm-card__summary", c.summary);
      summary.id = "cm-card-summary";
      box.appendChild(summary);
    }
    var layers = el("span", "cm-card__layers");
    layers.appendChild(el("span", "cm-card__def", "定義：" + c.define.map(codeName).join("・")));
    layers.appendChild(document.createTextNode(" ／ "));
    layers.appendChild(el("span", "cm-card__use", "利用：" + (c.use.length ? c.use.map(codeName).join("・") : "なし")));
    box.appendChild(layers);
    var relations = relationsPart(c);
    if (relations) box.appendChild(relations);
    var links = el("span", "cm-card__links");
    links.appendChild(link(c.url, "節を開く"));
    links.appendChild(link(c.map, "地図で見る", c.label + " を地図で見る"));
    links.appendChild(link(c.row, "早見表の行", c.label + " の早見表の行"));
    box.appendChild(links);
    // after the card's own links (Tab reaches those first): the sections of other layers that
    // use it (graph/usage.py), each with its layer: 「第3層 §6-2 …」
    var usedIn = c.usedIn || [];
    if (usedIn.length) {
      var used = el("span", "cm-card__usedin", "使われている節：");
      usedIn.slice(0, USED_SHOWN).forEach(function (u, i) {
        if (i) used.appendChild(document.createTextNode("、"));
        used.appendChild(link(u.url, u.where + " " + u.label));
      });
      if (usedIn.length > USED_SHOWN) {
        used.appendChild(document.createTextNode(" ほか" + (usedIn.length - USED_SHOWN) + "節"));
      }
      box.appendChild(used);
    }
    if (found.others.length) {
      var names = found.others.slice(0, 4).map(function (o) { return o.label; }).join("、");
      var rest = found.others.length > 4 ? " ほか" + (found.others.length - 4) + "件" : "";
      box.appendChild(el("span", "cm-card__more", "同じ節の概念：" + names + rest));
    }
    box.addEventListener("mouseenter", function () { clearTimeout(closeTimer); });
    box.addEventListener("mouseleave", function () { scheduleClose(); });
    return box;
  }

  function place() {
    if (!card || !cardLink) return;
    var rects = cardLink.getClientRects();
    var r = rects.length ? rects[0] : cardLink.getBoundingClientRect();
    var w = card.offsetWidth;
    var h = card.offsetHeight;
    var gap = 6;
    var top = r.bottom + gap;
    if (top + h > window.innerHeight - 4 && r.top - gap - h > 4) top = r.top - gap - h;
    var left = Math.max(8, Math.min(r.left, window.innerWidth - w - 8));
    card.style.top = Math.round(top) + "px";
    card.style.left = Math.round(left) + "px";
  }

  function close(returnFocus) {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    if (!card) return;
    var a = cardLink;
    var hadFocus = card.contains(document.activeElement);
    card.remove();
    card = null;
    cardLink = null;
    if (a) a.removeAttribute("aria-describedby");
    if (a && (returnFocus || hadFocus)) { dismissed = a; a.focus(); }
  }

  function open(a) {
    clearTimeout(closeTimer);
    if (cardLink === a && card) return;
    return load().then(function () {
      var found = conceptsFor(a);
      if (!found) return;
      close(false);
      card = build(found);
      cardLink = a;
      a.insertAdjacentElement("afterend", card);
      if (card.querySelector("#cm-card-summary")) a.setAttribute("aria-describedby", "cm-card-summary");
      place();
    });
  }

  function scheduleClose() {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    closeTimer = setTimeout(function () {
      if (card && !card.contains(document.activeElement) && document.activeElement !== cardLink) close(false);
    }, 250);
  }

  document.addEventListener("pointerdown", function (e) { lastPointer = e.pointerType; }, true);

  document.addEventListener("mouseover", function (e) {
    if (lastPointer === "touch") return;
    var a = linkOf(e.target);
    if (a) {
      clearTimeout(closeTimer);
      clearTimeout(openTimer);
      openTimer = setTimeout(function () { open(a); }, 150);
    }
  });

  document.addEventListener("mouseout", function (e) {
    var a = linkOf(e.target);
    if (a && (!e.relatedTarget || !(card && card.contains(e.relatedTarget)))) {
      clearTimeout(openTimer);
      if (a === cardLink) scheduleClose();
    }
  });

  document.addEventListener("focusin", function (e) {
    if (card && card.contains(e.target)) { clearTimeout(closeTimer); return; }
    var a = linkOf(e.target);
    if (a && a === dismissed) return;
    dismissed = null;
    if (a) { open(a); return; }
    if (card) close(false);
  });

  document.addEventListener("click", function (e) {
    var a = linkOf(e.target);
    if (!a || lastPointer !== "touch") return;
    if (cardLink === a && card) return;  // second tap: follow the link
    if (!data) {
      e.preventDefault();
      open(a).then(function () { if (!card) location.href = a.href; });
      return;
    }
    if (conceptsFor(a)) { e.preventDefault(); open(a); }
  });

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && card) {
      var inside = card.contains(document.activeElement) || document.activeElement === cardLink;
      if (document.activeElement === cardLink) dismissed = cardLink;
      close(inside);
    }
  });

  document.addEventListener("pointerdown", function (e) {
    if (card && !card.contains(e.target) && linkOf(e.target) !== cardLink) close(false);
  });

  window.addEventListener("scroll", place, { passive: true, capture: true });
  window.addEventListener("resize", place);
})();
