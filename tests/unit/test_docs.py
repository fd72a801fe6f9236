"""The generated docs tables are current, and would be caught if stale."""
from exguide.commands.docs import FIELDS_DOC, GENERATED, generated_sections, regenerated, replace_section


def test_generated_tables_match_the_code_and_content():
    sections = generated_sections()
    assert set(sections) == set(GENERATED)
    for name, body in sections.items():
        text = GENERATED[name].read_text(encoding="utf-8")
        assert replace_section(text, name, body) == text, f"{GENERATED[name].name} is stale: run `make docs`"


def test_a_stale_table_is_caught():
    text = FIELDS_DOC.read_text(encoding="utf-8")
    stale = text.replace("| `title` | yes |", "| `title` |  |", 1)
    assert stale != text
    assert replace_section(stale, "fields", generated_sections()["fields"]) == text


def test_make_docs_would_change_nothing():
    assert {path: path.read_text(encoding="utf-8") for path in regenerated()} == regenerated()


def test_every_field_is_documented():
    from exguide.content.schema import FIELDS

    text = FIELDS_DOC.read_text(encoding="utf-8")
    for spec in FIELDS:
        assert f"| `{spec.name}` |" in text
