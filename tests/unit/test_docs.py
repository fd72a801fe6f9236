"""The docs: generated tables current (and caught when stale), links and named paths that lead somewhere."""
import re

from exguide.commands.docs import FIELDS_DOC, GENERATED, ROOT, generated_sections, regenerated, replace_section


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


# --- the docs as a whole: links lead somewhere, named paths exist, the README keeps its two commands --
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
CODE_ROOTS = ("exguide/", "tests/", "bench/", "templates/", "assets/", "docs/", ".github/")
GENERATED_PATHS = ("bench/corpus/", "bench/results/")  # made by the bench scripts, ignored by git


def _links(text: str) -> list[str]:
    """Link targets of the prose, not of examples in code blocks or `code`."""
    prose = re.sub(r"`[^`\n]*`", "", re.sub(r"^```.*?^```", "", text, flags=re.M | re.S))
    return re.findall(r"\]\(([^)\s]+)\)", prose) + re.findall(r'<img src="([^"]+)"', prose)


def test_every_relative_link_in_the_docs_leads_to_a_file_and_heading():
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for link in _links(text):
            if re.match(r"^[a-z]+:", link):
                continue
            path, _, anchor = link.partition("#")
            target = (page.parent / path).resolve() if path else page
            assert target.exists(), f"{page.relative_to(ROOT)}: link {link!r} leads nowhere"
            if anchor:
                headings = re.findall(r"^#+ (.+)$", target.read_text(encoding="utf-8"), re.M)
                slugs = {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in headings}
                assert anchor in slugs, f"{page.relative_to(ROOT)}: link {link!r}: no such heading"


def test_every_path_the_docs_name_exists():
    for page in PAGES:
        for span in re.findall(r"`([^`\s]+)`", page.read_text(encoding="utf-8")):
            path = span.rstrip(".,:;")
            if not path.startswith(CODE_ROOTS) or path.startswith(GENERATED_PATHS) or re.search(r"[<>*…]", path):
                continue
            assert (ROOT / path).exists(), f"{page.relative_to(ROOT)} names {path}, which does not exist"


def test_every_docs_page_is_listed_in_both_indexes():
    readme = PAGES[0].read_text(encoding="utf-8")
    index = (ROOT / "docs" / "README.md").read_text(encoding="utf-8")
    for page in [p for p in PAGES[1:] if p.name != "README.md"]:
        assert f"(docs/{page.name})" in readme, f"README.md does not link docs/{page.name}"
        assert f"({page.name})" in index, f"docs/README.md does not list {page.name}"


def test_the_readme_opens_with_the_two_commands_for_a_fresh_machine():
    readme = PAGES[0].read_text(encoding="utf-8")
    first_section = readme.split("\n## ", 1)[0]
    for command in ("make site", "make test"):
        assert f"\n{command}   # " in first_section, f"`{command}` must stay at the top of README.md"
