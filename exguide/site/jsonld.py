"""schema.org structured data (JSON-LD) for an exercise page.

The node is typed both ExercisePlan and HowTo. ExercisePlan is the type made for
"do this movement, this much": it carries the muscles (associatedAnatomy), the
dose (repetitions, activityDuration, restPeriods, additionalVariable for sets and
sides) and the kind of exercise. It has no property for equipment or for steps,
which HowTo has (tool, step), so the second type adds exactly those. Templates
embed the result with the ``json_script`` filter, which escapes it for <script>.
"""
from __future__ import annotations

from exguide.site.library import Library
from exguide.content.model import Exercise, Quantity

_UNIT_CODES = {"s": ("SEC", "seconds"), "min": ("MIN", "minutes")}  # UN/CEFACT codes schema.org uses


def quantity(q: Quantity) -> dict:
    """A QuantitativeValue: value, or minValue/maxValue for a range, with the unit when timed."""
    data: dict = {"@type": "QuantitativeValue"}
    if q.is_range:
        data.update(minValue=q.low, maxValue=q.high)
    else:
        data["value"] = q.low
    if q.unit in _UNIT_CODES:
        data["unitCode"], data["unitText"] = _UNIT_CODES[q.unit]
    return data


def exercise_jsonld(lib: Library, exercise: Exercise) -> dict:
    """The ExercisePlan/HowTo node for one exercise page."""
    tax, urls = lib.taxonomy, lib.urls

    def link(url: str) -> str:
        return urls.absolute(url) or urls.href(url)

    category = tax.categories[exercise.category]
    data: dict = {
        "@context": "https://schema.org",
        "@type": ["ExercisePlan", "HowTo"],
        "name": exercise.title,
        "description": "; ".join(exercise.key_points),
        "url": link(urls.exercise(exercise.slug)),
        "exerciseType": category.name,
        "associatedAnatomy": [{"@type": "Muscle", "name": tax.muscles[m].name, "url": link(urls.muscle(m))}
                              for m in exercise.targets + exercise.secondary],
        "step": [{"@type": "HowToStep", "position": i, "text": point}
                 for i, point in enumerate(exercise.key_points, start=1)],
    }
    tools = [tax.equipment[e].name for e in exercise.equipment if e != "none"]
    if tools:
        data["tool"] = [{"@type": "HowToTool", "name": name} for name in tools]
    dose = exercise.dose
    if dose.reps:
        data["repetitions"] = quantity(dose.reps)
    timed = dose.duration or dose.hold
    if timed:
        data["activityDuration"] = quantity(timed)
    if dose.rest:
        data["restPeriods"] = quantity(dose.rest)
    extra = []
    if dose.sets:
        extra.append(f"{dose.sets.text()} sets")
    if dose.hold and dose.duration:
        extra.append(f"hold {dose.hold.text()}")
    if exercise.per_side:
        extra.append("each side")
    if extra:
        data["additionalVariable"] = ", ".join(extra)
    images = [i.src if i.src.startswith(("https://", "http://")) else link(urls.image(i.src))
              for i in exercise.images]
    if images:
        data["image"] = images
    if exercise.level:
        data["educationalLevel"] = exercise.level
    if exercise.updated:
        data["dateModified"] = exercise.updated.isoformat()
    data["inLanguage"] = lib.settings.language
    return data
