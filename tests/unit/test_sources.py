from pathlib import Path

from exguide.content.sources import discover_exercises, read_source, split_front_matter


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def test_markdown_file_gives_fields_body_and_key_lines(tmp_path):
    path = write(tmp_path, "plank.md", "---\ntitle: Plank\ntargets:\n  - abs\n  - obliques\n---\nHold it.\n")
    record = read_source(path)
    assert record.diagnostics == []
    assert record.meta == {"title": "Plank", "targets": ["abs", "obliques"]}
    assert record.body == "Hold it.\n"
    assert record.body_line == 7
    # lines count from the top of the file, the --- fence included
    assert record.lines[("title",)] == 2
    assert record.lines[("targets", 1)] == 5


def test_yaml_file_is_the_same_record_with_body_key(tmp_path):
    path = write(tmp_path, "plank.yaml", "title: Plank\nbody: |\n  Hold it.\n")
    record = read_source(path)
    assert record.meta == {"title": "Plank"}
    assert record.body == "Hold it.\n"
    assert record.stem == "plank"


def test_bom_and_crlf_simply_work(tmp_path):
    path = write(tmp_path, "a.md", b"\xef\xbb\xbf---\r\ntitle: A\r\n---\r\nBody\r\n")
    record = read_source(path)
    assert record.diagnostics == []
    assert record.meta == {"title": "A"}
    assert record.body == "Body\n"


def test_non_utf8_names_the_line(tmp_path):
    path = write(tmp_path, "a.md", b"---\ntitle: A\nauthor: \xff\n---\n")
    [problem] = read_source(path).diagnostics
    assert problem.line == 3
    assert "not valid UTF-8" in problem.message


def test_yaml_syntax_error_keeps_the_parser_line(tmp_path):
    path = write(tmp_path, "a.md", "---\ntitle: A\ntargets: [abs\nlevel: beginner\n---\n")
    [problem] = read_source(path).diagnostics
    assert problem.message.startswith("YAML syntax error")
    assert problem.line >= 3


def test_tab_indentation_is_explained(tmp_path):
    path = write(tmp_path, "a.md", "---\ntitle: A\ndose:\n\treps: 3\n---\n")
    [problem] = read_source(path).diagnostics
    assert problem.line == 4
    assert "tab" in problem.message


def test_duplicate_keys_are_refused_with_both_lines(tmp_path):
    path = write(tmp_path, "a.md", "---\ntitle: A\nlevel: beginner\ntitle: B\n---\n")
    [problem] = read_source(path).diagnostics
    assert (problem.line, problem.field) == (4, "title")
    assert "first given on line 2" in problem.message


def test_alias_bomb_is_refused_quickly(tmp_path):
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)) + "---\n"
    path = write(tmp_path, "bomb.md", bomb)
    [problem] = read_source(path).diagnostics
    assert "aliases" in problem.message


def test_unclosed_front_matter(tmp_path):
    [problem] = read_source(write(tmp_path, "a.md", "---\ntitle: A\n")).diagnostics
    assert problem.message == "front matter is not closed: add a '---' line after the last field"


def test_split_front_matter_rejects_missing_fence():
    assert "missing front matter" in split_front_matter("title: A\n")


def test_discovery_is_sorted_and_refuses_symlinks_out_of_content(tmp_path):
    content = tmp_path / "content"
    (content / "exercises").mkdir(parents=True)
    for name in ("b.md", "a.yaml", "c.yml", "notes.txt"):
        write(content / "exercises", name, "x")
    outside = write(tmp_path, "secret.md", "---\ntitle: S\n---\n")
    (content / "exercises" / "link.md").symlink_to(outside)
    paths, problems = discover_exercises(content)
    assert [p.name for p in paths] == ["a.yaml", "b.md", "c.yml"]
    [problem] = problems
    assert "outside the content folder" in problem.message
