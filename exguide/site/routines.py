"""The link stage for routines: each step's exercise found, its dose settled, the routine's time added up.

A step names its exercise by slug, title or alias. Its own dose (sets, reps, duration, hold),
when it gives one, replaces the exercise's. A step's ``rest`` is the rest between its sets
and after it; without one, sets are separated by the exercise's rest and steps by the
routine's ``rest_between`` (each falling back on the other).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from exguide.content.model import Dose, Exercise, Quantity, Routine
from exguide.content.taxonomy import normalise
from exguide.errors import Diagnostic, did_you_mean, error

SECONDS_PER_REP = 3  # an unhurried rep, for the routine's estimated time (docs/authoring.md)
SIDE_SWITCH = 5  # seconds to change sides in a per-side step


@dataclass(frozen=True)
class RoutineStep:
    """One step as the reader does it: the exercise, what to do of it, and the rest after it."""

    exercise: Exercise
    dose: Dose
    per_side: bool
    rest: Quantity | None  # after the step, before the next
    set_rest: Quantity | None  # between its sets
    note: str
    seconds: int  # estimated, sets and sides included, the rest after it not


@dataclass(frozen=True)
class RoutinePlan:
    routine: Routine
    steps: tuple[RoutineStep, ...]
    seconds: int  # the whole routine, every round and rest included
    equipment: tuple[str, ...]  # equipment ids, in the order the steps need them ("none" left out)
    worked: tuple[tuple[str, int], ...]  # (muscle id, how many steps work it), most worked first


def link_routines(routines: list[Routine], exercises: list[Exercise], hidden: list[Exercise]) -> tuple[dict, list[Diagnostic]]:
    """slug -> RoutinePlan for every routine whose steps all resolve; problems for the others."""
    names = _names(exercises)
    drafts = _names(hidden)
    plans: dict[str, RoutinePlan] = {}
    problems: list[Diagnostic] = []
    for routine in sorted(routines, key=lambda r: (r.title.casefold(), r.slug)):
        if routine.slug in plans:
            other = plans[routine.slug].routine
            problems.append(error("", 0, "", f"two pages would be written to routines/{routine.slug}/: "
                                             f"{', '.join(sorted((other.source_path, routine.source_path)))}; "
                                             "rename one file or set a different 'slug'"))
            continue
        steps = []
        for index, step in enumerate(routine.steps):
            found = names.get(normalise(step.exercise))
            if found is None:
                problems.append(_unresolved(routine, index, step, names, drafts))
                continue
            steps.append(_step(routine, step, found))
        if len(steps) == len(routine.steps):
            plans[routine.slug] = _plan(routine, tuple(steps))
    return plans, problems


def _names(exercises: list[Exercise]) -> dict[str, Exercise]:
    """Normalised slug, title and alias -> exercise; a slug wins over another's title or alias."""
    out: dict[str, Exercise] = {}
    for rank in ("aliases", "title", "slug"):
        for exercise in exercises:
            values = exercise.aliases if rank == "aliases" else (getattr(exercise, rank),)
            for value in values:
                out[normalise(value)] = exercise
    return out


def _unresolved(routine: Routine, index: int, step, names: dict, drafts: dict) -> Diagnostic:
    draft = drafts.get(normalise(step.exercise))
    if draft is not None:
        message = (f"step {index + 1}: '{step.exercise}' is a draft ({draft.source_path}); publish it "
                   "(remove 'draft: true') or choose another exercise")
    else:
        slugs = sorted({e.slug for e in names.values()})
        hint = did_you_mean(normalise(step.exercise).replace(" ", "-"), slugs)
        message = (f"step {index + 1}: no exercise '{step.exercise}'{hint or '; give the slug, title or alias of an exercise in content/exercises/'}")
    return error(routine.source_path, step.line, "steps.exercise", message)


def _step(routine: Routine, step, exercise: Exercise) -> RoutineStep:
    given = any(getattr(step.dose, name) is not None for name in ("sets", "reps", "duration", "hold"))
    dose = replace(step.dose if given else exercise.dose, rest=None)
    rest = step.dose.rest or routine.rest_between or exercise.dose.rest
    set_rest = step.dose.rest or exercise.dose.rest or routine.rest_between
    per_side = exercise.per_side if step.per_side is None else step.per_side
    return RoutineStep(exercise, dose, per_side, rest, set_rest, step.note, _seconds(dose, per_side, set_rest))


def _middle(quantity: Quantity | None) -> float:
    if quantity is None:
        return 0
    seconds = quantity.seconds
    return sum(seconds) / 2 if seconds else (quantity.low + quantity.high) / 2


def _seconds(dose: Dose, per_side: bool, rest: Quantity | None) -> int:
    """Estimated time of a step: each set's work (a timed duration or hold, else reps at an unhurried
    pace), on each side, plus the rest between sets. A hold done for reps is held that many times,
    each side in turn, with a short relax between (as the player runs it: assets/js/player-plan.js)."""
    sides = 2 if per_side else 1
    switch = SIDE_SWITCH if per_side else 0
    sets = max(1, round(_middle(dose.sets))) if dose.sets else 1
    if dose.hold and dose.reps and not dose.duration:
        hold, holds = _middle(dose.hold), round(_middle(dose.reps))
        relax = min(10, max(3, round(hold / 6)))
        one_set = holds * (hold * sides + switch) + relax * (holds - 1)
    else:
        work = _middle(dose.duration) or _middle(dose.hold) or _middle(dose.reps) * SECONDS_PER_REP or 30
        one_set = work * sides + switch
    return round(one_set * sets + _middle(rest) * (sets - 1))


def _plan(routine: Routine, steps: tuple[RoutineStep, ...]) -> RoutinePlan:
    rests = [_middle(step.rest) for step in steps]
    one_round = sum(step.seconds for step in steps) + sum(rests[:-1])
    total = one_round * routine.rounds + (rests[-1] if rests else 0) * (routine.rounds - 1)
    equipment: dict[str, None] = {}
    worked: dict[str, int] = {}
    for step in steps:
        for item in step.exercise.equipment:
            if item != "none":
                equipment.setdefault(item)
        for muscle in dict.fromkeys(step.exercise.targets + step.exercise.secondary):
            worked[muscle] = worked.get(muscle, 0) + 1
    order = sorted(worked.items(), key=lambda item: -item[1])
    return RoutinePlan(routine, steps, round(total), tuple(equipment), tuple(order))


def duration_text(seconds: int) -> str:
    """'about 6 min', '45 sec'."""
    if seconds < 90:
        return f"{seconds} sec"
    return f"about {round(seconds / 60)} min"
