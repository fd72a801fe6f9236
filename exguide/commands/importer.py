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
import shutil
import sys
from pathlib import Path

from exguide.errors import Diagnostic, error
from exguide.build.pipeline import PROJECT_ROOT
from exguide.content.sources import display_path
from exguide.content.taxonomy import load_taxonomy
from exguide.commands.import_records import FALLBACK_CATEGORY, Converted, Tally, convert_all

SOURCES = ("free-exercise-db",)
TAXONOMY_FILES = ("muscles.yaml", "categories.yaml", "equipment.yaml")
MARKER = ".exguide-import"  # marks a folder this command wrote, so --replace may clear it
MAX_INPUT_BYTES = 100_000_000


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
