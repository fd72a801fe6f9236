"""The exercise front-matter schema, declared once: validation and the README table read it."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str  # how exercises.py checks it
    required: bool
    doc: str
    example: str = ""


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", "text", True, "The exercise's name as readers know it.", "Mid-Back Release"),
    FieldSpec("slug", "slug", False, "URL name; defaults to the file name. Lowercase letters, digits, hyphens.",
              "mid-back-release"),
    FieldSpec("category", "category", True, "One category id or name from `content/categories.yaml`.",
              "Recovery Stretches"),
    FieldSpec("targets", "muscles", True, "Main muscles worked (at least one): ids, names or aliases "
              "from `content/muscles.yaml`.", "[thoracic erector spinae]"),
    FieldSpec("secondary", "muscles", False, "Muscles that assist.", "[rhomboids]"),
    FieldSpec("equipment", "equipment", False, "Ids or names from `content/equipment.yaml`; `none` for "
              "bodyweight.", "[foam roller]"),
    FieldSpec("level", "level", False, "`beginner`, `intermediate` or `advanced`.", "beginner"),
    FieldSpec("key_points", "texts", True, "Short cues shown as a list (at least one).",
              "[Arms crossed over the chest]"),
    FieldSpec("dose", "dose", False, "Any of `reps`, `sets` (a number or range: `8-12`), `duration`, "
              "`hold`, `rest` (a time: `30 sec`, `30-60 sec`, `2 min`).", "{reps: 1, duration: 30-60 sec}"),
    FieldSpec("per_side", "bool", False, "`true` when the dose is done on each side in turn.", "false"),
    FieldSpec("images", "images", False, "Photos and drawings: `src` (a JPEG, PNG, WebP, GIF, AVIF or SVG file in "
              "`content/images/`, or an https URL), `alt` (required), optional `caption`, `credit`, `license`. "
              "Two or more are shown as numbered steps (caption them `Start`, `Finish`…).",
              "[{src: mid-back-release.svg, alt: …}]"),
    FieldSpec("video", "video", False, "A clip: an `.mp4` or `.webm` file in `content/videos/`, or a YouTube or "
              "Vimeo address; as a mapping, `src` plus optional `poster` (an image in `content/images/`) and "
              "`caption`.", "{src: glute-bridge.mp4, poster: glute-bridge-start.jpg}"),
    FieldSpec("aliases", "texts", False, "Other names readers search for.", "[upper back roll]"),
    FieldSpec("variations", "variations", False, "`easier` and `harder`: lists of exercise slugs.",
              "{easier: [cat-cow]}"),
    FieldSpec("related", "slugs", False, "Slugs of related exercises.", "[childs-pose]"),
    FieldSpec("cautions", "texts", False, "Safety notes shown in a box.", "[Keep the roller off the lower back.]"),
    FieldSpec("tags", "texts", False, "Free keywords.", "[posture]"),
    FieldSpec("draft", "bool", False, "`true` keeps the page out of a normal build (shown with `--drafts`).",
              "false"),
    FieldSpec("updated", "date", False, "Last meaningful change, `YYYY-MM-DD`; feeds the sitemap and feed.",
              "2026-11-24"),
    FieldSpec("author", "text", False, "Who wrote the guide.", "Exercise Guide team"),
    FieldSpec("license", "text", False, "Licence of the text, when not the site's.", "CC BY 4.0"),
    FieldSpec("source_url", "url", False, "Where the facts or text came from (http/https).", ""),
    FieldSpec("demo", "demo", False, "A small animated drawing of the movement: `view` (side, front or back), "
              "optional `tempo` (seconds down-hold-up), `props` and 2 to 4 `frames` of joint angles in degrees; "
              "see [Demos](authoring.md#demos).",
              "{props: [foam-roller@upper-back], frames: [{trunk: -75, hip: 60, knee: 105}, {trunk: -80}]}"),
    FieldSpec("body", "markdown", False, "Only in `.yaml` files: the Markdown prose (in `.md` files it follows "
              "the front matter).", ""),
)

FIELD_NAMES = tuple(f.name for f in FIELDS)
IMAGE_KEYS = ("src", "alt", "caption", "credit", "license")
VIDEO_KEYS = ("src", "poster", "caption")
VARIATION_KEYS = ("easier", "harder")


def field_table(fields: tuple[FieldSpec, ...] = FIELDS) -> str:
    """The Markdown table of fields for docs/fields.md (an exercise's, or those given)."""
    rows = ["| field | required | what it holds | example |", "|---|---|---|---|"]
    for spec in fields:
        example = f"`{spec.example}`" if spec.example else ""
        rows.append(f"| `{spec.name}` | {'yes' if spec.required else ''} | {spec.doc} | {example} |")
    return "\n".join(rows)
