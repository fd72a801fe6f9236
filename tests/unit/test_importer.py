"""The free-exercise-db importer on small hand-written records: every mapping and every unmapped case."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from exguide.commands.cli import main as cli_main
from exguide.errors import Diagnostic
from exguide.commands.import_records import NO_STEPS, Tally, convert_all, convert_record
from exguide.commands.import_text import make_slug
from exguide.commands.importer import main
from exguide.build.pipeline import BuildOptions, build
from exguide.content.sources import read_source
from exguide.content.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
BASIC = ROOT / "tests" / "sites" / "basic" / "content"


@pytest.fixture(scope="module")
def tax():
    taxonomy, problems = load_taxonomy(CONTENT)
    assert [p for p in problems if p.severity == "error"] == []
    return taxonomy


def rec(**changes) -> dict:
    """A plausible record in the data set's shape; tests change only what they look at."""
    record = {"id": "Test_Curl", "name": "Test Curl", "force": "pull", "level": "beginner",
              "mechanic": "isolation", "equipment": "dumbbell", "primaryMuscles": ["biceps"],
              "secondaryMuscles": ["forearms"], "category": "strength", "images": ["Test_Curl/0.jpg"],
              "instructions": ["Stand tall holding the weights, palms forward.",
                               "Bend the elbows to lift the weights. Keep the upper arms still.",
                               "Lower slowly.", "Repeat for the recommended amount of repetitions."]}
    record.update(changes)
    return record


def convert(tax, **changes):
    tally = Tally()
    out = convert_record(rec(**changes), tax, set(), tally)
    return out, tally


# --- muscles ------------------------------------------------------------------------------------
DB_MUSCLES = {
    "abdominals": "rectus-abdominis", "abductors": "gluteus-medius", "adductors": "hip-adductors",
    "biceps": "biceps", "calves": "gastrocnemius", "chest": "pectoralis-major", "forearms": "forearms",
    "glutes": "gluteus-maximus", "hamstrings": "hamstrings", "lats": "latissimus-dorsi",
    "lower back": "lumbar-erector-spinae", "middle back": "rhomboids", "neck": "neck-extensors",
    "quadriceps": "quadriceps", "shoulders": "anterior-deltoid", "traps": "upper-trapezius",
    "triceps": "triceps",
}


@pytest.mark.parametrize("word,muscle", sorted(DB_MUSCLES.items()))
def test_every_muscle_word_of_the_data_set_resolves_through_the_taxonomy(tax, word, muscle):
    out, tally = convert(tax, primaryMuscles=[word], secondaryMuscles=[])
    assert out.meta["targets"] == [muscle]
    assert tally.mapped[("muscle", word)] == muscle
    assert tally.unmapped() == []


def test_secondary_muscles_map_too_and_skip_what_is_already_a_target(tax):
    out, _ = convert(tax, primaryMuscles=["biceps", "Biceps"], secondaryMuscles=["forearms", "biceps", "traps"])
    assert out.meta["targets"] == ["biceps"]
    assert out.meta["secondary"] == ["forearms", "upper-trapezius"]


def test_an_unknown_secondary_muscle_is_kept_as_a_tag_and_reported(tax):
    out, tally = convert(tax, secondaryMuscles=["wings"])
    assert "secondary" not in out.meta
    assert "muscle: wings" in out.meta["tags"]
    assert tally.unmapped() == [("muscle", "wings", 1)]


def test_a_record_whose_main_muscles_are_all_unknown_is_an_error_not_a_guess(tax):
    out, tally = convert(tax, primaryMuscles=["wings"])
    assert isinstance(out, Diagnostic)
    assert out.field == "primaryMuscles"
    assert "wings" in out.message and "alias" in out.message
    assert tally.unmapped() == [("muscle", "wings", 1)]


def test_an_ambiguous_alias_takes_the_first_muscle_and_says_so():
    basic, _ = load_taxonomy(BASIC)  # its 'mid back' names two muscles
    tally = Tally()
    out = convert_record(rec(primaryMuscles=["mid back"], secondaryMuscles=[], category="strength",
                             equipment=None), basic, set(), tally)
    assert out.meta["targets"] == ["thoracic-erector-spinae"]
    assert any("ambiguous muscle 'mid back'" in note and "rhomboids" in note for note in tally.notes)


# --- categories, equipment, level, force, mechanic ----------------------------------------------
@pytest.mark.parametrize("category,expected", [("strength", "strength"), ("stretching", "stretching"),
                                               ("plyometrics", "plyometrics"), ("cardio", "conditioning")])
def test_categories_our_vocabulary_knows(tax, category, expected):
    out, tally = convert(tax, category=category)
    assert out.meta["category"] == expected
    assert not any(t.startswith("category:") for t in out.meta.get("tags", []))
    assert tally.unmapped() == []


@pytest.mark.parametrize("category", ["powerlifting", "olympic weightlifting", "strongman"])
def test_categories_we_lack_are_filed_under_strength_tagged_and_reported(tax, category):
    out, tally = convert(tax, category=category)
    assert out.meta["category"] == "strength"
    assert f"category: {category}" in out.meta["tags"]
    assert tally.unmapped() == [("category", category, 1)]


@pytest.mark.parametrize("equipment,expected", [
    ("barbell", "barbell"), ("dumbbell", "dumbbell"), ("body only", "none"), ("cable", "cable-machine"),
    ("kettlebells", "kettlebell"), ("bands", "resistance-band"), ("medicine ball", "medicine-ball"),
    ("exercise ball", "exercise-ball"), ("foam roll", "foam-roller")])
def test_equipment_our_vocabulary_knows(tax, equipment, expected):
    out, tally = convert(tax, equipment=equipment)
    assert out.meta["equipment"] == [expected]
    assert tally.unmapped() == []


@pytest.mark.parametrize("equipment", ["machine", "e-z curl bar", "other"])
def test_equipment_we_lack_is_kept_as_a_tag_and_reported(tax, equipment):
    out, tally = convert(tax, equipment=equipment)
    assert "equipment" not in out.meta
    assert f"equipment: {equipment}" in out.meta["tags"]
    assert tally.unmapped() == [("equipment", equipment, 1)]


def test_missing_equipment_is_reported_as_not_given_rather_than_read_as_none(tax):
    out, tally = convert(tax, equipment=None)
    assert "equipment" not in out.meta
    assert tally.unmapped() == [("equipment", "(not given)", 1)]


@pytest.mark.parametrize("level,expected", [("beginner", "beginner"), ("intermediate", "intermediate"),
                                            ("expert", "advanced")])
def test_levels(tax, level, expected):
    out, tally = convert(tax, level=level)
    assert out.meta["level"] == expected
    assert tally.mapped[("level", level)] == expected


def test_an_unknown_level_is_a_tag_and_reported(tax):
    out, tally = convert(tax, level="elite")
    assert "level" not in out.meta
    assert "level: elite" in out.meta["tags"]
    assert tally.unmapped() == [("level", "elite", 1)]


def test_force_and_mechanic_are_kept_as_tags_and_absent_ones_add_nothing(tax):
    out, _ = convert(tax, force="static", mechanic="compound")
    assert out.meta["tags"] == ["force: static", "mechanic: compound"]
    out, _ = convert(tax, force=None, mechanic=None)
    assert "tags" not in out.meta


# --- text -------------------------------------------------------------------------------------
def test_instructions_become_short_key_points_and_paragraphs(tax):
    out, _ = convert(tax)
    assert out.meta["key_points"] == ["Stand tall holding the weights, palms forward",
                                      "Bend the elbows to lift the weights", "Lower slowly"]
    assert out.body.split("\n\n") == ["Stand tall holding the weights, palms forward.",
                                      "Bend the elbows to lift the weights. Keep the upper arms still.",
                                      "Lower slowly.", "Repeat for the recommended amount of repetitions.\n"]


def test_long_instructions_give_at_most_five_cues_and_five_paragraphs_in_order(tax):
    steps = [f"Step {n}. Move part {n} of the body, then hold it there for a moment while breathing out "
             f"slowly and steadily through the mouth" for n in range(1, 13)]
    out, _ = convert(tax, instructions=steps)
    points = out.meta["key_points"]
    assert len(points) == 5 and all(len(p) <= 91 for p in points)
    assert points[0] == "Move part 1 of the body"
    paragraphs = out.body.strip().split("\n\n")
    assert len(paragraphs) == 5
    assert [p.count("Move part") for p in paragraphs] == [3, 3, 2, 2, 2]
    assert paragraphs[-1].endswith("mouth")


def test_a_record_without_instructions_says_so_instead_of_inventing_steps(tax):
    out, tally = convert(tax, instructions=[])
    assert out.meta["key_points"] == [NO_STEPS]
    assert out.body == ""
    assert tally.notes["records without instructions"] == 1


def test_titles_that_look_like_yaml_survive_the_round_trip(tax, tmp_path):
    names = ["Curl: The Sequel", "'Quoted' \"name\"", "- dash first", "yes", "null", "#hash", "a: b # c",
             "Tab\there", "Ünïcode Çurl", "[list]", "{map}", "@at", "100", "---"]
    records = [rec(id=f"x{n}", name=name) for n, name in enumerate(names)]
    exercises, _, problems = convert_all(records, load_taxonomy(CONTENT)[0], "sample.json")
    assert problems == []
    for exercise, name in zip(exercises, names):
        path = tmp_path / f"{exercise.slug}.md"
        path.write_text(exercise.text(), encoding="utf-8")
        record = read_source(path)
        assert record.diagnostics == []
        assert record.meta["title"] == " ".join(name.split())


def test_markdown_in_instructions_is_shown_as_written(tax, tmp_path):
    steps = ["*Keep* your [back](x.md) <b>flat</b> and `still`.", "# Not a heading", "1. Not a list",
             "- not a bullet either", "> no quote"]
    page = _build_one(tmp_path, rec(instructions=steps))
    out = page[page.index('class="prose"'):]
    out = out[:out.index("</div>")]
    for text in ("*Keep* your [back](x.md) &lt;b&gt;flat&lt;/b&gt; and `still`.", "# Not a heading",
                 "1. Not a list", "- not a bullet either", "&gt; no quote"):
        assert text in out
    assert out.count("<p>") == 5
    assert "<b>" not in out and "<h1>" not in out and "<ol>" not in out and "<ul>" not in out
    assert "<blockquote>" not in out and "<a " not in out and "<code>" not in out and "<em>" not in out


def _build_one(tmp_path: Path, record: dict) -> str:
    """Import one record, build it, and return its exercise page."""
    source = tmp_path / "one.json"
    source.write_text(json.dumps([record]), encoding="utf-8")
    assert main(["free-exercise-db", str(source), "--into", str(tmp_path / "lib")], io.StringIO()) == 0
    result = build(BuildOptions(content_dir=tmp_path / "lib", output_dir=tmp_path / "out", search=False))
    assert result.ok, [d.format() for d in result.diagnostics]
    slug = make_slug(record["id"], set())
    return (tmp_path / "out" / "exercises" / slug / "index.html").read_text(encoding="utf-8")


def test_slugs_come_from_ids_made_safe_and_unique():
    taken: set[str] = set()
    made = [make_slug(raw, taken) for raw in
            ["3_4_Sit-Up", "Sit-Up", "sit_up", "SIT UP", "Ünïcode Çurl", "!!!", "x" * 120,
             "Band_Good_Morning_(Pull_Through)"]]
    assert made[:6] == ["3-4-sit-up", "sit-up", "sit-up-2", "sit-up-3", "unicode-curl", "exercise"]
    assert made[6] == "x" * 80
    assert made[7] == "band-good-morning-pull-through"


def test_source_url_licence_and_author_are_recorded_and_images_are_not(tax):
    out, _ = convert(tax, id="Band_Good_Morning_(Pull_Through)")
    assert out.meta["source_url"] == ("https://github.com/yuhonas/free-exercise-db/blob/main/exercises/"
                                      "Band_Good_Morning_%28Pull_Through%29.json")
    assert out.meta["license"] == "Unlicense (public domain)"
    assert out.meta["author"] == "free-exercise-db contributors"
    assert "images" not in out.meta


# --- the command ------------------------------------------------------------------------------
SAMPLE = [rec(), rec(id="Machine_Fly", name="Machine Fly", equipment="machine", category="powerlifting",
                     primaryMuscles=["chest"], secondaryMuscles=["shoulders", "wings"], level="expert"),
          rec(id="Hang", name="Hang", equipment=None, category="cardio", force=None, mechanic=None,
              primaryMuscles=["forearms"], secondaryMuscles=[], instructions=[])]


def run_import(tmp_path: Path, data, *extra: str, into: str = "lib") -> tuple[int, str, str]:
    source = tmp_path / "exercises.json"
    source.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main(["free-exercise-db", str(source), "--into", str(tmp_path / into), *extra], out, err)
    return code, out.getvalue(), err.getvalue()


def test_import_writes_files_and_taxonomy_that_build_and_prints_the_mapping(tmp_path):
    code, out, err = run_import(tmp_path, SAMPLE)
    assert (code, err) == (0, "")
    lib = tmp_path / "lib"
    assert sorted(p.name for p in (lib / "exercises").iterdir()) == ["hang.md", "machine-fly.md", "test-curl.md"]
    for name in ("muscles.yaml", "categories.yaml", "equipment.yaml"):
        assert (lib / name).read_bytes() == (CONTENT / name).read_bytes()
    assert "imported 3 exercises" in out
    rows = {" ".join(line.split()) for line in out.splitlines()}
    for row in ("category powerlifting 1", "equipment (not given) 1", "equipment machine 1", "muscle wings 1"):
        assert row in rows and out.index(row.split()[1]) > out.index("unmapped values"), row
    assert "level expert -> advanced 1" in rows
    assert "1 records without instructions" in out
    result = build(BuildOptions(content_dir=lib, output_dir=tmp_path / "out", search=False))
    assert result.ok, [d.format() for d in result.diagnostics]
    assert [d for d in result.diagnostics] == []


def test_import_is_deterministic(tmp_path):
    run_import(tmp_path, SAMPLE, into="a")
    run_import(tmp_path, SAMPLE, into="b")
    for path in sorted((tmp_path / "a" / "exercises").iterdir()):
        assert path.read_bytes() == (tmp_path / "b" / "exercises" / path.name).read_bytes()


def test_build_py_import_dispatches_here(tmp_path, capsys):
    source = tmp_path / "exercises.json"
    source.write_text(json.dumps(SAMPLE[:1]), encoding="utf-8")
    assert cli_main(["import", "free-exercise-db", str(source), "--into", str(tmp_path / "lib")]) == 0
    assert "imported 1 exercise into" in capsys.readouterr().out


@pytest.mark.parametrize("args", [[], ["free-exercise-db"], ["free-exercise-db", "x.json"],
                                  ["other-db", "x.json", "--into", "lib"]])
def test_usage_errors_exit_2(args, capsys):
    assert main(args, io.StringIO(), io.StringIO()) == 2


def test_a_folder_with_other_files_is_never_overwritten(tmp_path):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "notes.txt").write_text("mine")
    code, out, err = run_import(tmp_path, SAMPLE)
    assert code == 2 and "not empty and was not made by an import" in err
    assert (tmp_path / "lib" / "notes.txt").read_text() == "mine"


def test_an_earlier_import_needs_replace_and_is_then_replaced(tmp_path):
    assert run_import(tmp_path, SAMPLE)[0] == 0
    code, _, err = run_import(tmp_path, SAMPLE[:1])
    assert code == 2 and "--replace" in err
    assert len(list((tmp_path / "lib" / "exercises").iterdir())) == 3
    assert run_import(tmp_path, SAMPLE[:1], "--replace")[0] == 0
    assert [p.name for p in (tmp_path / "lib" / "exercises").iterdir()] == ["test-curl.md"]


@pytest.mark.parametrize("data,message", [
    ("{not json", "not valid JSON"),
    ({"exercises": []}, "expected a JSON list of exercise objects"),
    ([rec(), "oops"], "exercises.json[1]: error: expected an exercise object, got text"),
    ([rec(primaryMuscles="biceps", instructions=[1, 2])], "(Test_Curl): error: instructions: expected a list"),
    ([rec(name=None, id=None)], "name: missing a name"),
    ([rec(level=3)], "level: expected text, got a number"),
    ([rec(primaryMuscles=["wings"])], "primaryMuscles: no main muscle maps"),
])
def test_bad_data_exits_1_names_the_record_and_writes_nothing(tmp_path, data, message):
    code, out, err = run_import(tmp_path, data)
    assert code == 1
    assert message in err
    assert "nothing was written" in err
    assert not (tmp_path / "lib").exists()


def test_a_missing_input_file_exits_1(tmp_path):
    err = io.StringIO()
    assert main(["free-exercise-db", str(tmp_path / "nope.json"), "--into", str(tmp_path / "lib")],
                io.StringIO(), err) == 1
    assert "cannot read file" in err.getvalue()


# --- photos from a local checkout (--images) ---------------------------------------------------------
def test_images_brings_each_records_photos_in_as_start_and_finish_with_the_licence(tmp_path):
    from tests.support.photos import jpeg, photo

    checkout = tmp_path / "free-exercise-db"
    for record_id, seed in (("Test_Curl", 1), ("Machine_Fly", 2)):
        (checkout / "exercises" / record_id).mkdir(parents=True)
        for index in (0, 1):
            (checkout / "exercises" / record_id / f"{index}.jpg").write_bytes(jpeg(photo(850, 567, seed + index)))
    records = [rec(images=["Test_Curl/0.jpg", "Test_Curl/1.jpg"]),
               rec(id="Machine_Fly", name="Machine Fly", images=["Machine_Fly/0.jpg", "../../etc/passwd"]),
               rec(id="Hang", name="Hang", images=["Hang/0.jpg", "Hang/1.jpg"])]  # not in the checkout
    code, out, err = run_import(tmp_path, records, "--images", str(checkout))
    assert (code, err) == (0, "")
    assert "note: 3 photos brought in" in out and "note: 3 photos not found in the --images folder" in out
    lib = tmp_path / "lib"
    assert sorted(p.name for p in (lib / "images").iterdir()) == ["machine-fly-1.jpg", "test-curl-1.jpg",
                                                                 "test-curl-2.jpg"]
    assert (lib / "images" / "test-curl-2.jpg").read_bytes() == (checkout / "exercises/Test_Curl/1.jpg").read_bytes()
    meta = read_source(lib / "exercises" / "test-curl.md").meta
    assert meta["images"] == [
        {"src": "test-curl-1.jpg", "alt": "Test Curl: start position", "caption": "Start",
         "credit": "free-exercise-db contributors", "license": "Unlicense (public domain)"},
        {"src": "test-curl-2.jpg", "alt": "Test Curl: finish position", "caption": "Finish",
         "credit": "free-exercise-db contributors", "license": "Unlicense (public domain)"}]
    assert "images" not in read_source(lib / "exercises" / "hang.md").meta
    result = build(BuildOptions(content_dir=lib, output_dir=tmp_path / "out", search=False))
    assert result.ok, [d.format() for d in result.diagnostics]
    page = (tmp_path / "out" / "exercises" / "test-curl" / "index.html").read_text()
    assert '<ol class="steps"' in page and ">Finish</span>" in page and "Unlicense (public domain)" in page
    assert (tmp_path / "out" / "images" / "test-curl-2-480w.webp").is_file()


def test_without_images_nothing_changes_and_a_wrong_folder_is_an_error(tmp_path):
    code, _, _ = run_import(tmp_path, SAMPLE, into="plain")
    assert code == 0 and not (tmp_path / "plain" / "images").exists()
    code, _, err = run_import(tmp_path, SAMPLE, "--images", str(tmp_path), into="wrong")
    assert code == 1 and "no exercises/ folder here" in err
