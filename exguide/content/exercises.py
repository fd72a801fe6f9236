"""Validate one SourceRecord into an Exercise: every problem becomes a diagnostic."""
from __future__ import annotations

from exguide.content.demos import check_demo
from exguide.content.fields import SLUG, FieldChecker, check_record, finish_record
from exguide.content.model import LEVELS, Exercise
from exguide.content.schema import FIELDS, VARIATION_KEYS
from exguide.content.sources import SourceRecord, type_name
from exguide.content.taxonomy import Taxonomy
from exguide.errors import Diagnostic, did_you_mean


def validate_exercise(record: SourceRecord, tax: Taxonomy, file_name: str = "") -> tuple[Exercise | None, list[Diagnostic]]:
    """An Exercise, or None with the reasons; warnings may come with a valid exercise."""
    c = FieldChecker(record, tax)
    meta = record.meta
    if record.diagnostics:
        return None, list(record.diagnostics)
    check_record(c, FIELDS)
    return finish_record(c, Exercise, _field_values(c, meta, record), file_name)


def _field_values(c: FieldChecker, meta: dict, record: SourceRecord) -> dict:
    """Each present field checked and converted; absent optional ones keep the model defaults."""
    v: dict = {}
    get = meta.get
    v["title"] = c.text("title", get("title")) if get("title") not in (None, "") else ""
    slug = get("slug", record.stem)
    if not isinstance(slug, str) or not SLUG.match(slug):
        where = "slug" if "slug" in meta else ""
        message = (f"'{slug}' is not a valid slug; use lowercase letters, digits and hyphens"
                   if where else f"file name '{record.stem}' is not a valid slug; rename the file using "
                                 "lowercase letters, digits and hyphens, or set 'slug'")
        c.fail(where, message, "slug")
    v["slug"] = slug if isinstance(slug, str) else ""
    if get("category") is not None and not isinstance(get("category"), (str, list)):
        c.fail("category", f"expected one category id or name from content/categories.yaml, "
                           f"got {type_name(get('category'))}")
        v["category"] = ""
    elif get("category") not in (None, "", []):
        cats = c.terms("category", get("category"), c.tax.category_names)
        if isinstance(get("category"), list) and len(get("category")) > 1:
            c.fail("category", "give one category; use tags for more keywords")
        v["category"] = cats[0] if cats else ""
    else:
        v["category"] = ""
    targets = get("targets")
    v["targets"] = c.terms("targets", targets, c.tax.muscle_names) if targets not in (None, "", []) else ()
    if "secondary" in meta:
        v["secondary"] = tuple(m for m in c.terms("secondary", get("secondary") or [], c.tax.muscle_names)
                               if m not in v["targets"])
    if "equipment" in meta:
        v["equipment"] = c.terms("equipment", get("equipment") or [], c.tax.equipment_names)
    if "level" in meta:
        level = get("level")
        if level not in LEVELS:
            c.fail("level", f"expected one of {', '.join(LEVELS)}; got '{level}'"
                            f"{did_you_mean(str(level), list(LEVELS))}")
        v["level"] = level if level in LEVELS else ""
    v["key_points"] = c.texts("key_points", get("key_points"), required=True) if get("key_points") else ()
    if "dose" in meta:
        v["dose"] = c.dose(get("dose"))
    for name in ("per_side", "draft"):
        if name in meta:
            v[name] = c.boolean(name, get(name))
    if "images" in meta:
        v["images"] = c.images(get("images"))
    if "video" in meta:
        v["video"] = c.video(get("video"))
    for name in ("aliases", "cautions", "tags"):
        if name in meta:
            v[name] = c.texts(name, get(name))
    if "variations" in meta:
        variations = get("variations")
        if not isinstance(variations, dict):
            c.fail("variations", f"expected 'easier:' and/or 'harder:' lists, got {type_name(variations)}")
        else:
            for key, value in variations.items():
                if key not in VARIATION_KEYS:
                    c.fail(f"variations.{key}", f"unknown key '{key}'; use easier or harder", "variations", key)
                else:
                    v[key] = c.slugs(f"variations.{key}", value or [], ("variations", key))
    if "related" in meta:
        v["related"] = c.slugs("related", get("related") or [])
    if "updated" in meta:
        v["updated"] = c.date("updated", get("updated"))
    for name in ("author", "license"):
        if name in meta:
            v[name] = c.text(name, get(name))
    if "source_url" in meta:
        v["source_url"] = c.url("source_url", get("source_url"))
    if "demo" in meta:
        v["demo"] = check_demo(get("demo"), c.fail, v["category"])
    return v
