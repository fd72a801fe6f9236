"""The routine front-matter schema, declared once: validation and docs/fields.md read it."""
from __future__ import annotations

from exguide.content.schema import FieldSpec

ROUTINE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", "text", True, "The routine's name.", "Desk Break"),
    FieldSpec("slug", "slug", False, "URL name; defaults to the file name.", "desk-break"),
    FieldSpec("summary", "text", True, "One sentence: what it is for and how long it takes.",
              "Five minutes for the neck, chest and upper back after long sitting."),
    FieldSpec("goal", "goal", True, "One of `mobility`, `strength`, `core`, `recovery`, `conditioning`, "
              "`warm-up`, `power`.", "mobility"),
    FieldSpec("level", "level", False, "`beginner`, `intermediate` or `advanced`.", "beginner"),
    FieldSpec("rounds", "count", False, "How many times to go through the steps (a circuit); default 1.", "2"),
    FieldSpec("rest_between", "time", False, "Rest after each step unless the step gives its own `rest` (which is "
              "also its rest between sets; without one, sets are separated by the exercise's rest).", "15 sec"),
    FieldSpec("steps", "steps", True, "The exercises in order. Each: `exercise` (a slug, title or alias), then "
              "optional `sets`, `reps`, `duration`, `hold`, `rest`, `per_side` and `note`. A step's dose "
              "replaces the exercise's own; without one, the exercise's dose applies.",
              "[{exercise: chin-tuck, reps: 10}]"),
    FieldSpec("draft", "bool", False, "`true` keeps the routine out of a normal build.", "false"),
    FieldSpec("updated", "date", False, "Last meaningful change, `YYYY-MM-DD`; feeds the sitemap and feed.",
              "2026-12-01"),
    FieldSpec("author", "text", False, "Who wrote it.", "Exercise Guide team"),
    FieldSpec("body", "markdown", False, "Only in `.yaml` files: the Markdown prose.", ""),
)

ROUTINE_FIELD_NAMES = tuple(f.name for f in ROUTINE_FIELDS)
STEP_KEYS = ("exercise", "sets", "reps", "duration", "hold", "rest", "per_side", "note")
MAX_STEPS = 40
MAX_ROUNDS = 20
