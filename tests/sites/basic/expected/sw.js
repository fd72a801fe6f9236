/* Offline reading: a service worker for the whole site.
   Rendered by the build, so every path below carries the site's base path and the worker's scope is
   exactly the site (it works the same at / and under a project sub-path).
   Pages and files are fetched from the network first, so an update is picked up on the next visit;
   each good answer is kept, and when the network fails the kept copy is served instead. */
"use strict";

var SCOPE = "/";
var CACHE = "exguide-v1:" + SCOPE;
var SHELL = ["/","/404.html","/assets/css/site.css","/assets/css/reader.css","/assets/js/sw-register.js","/assets/img/icon.svg","/figures/body-SLf3-d.svg"]; // the sprite: every page's muscle figure
var NETWORK_WAIT_MS = 4000; // on a weak signal, fall back to the kept copy after this long

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    // one missing file must not stop the worker from installing
    return Promise.all(SHELL.map(function (url) { return cache.add(url).catch(function () {}); }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name !== CACHE && name.slice(name.indexOf(":") + 1) === SCOPE && name.indexOf("exguide-") === 0;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

/* The page that registered the worker loaded before it existed: it sends its own address and files. */
self.addEventListener("message", function (event) {
  var message = event.data || {};
  if (message.type !== "keep" || !Array.isArray(message.urls)) return;
  var urls = message.urls.filter(ours);
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(urls.map(function (url) {
      return cache.match(url).then(function (hit) {
        return hit || fetch(url).then(function (response) { return keep(cache, url, response); }).catch(function () {});
      });
    }));
  }).then(function () {
    if (event.source && event.source.postMessage) event.source.postMessage({ type: "kept", urls: urls });
  }));
});

function ours(url) {
  var parsed = new URL(url, self.location.href);
  return parsed.origin === self.location.origin && parsed.pathname.indexOf(SCOPE) === 0
    && parsed.pathname.indexOf("livereload") === -1;
}

function keep(cache, request, response) {
  if (response && response.ok && response.type === "basic") return cache.put(request, response.clone()).then(function () { return response; });
  return response;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || !ours(request.url)) return;
  if ((request.headers.get("Accept") || "").indexOf("text/event-stream") !== -1) return;
  event.respondWith(fromNetworkFirst(request));
});

function fromNetworkFirst(request) {
  return caches.open(CACHE).then(function (cache) {
    var page = request.mode === "navigate";
    // pages ask the server whether they changed (a cheap 304 when not), so an update shows on the next visit
    var network = fetch(page ? request.url : request, page ? { cache: "no-cache", credentials: "same-origin" } : undefined)
      .then(function (response) {
        // a navigation may not be answered with a followed redirect: send the browser there itself
        if (page && response.redirected) return Response.redirect(response.url, 302);
        // a page is kept once, whatever its query (?q= on the search page), so the cache cannot grow without end
        return keep(cache, page ? request.url.split("?")[0] : request, response);
      });
    var fallback = function () {
      return cache.match(request, { ignoreSearch: page }).then(function (hit) {
        return hit || (page ? offlinePage() : Response.error());
      });
    };
    var slow = new Promise(function (resolve) {
      setTimeout(function () {
        cache.match(request).then(function (hit) { if (hit) resolve(hit); });
      }, NETWORK_WAIT_MS);
    });
    return Promise.race([network.catch(fallback), slow]);
  });
}

function offlinePage() {
  var html = "<!doctype html><html lang=\"" + "en" + "\"><head><meta charset=\"utf-8\">"
    + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Offline</title>"
    + "<link rel=\"stylesheet\" href=\"" + "/assets/css/site.css" + "\"></head><body>"
    + "<main id=\"main\" class=\"wrap\"><h1>You are offline</h1><p>This page has not been saved on this device yet. "
    + "Guides you have opened before still work: <a href=\"" + SCOPE + "\">go to the home page</a>.</p></main></body></html>";
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}
