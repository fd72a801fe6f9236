/* "/" on any page puts the cursor in the search box (the search page's own box when there is one),
   unless the reader is already typing somewhere. */
(function () {
  "use strict";
  var TYPING = 'input:not([type="checkbox"]):not([type="radio"]):not([type="button"]):not([type="submit"]), '
    + "textarea, select, [contenteditable]:not([contenteditable=\"false\"])";

  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    var target = event.target;
    if (target instanceof Element && target.closest(TYPING)) return;
    var box = document.getElementById("search-q") || document.getElementById("header-q");
    if (!box || box.offsetParent === null) return;
    event.preventDefault();
    box.focus();
    box.select();
  });
})();
