"""schema.org structured data (JSON-LD) for an exercise page.

The node is typed both ExercisePlan and HowTo. ExercisePlan is the type made for
"do this movement, this much": it carries the muscles (associatedAnatomy), the
dose (repetitions, activityDuration, restPeriods, additionalVariable for sets and
sides) and the kind of exercise. It has no property for equipment or for steps,
which HowTo has (tool, step), so the second type adds exactly those. There is no
description: the page's summary is its first key point, already the first step and the
page's meta description. Templates embed the result with the ``json_script`` filter, which
escapes it for <script>.
"""
from __future__ import annotations

from exguide.site.library import Library
from exguide.content.model import Exercise, Quantity
from exguide.site.video import player_url, watch_url

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


def image_objects(lib: Library, src: str, link) -> list:
    """An image as ImageObjects, one per published file (URL, width, height); an address as it is."""
    if src.startswith(("https://", "http://")):
        return [src]
    picture = lib.pictures.get(src)
    if picture is None:
        return [link(lib.urls.image(src))]
    return [{"@type": "ImageObject", "contentUrl": link(lib.urls.image(v.name)), "width": v.width,
             "height": v.height, "encodingFormat": v.type} for v in picture.variants + picture.fallback]


def video_object(lib: Library, exercise: Exercise, link) -> dict:
    """The VideoObject: our file's address, or the provider's page and privacy-enhanced player."""
    video = exercise.video
    data: dict = {"@type": "VideoObject", "name": video.caption or exercise.title,
                  "description": "; ".join(exercise.key_points)}
    if video.provider:
        data["url"] = watch_url(video.provider, video.video_id)
        data["embedUrl"] = player_url(video.provider, video.video_id)
    else:
        data["contentUrl"] = link(lib.urls.video(video.src))
    if video.poster:
        posters = image_objects(lib, video.poster, link)
        data["thumbnailUrl"] = [p["contentUrl"] if isinstance(p, dict) else p for p in posters]
    if exercise.updated:
        data["uploadDate"] = exercise.updated.isoformat()
    return data


def exercise_jsonld(lib: Library, exercise: Exercise, *pictures) -> dict:
    """The ExercisePlan/HowTo node for one exercise page.

    ``pictures``: the page template hands in the pictures it shows, so the reuse layer sees that the
    page read them (their files are listed here through ``lib.pictures``, the same objects)."""
    tax, urls = lib.taxonomy, lib.urls

    def link(url: str) -> str:
        return urls.absolute(url) or urls.href(url)

    category = tax.categories[exercise.category]
    data: dict = {
        "@context": "https://schema.org",
        "@type": ["ExercisePlan", "HowTo"],
        "name": exercise.title,
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
    images = [image_objects(lib, i.src, link) for i in exercise.images]
    if images:
        data["image"] = [node for nodes in images for node in nodes]
    if exercise.video:
        data["video"] = video_object(lib, exercise, link)
    if exercise.level:
        data["educationalLevel"] = exercise.level
    if exercise.updated:
        data["dateModified"] = exercise.updated.isoformat()
    data["inLanguage"] = lib.settings.language
    return data
