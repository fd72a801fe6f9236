/* The routine player's plan, and what each part of it is called: every phase from the get-ready to the
   last step's last set, made from the page's #player-data, with the words the face and the live region
   use. No page, no clock: assets/js/player.js runs it. */
(function () {
  "use strict";
  var READY_SECONDS = 5;   // before the first step
  var SWITCH_SECONDS = 5;  // to change sides (exguide/site/routines.py counts the same)
  var LABELS = { ready: "Get ready", work: "Work", rest: "Rest", "switch": "Switch sides", relax: "Relax" };

  window.exguidePlayerPlan = function (data) {
    var STEPS = data.steps.length;
    var ROUNDS = Math.max(1, data.rounds || 1);
    var phases = build();

    /* ready, then for each round, step, set, rep (of a timed hold) and side: work, a switch between
       sides, a short relax between reps, the rest after each set (none after the very last). */
    function build() {
      var list = [{ kind: "ready", seconds: READY_SECONDS, step: 0, round: 1, set: 1, rep: 1, side: 0 }];
      for (var round = 1; round <= ROUNDS; round++) {
        data.steps.forEach(function (step, i) {
          var sets = Math.max(1, step.sets || 1), sides = step.sides === 2 ? 2 : 1, holds = holdsOf(step);
          for (var set = 1; set <= sets; set++) {
            for (var rep = 1; rep <= holds; rep++) {
              for (var side = 1; side <= sides; side++) {
                var at = { step: i, round: round, set: set, rep: rep, side: sides === 2 ? side : 0 };
                list.push(phase("work", step.seconds || 0, at));
                if (side < sides) list.push(phase("switch", SWITCH_SECONDS, at));
              }
              if (rep < holds) list.push(phase("relax", relaxOf(step), at));
            }
            var last = round === ROUNDS && i === STEPS - 1 && set === sets;
            var rest = set < sets ? restBetweenSets(step) : step.rest;
            if (rest > 0 && !last) list.push(phase("rest", rest, at));
          }
        });
      }
      // every phase knows the work it is, or leads to: the counters and titles describe that one
      for (var k = list.length - 1, ahead = k; k >= 0; k--) {
        if (list[k].kind === "work") ahead = k;
        list[k].target = ahead;
      }
      return list;
    }

    function phase(kind, seconds, at) {
      return { kind: kind, seconds: seconds, step: at.step, round: at.round, set: at.set, rep: at.rep, side: at.side };
    }

    /* A timed step with reps ("2 × hold 20 sec") holds that many times a set; the routine's estimated
       time counts it so too. A range counts its upper end, as sets and times do. */
    function holdsOf(step) {
      var found = step.seconds > 0 && /(\d+)\D*$/.exec(step.reps || "");
      return found ? Math.max(1, Math.min(50, Number(found[1]))) : 1;
    }

    /* The rest between sets: its own where the data gives one (set_rest), else the rest after the step. */
    function restBetweenSets(step) { return typeof step.set_rest === "number" ? step.set_rest : step.rest; }

    function relaxOf(step) { return Math.min(10, Math.max(3, Math.round(step.seconds / 6))); }

    function stepOf(p) { return data.steps[p.step]; }
    function isReps(p) { return p.kind === "work" && !p.seconds; }

    function label(p) { return LABELS[p.kind]; }

    function counters(p) {
      var parts = ["Step " + (p.step + 1) + " of " + STEPS];
      if ((stepOf(p).sets || 1) > 1) parts.push("Set " + p.set + " of " + stepOf(p).sets);
      if (holdsOf(stepOf(p)) > 1) parts.push("Rep " + p.rep + " of " + holdsOf(stepOf(p)));
      if (ROUNDS > 1) parts.push("Round " + p.round + " of " + ROUNDS);
      return parts.join(" · ");
    }

    function aloud(p) { return counters(p).split(" · ").join(", "); }

    function repsText(p) {
      var reps = stepOf(p).reps;
      return reps ? reps + (reps === "1" ? " rep" : " reps") : "Your pace";
    }

    function sideText(p) {
      if (p.kind === "switch") return "Next: second side";
      if (p.kind === "relax") return "Next: rep " + (p.rep + 1) + " of " + holdsOf(stepOf(p));
      if (p.kind === "work" && p.side) return p.side === 1 ? "First side" : "Second side";
      return "";
    }

    function title(p) {
      var name = stepOf(phases[p.target]).title;
      return p.kind === "ready" || p.kind === "rest" ? "Next: " + name : name;
    }

    /* What follows this work: its next side or set, or the next step. */
    function after(index) {
      var p = phases[index];
      for (var j = index + 1; j < phases.length; j++) {
        var q = phases[j];
        if (q.kind !== "work") continue;
        if (q.step === p.step && q.round === p.round) {
          if (q.set !== p.set) return "Next: set " + q.set + " of " + stepOf(q).sets;
          return q.rep === p.rep ? "Next: second side" : "Next: rep " + q.rep + " of " + holdsOf(stepOf(q));
        }
        return "Next: " + stepOf(q).title + (q.round !== p.round ? " (round " + q.round + ")" : "");
      }
      return "Last one";
    }

    /* One sentence for the live region when a phase begins. */
    function describe(index) {
      var p = phases[index], t = phases[p.target];
      if (p.kind === "ready") return "Get ready, " + READY_SECONDS + " seconds. First: " + stepOf(t).title + ".";
      if (p.kind === "rest") return "Rest, " + p.seconds + " seconds. Next: " + stepOf(t).title + ", " + aloud(t).toLowerCase() + ".";
      if (p.kind === "switch") return "Switch sides, " + p.seconds + " seconds.";
      if (p.kind === "relax") return "Relax, " + p.seconds + " seconds. " + sideText(p) + ".";
      var what = isReps(p) ? repsText(p) + ", then press Done" : p.seconds + " seconds";
      return stepOf(p).title + (p.side ? ", " + sideText(p).toLowerCase() : "") + ": " + what + ". " + aloud(p) + ".";
    }

    /* A step counts as done in a round when every one of its sets and sides was (``done``: phase index -> true). */
    function stepDone(done, step, round) {
      for (var k = 0; k < phases.length; k++) {
        var p = phases[k];
        if (p.kind === "work" && p.step === step && p.round === round && !done[k]) return false;
      }
      return true;
    }

    function doneEveryRound(done, step) {
      for (var round = 1; round <= ROUNDS; round++) if (!stepDone(done, step, round)) return false;
      return true;
    }

    function summary(done, spentMs) {
      var count = 0, skipped = [];
      for (var round = 1; round <= ROUNDS; round++) {
        for (var i = 0; i < STEPS; i++) {
          if (stepDone(done, i, round)) count += 1;
          else skipped.push(data.steps[i].title + (ROUNDS > 1 ? " (round " + round + ")" : ""));
        }
      }
      var total = STEPS * ROUNDS;
      var text = count + " of " + total + (total === 1 ? " step" : " steps") + " done" + (ROUNDS > 1 ? " (" + ROUNDS + " rounds)" : "")
        + " in " + spoken(spentMs) + ".";
      if (skipped.length && skipped.length < total) text += " Skipped: " + skipped.join(", ") + ".";
      return text;
    }

    /* Where the reader is, for the resume button: "step 3 of 6". */
    function place(index) {
      var t = phases[phases[index].target];
      return "step " + (t.step + 1) + " of " + STEPS + (ROUNDS > 1 ? ", round " + t.round + " of " + ROUNDS : "");
    }

    return { phases: phases, steps: STEPS, isReps: isReps, label: label, counters: counters, repsText: repsText,
             sideText: sideText, title: title, after: after, describe: describe, stepDone: stepDone,
             doneEveryRound: doneEveryRound, summary: summary, place: place };
  };

  function spoken(ms) {
    var seconds = Math.round(ms / 1000), m = Math.floor(seconds / 60), s = seconds % 60;
    if (!m) return s + " sec";
    return m + " min" + (s ? " " + s + " sec" : "");
  }
})();
