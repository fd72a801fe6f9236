from exguide.commands.docs import README, generated_sections, replace_section


def test_readme_field_table_matches_the_schema():
    text = README.read_text(encoding="utf-8")
    for name, body in generated_sections().items():
        assert replace_section(text, name, body) == text, "README is stale: run `make docs`"


def test_every_field_is_documented():
    from exguide.content.schema import FIELDS

    text = README.read_text(encoding="utf-8")
    for spec in FIELDS:
        assert f"| `{spec.name}` |" in text
