/* The exercise timer: counts the dose's time for each side, rep and set, with switch, relax and rest
   breaks in between. Time is read from timestamps, never from counted ticks, so a tab left in the
   background shows the right time when the reader comes back. Without this script the section stays
   hidden and the dose line reads as plain text. */
(function () {
  "use strict";
  var root = document.getElementById("timer");
  if (!root || !Date.now) return;

  var SWITCH_SECONDS = 5; // to change sides
  var TICK_MS = 200;
  var face = {
    phase: document.getElementById("timer-phase"),
    clock: document.getElementById("timer-clock"),
    step: document.getElementById("timer-step"),
    plan: document.getElementById("timer-plan"),
    announce: document.getElementById("timer-announce"),
    bar: root.querySelector(".timer-bar-fill"),
    toggle: root.querySelector('[data-action="toggle"]'),
    reset: root.querySelector('[data-action="reset"]'),
    length: document.getElementById("timer-length"),
    lengthOut: document.getElementById("timer-length-out"),
    sets: document.getElementById("timer-sets"),
    reps: document.getElementById("timer-reps")
  };
  var state = { phases: [], index: -1, endAt: 0, left: 0, running: false, done: false };
  var interval = null;
  var audio = null;
  var wakeLock = null;

  function data(name) { return Number(root.getAttribute("data-" + name)) || 0; }

  function chosen(input, fallback) {
    if (!input) return fallback;
    var value = Math.round(Number(input.value));
    var low = Number(input.min), high = Number(input.max);
    if (!isFinite(value)) return fallback;
    return Math.min(Math.max(value, low), high);
  }

  function clock(seconds) {
    seconds = Math.max(0, Math.ceil(seconds));
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  /* The list of phases for the chosen time, sets and reps. */
  function buildPhases() {
    var work = chosen(face.length, data("work-min"));
    var sets = chosen(face.sets, data("sets-min") || 1);
    var reps = chosen(face.reps, data("reps-min") || 1);
    var sides = root.getAttribute("data-per-side") === "true" ? 2 : 1;
    var rest = data("rest") || (sets > 1 ? 30 : 0);
    var relax = Math.min(10, Math.max(3, Math.round(work / 6)));
    var holdWord = root.getAttribute("data-kind") === "hold" ? "Hold" : "Go";
    var phases = [];
    for (var s = 1; s <= sets; s++) {
      for (var r = 1; r <= reps; r++) {
        var where = [];
        if (sets > 1) where.push("Set " + s + " of " + sets);
        if (reps > 1) where.push("Rep " + r + " of " + reps);
        for (var side = 1; side <= sides; side++) {
          var title = sides === 1 ? holdWord : (side === 1 ? "First side" : "Second side");
          phases.push({ kind: "work", seconds: work, title: title, step: where.join(" · ") });
          if (side < sides) phases.push({ kind: "switch", seconds: SWITCH_SECONDS, title: "Switch sides", step: "Next: second side" });
        }
        if (r < reps) {
          phases.push(sides === 2
            ? { kind: "switch", seconds: SWITCH_SECONDS, title: "Switch sides", step: "Next: rep " + (r + 1) }
            : { kind: "relax", seconds: relax, title: "Relax", step: "Next: rep " + (r + 1) });
        }
      }
      if (s < sets && rest > 0) phases.push({ kind: "rest", seconds: rest, title: "Rest", step: "Next: set " + (s + 1) });
    }
    var total = phases.reduce(function (sum, p) { return sum + p.seconds; }, 0);
    var parts = [];
    if (sets > 1) parts.push(plural(sets, "set"));
    if (reps > 1) parts.push(plural(reps, "rep"));
    parts.push(clock(work) + (sides === 2 ? " each side" : ""));
    if (sets > 1 && rest > 0) parts.push(clock(rest) + " rest between sets");
    // one bout needs no summary; anything longer says what is coming and how long it takes in all
    face.plan.textContent = phases.length < 2 ? ""
      : parts.join(" × ").replace(/ × (\d+:\d\d rest)/, ", $1") + " · " + clock(total) + " in all";
    return phases;
  }

  function current() { return state.phases[state.index] || state.phases[0]; }

  function render(now) {
    var phase = current();
    var left = state.running ? (state.endAt - now) / 1000 : state.left / 1000;
    if (state.index < 0) left = phase.seconds;
    if (state.done) left = 0;
    face.clock.textContent = clock(left);
    face.phase.textContent = state.done ? "Done" : (state.index < 0 ? "Ready" : phase.title);
    face.step.textContent = state.done ? "Well done." : phase.step;
    var fraction = state.index < 0 ? 0 : (state.done ? 1 : 1 - left / phase.seconds);
    face.bar.style.transform = "scaleX(" + Math.min(1, Math.max(0, fraction)).toFixed(3) + ")";
    root.setAttribute("data-phase", state.done ? "done" : (state.index < 0 ? "ready" : phase.kind));
    root.setAttribute("data-state", state.running ? "running" : (state.done ? "done" : (state.index < 0 ? "ready" : "paused")));
    face.toggle.textContent = state.running ? "Pause" : (state.index < 0 || state.done ? "Start" : "Resume");
  }

  function say(text) { face.announce.textContent = text; }

  /* A short beep (where Web Audio exists) and a buzz (where the device allows). */
  function cue(final) {
    if (navigator.vibrate) {
      try { navigator.vibrate(final ? [250, 120, 250] : 120); } catch (e) { /* not allowed here */ }
    }
    if (!audio) return;
    var beeps = final ? [0, 0.25] : [0];
    beeps.forEach(function (delay) {
      var start = audio.currentTime + delay;
      var osc = audio.createOscillator(), gain = audio.createGain();
      osc.frequency.value = final ? 660 : 880;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.25, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.18);
      osc.connect(gain).connect(audio.destination);
      osc.start(start);
      osc.stop(start + 0.2);
    });
  }

  function tick() {
    var now = Date.now();
    var moved = false;
    // catch up through every phase that ended while the page was asleep or in the background
    while (state.running && now >= state.endAt) {
      if (state.index >= state.phases.length - 1) return finish();
      state.index += 1;
      state.endAt += current().seconds * 1000;
      moved = true;
    }
    if (moved) {
      var phase = current();
      say(phase.title + (phase.step ? ", " + phase.step : "") + ", " + clock(phase.seconds));
      cue(false);
    }
    render(now);
  }

  function stopTicking() {
    if (interval !== null) clearInterval(interval);
    interval = null;
    if (wakeLock) { wakeLock.release().catch(function () {}); wakeLock = null; }
  }

  function start() {
    if (state.done) reset();
    if (!audio && (window.AudioContext || window.webkitAudioContext)) {
      try { audio = new (window.AudioContext || window.webkitAudioContext)(); } catch (e) { audio = null; }
    }
    if (audio && audio.state === "suspended") audio.resume().catch(function () {});
    if (state.index < 0) {
      state.index = 0;
      state.left = current().seconds * 1000;
      say(current().title + ", " + clock(current().seconds));
    } else {
      say("Resumed");
    }
    state.endAt = Date.now() + state.left;
    state.running = true;
    interval = setInterval(tick, TICK_MS);
    if (navigator.wakeLock) {
      navigator.wakeLock.request("screen").then(function (lock) { wakeLock = lock; }).catch(function () {});
    }
    render(Date.now());
  }

  function pause() {
    tick();
    if (!state.running) return;
    state.left = Math.max(0, state.endAt - Date.now());
    state.running = false;
    stopTicking();
    say("Paused at " + clock(state.left / 1000));
    render(Date.now());
  }

  function finish() {
    state.running = false;
    state.done = true;
    stopTicking();
    say("Done. Well done.");
    cue(true);
    render(Date.now());
  }

  function reset() {
    stopTicking();
    state = { phases: buildPhases(), index: -1, endAt: 0, left: 0, running: false, done: false };
    render(Date.now());
  }

  face.toggle.addEventListener("click", function () { if (state.running) pause(); else start(); });
  face.reset.addEventListener("click", function () { reset(); say("Reset"); });
  [face.length, face.sets, face.reps].forEach(function (input) {
    if (!input) return;
    input.addEventListener("input", function () {
      if (input === face.length && face.lengthOut) face.lengthOut.textContent = clock(chosen(input, 0));
      reset();
    });
  });
  document.addEventListener("visibilitychange", function () { if (!document.hidden && state.running) tick(); });

  if (face.lengthOut) face.lengthOut.textContent = clock(chosen(face.length, 0));
  reset();
  root.hidden = false;
})();
