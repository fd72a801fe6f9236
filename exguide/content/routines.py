"""Validate one SourceRecord from content/routines/ into a Routine: every problem becomes a diagnostic.

Which exercise a step names is resolved later, in the link stage, once every exercise is known.
"""
from __future__ import annotations

from pathlib import Path

from exguide.content.dose import parse_quantity
from exguide.content.fields import SLUG, FieldChecker, check_record, finish_record
from exguide.content.model import DOSE_FIELDS, GOALS, LEVELS, Dose, Routine, Step
from exguide.content.routine_schema import MAX_ROUNDS, MAX_STEPS, ROUTINE_FIELDS, STEP_KEYS
from exguide.content.sources import SourceRecord, read_source, type_name
from exguide.content.taxonomy import Taxonomy
from exguide.errors import Diagnostic, did_you_mean, error


def read_routine(folder: Path, taxonomy: Taxonomy, path: Path) -> tuple[Routine | None, list[Diagnostic]]:
    """``path`` (below ``folder``, content/routines/) read, then validated."""
    return validate_routine(read_source(path), taxonomy, path.relative_to(folder).as_posix())


def validate_routine(record: SourceRecord, tax: Taxonomy, file_name: str = "") -> tuple[Routine | None, list[Diagnostic]]:
    """A Routine, or None with the reasons."""
    if record.diagnostics:
        return None, list(record.diagnostics)
    c = FieldChecker(record, tax)
    meta = record.meta
    check_record(c, ROUTINE_FIELDS, "routine", list_fields=True, optional_here=("steps",))
    return finish_record(c, Routine, _values(c, meta, record), file_name)


def _values(c: FieldChecker, meta: dict, record: SourceRecord) -> dict:
    get = meta.get
    v: dict = {}
    for name in ("title", "summary"):
        v[name] = c.text(name, get(name)) if get(name) not in (None, "") else ""
    slug = get("slug", record.stem)
    if not isinstance(slug, str) or not SLUG.match(slug):
        where = "slug" if "slug" in meta else ""
        c.fail(where, f"'{slug}' is not a valid slug; use lowercase letters, digits and hyphens" if where else
               f"file name '{record.stem}' is not a valid slug; rename the file using lowercase letters, digits "
               "and hyphens, or set 'slug'", "slug")
    v["slug"] = slug if isinstance(slug, str) else ""
    goal = get("goal")
    if goal not in (None, "") and goal not in GOALS:
        c.fail("goal", f"unknown goal '{goal}'{did_you_mean(str(goal), list(GOALS))}; use one of {', '.join(GOALS)}")
    v["goal"] = goal if goal in GOALS else ""
    if "level" in meta:
        level = get("level")
        if level not in LEVELS:
            c.fail("level", f"expected one of {', '.join(LEVELS)}; got '{level}'{did_you_mean(str(level), list(LEVELS))}")
        v["level"] = level if level in LEVELS else ""
    if "rounds" in meta:
        rounds = get("rounds")
        if isinstance(rounds, bool) or not isinstance(rounds, int) or not 1 <= rounds <= MAX_ROUNDS:
            c.fail("rounds", f"expected a whole number from 1 to {MAX_ROUNDS}, got {type_name(rounds)}")
        else:
            v["rounds"] = rounds
    if "rest_between" in meta:
        rest = parse_quantity("rest", get("rest_between"))
        if isinstance(rest, str):
            c.fail("rest_between", rest)
        else:
            v["rest_between"] = rest
    if "draft" in meta:
        v["draft"] = c.boolean("draft", get("draft"))
    if "updated" in meta:
        v["updated"] = c.date("updated", get("updated"))
    if "author" in meta:
        v["author"] = c.text("author", get("author"))
    v["steps"] = _steps(c, get("steps"), "steps" in meta)
    return v


def _steps(c: FieldChecker, value, given: bool) -> tuple[Step, ...]:
    if not given:
        c.problems.append(error(c.record.source_path, 1, "", "missing required field 'steps': list the exercises "
                                                             "in order, e.g. '- exercise: chin-tuck'"))
        return ()
    if not isinstance(value, list) or not value:
        c.fail("steps", "expected a list of steps, each starting '- exercise: <slug, title or alias>'"
               if not isinstance(value, list) else "the routine has no steps; add at least one "
               "'- exercise: <slug, title or alias>'")
        return ()
    if len(value) > MAX_STEPS:
        c.fail("steps", f"too many steps ({len(value)}; at most {MAX_STEPS}); split it into two routines")
        return ()
    steps = []
    for index, item in enumerate(value):
        where = ("steps", index)
        if isinstance(item, str):
            item = {"exercise": item}
        if not isinstance(item, dict):
            c.fail("steps", f"step {index + 1}: expected 'exercise:' and its dose, got {type_name(item)}", *where)
            continue
        for key in item:
            if key not in STEP_KEYS:
                c.fail(f"steps.{key}", f"step {index + 1}: unknown step field '{key}'"
                                       f"{did_you_mean(str(key), list(STEP_KEYS))}", *where, key)
        name = item.get("exercise")
        if not isinstance(name, str) or not name.strip():
            c.fail("steps.exercise", f"step {index + 1}: missing 'exercise' (a slug, title or alias)", *where)
            continue
        dose = {}
        for key in DOSE_FIELDS:
            if key in item:
                quantity = parse_quantity(key, item[key])
                if isinstance(quantity, str):
                    c.fail(f"steps.{key}", f"step {index + 1}: {quantity}", *where, key)
                else:
                    dose[key] = quantity
        per_side = item.get("per_side")
        if per_side is not None and not isinstance(per_side, bool):
            c.fail("steps.per_side", f"step {index + 1}: expected true or false, got {type_name(per_side)}",
                   *where, "per_side")
            per_side = None
        note = item.get("note", "")
        if not isinstance(note, str):
            c.fail("steps.note", f"step {index + 1}: expected text, got {type_name(note)}", *where, "note")
            note = ""
        steps.append(Step(name.strip(), c.line(*where, "exercise"), Dose(**dose), per_side, note.strip()))
    return tuple(steps)
