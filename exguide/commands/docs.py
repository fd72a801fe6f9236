"""Keep the generated docs tables (fields, settings, vocabularies) in step with the code: `make docs`.

Each generated section sits between `<!-- SECTION:name -->` and `<!-- /SECTION:name -->` in the
docs page named in GENERATED; everything outside the markers is written by hand.
tests/unit/test_docs.py fails when a section is stale.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from exguide.content.demo_terms import demo_tables
from exguide.content.settings import settings_table
from exguide.content.routine_schema import ROUTINE_FIELDS
from exguide.content.schema import field_table
from exguide.content.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
FIELDS_DOC = ROOT / "docs" / "fields.md"
AUTHORING_DOC = ROOT / "docs" / "authoring.md"
GENERATED = {"fields": FIELDS_DOC, "routine-fields": FIELDS_DOC, "vocabulary": FIELDS_DOC,
             "demo": AUTHORING_DOC}  # section name -> the page that holds it


def vocabulary_tables(content_dir: Path = CONTENT) -> str:
    """Muscles with their aliases, categories and equipment, as declared in content/."""
    tax, _ = load_taxonomy(content_dir)
    rows = ["### Muscles", "", "| group | id | name | also accepted |", "|---|---|---|---|"]
    for group in tax.groups.values():
        for m in (m for m in tax.muscles.values() if m.group == group.id):
            rows.append(f"| {group.name} | `{m.id}` | {m.name} | {', '.join(m.aliases)} |")
    for title, terms in (("Categories", tax.categories), ("Equipment", tax.equipment)):
        rows += ["", f"### {title}", "", "| id | name | also accepted |", "|---|---|---|"]
        rows += [f"| `{t.id}` | {t.name} | {', '.join(t.aliases)} |" for t in terms.values()]
    return "\n".join(rows)


def generated_sections() -> dict[str, str]:
    """Section name -> Markdown generated from the code."""
    return {
        "fields": "## Exercise fields\n\nGenerated from `exguide/content/schema.py` by `make docs`; unknown fields "
                  "are errors.\n\n" + field_table() + "\n\n## Site settings (`site.yaml`)\n\nGenerated from "
                  "`exguide/content/settings.py` by `make docs`; unknown settings are errors.\n\n" + settings_table(),
        "routine-fields": "## Routine fields\n\nGenerated from `exguide/content/routine_schema.py` by `make docs`; "
                          "unknown fields are errors. How to write a routine: [authoring.md](authoring.md#routines)."
                          "\n\n" + field_table(ROUTINE_FIELDS),
        "demo": "### Joints, body parts and props\n\nGenerated from `exguide/content/demo_terms.py` by `make docs`; "
                "angles are in degrees.\n\n" + demo_tables(),
        "vocabulary": "## Muscles, categories and equipment\n\nGenerated from `content/*.yaml` by `make docs`. Names "
                      "resolve ignoring case and hyphens; an alias listed on two muscles is accepted with a warning "
                      "naming the one chosen.\n\n" + vocabulary_tables(),
    }


def replace_section(text: str, name: str, body: str) -> str:
    """``text`` with the marked section ``name`` holding ``body``."""
    pattern = re.compile(rf"(<!-- SECTION:{name} -->\n).*?(<!-- /SECTION:{name} -->)", re.DOTALL)
    if not pattern.search(text):
        raise ValueError(f"no section '{name}' (<!-- SECTION:{name} --> … <!-- /SECTION:{name} -->)")
    return pattern.sub(lambda m: m.group(1) + body.rstrip() + "\n" + m.group(2), text)


def regenerated() -> dict[Path, str]:
    """Each page holding generated sections -> its text with every section current."""
    sections = generated_sections()
    pages: dict[Path, str] = {}
    for name, path in GENERATED.items():
        text = pages[path] if path in pages else path.read_text(encoding="utf-8")
        pages[path] = replace_section(text, name, sections[name])
    return pages


def main() -> int:
    for path, text in regenerated().items():
        path.write_text(text, encoding="utf-8")
        names = ", ".join(name for name, page in GENERATED.items() if page == path)
        print(f"updated {path.relative_to(ROOT)}: {names}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
