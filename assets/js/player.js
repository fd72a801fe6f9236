/* The routine player: Start, a short get-ready, then each step's work (a countdown, or its reps with a
   Done button), the rest after it with the next step named, to the end and a summary. Sides are switched
   for per-side steps. Time is read from timestamps, never from counted ticks, so a tab left in the
   background is right when the reader comes back. Progress is kept in localStorage under the routine's
   address with a fingerprint of its steps: a reload offers to resume, a changed routine starts fresh.
   The plan and its words come from assets/js/player-plan.js. Without these scripts the section stays
   hidden and the step list below is the routine. */
(function () {
  "use strict";
  var root = document.getElementById("player");
  var source = document.getElementById("player-data");
  if (!root || !source || !Date.now || !window.JSON || !window.exguidePlayerPlan) return;
  var data;
  try { data = JSON.parse(source.textContent); } catch (e) { return; }
  if (!data || !data.steps || !data.steps.length) return;

  var TICK_MS = 200;
  var SAVE_MS = 5000;      // while running, progress is saved at least this often
  var KEEP_MS = 24 * 3600 * 1000;  // progress older than a day is not offered again
  // the page's path holds the slug and the site's base path, so two sites on one origin (GitHub project
  // pages) keep their progress apart, as the offline worker keeps its cache
  var KEY = "exguide-player:" + location.pathname.replace(/index\.html$/, "");
  var SIGNATURE = fingerprint(source.textContent);

  var el = {};
  ["start", "resume", "stage", "progress", "phase", "title", "side", "clock", "bar", "next", "figure", "dose",
   "note", "points", "summary", "summary-title", "summary-text", "announce"].forEach(function (id) {
    el[id] = document.getElementById("player-" + id);
  });
  function button(action) { return root.querySelector('[data-action="' + action + '"]'); }
  var buttons = { start: button("start"), over: button("over"), toggle: button("toggle"), done: button("done"),
                  more: button("continue") };

  var plan = window.exguidePlayerPlan(data), phases = plan.phases, isReps = plan.isReps;
  var state = fresh();
  var interval = null, audio = null, wakeLock = null, shownStep = -1, lastSave = 0;
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)");

  function fresh() {
    return { index: -1, running: false, endAt: 0, left: 0, spent: 0, since: 0, done: {}, over: false, early: false, pip: 0 };
  }

  function clock(seconds) {
    seconds = Math.max(0, Math.ceil(seconds));
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  function say(text) {
    // the same words twice in a row are still read out
    el.announce.textContent = el.announce.textContent === text ? text + "\u00a0" : text;
  }

  /* --- time ----------------------------------------------------------------------------------- */
  function current() { return phases[state.index]; }

  function leftMs(now) {
    var p = current();
    if (isReps(p)) return 0;
    return state.running ? Math.max(0, state.endAt - now) : state.left;
  }

  function spentMs(now) { return state.spent + (state.running ? now - state.since : 0); }

  /* Begin phase ``index`` now (skip, back, Done, or the start). */
  function enter(index, now) {
    state.index = index;
    state.pip = 0;
    state.left = current().seconds * 1000;
    state.endAt = isReps(current()) ? Infinity : now + state.left;
    began(now);
  }

  function began(now) {
    say(plan.describe(state.index));
    cue(current().kind === "work" ? "work" : "break");
    save(now);
    render(now);
  }

  function complete(index) { if (phases[index].kind === "work") state.done[index] = true; }

  function tick() {
    if (!state.running) return;
    var now = Date.now(), moved = false;
    // catch up through every phase that ended while the page was asleep or in the background
    while (!isReps(current()) && now >= state.endAt) {
      complete(state.index);
      // the time taken ends where the last phase did, not when a background tab woke up
      if (state.index >= phases.length - 1) return finish(false, state.endAt);
      state.index += 1;
      state.pip = 0;
      state.endAt = isReps(current()) ? Infinity : state.endAt + current().seconds * 1000;
      moved = true;
    }
    if (moved) return began(now);
    var left = Math.ceil(leftMs(now) / 1000);
    // pips in the last three seconds, but not over the beep a short phase began with
    if (!isReps(current()) && left <= 3 && left > 0 && left < current().seconds && state.pip !== left) {
      state.pip = left;
      cue("pip");
    }
    if (now - lastSave >= SAVE_MS) save(now);
    render(now);
  }

  /* --- what the reader does ---------------------------------------------------------------------- */
  function run(now) {
    state.running = true;
    state.since = now;
    if (!isReps(current())) state.endAt = now + state.left;
    if (interval === null) interval = setInterval(tick, TICK_MS);
    keepAwake();
  }

  function start() {
    wakeAudio();
    forget();
    state = fresh();
    state.index = 0;
    var now = Date.now();
    run(now);
    enter(0, now);
    bringIntoView();
  }

  function resume(saved) {
    wakeAudio();
    var now = Date.now();
    state = fresh();
    state.index = saved.index;
    state.left = saved.left;
    state.spent = saved.spent;
    saved.done.forEach(function (i) { state.done[i] = true; });
    state.endAt = isReps(current()) ? Infinity : 0;
    run(now);
    say("Resumed. " + plan.describe(state.index));
    save(now);
    render(now);
    bringIntoView();
  }

  function pause() {
    tick();
    if (!state.running) return;
    var now = Date.now();
    state.left = leftMs(now);
    state.spent = spentMs(now);
    state.running = false;
    sleep();
    say("Paused at " + (isReps(current()) ? plan.repsText(current()) : clock(state.left / 1000)) + ".");
    save(now);
    render(now);
  }

  function toggle() {
    if (state.running) return pause();
    wakeAudio();
    var now = Date.now();
    run(now);
    say("Resumed.");
    save(now);
    render(now);
  }

  /* Move to phase ``index``, keeping the player running or paused as it was. */
  function jump(index) {
    var now = Date.now();
    wakeAudio();
    if (index >= phases.length) return finish(false, now);
    enter(index, now);
  }

  function skip() { jump(state.index + 1); }

  /* Back to the work before this phase (the set just done when resting), or to the get-ready. */
  function back() {
    for (var j = state.index - 1; j > 0; j--) if (phases[j].kind === "work") return jump(j);
    jump(0);
  }

  function done() {
    if (!isReps(current())) return;
    complete(state.index);
    skip();
  }

  function finish(early, now) {
    state.spent = spentMs(now);
    state.running = false;
    state.over = true;
    state.early = early;
    sleep();
    forget();
    var text = plan.summary(state.done, state.spent);
    say((early ? "Routine ended. " : "Routine finished. ") + text);
    if (!early) cue("final");
    render(now);
    var focused = document.activeElement;
    if (!focused || focused === document.body || root.contains(focused)) el.summary.focus();
  }

  function carryOn() {
    // the summary after End offers to go back to where the reader stopped, paused
    state.over = false;
    state.early = false;
    var now = Date.now();
    say("Paused. " + plan.describe(state.index));
    save(now);
    render(now);
    buttons.toggle.focus();
  }

  /* --- the page --------------------------------------------------------------------------------- */
  function render(now) {
    var started = state.index >= 0;
    var focused = document.activeElement, hadFocus = !!focused && root.contains(focused);
    el.start.hidden = started;
    el.stage.hidden = !started || state.over;
    el.summary.hidden = !state.over;
    root.setAttribute("data-state", !started ? "ready" : state.over ? "over" : state.running ? "running" : "paused");
    highlight();
    if (state.over) {
      el["summary-title"].textContent = state.early ? "Routine ended" : "Well done";
      el["summary-text"].textContent = plan.summary(state.done, state.spent);
      buttons.more.hidden = !state.early;
      return;
    }
    if (!started) return;
    var p = current(), target = phases[p.target], left = leftMs(now);
    root.setAttribute("data-phase", p.kind);
    root.setAttribute("data-reps", isReps(p) ? "true" : "false");
    el.progress.textContent = plan.counters(target);
    el.phase.textContent = plan.label(p);
    el.title.textContent = plan.title(p);
    el.side.textContent = plan.sideText(p);
    el.clock.textContent = isReps(p) ? plan.repsText(p) : clock(left / 1000);
    var fraction = isReps(p) || !p.seconds ? 0 : 1 - left / (p.seconds * 1000);
    el.bar.style.transform = "scaleX(" + Math.min(1, Math.max(0, fraction)).toFixed(3) + ")";
    el.next.textContent = p.kind === "work" ? plan.after(state.index) : "";
    buttons.toggle.querySelector(".player-label").textContent = state.running ? "Pause" : "Resume";
    buttons.done.hidden = !isReps(p);
    if (shownStep !== target.step) showStep(target.step);
    // a button that hid (Done, once pressed) must not leave the keyboard user nowhere
    if (hadFocus && (focused.closest("[hidden]") || !root.contains(document.activeElement))) buttons.toggle.focus();
  }

  /* The step's picture (cloned from the list below), dose, note and key points. */
  function showStep(i) {
    shownStep = i;
    var step = data.steps[i];
    var picture = document.querySelector("#step-" + (i + 1) + " .step-picture img");
    el.figure.textContent = "";
    if (picture) {
      var img = picture.cloneNode(false);
      img.removeAttribute("loading");
      img.addEventListener("error", function () { img.remove(); });
      el.figure.appendChild(img);
    } else {
      var number = document.createElement("span");
      number.className = "player-figure-number";
      number.textContent = String(i + 1);
      el.figure.appendChild(number);
    }
    el.dose.textContent = step.dose + (step.sides === 2 ? " each side" : "");
    el.note.textContent = step.note || "";
    el.note.hidden = !step.note;
    el.points.textContent = "";
    (step.points || []).forEach(function (point) {
      var li = document.createElement("li");
      li.textContent = point;
      el.points.appendChild(li);
    });
  }

  /* The current step stands out in the list below; the steps done in this round are ticked, and at
     the end the ones done in every round. */
  function highlight() {
    var live = state.index >= 0 && !state.over;
    var target = live ? phases[current().target] : null;
    for (var i = 0; i < plan.steps; i++) {
      var item = document.getElementById("step-" + (i + 1));
      if (!item) continue;
      var now = !!target && target.step === i;
      item.classList.toggle("is-current", now);
      if (now) item.setAttribute("aria-current", "step"); else item.removeAttribute("aria-current");
      item.classList.toggle("is-done", live ? plan.stepDone(state.done, i, target.round) : state.over && plan.doneEveryRound(state.done, i));
    }
  }

  function bringIntoView() {
    var box = root.getBoundingClientRect();
    if (box.top < 0 || box.top > window.innerHeight / 3) {
      root.scrollIntoView({ block: "start", behavior: reduceMotion && reduceMotion.matches ? "auto" : "smooth" });
    }
    buttons.toggle.focus({ preventScroll: true });
  }

  /* --- sound, vibration, the screen ------------------------------------------------------------- */
  function wakeAudio() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!audio && Context) {
      try { audio = new Context(); } catch (e) { audio = null; }
    }
    if (audio && audio.state === "suspended") audio.resume().catch(function () {});
  }

  /* A beep where Web Audio exists and a buzz where the device allows: "work" and "break" when a phase
     begins, "pip" in its last three seconds, "final" at the end. */
  function cue(kind) {
    if (navigator.vibrate && kind !== "pip") {
      try { navigator.vibrate(kind === "final" ? [250, 120, 250] : kind === "work" ? 200 : 120); } catch (e) { /* not allowed */ }
    }
    if (!audio || audio.state !== "running") return;
    var tones = { work: [880, 0.25, [0]], "break": [660, 0.25, [0]], pip: [660, 0.08, [0]], final: [660, 0.25, [0, 0.25]] }[kind];
    tones[2].forEach(function (delay) {
      var begin = audio.currentTime + delay;
      var osc = audio.createOscillator(), gain = audio.createGain();
      osc.frequency.value = tones[0];
      gain.gain.setValueAtTime(0.0001, begin);
      gain.gain.exponentialRampToValueAtTime(tones[1], begin + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, begin + 0.18);
      osc.connect(gain).connect(audio.destination);
      osc.start(begin);
      osc.stop(begin + 0.2);
    });
  }

  function keepAwake() {
    if (!navigator.wakeLock || wakeLock || document.hidden) return;
    navigator.wakeLock.request("screen").then(function (lock) {
      if (!state.running) return lock.release().catch(function () {});
      wakeLock = lock;
      // the browser lets go of it when the page is hidden; coming back asks again
      lock.addEventListener("release", function () { if (wakeLock === lock) wakeLock = null; });
    }).catch(function () {});
  }

  function sleep() {
    if (interval !== null) clearInterval(interval);
    interval = null;
    if (wakeLock) { wakeLock.release().catch(function () {}); wakeLock = null; }
  }

  /* --- progress kept across a reload --------------------------------------------------------------- */
  function fingerprint(text) {
    var hash = 5381;
    for (var i = 0; i < text.length; i++) hash = ((hash * 33) ^ text.charCodeAt(i)) >>> 0;
    return hash.toString(36) + "-" + text.length;
  }

  function save(now) {
    lastSave = now;
    if (state.index < 0 || state.over) return;
    var record = { v: 1, sig: SIGNATURE, index: state.index, left: Math.round(leftMs(now)), spent: Math.round(spentMs(now)),
                   done: Object.keys(state.done).map(Number), at: now };
    try { localStorage.setItem(KEY, JSON.stringify(record)); } catch (e) { /* private mode or full: no resume */ }
  }

  function load() {
    var saved;
    try { saved = JSON.parse(localStorage.getItem(KEY) || "null"); } catch (e) { saved = null; }
    if (!saved) return null;
    var ok = saved.v === 1 && saved.sig === SIGNATURE && saved.index >= 0 && saved.index < phases.length
      && saved.index % 1 === 0 && saved.left >= 0 && saved.spent >= 0 && Array.isArray(saved.done)
      && Math.abs(Date.now() - saved.at) < KEEP_MS;
    if (!ok) { forget(); return null; }  // another version of the routine, or long ago: start fresh
    saved.done = saved.done.filter(function (i) { return phases[i] && phases[i].kind === "work"; });
    saved.left = Math.min(saved.left, phases[saved.index].seconds * 1000);
    return saved;
  }

  function forget() {
    try { localStorage.removeItem(KEY); } catch (e) { /* nothing kept */ }
  }

  function offerResume() {
    var saved = load();
    buttons.start.hidden = !!saved;
    buttons.over.hidden = !saved;
    el.resume.hidden = !saved;
    if (!saved) return null;
    el.resume.querySelector(".player-label").textContent = "Resume where you left off (" + plan.place(saved.index) + ")";
    return saved;
  }

  /* Ask the offline worker to keep every step's picture, not only the ones already scrolled past. */
  function keepPictures() {
    if (!("serviceWorker" in navigator) || !navigator.serviceWorker) return;
    var urls = Array.prototype.map.call(document.querySelectorAll("#steps .step-picture img"), function (img) { return img.src; });
    if (!urls.length) return;
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.active) registration.active.postMessage({ type: "keep", urls: urls });
    }).catch(function () {});
  }

  /* --- wiring ------------------------------------------------------------------------------------ */
  var pending = offerResume();
  var actions = {
    start: start, over: start, toggle: toggle, skip: skip, back: back, done: done, "continue": carryOn,
    resume: function () { if (pending) resume(pending); pending = null; },
    stop: function () { finish(true, Date.now()); },
    restart: start
  };

  root.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("[data-action]") : null;
    if (target && actions[target.getAttribute("data-action")]) actions[target.getAttribute("data-action")]();
  });

  /* Space pauses or resumes, arrows skip and go back, Escape ends: while the player has the focus, or
     runs and the focus is on nothing else that takes keys (a field, a link, another button). */
  var TAKES_KEYS = "input, textarea, select, button, a[href], summary, [contenteditable]:not([contenteditable=\"false\"]), "
    + "[role=\"textbox\"], [role=\"slider\"], [role=\"spinbutton\"], [role=\"combobox\"], [role=\"menu\"], [role=\"listbox\"]";
  var KEYS = { " ": toggle, Spacebar: toggle, ArrowRight: skip, ArrowLeft: back, Escape: actions.stop };

  document.addEventListener("keydown", function (event) {
    var act = KEYS[event.key];
    if (!act || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
    if (state.index < 0 || state.over) return;
    var target = event.target instanceof Element ? event.target : null;
    var inside = !!target && root.contains(target);
    if (!inside && (!state.running || (target && target !== document.body && target.closest(TAKES_KEYS)))) return;
    event.preventDefault();
    if (!event.repeat) act();
  });
  // a button activates on the Space key's release: the press above already acted
  root.addEventListener("keyup", function (event) {
    if ((event.key === " " || event.key === "Spacebar") && state.index >= 0 && !state.over) event.preventDefault();
  });

  document.addEventListener("visibilitychange", function () {
    if (document.hidden) { save(Date.now()); return; }
    if (state.running) { tick(); keepAwake(); }
  });
  window.addEventListener("pagehide", function () { save(Date.now()); });

  keepPictures();
  root.hidden = false;
  render(Date.now());
})();
