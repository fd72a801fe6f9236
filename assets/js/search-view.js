/* The search page's elements: turns Pagefind results and filter values into result cards and chips.
 *
 * Only builds and returns elements; it reads no page state and never touches the URL, so
 * assets/js/search.js decides what is shown and where. Loaded before it, as a classic deferred
 * script for the same file:// reason (see the top of search.js).
 */
(function () {
  "use strict";

  function span(className, text) {
    var s = document.createElement("span");
    s.className = className;
    s.textContent = text;
    return s;
  }

  function button(className) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = className;
    return b;
  }

  // Pagefind's excerpt is HTML with <mark> around the matches. Parse it inertly and keep only the
  // text and the marks, so nothing in page content can turn into markup here.
  function excerpt(html) {
    var holder = document.createElement("template");
    holder.innerHTML = html;
    var out = document.createDocumentFragment();
    holder.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.append(mark);
      } else {
        out.append(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  // The card's picture, as templates/partials/cards.html card_picture draws it: the exercise's photo, its
  // demonstration drawing (demos/*-card.svg) or its muscle figure (figures/*.svg), in a frame of fixed size so the
  // list never moves. Only a
  // path of this site is used: the page's meta says where, and nothing else is loaded.
  function thumb(url) {
    var frame = document.createElement("span");
    frame.className = "card-thumb";
    frame.setAttribute("aria-hidden", "true");
    if (!url || url.charAt(0) !== "/" || url.charAt(1) === "/") return frame;
    if (/\/figures\/[^/]+\.svg$/.test(url)) frame.className += " card-thumb-figure";
    else if (/\/demos\/[^/]+-card\.svg$/.test(url)) frame.className += " card-thumb-demo";
    var img = document.createElement("img");
    img.src = url;
    img.alt = "";
    img.width = 96;
    img.height = 96;
    img.loading = "lazy";
    img.decoding = "async";
    frame.append(img);
    return frame;
  }

  // One result as a list item: `d` is what a Pagefind result's data() resolves to; with a search
  // term the highlighted excerpt is shown, without one the exercise's summary.
  function card(d, term) {
    var meta = d.meta || {};
    var item = document.createElement("li");
    item.className = "result";
    var link = document.createElement("a");
    link.className = "card-link result-link";
    link.href = d.url;
    link.append(thumb(meta.thumb));
    if (meta.category) link.append(span("card-eyebrow", meta.category));
    var title = document.createElement("h2");
    title.className = "card-title";
    title.textContent = meta.title || d.url;
    link.append(title);
    if (meta.targets) link.append(span("card-meta", meta.targets));
    var text = document.createElement("p");
    text.className = "result-excerpt";
    if (term && d.excerpt) text.append(excerpt(d.excerpt));
    else text.textContent = meta.summary || "";
    if (text.textContent) link.append(text);
    item.append(link);
    return item;
  }

  // A popular filter value offered before anything is asked; data-facet and data-id say what to tick.
  function suggestChip(key, id, name, count) {
    var chip = button("suggest-chip");
    chip.dataset.facet = key;
    chip.dataset.id = id;
    chip.append(name + " ");
    chip.append(span("count", String(count)));
    return chip;
  }

  function suggestLabel() {
    var label = document.createElement("p");
    label.className = "suggest-label";
    label.textContent = "Or start from a popular filter:";
    return label;
  }

  // A ticked filter value, pressed to untick it.
  function filterChip(key, id, name) {
    var chip = button("filter-chip");
    chip.dataset.facet = key;
    chip.dataset.id = id;
    chip.setAttribute("aria-label", "Remove filter " + name);
    chip.append(name + " ");
    var cross = document.createElement("span");
    cross.setAttribute("aria-hidden", "true");
    cross.textContent = "×";
    chip.append(cross);
    return chip;
  }

  function clearFiltersButton() {
    var clear = button("filter-clear");
    clear.textContent = "Clear filters";
    return clear;
  }

  window.exguideSearchView = {
    card: card,
    thumb: thumb,
    span: span,
    excerpt: excerpt,
    suggestChip: suggestChip,
    suggestLabel: suggestLabel,
    filterChip: filterChip,
    clearFiltersButton: clearFiltersButton
  };
})();
