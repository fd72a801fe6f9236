/* The search page: Pagefind's JS API behind our own query box, filter checkboxes and result cards.
 *
 * A classic deferred script rather than a module, so that opened from file:// (where browsers refuse
 * modules) it still runs and can say what to do. Pagefind itself is imported from the URL the page
 * carries in data-bundle, which the URL builder made, so it works at / and under a sub-path.
 *
 * State lives in the URL: ?q=words&muscle=<id>&group=<id>&equipment=<id>&category=<id>&level=<id>,
 * each filter repeatable. Within one filter group values are OR-ed, across groups AND-ed.
 *
 * The cards and chips themselves are built by assets/js/search-view.js, loaded just before this.
 */
(function () {
  "use strict";

  var root = document.getElementById("search");
  if (!root) return;
  var view = window.exguideSearchView;

  var FACETS = ["type", "muscle", "group", "equipment", "category", "level"];
  var PAGE_SIZE = 20; // result cards fetched per "Show more"
  var COLLAPSED = 8; // filter values shown before "Show all"
  var TYPING_DELAY = 180; // ms of quiet before a keystroke searches

  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var statusLine = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var moreButton = document.getElementById("search-more");
  var activeBox = document.getElementById("search-active");
  var panel = document.getElementById("search-facets");
  var panelCount = document.getElementById("search-filter-count");
  var offline = document.getElementById("search-offline");
  var doneButton = document.getElementById("search-facets-done");
  var suggestBox = document.getElementById("search-suggest");
  var baseTitle = document.title;
  var wide = window.matchMedia("(min-width: 56rem)");

  var boxes = {}; // facet key -> its checkboxes, in page order
  var expanded = {}; // facet key -> "Show all" pressed
  FACETS.forEach(function (key) {
    boxes[key] = Array.prototype.slice.call(root.querySelectorAll('input[type="checkbox"][name="' + key + '"]'));
  });

  var pagefind = null;
  var totals = null; // counts over the whole index, from pagefind.filters()
  var generation = 0; // bumps on every search; older answers are dropped
  var typing = false; // a run of keystrokes shares one history entry
  var typingTimer = 0;
  var pending = []; // results not yet shown as cards
  var shownQuery = "";
  var lastCounts = null; // the counts on screen, kept for "Show all"

  // --- state <-> URL <-> form --------------------------------------------------------------------
  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    var state = { q: params.get("q") || "", filters: {} };
    FACETS.forEach(function (key) {
      // ids are canonical, but a display name ("Foam roller") is accepted too
      var wanted = params.getAll(key);
      state.filters[key] = boxes[key].filter(function (box) {
        return wanted.indexOf(box.value) !== -1 || wanted.indexOf(box.dataset.value) !== -1;
      }).map(function (box) { return box.value; });
    });
    return state;
  }

  function readForm() {
    var state = { q: input.value, filters: {} };
    FACETS.forEach(function (key) {
      state.filters[key] = boxes[key].filter(function (box) { return box.checked; })
        .map(function (box) { return box.value; });
    });
    return state;
  }

  function fillForm(state) {
    input.value = state.q;
    FACETS.forEach(function (key) {
      boxes[key].forEach(function (box) { box.checked = state.filters[key].indexOf(box.value) !== -1; });
    });
  }

  function toSearch(state) {
    var params = new URLSearchParams();
    if (state.q.trim()) params.set("q", state.q.trim());
    FACETS.forEach(function (key) {
      state.filters[key].forEach(function (id) { params.append(key, id); });
    });
    var text = params.toString();
    return text ? "?" + text : "";
  }

  function record(state, push) {
    var search = toSearch(state);
    var url = window.location.pathname + search;
    if (search === window.location.search) return;
    if (push) window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }

  // --- talking to Pagefind --------------------------------------------------------------------------
  function namesOf(key, ids) {
    return boxes[key].filter(function (box) { return ids.indexOf(box.value) !== -1; })
      .map(function (box) { return box.dataset.value; });
  }

  function pagefindFilters(state, leaveOut) {
    var filters = {};
    FACETS.forEach(function (key) {
      if (key !== leaveOut && state.filters[key].length) filters[key] = { any: namesOf(key, state.filters[key]) };
    });
    return filters;
  }

  function activeKeys(state) {
    return FACETS.filter(function (key) { return state.filters[key].length > 0; });
  }

  // Every search goes through here; a chunk that fails to load says so instead of leaving a stale list.
  function run(state) {
    return find(state).catch(function () {
      say("Search stopped because part of its index did not load. Check the connection and try again.");
    });
  }

  async function find(state) {
    var mine = ++generation;
    var term = state.q.trim();
    var active = activeKeys(state);
    showActive(state);
    document.title = term ? "“" + term + "” · " + baseTitle : baseTitle;
    suggestBox.hidden = true;
    if (!term && !active.length) {
      showCounts(totals, state);
      showCards([], "");
      doneButton.textContent = "Show results";
      say("Type a name, a muscle or a piece of equipment, or tick a filter to list exercises.");
      showSuggestions();
      return;
    }
    var options = { filters: pagefindFilters(state) };
    if (!term) options.sort = { title: "asc" }; // filter-only browsing reads best A to Z
    var main = await pagefind.search(term || null, options);
    // A ticked group's own counts come from the search without it, so its other values say
    // how many exercises ticking them as well would add rather than collapsing to zero.
    var counts = Object.assign({}, main.filters);
    var others = await Promise.all(active.map(function (key) {
      return pagefind.search(term || null, { filters: pagefindFilters(state, key) });
    }));
    active.forEach(function (key, i) { counts[key] = others[i].filters[key] || {}; });
    if (mine !== generation) return;
    showCounts(counts, state);
    var n = main.results.length;
    var what = n === 1 ? "1 result" : n + " results"; // exercises and routines
    doneButton.textContent = n ? "Show " + what : "Show results";
    var message;
    if (!n) {
      message = (term ? "Nothing matches “" + term + "”" + (active.length ? " with these filters" : "")
        + ". Check the spelling, try another name for it, or remove a filter."
        : "Nothing has all of these filters. Remove one to see more.");
    } else if (term) {
      message = what + " " + (n === 1 ? "matches" : "match") + " “" + term + "”" + (active.length ? " with these filters." : ".");
    } else {
      message = what + " with " + (active.length === 1 && state.filters[active[0]].length === 1 ? "this filter" : "these filters")
        + ", A to Z.";
    }
    await showCards(main.results, term, mine);
    if (mine === generation) say(message); // after the cards, so the line also says "done"
  }

  // --- drawing ---------------------------------------------------------------------------------------
  function say(text) {
    statusLine.textContent = text;
  }

  function showCounts(counts, state) {
    lastCounts = counts;
    FACETS.forEach(function (key) {
      var values = (counts && counts[key]) || {};
      var fieldset = root.querySelector('.facet[data-facet="' + key + '"]');
      var visible = [];
      boxes[key].forEach(function (box) {
        var n = values[box.dataset.value] || 0;
        var item = box.closest("li");
        item.querySelector("[data-count]").textContent = String(n);
        var show = n > 0 || box.checked;
        item.dataset.available = show ? "yes" : "no";
        if (show) visible.push(item);
      });
      var more = fieldset.querySelector(".facet-more");
      var limit = expanded[key] || visible.length <= COLLAPSED + 2 ? visible.length : COLLAPSED;
      boxes[key].forEach(function (box) {
        var item = box.closest("li");
        var rank = visible.indexOf(item);
        item.hidden = rank === -1 || (rank >= limit && !box.checked);
      });
      more.hidden = visible.length <= COLLAPSED + 2;
      more.textContent = expanded[key] ? "Show fewer" : "Show all " + visible.length;
      more.setAttribute("aria-expanded", expanded[key] ? "true" : "false");
      fieldset.hidden = visible.length === 0;
    });
    var ticked = FACETS.reduce(function (sum, key) { return sum + state.filters[key].length; }, 0);
    panelCount.hidden = ticked === 0;
    panelCount.textContent = String(ticked);
  }

  // With nothing asked yet, a few of the most used filters as one-tap starting points.
  function showSuggestions() {
    suggestBox.replaceChildren();
    var picks = [["muscle", 3], ["equipment", 2], ["level", 1]];
    picks.forEach(function (pick) {
      var key = pick[0];
      var ranked = boxes[key].filter(function (box) { return (totals[key] || {})[box.dataset.value] > 0; })
        .sort(function (a, b) { return totals[key][b.dataset.value] - totals[key][a.dataset.value]; });
      ranked.slice(0, pick[1]).forEach(function (box) {
        suggestBox.append(view.suggestChip(key, box.value, box.dataset.value, totals[key][box.dataset.value]));
      });
    });
    if (suggestBox.children.length) suggestBox.prepend(view.suggestLabel());
    suggestBox.hidden = suggestBox.children.length === 0;
  }

  suggestBox.addEventListener("click", function (event) {
    var chip = event.target.closest("button");
    if (!chip) return;
    boxes[chip.dataset.facet].forEach(function (box) { if (box.value === chip.dataset.id) box.checked = true; });
    typing = false;
    commit(true);
  });

  function showActive(state) {
    activeBox.replaceChildren();
    FACETS.forEach(function (key) {
      boxes[key].forEach(function (box) {
        if (state.filters[key].indexOf(box.value) !== -1) activeBox.append(view.filterChip(key, box.value, box.dataset.value));
      });
    });
    if (activeBox.children.length > 1) activeBox.append(view.clearFiltersButton());
    activeBox.hidden = activeBox.children.length === 0;
  }

  async function showCards(results, term, mine) {
    list.replaceChildren();
    pending = results.slice();
    shownQuery = term;
    await showMore(mine);
  }

  async function showMore(mine) {
    var batch = pending.splice(0, PAGE_SIZE);
    var data = await Promise.all(batch.map(function (r) { return r.data(); }));
    if (mine !== undefined && mine !== generation) return;
    data.forEach(function (d) { list.append(view.card(d, shownQuery)); });
    moreButton.hidden = pending.length === 0;
    moreButton.textContent = "Show more results (" + pending.length + " more)";
  }

  // --- events ----------------------------------------------------------------------------------------
  function commit(push) {
    var state = readForm();
    record(state, push);
    if (pagefind) run(state);
  }

  input.addEventListener("input", function () {
    window.clearTimeout(typingTimer);
    typingTimer = window.setTimeout(function () {
      commit(!typing); // the first keystroke of a run makes a history entry, the rest update it
      typing = true;
    }, TYPING_DELAY);
  });

  input.addEventListener("blur", function () { typing = false; });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(typingTimer);
    commit(!typing);
    typing = false;
    // on a touch screen, put the keyboard away so the results can be seen
    if (window.matchMedia("(pointer: coarse)").matches) input.blur();
  });

  form.addEventListener("change", function (event) {
    if (event.target.type !== "checkbox") return;
    typing = false;
    commit(true);
  });

  activeBox.addEventListener("click", function (event) {
    var chip = event.target.closest("button");
    if (!chip) return;
    FACETS.forEach(function (key) {
      boxes[key].forEach(function (box) {
        if (chip.classList.contains("filter-clear") || (chip.dataset.facet === key && chip.dataset.id === box.value)) {
          box.checked = false;
        }
      });
    });
    typing = false;
    commit(true);
    input.focus();
  });

  root.addEventListener("click", function (event) {
    var more = event.target.closest(".facet-more");
    if (!more) return;
    var key = more.closest(".facet").dataset.facet;
    expanded[key] = !expanded[key];
    showCounts(lastCounts, readForm());
  });

  moreButton.addEventListener("click", function () { showMore(generation); });

  // On a phone the open filter panel pushes the results down; this closes it and goes to them.
  doneButton.addEventListener("click", function () {
    panel.open = false;
    (activeBox.hidden ? statusLine : activeBox).scrollIntoView({ block: "start" });
  });

  window.addEventListener("popstate", function () {
    typing = false;
    var state = readUrl();
    fillForm(state);
    if (pagefind) run(state);
  });

  // Arrow keys walk from the box through the result cards and back; Enter opens the focused card.
  root.addEventListener("keydown", function (event) {
    if ((event.key !== "ArrowDown" && event.key !== "ArrowUp") || event.altKey || event.ctrlKey
      || event.metaKey || event.shiftKey) return;
    var links = Array.prototype.slice.call(list.querySelectorAll("a.result-link"));
    if (!links.length) return;
    var at = links.indexOf(document.activeElement);
    if (event.target === input) {
      if (event.key !== "ArrowDown") return;
      event.preventDefault();
      links[0].focus();
      return;
    }
    if (at === -1) return;
    event.preventDefault();
    if (event.key === "ArrowDown") links[Math.min(at + 1, links.length - 1)].focus();
    else if (at === 0) input.focus();
    else links[at - 1].focus();
  });

  // The filter panel is a sidebar that stays open on wide screens and a closed drawer on phones.
  function fitPanel() { panel.open = wide.matches; }
  wide.addEventListener("change", fitPanel);
  panel.addEventListener("toggle", function () { if (wide.matches && !panel.open) panel.open = true; });

  // --- start -----------------------------------------------------------------------------------------
  function fail(html) {
    offline.innerHTML = html;
    offline.classList.add("is-shown");
    form.hidden = true;
  }

  async function start() {
    fitPanel();
    fillForm(readUrl());
    if (window.location.protocol === "file:") {
      offline.classList.add("is-shown");
      form.hidden = true;
      root.dataset.state = "offline";
      return;
    }
    root.dataset.state = "loading";
    say("Loading search…");
    try {
      pagefind = await import(root.dataset.bundle);
      await pagefind.options({ baseUrl: root.dataset.base, excerptLength: 26 });
      // a large site is indexed in parts (exguide/site/search_parts.py); Pagefind searches them as one
      var parts = (root.dataset.parts || "").split(" ").filter(Boolean);
      for (var i = 0; i < parts.length; i++) await pagefind.mergeIndex(parts[i], { baseUrl: root.dataset.base });
      totals = await pagefind.filters(); // every group and value, before the first search
    } catch (error) {
      pagefind = null;
      fail("<p><strong>Search could not load its index.</strong> Build the site without <code>--no-search</code> "
        + "and serve it (<code>make serve</code>), then reload this page.</p>");
      say("");
      root.dataset.state = "failed";
      return;
    }
    await run(readForm());
    root.dataset.state = "ready"; // for tests and styles: the first answer is on screen
  }

  start();
})();
