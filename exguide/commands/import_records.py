"""free-exercise-db records as exercises of our schema: every value mapped through the site's taxonomy.

Records are checked for types first (all problems reported together), then converted: each
muscle, category and equipment word is resolved through the taxonomy's ids, names and aliases;
what our vocabularies lack is kept as a tag and counted in the Tally that the import's summary
prints. The command that reads the file and writes the result is importer.py.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import yaml

from exguide.errors import Diagnostic, error
from exguide.content.taxonomy import Taxonomy, Vocabulary
from exguide.commands.import_photos import record_photos
from exguide.commands.import_text import clean, key_point, make_slug, paragraphs

SOURCE_REPO = "https://github.com/yuhonas/free-exercise-db"
LICENSE = "Unlicense (public domain)"
AUTHOR = "free-exercise-db contributors"
LEVELS = {"beginner": "beginner", "intermediate": "intermediate", "expert": "advanced", "advanced": "advanced"}
FALLBACK_CATEGORY = "strength"  # where records of a category we lack are filed (the original stays a tag)
MAX_KEY_POINTS = 5
MAX_TITLE = 200
NOT_GIVEN = "(not given)"
NO_STEPS = "The source data gives no step-by-step instructions for this exercise"


@dataclass
class Tally:
    """How each source value was mapped: (field, value) -> target id ('' when unmapped) and counts."""

    mapped: dict[tuple[str, str], str] = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)
    notes: Counter = field(default_factory=Counter)

    def record(self, kind: str, value: str, target: str) -> None:
        self.mapped[(kind, value)] = target
        self.counts[(kind, value)] += 1

    def unmapped(self) -> list[tuple[str, str, int]]:
        return sorted((k, v, self.counts[(k, v)]) for (k, v), t in self.mapped.items() if not t)


@dataclass
class Converted:
    """One record as an exercise file: its slug, front matter and Markdown body."""

    slug: str
    meta: dict
    body: str
    photos: list = field(default_factory=list)  # (source file, name in images/) to copy

    def text(self) -> str:
        front = yaml.safe_dump(self.meta, sort_keys=False, allow_unicode=True, width=10**9,
                               default_flow_style=False)
        return f"---\n{front}---\n{self.body}"


def resolve(vocab: Vocabulary, word: str, tally: "Tally | None" = None) -> str:
    """The term id a source word names through the taxonomy (ids, names, aliases), or ''.

    A plural the taxonomy lacks ('bands') is tried in the singular too.
    """
    for candidate in (word, word[:-1] if word.lower().endswith("s") else None):
        if candidate:
            found = vocab.resolve(candidate)
            if not isinstance(found, str):
                if found.others and tally is not None:
                    tally.notes[f"ambiguous {vocab.kind} '{word}' read as '{found.id}' "
                                f"(also {', '.join(found.others)})"] += 1
                return found.id
    return ""


def _words(value) -> list[str]:
    """A list of non-empty source strings (a lone string counts as a list of one)."""
    if isinstance(value, str):
        value = [value]
    return [clean(v) for v in value if isinstance(v, str) and clean(v)] if isinstance(value, list) else []


def _check_record(record, where: str) -> list[Diagnostic]:
    """Type problems that make a record unusable; missing optional fields are fine."""
    if not isinstance(record, dict):
        return [error(where, 0, "", f"expected an exercise object, got {_kind(record)}")]
    problems = []
    name = record.get("name") or record.get("id")
    if not isinstance(name, str) or not clean(name):
        problems.append(error(where, 0, "name", "missing a name (and an id to use instead)"))
    for key in ("primaryMuscles", "secondaryMuscles", "instructions"):
        value = record.get(key)
        items = value if isinstance(value, list) else [value]
        if value is not None and not all(isinstance(item, str) for item in items):
            problems.append(error(where, 0, key, f"expected a list of text, got {_kind(value)}"))
    for key in ("id", "category", "level", "equipment", "force", "mechanic"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            problems.append(error(where, 0, key, f"expected text, got {_kind(value)}"))
    return problems


def _kind(value) -> str:
    return {dict: "an object", list: "a list", bool: "true/false", int: "a number", float: "a number",
            str: "text"}.get(type(value), type(value).__name__)


def _muscles(record: dict, tax: Taxonomy, tally: Tally, tags: list[str]) -> tuple[list[str], list[str]]:
    """(targets, secondary) as canonical ids; unknown words become tags."""
    targets: list[str] = []
    secondary: list[str] = []
    for key, into in (("primaryMuscles", targets), ("secondaryMuscles", secondary)):
        for word in _words(record.get(key)):
            mid = resolve(tax.muscle_names, word, tally)
            tally.record("muscle", word.lower(), mid)
            if not mid:
                tags.append(f"muscle: {word.lower()}")
            elif mid not in targets and mid not in into:
                into.append(mid)
    return targets, secondary


def _term(record: dict, key: str, vocab: Vocabulary, tally: Tally, tags: list[str]) -> str:
    """The id a category or equipment word maps to, or '' (then the word becomes a tag)."""
    raw = clean(record.get(key) or "")
    found = resolve(vocab, raw, tally) if raw else ""
    tally.record(key, raw.lower() or NOT_GIVEN, found)
    if raw and not found:
        tags.append(f"{key}: {raw.lower()}")
    return found


def _level(record: dict, tally: Tally, tags: list[str]) -> str:
    raw = clean(record.get("level") or "").lower()
    level = LEVELS.get(raw, "")
    if raw:
        tally.record("level", raw, level)
        if not level:
            tags.append(f"level: {raw}")
    return level


def _key_points(steps: list[str]) -> list[str]:
    """Up to MAX_KEY_POINTS cues from the steps; 'Repeat for …' is not a cue."""
    points = (key_point(s) for s in steps)
    return list(dict.fromkeys(p for p in points if p and not p.lower().startswith("repeat")))[:MAX_KEY_POINTS]


def convert_record(record: dict, tax: Taxonomy, taken: set[str], tally: Tally,
                   where: str = "", photos_dir: Path | None = None) -> Converted | Diagnostic:
    """One free-exercise-db record (already checked) as an exercise of our schema."""
    title = clean(record.get("name") or record.get("id"))
    if len(title) > MAX_TITLE:
        title = title[:MAX_TITLE].rsplit(" ", 1)[0] + "…"
        tally.notes["titles shortened"] += 1
    source_id = clean(record.get("id") or "") or title
    tags: list[str] = []
    targets, secondary = _muscles(record, tax, tally, tags)
    if not targets:  # the schema needs a target, and guessing one would publish a wrong fact
        named = ", ".join(_words(record.get("primaryMuscles"))) or "none"
        return error(where, 0, "primaryMuscles", f"no main muscle maps to the taxonomy (given: {named}); "
                                                 "add the word as an alias in muscles.yaml")
    category = _term(record, "category", tax.category_names, tally, tags)
    if not category:
        category = FALLBACK_CATEGORY if FALLBACK_CATEGORY in tax.categories else next(iter(tax.categories), "")
    equipment = _term(record, "equipment", tax.equipment_names, tally, tags)
    level = _level(record, tally, tags)
    for kind in ("force", "mechanic"):
        value = clean(record.get(kind) or "").lower()
        if value:
            tags.append(f"{kind}: {value}")
    steps = _words(record.get("instructions"))
    if not steps:
        tally.notes["records without instructions"] += 1

    meta: dict = {"title": title, "category": category, "targets": targets}
    if secondary:
        meta["secondary"] = secondary
    if equipment:
        meta["equipment"] = [equipment]
    if level:
        meta["level"] = level
    meta["key_points"] = _key_points(steps) or [NO_STEPS]
    if tags:
        meta["tags"] = list(dict.fromkeys(tags))
    meta["author"] = AUTHOR
    meta["license"] = LICENSE
    meta["source_url"] = f"{SOURCE_REPO}/blob/main/exercises/{quote(source_id, safe='')}.json"
    slug = make_slug(source_id, taken)
    images, photos = record_photos(record, title, slug, photos_dir, tally.notes, AUTHOR, LICENSE)
    if images:
        meta["images"] = images
    body = "\n\n".join(paragraphs(steps))
    return Converted(slug, meta, body + "\n" if body else "", photos)


def convert_all(records, tax: Taxonomy, source_path: str,
                photos_dir: Path | None = None) -> tuple[list[Converted], Tally, list[Diagnostic]]:
    """Every record converted, or the problems that stop the import (all of them)."""
    if not isinstance(records, list):
        return [], Tally(), [error(source_path, 0, "", "expected a JSON list of exercise objects")]
    problems: list[Diagnostic] = []
    places = []
    for index, record in enumerate(records):
        label = record.get("id") if isinstance(record, dict) and isinstance(record.get("id"), str) else ""
        places.append(f"{source_path}[{index}]{f' ({label})' if label else ''}")
        problems += _check_record(record, places[-1])
    if problems:
        return [], Tally(), problems
    taken: set[str] = set()
    tally = Tally()
    converted = [convert_record(r, tax, taken, tally, where, photos_dir) for r, where in zip(records, places)]
    problems = [c for c in converted if isinstance(c, Diagnostic)]
    return ([] if problems else converted), tally, problems
