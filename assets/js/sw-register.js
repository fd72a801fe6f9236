/* Registers the offline service worker (its address and scope come from this script's data attributes,
   so a site under a sub-path registers its own), then asks it to keep the page the reader is on.
   Under the dev server (live reload) no worker runs, and one left from an earlier build is removed,
   so a kept copy can never hide a fresh rebuild. */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !("serviceWorker" in navigator)) return;
  var scope = me.getAttribute("data-scope");
  var dev = document.querySelector('script[src*="livereload.js"], meta[name="exguide-dev"]');
  if (dev) {
    navigator.serviceWorker.getRegistrations().then(function (registrations) {
      registrations.forEach(function (registration) { registration.unregister(); });
    }).catch(function () {});
    return;
  }

  function sameSite(url) {
    try {
      var parsed = new URL(url, location.href);
      return parsed.origin === location.origin && parsed.pathname.indexOf(scope) === 0;
    } catch (e) {
      return false;
    }
  }

  function keepThisPage(registration) {
    var worker = registration.active;
    if (!worker) return;
    var files = [];
    if (window.performance && performance.getEntriesByType) {
      files = performance.getEntriesByType("resource").map(function (entry) { return entry.name; });
    }
    // images the page may show later without fetching them now (lazy, or beside a <source> it chose): kept too
    var later = Array.prototype.map.call(document.querySelectorAll("img[data-keep]"), function (img) { return img.src; });
    var urls = [location.href.split("#")[0]].concat(files, later).filter(sameSite);
    worker.postMessage({ type: "keep", urls: urls });
  }

  window.addEventListener("load", function () {
    navigator.serviceWorker.register(me.getAttribute("data-sw"), { scope: scope })
      .then(function () { return navigator.serviceWorker.ready; })
      .then(keepThisPage)
      .catch(function () { /* offline reading is a bonus; the site works without it */ });
  });
})();
