/* Routine filters on /routines/: goal, level and time, applied at once without a reload, kept in the
   URL so a filtered list can be shared. Without this script the form stays hidden and every routine
   is listed. */
(function () {
  "use strict";
  var form = document.getElementById("routine-filters");
  var cards = Array.prototype.slice.call(document.querySelectorAll("#routine-list .routine-card"));
  var none = document.getElementById("routine-none");
  var count = document.getElementById("routine-count");
  if (!form || !cards.length) return;

  function chosen(name) {
    var box = form.querySelector('input[name="' + name + '"]:checked');
    return box ? box.value : "";
  }

  function apply() {
    var goal = chosen("goal"), level = chosen("level"), time = chosen("time");
    var range = time ? time.split("-").map(Number) : null;
    var shown = 0;
    cards.forEach(function (card) {
      var seconds = Number(card.dataset.seconds);
      var match = (!goal || card.dataset.goal === goal) && (!level || card.dataset.level === level) &&
        (!range || (seconds > range[0] && seconds <= range[1]));
      card.hidden = !match;
      if (match) shown += 1;
    });
    none.hidden = shown > 0;
    count.textContent = shown === cards.length ? "" : shown + " of " + cards.length + " routines";
    var params = new URLSearchParams();
    ["goal", "level", "time"].forEach(function (name) { if (chosen(name)) params.set(name, chosen(name)); });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  var params = new URLSearchParams(location.search);
  ["goal", "level", "time"].forEach(function (name) {
    var value = params.get(name);
    var box = value && form.querySelector('input[name="' + name + '"][value="' + CSS.escape(value) + '"]');
    if (box) box.checked = true;
  });
  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
}());
