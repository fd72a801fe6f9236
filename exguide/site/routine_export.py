"""Routines as data: api/routines.json, api/routines/<slug>.json, and their JSON-LD.

A routine's record names each step's exercise with its link, so an app can follow it to
api/exercises/<slug>.json; the JSON-LD lists the steps as ExercisePlans in order.
"""
from __future__ import annotations

from exguide.content.model import DOSE_FIELDS
from exguide.site.export import API_VERSION, dump, link_fields, term_fields
from exguide.site.jsonld import quantity
from exguide.site.library import Library
from exguide.site.routines import RoutinePlan, duration_text


def routine_record(lib: Library, plan: RoutinePlan) -> dict:
    routine, urls = plan.routine, lib.urls
    steps = []
    for position, step in enumerate(plan.steps, start=1):
        dose = {name: getattr(step.dose, name).to_json() for name in DOSE_FIELDS
                if getattr(step.dose, name) is not None}
        steps.append({"position": position, "exercise": {"slug": step.exercise.slug, "title": step.exercise.title,
                                                         **link_fields(urls, urls.exercise(step.exercise.slug))},
                      "dose": dose, "dose_text": step.dose.text() or None, "per_side": step.per_side,
                      "rest": step.rest.to_json() if step.rest else None,
                      "set_rest": step.set_rest.to_json() if step.set_rest else None, "note": step.note or None,
                      "seconds": step.seconds})
    return {
        "slug": routine.slug, "title": routine.title, **link_fields(urls, urls.routine(routine.slug)),
        "summary": routine.summary, "goal": routine.goal, "level": routine.level or None,
        "rounds": routine.rounds, "rest_between": routine.rest_between.to_json() if routine.rest_between else None,
        "seconds": plan.seconds, "time_text": duration_text(plan.seconds),
        "equipment": [term_fields(urls, lib.taxonomy.equipment[e], urls.equipment(e)) for e in plan.equipment],
        "muscles": [{"id": m, "name": lib.taxonomy.muscles[m].name, "steps": count} for m, count in plan.worked],
        "steps": steps, "draft": routine.draft,
        "updated": routine.updated.isoformat() if routine.updated else None, "author": routine.author or None,
        "body_html": lib.bodies.get(routine.source_path, ""),
    }


def routine_files(lib: Library) -> dict[str, bytes]:
    """Output path -> bytes: one file per routine and the collection (empty when there are none)."""
    records = [routine_record(lib, plan) for plan in lib.routines]
    files = {f"api/routines/{r['slug']}.json": dump(r) for r in records}
    files["api/routines.json"] = dump({"version": API_VERSION, "count": len(records), "routines": records})
    return files


def routine_jsonld(lib: Library, plan: RoutinePlan) -> dict:
    """An ExercisePlan for the routine whose parts are its steps' ExercisePlans, in order."""
    urls = lib.urls

    def link(url: str) -> str:
        return urls.absolute(url) or urls.href(url)

    parts = []
    for position, step in enumerate(plan.steps, start=1):
        part: dict = {"@type": "ExercisePlan", "position": position, "name": step.exercise.title,
                      "url": link(urls.exercise(step.exercise.slug))}
        if step.dose.reps:
            part["repetitions"] = quantity(step.dose.reps)
        if step.dose.duration or step.dose.hold:
            part["activityDuration"] = quantity(step.dose.duration or step.dose.hold)
        if step.rest:
            part["restPeriods"] = quantity(step.rest)
        parts.append(part)
    data = {"@context": "https://schema.org", "@type": "ExercisePlan", "name": plan.routine.title,
            "description": plan.routine.summary, "url": link(urls.routine(plan.routine.slug)),
            "activityDuration": {"@type": "QuantitativeValue", "value": plan.seconds, "unitCode": "SEC",
                                 "unitText": "seconds"},
            "hasPart": parts, "inLanguage": lib.settings.language}
    if plan.routine.rounds > 1:
        data["repetitions"] = {"@type": "QuantitativeValue", "value": plan.routine.rounds}
    return data
