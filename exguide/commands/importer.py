"""Import a public exercise data set into exercise files of our schema.

`build.py import free-exercise-db exercises.json --into DIR` turns each record of
https://github.com/yuhonas/free-exercise-db into DIR/exercises/<slug>.md and copies
the taxonomy files beside them, so `build.py --content DIR` builds the result.
Every name is resolved through the site's own taxonomy (ids, names, aliases);
values our vocabularies lack are kept as tags and counted in the summary.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import yaml

from exguide.errors import Diagnostic, error
from exguide.build.pipeline import PROJECT_ROOT
from exguide.content.sources import display_path
from exguide.content.taxonomy import Taxonomy, Vocabulary, load_taxonomy
from exguide.commands.import_photos import record_photos

SOURCES = ("free-exercise-db",)
SOURCE_REPO = "https://github.com/yuhonas/free-exercise-db"
LICENSE = "Unlicense (public domain)"
AUTHOR = "free-exercise-db contributors"
TAXONOMY_FILES = ("muscles.yaml", "categories.yaml", "equipment.yaml")
MARKER = ".exguide-import"  # marks a folder this command wrote, so --replace may clear it
LEVELS = {"beginner": "beginner", "intermediate": "intermediate", "expert": "advanced", "advanced": "advanced"}
FALLBACK_CATEGORY = "strength"  # where records of a category we lack are filed (the original stays a tag)
MAX_KEY_POINTS = 5
MAX_PARAGRAPHS = 5
MAX_POINT = 90  # characters: a key point is a cue, not a sentence
MAX_TITLE = 200
MAX_SLUG = 80
MAX_INPUT_BYTES = 100_000_000
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


# --- text helpers -------------------------------------------------------------------------------
def clean(text: str) -> str:
    """One line of plain text: whitespace collapsed, control characters gone."""
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return " ".join(text.split())


def make_slug(raw: str, taken: set[str]) -> str:
    """'3_4_Sit-Up' -> '3-4-sit-up'; ASCII, lowercase, hyphens; '-2', '-3' … when taken."""
    ascii_text = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_SLUG].strip("-") or "exercise"
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def key_point(step: str) -> str:
    """The first clause of a step, short enough to scan: 'Lie down on the floor and secure your feet'."""
    text = re.sub(r"^(?:step\s*)?\d+[.):]\s*", "", clean(step), flags=re.IGNORECASE)
    text = re.split(r"(?<=[.!?])\s+", text, maxsplit=1)[0].rstrip(" .!?;:,")
    if len(text) > MAX_POINT:
        cut = re.search(r"[,;:]\s|\s[–—-]\s|\s\(", text[20:])
        if cut:
            text = text[:20 + cut.start()]
    if len(text) > MAX_POINT:  # end at the last joining word that leaves a whole phrase, else mid-phrase
        joins = [m.start() for m in re.finditer(r"\s(?:and|as|while|then|until|so|with|keeping)\s",
                                                text[:MAX_POINT + 1]) if m.start() >= 30]
        text = text[:joins[-1]] if joins else text[:MAX_POINT].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    return text[:1].upper() + text[1:]


def md_escape(text: str) -> str:
    """Plain text that Markdown shows as written: no emphasis, links, HTML or list markers."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")  # shown, never parsed as HTML
    text = re.sub(r"([\\`*_\[\]{}])", r"\\\1", text)
    if re.match(r"^(?:[#+-]|\d+[.)])", text):
        text = "\\" + text if not text[0].isdigit() else re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    return text


def paragraphs(steps: list[str]) -> list[str]:
    """Steps in order, grouped into at most MAX_PARAGRAPHS paragraphs of near-equal length."""
    steps = [md_escape(s) for s in steps]
    if not steps:
        return []
    count = min(len(steps), MAX_PARAGRAPHS)
    size, extra = divmod(len(steps), count)
    out, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        out.append(" ".join(steps[start:end]))
        start = end
    return out


# --- mapping ------------------------------------------------------------------------------------
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
    slug = make_slug(source_id, taken)
    images, photos = record_photos(record, title, slug, photos_dir, tally.notes, AUTHOR, LICENSE)
    if images:
        meta["images"] = images
    if tags:
        meta["tags"] = list(dict.fromkeys(tags))
    meta["author"] = AUTHOR
    meta["license"] = LICENSE
    meta["source_url"] = f"{SOURCE_REPO}/blob/main/exercises/{quote(source_id, safe='')}.json"
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


# --- writing and the command ---------------------------------------------------------------------
def prepare_target(into: Path, replace: bool) -> str | None:
    """Make ``into`` ready for writing; a message when it holds files that are not a previous import."""
    if into.exists() and not into.is_dir():
        return f"{display_path(into)} is a file; give a folder to import into"
    if into.is_dir() and any(into.iterdir()):
        if not (into / MARKER).is_file():
            return (f"{display_path(into)} is not empty and was not made by an import; "
                    "give a new or empty folder")
        if not replace:
            return f"{display_path(into)} holds an earlier import; add --replace to overwrite it"
        shutil.rmtree(into / "exercises", ignore_errors=True)
        shutil.rmtree(into / "images", ignore_errors=True)
        for name in TAXONOMY_FILES:
            (into / name).unlink(missing_ok=True)
    return None


def write_import(into: Path, exercises: list[Converted], taxonomy_dir: Path) -> None:
    """The exercise files plus the taxonomy they refer to."""
    folder = into / "exercises"
    folder.mkdir(parents=True, exist_ok=True)
    (into / MARKER).write_text("Written by `build.py import`; --replace may overwrite this folder.\n",
                               encoding="utf-8")
    for name in TAXONOMY_FILES:
        shutil.copyfile(taxonomy_dir / name, into / name)
    for exercise in exercises:
        (folder / f"{exercise.slug}.md").write_text(exercise.text(), encoding="utf-8")
        for source, name in exercise.photos:
            (into / "images").mkdir(exist_ok=True)
            shutil.copyfile(source, into / "images" / name)


def summary(count: int, tally: Tally, into: Path) -> str:
    """What was imported, how values were mapped, and what our vocabularies lack."""
    lines = [f"imported {count} exercise{'s' if count != 1 else ''} into {display_path(into / 'exercises')}/"]
    mapped = sorted((k, v, t, tally.counts[(k, v)]) for (k, v), t in tally.mapped.items() if t)
    if mapped:
        lines.append("mapped values (field, source value -> our id: records):")
        lines += [f"  {k:<9} {v:<22} -> {t:<22} {n:>5}" for k, v, t, n in mapped]
    unmapped = tally.unmapped()
    if unmapped:
        lines.append("unmapped values (kept as tags 'field: value'; category filed under "
                     f"'{FALLBACK_CATEGORY}'):")
        lines += [f"  {k:<9} {v:<22} {n:>5}" for k, v, n in unmapped]
    else:
        lines.append("unmapped values: none")
    lines += [f"note: {n} {what}" for what, n in sorted(tally.notes.items())]
    return "\n".join(lines)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py import",
        description="Convert a public exercise data set into exercise files for --content.",
        epilog="Exit status: 0 imported, 1 the data could not be imported, 2 usage errors.")
    parser.add_argument("source", choices=SOURCES, help="the data set's format")
    parser.add_argument("file", type=Path, help="its JSON file, e.g. exercises.json")
    parser.add_argument("--into", type=Path, required=True, metavar="DIR",
                        help="a new or empty folder; gets exercises/ and the taxonomy files")
    parser.add_argument("--taxonomy", type=Path, metavar="DIR", default=None,
                        help="folder with muscles.yaml, categories.yaml, equipment.yaml (default: content/)")
    parser.add_argument("--replace", action="store_true", help="overwrite a folder an earlier import made")
    parser.add_argument("--images", type=Path, metavar="DIR", default=None,
                        help="a local checkout of free-exercise-db: bring each record's photos "
                             "(exercises/<id>/0.jpg, 1.jpg) in as Start and Finish images")
    return parser


def main(argv: list[str] | None = None, out=None, err=None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    try:
        args = make_parser().parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code in (0, None) else 2
    taxonomy_dir = args.taxonomy or PROJECT_ROOT / "content"
    records, problems = load_records(args.file)
    tax, found = load_taxonomy(taxonomy_dir)
    problems += found
    if args.images is not None and not (args.images / "exercises").is_dir():
        problems.append(error(display_path(args.images), 0, "", "no exercises/ folder here; give the folder of a "
                                                                "free-exercise-db checkout (it holds exercises/<id>/0.jpg)"))
    exercises, tally, found = (convert_all(records, tax, display_path(args.file), args.images) if not problems
                               else ([], None, []))
    problems += found
    if problems:
        for problem in problems:
            print(problem.format(), file=err)
        print(f"import failed: {len(problems)} error{'s' if len(problems) != 1 else ''}; nothing was written",
              file=err)
        return 1
    reason = prepare_target(args.into, args.replace)
    if reason:
        print(f"error: {reason}", file=err)
        return 2
    try:
        write_import(args.into, exercises, taxonomy_dir)
    except OSError as exc:
        print(f"error: cannot write {exc.filename or args.into}: {exc.strerror or exc}", file=err)
        return 1
    print(summary(len(exercises), tally, args.into), file=out)
    return 0


def load_records(path: Path) -> tuple[object, list[Diagnostic]]:
    """The parsed JSON, or why it cannot be read."""
    where = display_path(path)
    try:
        if path.stat().st_size > MAX_INPUT_BYTES:
            return None, [error(where, 0, "", f"file is larger than {MAX_INPUT_BYTES // 1_000_000} MB")]
        return json.loads(path.read_text(encoding="utf-8")), []
    except OSError as exc:
        return None, [error(where, 0, "", f"cannot read file: {exc.strerror or exc}")]
    except UnicodeDecodeError:
        return None, [error(where, 0, "", "not valid UTF-8")]
    except json.JSONDecodeError as exc:
        return None, [error(where, exc.lineno, "", f"not valid JSON: {exc.msg}")]
