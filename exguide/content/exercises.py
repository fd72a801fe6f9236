"""Validate one SourceRecord into an Exercise: every problem becomes a diagnostic."""
from __future__ import annotations

import datetime as dt
import re

from exguide.content.demos import check_demo
from exguide.content.dose import parse_quantity
from exguide.errors import Diagnostic, did_you_mean, error, warning
from exguide.site.markup import body_problem
from exguide.content.model import DOSE_FIELDS, LEVELS, Dose, Exercise, Image
from exguide.content.schema import FIELD_NAMES, FIELDS, IMAGE_KEYS, VARIATION_KEYS
from exguide.content.sources import SourceRecord, type_name
from exguide.content.taxonomy import Taxonomy, Vocabulary

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_LIST = 200  # no real guide lists more; bounds work on hostile input
MAX_TEXT = 2_000


class _Checker:
    """Holds the record being checked so each field check stays one short method."""

    def __init__(self, record: SourceRecord, taxonomy: Taxonomy):
        self.record = record
        self.tax = taxonomy
        self.problems: list[Diagnostic] = []

    def line(self, *path) -> int:
        while path:
            if path in self.record.lines:
                return self.record.lines[path]
            path = path[:-1]
        return 1

    def fail(self, field: str, message: str, *path) -> None:
        self.problems.append(error(self.record.source_path, self.line(*(path or (field,))), field, message))

    def warn(self, field: str, message: str, *path) -> None:
        self.problems.append(warning(self.record.source_path, self.line(*(path or (field,))), field, message))

    # --- field kinds -------------------------------------------------------
    def text(self, name: str, value) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(name, f"expected text, got {type_name(value)}")
            return ""
        if len(value) > MAX_TEXT:
            self.fail(name, f"text is too long ({len(value)} characters; at most {MAX_TEXT})")
            return ""
        return value.strip()

    def texts(self, name: str, value, required=False) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.fail(name, f"expected a list, got {type_name(value)}")
            return ()
        if len(value) > MAX_LIST:
            self.fail(name, f"too many items ({len(value)}; at most {MAX_LIST}); keep only the ones that matter")
            return ()
        out = []
        for index, item in enumerate(value):
            if isinstance(item, (int, float)) and not isinstance(item, bool):
                item = str(item)
            if not isinstance(item, str) or not item.strip():
                self.fail(name, f"item {index + 1}: expected text, got {type_name(item)}", name, index)
                continue
            out.append(item.strip())
        if required and not out and not value:
            self.fail(name, "must list at least one item")
        return tuple(out)

    def terms(self, name: str, value, vocab: Vocabulary) -> tuple[str, ...]:
        ids: list[str] = []
        names = self.texts(name, value)
        if vocab.broken:  # its file failed to load and is reported; checking names would only add noise
            return ()
        for index, item in enumerate(names):
            found = vocab.resolve(item)
            if isinstance(found, str):
                self.fail(name, found, name, index)
                continue
            if found.others:
                self.warn(name, f"'{item}' is ambiguous ({', '.join((found.id,) + found.others)}); "
                                f"using '{found.id}'; write the id to choose", name, index)
            if found.id in ids:
                self.warn(name, f"'{item}' is listed twice", name, index)
                continue
            ids.append(found.id)
        return tuple(ids)

    def slugs(self, name: str, value, path=()) -> tuple[str, ...]:
        out = []
        for index, item in enumerate(self.texts(name, value)):
            if not SLUG.match(item):
                guess = re.sub(r"\.(md|ya?ml)$", "", item.rsplit("/", 1)[-1]).lower()
                hint = f" (did you mean '{guess}'?)" if SLUG.match(guess) else ""
                self.fail(name, f"'{item}' is not an exercise slug{hint}; write the slug: lowercase letters, "
                                "digits and hyphens, e.g. 'cat-cow'", *(path or (name,)), index)
                continue
            out.append(item)
        return tuple(out)

    def boolean(self, name: str, value) -> bool:
        if not isinstance(value, bool):
            self.fail(name, f"expected true or false, got {type_name(value)}")
            return False
        return value

    def dose(self, value) -> Dose:
        if not isinstance(value, dict):
            self.fail("dose", f"expected fields like 'reps: 8-12' or 'duration: 30 sec', got {type_name(value)}")
            return Dose()
        parts = {}
        for key, raw in value.items():
            if key not in DOSE_FIELDS:
                self.fail(f"dose.{key}", f"unknown dose field '{key}'{did_you_mean(str(key), list(DOSE_FIELDS))}; "
                                         f"use {', '.join(DOSE_FIELDS)}", "dose", key)
                continue
            quantity = parse_quantity(key, raw)
            if isinstance(quantity, str):
                self.fail(f"dose.{key}", quantity, "dose", key)
                continue
            parts[key] = quantity
        return Dose(**parts)

    def images(self, value) -> tuple[Image, ...]:
        if not isinstance(value, list):
            self.fail("images", f"expected a list of images with src and alt, got {type_name(value)}")
            return ()
        out = []
        for index, item in enumerate(value[:MAX_LIST]):
            if isinstance(item, str):
                self.fail("images", f"image {index + 1}: give 'src' and 'alt' (alt text describes the image "
                                    "for people who cannot see it)", "images", index)
                continue
            if not isinstance(item, dict):
                self.fail("images", f"image {index + 1}: expected src and alt, got {type_name(item)}",
                          "images", index)
                continue
            for key in item:
                if key not in IMAGE_KEYS:
                    self.fail(f"images.{key}", f"unknown image field '{key}'"
                                               f"{did_you_mean(str(key), list(IMAGE_KEYS))}", "images", index, key)
            src = item.get("src")
            alt = item.get("alt")
            if not isinstance(src, str) or not src.strip():
                self.fail("images.src", f"image {index + 1}: missing 'src' (a file in content/images/)",
                          "images", index)
                continue
            if not isinstance(alt, str) or not alt.strip():
                self.fail("images.alt", f"image {index + 1}: add 'alt' text that describes the image "
                                        "for people who cannot see it",
                          "images", index)
                continue
            extras = {k: str(item.get(k) or "").strip() for k in ("caption", "credit", "license")}
            out.append(Image(src=src.strip(), alt=alt.strip(), **extras))
        return tuple(out)

    def demo(self, value, category: str):
        return check_demo(value, self.fail, category)

    def date(self, name: str, value) -> dt.date | None:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.fail(name, f"expected a date like 2026-11-24, got {type_name(value)}")
        return None

    def url(self, name: str, value) -> str:
        text = self.text(name, value)
        if text and not re.match(r"^https?://[^\s/]+", text):
            self.fail(name, f"expected an http:// or https:// address, got '{text}'")
            return ""
        return text


def validate_exercise(record: SourceRecord, tax: Taxonomy, file_name: str = "") -> tuple[Exercise | None, list[Diagnostic]]:
    """An Exercise, or None with the reasons; warnings may come with a valid exercise."""
    c = _Checker(record, tax)
    meta = record.meta
    if record.diagnostics:
        return None, list(record.diagnostics)
    for key in meta:
        if key not in FIELD_NAMES or key == "body":
            name = str(key)
            hint = did_you_mean(name, [n for n in FIELD_NAMES if n != "body"])
            if key == "body":
                hint = "; in a .md file the prose goes below the closing '---'"
            c.fail(name, f"unknown field '{name}'{hint}")
    for spec in FIELDS:
        if spec.required and meta.get(spec.name) in (None, "", []):
            if spec.name in meta:
                c.fail(spec.name, f"'{spec.name}' is empty; it is required")
            else:
                c.problems.append(error(record.source_path, 1, "", f"missing required field '{spec.name}'"))
    values = _field_values(c, meta, record)
    refused = body_problem(record.body)  # checked here too, so it is reported with the field errors
    if refused:
        c.problems.append(error(record.source_path, record.body_line + refused[0], "body", refused[1]))
    if any(d.severity == "error" for d in c.problems):
        return None, c.problems
    return Exercise(source_path=record.source_path, body=record.body, body_line=record.body_line,
                    digest=record.digest, lines=record.lines, file_name=file_name or record.file_path.name,
                    **values), c.problems


def _field_values(c: _Checker, meta: dict, record: SourceRecord) -> dict:
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
        v["demo"] = c.demo(get("demo"), v["category"])
    return v
