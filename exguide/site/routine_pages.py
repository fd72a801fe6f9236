"""The plan stage for routines: the overview and one page per routine."""
from __future__ import annotations

from exguide.site.library import Library
from exguide.site.page import Page
from exguide.site.routine_export import routine_jsonld
from exguide.site.routines import RoutinePlan, duration_text

GOAL_NAMES = {"mobility": "Mobility", "strength": "Strength", "core": "Core", "recovery": "Recovery",
              "conditioning": "Conditioning", "warm-up": "Warm-up", "power": "Jumping and power"}


def routine_pages(lib: Library) -> list[Page]:
    """/routines/ and /routines/<slug>/ (the overview even with none: the nav leads there)."""
    u = lib.urls
    summaries = [_summary(lib, plan) for plan in lib.routines]
    goals = [(goal, name) for goal, name in GOAL_NAMES.items() if any(s["goal"] == goal for s in summaries)]
    pages = [Page(u.routines(), "routines.html", "Routines", kind="routines",
                  description="Workouts to follow from start to finish, with a timer for every step.",
                  context={"routines": summaries, "goals": goals})]
    for plan, summary in zip(lib.routines, summaries):
        steps = [_step(lib, step) for step in plan.steps]
        pages.append(Page(u.routine(plan.routine.slug), "routine.html", plan.routine.title, kind="routine",
                          description=plan.routine.summary, source_path=plan.routine.source_path,
                          context={"routine": plan.routine, "summary": summary, "steps": steps,
                                   "body": lib.bodies.get(plan.routine.source_path, ""),
                                   "jsonld": routine_jsonld(lib, plan), "player": _player(lib, plan, steps),
                                   **_worked(lib, plan)}))
    return pages


def _worked(lib: Library, plan: RoutinePlan) -> dict:
    """The muscles for the routine's body figure: strong where two or more steps work them."""
    muscles = lib.taxonomy.muscles
    many = [muscles[m] for m, n in plan.worked if n > 1]
    once = [muscles[m] for m, n in plan.worked if n == 1]
    if not many:
        return {"targets": once, "secondary": [], "labels": ("Worked:", "")}
    return {"targets": many, "secondary": once, "labels": ("In two or more steps:", "In one step:")}


def _player(lib: Library, plan: RoutinePlan, steps: list[dict]) -> dict:
    """What assets/js/player.js runs: every step with its text and its timer."""
    u = lib.urls
    return {"title": plan.routine.title, "slug": plan.routine.slug, "rounds": plan.routine.rounds,
            "seconds": plan.seconds,
            "steps": [{"title": s["exercise"].title, "href": u.href(u.exercise(s["exercise"].slug)),
                       "dose": s["dose"], "note": s["note"], "points": list(s["exercise"].key_points),
                       **s["timer"]} for s in steps]}


def _summary(lib: Library, plan: RoutinePlan) -> dict:
    routine = plan.routine
    return {"routine": routine, "goal": routine.goal, "goal_name": GOAL_NAMES[routine.goal],
            "seconds": plan.seconds, "time": duration_text(plan.seconds), "steps": len(plan.steps),
            "equipment": [lib.taxonomy.equipment[e] for e in plan.equipment]}


def _step(lib: Library, step) -> dict:
    tax = lib.taxonomy
    return {"exercise": step.exercise, "dose": step.dose.text(), "per_side": step.per_side,
            "rest": step.rest.text() if step.rest else "", "note": step.note, "seconds": step.seconds,
            "set_rest": step.set_rest.text() if step.set_rest and step.dose.sets and step.dose.sets.high > 1 else "",
            "targets": [tax.muscles[m] for m in step.exercise.targets],
            "secondary": [tax.muscles[m] for m in step.exercise.secondary],
            "timer": _timer(step)}


def _timer(step) -> dict:
    """What the player needs to run one step: seconds to count down per set (0: reps, press Done)."""
    dose = step.dose
    timed = dose.duration or dose.hold
    seconds = round(timed.seconds[1]) if timed else 0
    sets = int(dose.sets.high) if dose.sets else 1
    rest = round(step.rest.seconds[1]) if step.rest else 0
    set_rest = round(step.set_rest.seconds[1]) if step.set_rest else 0
    return {"seconds": seconds, "sets": sets, "sides": 2 if step.per_side else 1, "rest": rest,
            "set_rest": set_rest, "reps": dose.reps.text() if dose.reps else ""}
