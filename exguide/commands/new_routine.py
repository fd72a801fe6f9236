"""`python build.py new routine "Title"`: start a routine file from a commented template.

Every routine field (routine_schema.py) is listed with what it holds; the required ones
are filled in with a first step to replace. The new file is a draft, shown by `serve`,
left out of a normal build until the author removes ``draft: true``. An existing file is
never overwritten.
"""
from __future__ import annotations

import sys
from pathlib import Path

from exguide.commands.scaffold_text import plain, slugify, yaml_scalar
from exguide.content.model import GOALS
from exguide.content.routine_schema import ROUTINE_FIELDS
from exguide.content.sources import display_path

FILLED = {
    "summary": "What it is for, in one sentence.",
    "goal": GOALS[0],
    "steps": ("\n  - exercise: cat-cow     # a slug, title or alias from content/exercises/"
              "\n    reps: 8             # or sets, duration, hold, rest, per_side: true, note: …"
              "\n  - exercise: childs-pose"
              "\n    hold: 30 sec"),
    "draft": "true",
}


def main(title_words: list[str], content: Path) -> int:
    title = " ".join(" ".join(title_words).split())
    slug = slugify(title)
    if not slug:
        print(f"error: cannot make a file name from the title '{title}'; use letters or digits", file=sys.stderr)
        return 2
    path = content / "routines" / f"{slug}.md"
    for existing in (path, path.with_suffix(".yaml"), path.with_suffix(".yml")):
        if existing.exists():
            print(f"error: {display_path(existing)} already exists; edit it, or choose another title",
                  file=sys.stderr)
            return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(template(title))
    print(f"created {display_path(path)}: a draft, shown by 'python build.py serve'; "
          "list its steps, then remove 'draft: true' to publish it")
    return 0


def template(title: str) -> str:
    """The new routine's text: every field explained; required ones filled, optional ones commented out."""
    lines = ["---",
             "# A new routine. Lines starting with # are comments: the build ignores them.",
             ""]
    for spec in ROUTINE_FIELDS:
        if spec.name in ("body", "slug"):
            continue
        need = "required" if spec.required else "optional"
        lines.append(f"# {spec.name} ({need}): {plain(spec.doc)}")
        value = yaml_scalar(title) if spec.name == "title" else FILLED.get(spec.name)
        if value is not None:
            lines.append(f"{spec.name}:{value}" if value.startswith("\n") else f"{spec.name}: {value}")
        elif spec.example:
            lines.append(f"# {spec.name}: {spec.example}")
        lines.append("")
    lines += ["# Below the closing line: who the routine is for, why the steps come in this order, and what",
              "# to feel. Link to an exercise by its file name, e.g. [Cat-Cow](cat-cow.md).",
              "---",
              f"Say who {title} is for and why its steps come in this order.",
              "",
              "Then what to feel, and when to stop.",
              ""]
    return "\n".join(lines)
