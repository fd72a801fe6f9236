"""`python build.py new "Title"`: start an exercise file from a commented template.

Every field of the schema (schema.py) is listed with what it holds and an example;
the required ones are filled in, the optional ones are commented out. The new file is
a draft, so `serve` shows it (with a "Draft" badge) while a normal build leaves it out
until the author removes ``draft: true``. An existing file is never overwritten.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from exguide.commands import new_routine
from exguide.commands.scaffold_text import plain, slugify, yaml_scalar
from exguide.errors import WARNING
from exguide.build.pipeline import PROJECT_ROOT
from exguide.content.schema import FIELDS
from exguide.content.sources import display_path
from exguide.content.taxonomy import Taxonomy, Vocabulary, load_taxonomy

FILLED = ("title", "category", "targets", "key_points", "draft")  # written as real values
EXAMPLES = {"source_url": "https://example.org/where-the-facts-came-from"}  # where the schema gives none


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py new",
                                     description="Create content/exercises/<slug>.md from a commented template "
                                                 "('build.py new routine TITLE' starts a routine instead).")
    parser.add_argument("title", help='the exercise\'s name, e.g. "Hip Flexor Stretch"')
    parser.add_argument("--category", help="category id or name from content/categories.yaml")
    parser.add_argument("--targets", help="main muscles, comma-separated ids, names or aliases "
                                          "from content/muscles.yaml")
    parser.add_argument("--content", metavar="DIR", type=Path, default=PROJECT_ROOT / "content",
                        help="content folder (default: content/)")
    return parser


def main(argv: list[str]) -> int:
    if argv[:1] == ["routine"]:
        return _new_routine(argv[1:])
    try:
        args = make_parser().parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code in (0, None) else 2
    title = " ".join(args.title.split())
    slug = slugify(title)
    if not slug:
        print(f"error: cannot make a file name from the title '{args.title}'; use letters or digits",
              file=sys.stderr)
        return 2
    path = args.content / "exercises" / f"{slug}.md"
    if path.exists() or path.with_suffix(".yaml").exists() or path.with_suffix(".yml").exists():
        existing = next(p for p in (path, path.with_suffix(".yaml"), path.with_suffix(".yml")) if p.exists())
        print(f"error: {display_path(existing)} already exists; edit it, or choose another title",
              file=sys.stderr)
        return 1
    taxonomy, problems = load_taxonomy(args.content)
    failing = [d for d in problems if d.severity != WARNING]
    if failing:
        for diagnostic in failing:
            print(diagnostic.format(), file=sys.stderr)
        return 1
    category, targets, messages = _resolve(args, taxonomy)
    if messages:
        for message in messages:
            print(f"error: {message}", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(template(title, category, targets, taxonomy))
    print(f"created {display_path(path)}: a draft, shown by 'python build.py serve'; "
          "fill it in, then remove 'draft: true' to publish it")
    return 0


def _new_routine(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="build.py new routine",
                                     description="Create content/routines/<slug>.md from a commented template.")
    parser.add_argument("title", nargs="+", help='the routine\'s name, e.g. "Morning Mobility"')
    parser.add_argument("--content", metavar="DIR", type=Path, default=PROJECT_ROOT / "content")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code in (0, None) else 2
    return new_routine.main(args.title, args.content)


def _resolve(args, taxonomy: Taxonomy) -> tuple[str, list[str], list[str]]:
    """The category and target ids asked for, checked against the taxonomy."""
    messages: list[str] = []

    def one(vocab: Vocabulary, name: str) -> str:
        found = vocab.resolve(name)
        if isinstance(found, str):
            messages.append(found)
            return ""
        return found.id

    category = one(taxonomy.category_names, args.category) if args.category else ""
    targets = [one(taxonomy.muscle_names, t.strip()) for t in (args.targets or "").split(",") if t.strip()]
    return category, [t for t in targets if t], messages


def template(title: str, category: str, targets: list[str], taxonomy: Taxonomy) -> str:
    """The new file's text: every field explained; required ones filled, optional ones commented out."""
    lines = ["---",
             "# A new exercise guide. Lines starting with # are comments: the build ignores them.",
             "# Every field is explained below; delete the comments you no longer need.",
             ""]
    values = {
        "title": yaml_scalar(title),
        "category": category,
        "targets": f"[{', '.join(targets)}]" if targets else "[]",
        "key_points": "\n  - Where to start, in one short line\n  - What to feel, or what to avoid",
        "draft": "true",
    }
    hints = {
        "category": "choose one of: " + ", ".join(taxonomy.categories),
        "targets": "for example: " + ", ".join(list(taxonomy.muscles)[:6]) + " (all: content/muscles.yaml)",
        "draft": "remove this line (or write false) when the guide is ready to publish",
    }
    for spec in FIELDS:
        if spec.name == "body":
            continue
        need = "required" if spec.required else "optional"
        lines.append(f"# {spec.name} ({need}): {plain(spec.doc)}")
        if spec.name in hints:
            lines.append(f"#   {hints[spec.name]}")
        if spec.name in FILLED:
            value = values[spec.name]
            lines.append(f"{spec.name}:{value}" if value.startswith("\n") or not value else f"{spec.name}: {value}")
        elif spec.example or spec.name in EXAMPLES:
            lines.append(f"# {spec.name}: {spec.example or EXAMPLES[spec.name]}")
        lines.append("")
    lines += ["# Below the closing line comes the guide itself, in Markdown: how to get into position, how",
              "# to move, how it should feel, and the usual mistakes. Link to another exercise by its file",
              "# name, e.g. [Cat-Cow](cat-cow.md); ## starts a subheading.",
              "---",
              f"Describe how to do the {title} here.",
              ""]
    return "\n".join(lines)
