"""Demos: forward kinematics gives known joint positions, contacts land on the floor and props, the loop
keeps its tempo, and the drawing and its stylesheet say what they should."""
from __future__ import annotations

import math
import re

import pytest

from exguide.content.demo_terms import ANGLE_NAMES, JOINTS, PARTS, PROPS
from exguide.content.demos import check_demo
from exguide.site.demo_body import forward, relative_angles
from exguide.site.demo_layout import TOUCH
from exguide.site.demo_files import card_svg, draw_files, file_name, move_svg, still_svg
from exguide.site.demo_motion import key_times, keyframes, plan
from exguide.site.demo_place import lowest, spot_point, spots
from exguide.site.demos import DemoArt, demo_drawings, demo_record


def demo(raw: dict, category: str = "strength"):
    problems: list = []
    made = check_demo(raw, lambda *a: problems.append(a[1]), category)
    assert problems == [] and made is not None
    return made


def pose(view: str, **angles):
    """Forward kinematics alone: the hip joint at (0, 0), y down (the page's frame)."""
    values = {name: 0.0 for name in ANGLE_NAMES}
    for name, value in angles.items():
        for key in ([name] if name in values else [f"left_{name}", f"right_{name}"]):
            values[key] = value
    return forward(view, relative_angles(view, values.__getitem__))


def near(a, b, tol=0.05) -> bool:
    return math.dist(a, b) <= tol


def frame_body(made, index: int):
    lay = plan(made)
    return lay.poses[index].body(lay.view)


def low(body, part: str, side: str, view: str = "side"):
    return lowest(body, spots(((part, side),), view))


def on_floor(body, segment: str) -> bool:
    """Some disc of the segment rests on the floor (y = 0), none below it."""
    bottoms = [y + r for name, _t, (_x, y), r in body.discs if name == segment]
    return max(bottoms) == pytest.approx(0, abs=TOUCH)


# --- forward kinematics ---------------------------------------------------------------------------
def test_standing_puts_each_joint_at_its_height():
    body = pose("side")
    assert near(body["left_shin"].origin, (0, 43)) and near(body["left_foot"].origin, (0, 86))  # knee, ankle
    assert near(body["chest"].origin, (0, -22)) and near(body["head"].origin, (-1, -55))  # waist, neck base
    assert near(body["left_upper_arm"].origin, (-1, -49))  # shoulder
    assert all(p.angle % 360 in (0, 90, 180) for p in body.values())


def test_a_right_angle_at_the_knee_and_the_hip_is_what_a_coach_means():
    seated = pose("side", hip=90, knee=90)
    assert near(seated["left_shin"].origin, (43, 0))  # thigh straight forward
    assert near(seated["left_foot"].origin, (43, 43))  # shin straight down
    kneeling = pose("side", knee=90)
    assert near(kneeling["left_foot"].origin, (-43, 43))  # the shin goes back
    arm = pose("side", shoulder=90, elbow=90)
    elbow, wrist = arm["left_forearm"].origin, arm["left_hand"].origin
    assert near((elbow[0] - arm["left_upper_arm"].origin[0], elbow[1] - arm["left_upper_arm"].origin[1]), (31, 0))
    assert near((wrist[0] - elbow[0], wrist[1] - elbow[1]), (0, -26))  # forearm up, like a curl


def test_trunk_90_is_face_down_and_minus_90_face_up():
    down, up = pose("side", trunk=90), pose("side", trunk=-90)
    assert near(down["chest"].origin, (22, 0)) and near(up["chest"].origin, (-22, 0))
    assert down["chest"].front()[1] > 0.99 and up["chest"].front()[1] < -0.99  # the chest faces the floor / sky


def test_front_view_raises_both_arms_outwards_and_a_side_key_wins():
    body = pose("front", shoulder=90)
    left, right = body["left_hand"].origin, body["right_hand"].origin
    assert left[0] > 60 and right[0] < -60 and near((left[0], left[1]), (-right[0], right[1]))
    one = pose("front", hip=0, left_hip=45)
    assert one["left_shin"].origin[0] > 30 and near(one["right_shin"].origin, (-9, 43))


def test_the_spine_rounds_about_its_middle():
    body = pose("side", trunk=90, spine=30)
    assert body["pelvis"].angle == pytest.approx(75) and body["chest"].angle == pytest.approx(105)


# --- contacts -------------------------------------------------------------------------------------
def test_standing_and_squatting_feet_rest_flat_on_the_floor_and_stay_put():
    made = demo({"frames": [{}, {"trunk": 40, "hip": 105, "knee": 105, "ankle": 40}]})
    for index in range(2):
        body = frame_body(made, index)
        assert max(c[2][1] + c[3] for c in body.discs) == pytest.approx(0, abs=1e-6)
        assert abs(low(body, "heel", "left")[1]) < TOUCH and abs(low(body, "toes", "left")[1]) < TOUCH
    assert low(frame_body(made, 0), "toes", "left")[0] == pytest.approx(low(frame_body(made, 1), "toes", "left")[0])


def test_all_fours_tips_until_hands_and_knees_are_both_down():
    made = demo({"frames": [{"trunk": 80, "hip": 90, "knee": 90, "shoulder": 80, "wrist": 90, "ankle": -90}, {"spine": 20}]})
    body = frame_body(made, 0)
    assert on_floor(body, "left_hand") and on_floor(body, "left_shin")  # the knee is the shin's first disc


def test_a_body_on_a_roller_rests_its_back_on_top_and_its_feet_on_the_floor():
    made = demo({"props": ["foam-roller@mid-back"],
                 "frames": [{"trunk": -75, "hip": 60, "knee": 100, "ankle": -15},
                            {"trunk": -82, "hip": 45, "knee": 125, "props": "foam-roller@shoulders"}]})
    lay = plan(made)
    for index, part in ((0, "mid-back"), (1, "shoulders")):
        body = frame_body(made, index)
        resting = lowest(body, spots(((part, ""),), "side"))
        (_key, shape, (x, y, r)), = lay.poses[index].moving
        assert shape == "ball" and r == 7.5 and y == -7.5  # a 15 cm roller on the floor
        assert resting[1] == pytest.approx(-15, abs=0.05) and resting[0] == pytest.approx(x)  # right on top
        assert on_floor(body, "left_foot")
    first, second = (lay.poses[i].root[0] - lay.poses[i].moving[0][2][0] for i in (0, 1))
    assert second - first > 15  # rolled from the mid-back to the shoulders: further from the hips


def test_a_bench_carries_the_named_part_and_hands_hang_from_a_bar():
    seated = demo({"props": ["bench@hips"], "frames": [{"hip": 90, "knee": 80, "ankle": -10}, {"shoulder": 90}]})
    bench = next(item for item in plan(seated).fixed if item[0] == "bench")
    assert bench[3] == -45 and lowest(frame_body(seated, 0), spots((("hips", ""),), "side"))[1] == pytest.approx(-45)
    hanging = demo({"props": ["pull-up-bar@hands"], "frames": [{"shoulder": 175}, {"hip": 90, "knee": 90}]})
    lay = plan(hanging)
    bar = next(item for item in lay.fixed if item[0] == "pull-up-bar")
    for index in range(2):
        body = frame_body(hanging, index)
        hand = spot_point(body, spots((("hand", "left"),), "side")[0])
        assert near(hand, bar[1:], 0.1)  # the hands stay on the bar
        assert max(c[2][1] + c[3] for c in body.discs) < -1  # the feet clear the floor
    knees_up = frame_body(hanging, 1)
    from exguide.site.demo_body import centre_of_mass
    assert centre_of_mass(knees_up)[0] == pytest.approx(bar[1], abs=0.5)  # swung until it hangs straight


def test_a_body_through_the_floor_is_found():
    problems: list = []
    assert check_demo({"props": ["foam-roller@upper-back"], "frames": [{"trunk": -80, "hip": 60, "knee": 100},
                                                                      {"trunk": 0, "hip": 0, "knee": 0}]},
                      lambda *a: problems.append(a), "strength") is None
    assert problems[0][1].startswith("frame 2: resting the upper back on the foam-roller puts the left heel")


def test_a_jump_leaves_the_floor_and_a_step_moves_ahead():
    made = demo({"frames": [{}, {"air": 20, "ahead": 30}]})
    body = frame_body(made, 1)
    assert max(c[2][1] + c[3] for c in body.discs) == pytest.approx(-20)
    assert body["pelvis"].origin[0] - frame_body(made, 0)["pelvis"].origin[0] == pytest.approx(30)


# --- motion and drawing ---------------------------------------------------------------------------
def test_one_loop_follows_the_tempo_and_the_category_gives_a_default():
    made = demo({"tempo": "2-1-2", "frames": [{}, {"knee": 30}]})
    assert key_times(made) == [(0.0, 0), (2.0, 1), (3.0, 1), (5.0, 0), (6.0, 0)]
    assert demo({"frames": [{}, {"knee": 30}]}, "stretching").tempo == (3.0, 2.0, 3.0)
    css = keyframes(made)
    assert "6s" in css and css.count("@keyframes") == 2 + 1  # both knees, and the body settling lower
    assert re.search(r"\.d\d\{animation:d\d 6s cubic-bezier", css)
    assert "@media (prefers-reduced-motion:reduce)" in css  # still, should the image be shown anyway


def _svg(data: bytes):
    import xml.etree.ElementTree as ET

    return ET.fromstring(data)


def test_the_moving_drawing_is_a_standalone_svg_with_its_own_palette_and_motion():
    made = demo({"props": ["dumbbell@hands"], "frames": [{}, {"elbow": 140}]})
    muscles = (("biceps", "t"), ("forearms", "s"))
    data = move_svg(made, muscles)
    root = _svg(data)  # well formed: an <img> shows nothing of a broken file
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("width") == "400"
    text = data.decode()
    assert "<style>" in text and "@keyframes" in text and "prefers-color-scheme:dark" in text
    assert '<use class="t" href="#s-m0a"/>' in text and '<use class="s" href="#s-m1a"/>' in text
    assert 'class="p"' in text  # the dumbbells
    assert "style=" not in text and "<script" not in text
    assert len(data) < 9_000


def test_the_still_drawing_shows_every_key_position_numbered_side_by_side():
    made = demo({"frames": [{}, {"trunk": 40, "hip": 105, "knee": 105, "ankle": 40}, {"knee": 30}]})
    root = _svg(still_svg(made, (("quadriceps", "t"),)))
    ns = "{http://www.w3.org/2000/svg}"
    panels = root.findall(f"{ns}svg")
    assert len(panels) == 3 and [t.text for t in root.iter(f"{ns}text")] == ["1", "2", "3"]
    xs = [float(p.get("x")) for p in panels]
    assert xs == sorted(xs) and len(set(xs)) == 3 and len({p.get("y") for p in panels}) == 1  # one row
    assert "@keyframes" not in still_svg(made, ()).decode()


def test_the_card_picture_is_one_pose_with_its_palette():
    made = demo({"props": ["dumbbell@hands"], "frames": [{}, {"elbow": 140}]})
    card = card_svg(made, (("biceps", "t"),)).decode()
    assert card.startswith('<svg class="demo-card"') and "<style>" in card and 'width="160"' in card
    assert "@keyframes" not in card


def test_the_files_are_named_by_what_they_are_drawn_from_and_the_same_drawing_is_made_once():
    from exguide.content.model import Exercise

    squat = demo({"frames": [{}, {"trunk": 40, "hip": 105, "knee": 105, "ankle": 40}]})
    deeper = demo({"frames": [{}, {"trunk": 45, "hip": 115, "knee": 115, "ankle": 40}]})
    quads = (("quadriceps", "t"),)
    names = set(draw_files(squat, quads))
    assert names == {file_name(squat, quads, k) for k in ("move", "still", "card")}
    assert all(len(n.split("-")[0]) == 16 for n in names)
    assert file_name(squat, quads, "move") == file_name(demo({"frames": [{}, {"trunk": 40, "hip": 105, "knee": 105,
                                                                              "ankle": 40}]}), quads, "move")
    assert file_name(squat, quads, "move") != file_name(deeper, quads, "move")  # another drawing, another name
    assert file_name(squat, quads, "move") != file_name(squat, (("quadriceps", "s"),), "move")  # other tints

    def exercise(slug, made, targets=("quadriceps",)):
        return Exercise(slug=slug, title=slug, source_path=f"{slug}.md", category="strength", targets=targets,
                        key_points=("Sit",), demo=made)
    drawings = demo_drawings([exercise("a", squat), exercise("b", squat), exercise("c", deeper),
                              exercise("d", None), exercise("e", squat, ("gluteus-maximus",))])
    assert len(drawings) == 3  # a and b share one drawing


def test_the_demo_macro_is_a_picture_with_the_still_for_reduced_motion_and_a_pause_control():
    from exguide.content.taxonomy import load_taxonomy
    from tests.support.sites import ROOT

    taxonomy, _ = load_taxonomy(ROOT / "content")
    env = _environment(DemoArt(taxonomy))
    macro = env.get_template("partials/demo.html").module.exercise_demo
    squat = _exercise(demo({"props": ["barbell@shoulders"], "frames": [{}, {"trunk": 40, "hip": 105, "knee": 105,
                                                                            "ankle": 40}]}))
    html = str(macro(squat))
    quads = (("quadriceps", "t"), ("gluteus-maximus", "s"))
    move, still = (f"/some-repo/demos/{file_name(squat.demo, quads, k)}" for k in ("move", "still"))
    assert f'<source media="(prefers-reduced-motion: reduce)" srcset="{still}"' in html
    assert (f'<img data-keep src="{move}" alt="Animated drawing of Squat, side view, moving through 2 key positions; '
            'main target: Quadriceps"') in html
    assert f'<img class="demo-still" data-keep src="{still}"' in html and 'loading="lazy"' in html
    assert '<input type="checkbox" class="demo-pause-input"> Pause' in html
    assert "<svg" not in html and "style" not in html
    assert len(html.encode()) < 1_200


def test_the_export_has_the_angles_and_the_placed_points():
    record = demo_record(demo({"frames": [{}, {"trunk": 40, "hip": 105, "knee": 105, "ankle": 40}]}))
    first, second = record["frames"]
    assert first["points"]["left_toes"] == [0.0, 2.2]  # the toes are what stays put; x is forward of them
    assert first["points"]["left_knee"] == [-18.0, 50.0] and first["points"]["hips"] == [-18.0, 93.0]
    assert second["angles"]["left_knee"] == 105 and second["points"]["hips"][1] < 60
    assert record["loop_seconds"] == 5.0 and record["tempo"] == {"down": 2.0, "hold": 1.0, "up": 1.0}


def test_every_joint_part_and_prop_is_documented():
    from tests.support.sites import ROOT

    text = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    for name in [j.name for j in JOINTS] + [p.name for p in PARTS] + [p.name for p in PROPS]:
        assert f"| `{name}` |" in text


def _environment(art):
    import jinja2

    from exguide.site.urls import Urls
    from tests.support.sites import ROOT

    urls = Urls("/some-repo/")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "templates")), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["href"] = urls.href
    env.globals.update(u=urls, demo_art=art)
    return env


def _exercise(made=None):
    from exguide.content.model import Exercise

    return Exercise(slug="squat", title="Squat", source_path="x.md", category="strength", targets=("quadriceps",),
                    secondary=("gluteus-maximus",), key_points=("Sit",), demo=made)


def test_the_card_picture_macro_gives_an_img_of_the_demo_and_nothing_without_one():
    from exguide.content.taxonomy import load_taxonomy
    from tests.support.sites import ROOT

    macro = _environment(DemoArt(load_taxonomy(ROOT / "content")[0])).get_template("partials/demo.html").module.demo_thumbnail
    assert str(macro(_exercise())).strip() == ""
    squat = demo({"frames": [{}, {"trunk": 40, "hip": 105, "knee": 105, "ankle": 40}]})
    html = str(macro(_exercise(squat))).strip()
    width, height = DemoArt.thumbnail_size(squat)
    card = file_name(squat, (("quadriceps", "t"), ("gluteus-maximus", "s")), "card")
    assert html == (f'<img class="demo-thumb" src="/some-repo/demos/{card}" alt="" width="{width}" '
                    f'height="{height}" loading="lazy" decoding="async">')


# --- whatever an author writes: a Demo or messages, never an exception ------------------------------
def _any_demo():
    from hypothesis import strategies as st

    words = st.sampled_from(["side", "front", "back", "sdie", "floor", "bench@hips", "foam-roller@upper-back",
                             "ball@heels", "pull-up-bar@hands", "band@hands+left_foot", "cable@hands",
                             "wall@upper-back", "box@feet", "dumbbell@right_hand", "barbell@shoulders", "x@y", "@",
                             "kettlebell@", "2-1-2", "0-0-0", "fast"])
    numbers = st.one_of(st.integers(-400, 400), st.floats(allow_nan=True, allow_infinity=True), st.booleans())
    scalar = st.one_of(words, numbers, st.none(), st.text(max_size=8))
    keys = st.sampled_from(["trunk", "spine", "neck", "hip", "left_knee", "right_ankle", "shoulder", "elbow",
                            "wrist", "kne", "props", "air", "ahead"])
    frame = st.one_of(st.dictionaries(keys, st.one_of(numbers, words, st.lists(words, max_size=2)), max_size=6),
                      scalar)
    prop = st.one_of(words, st.dictionaries(st.sampled_from(["prop", "at", "height", "x", "h"]),
                                            st.one_of(words, numbers, st.lists(words, max_size=2)), max_size=4))
    return st.one_of(scalar, st.fixed_dictionaries({}, optional={
        "view": scalar, "tempo": st.one_of(scalar, st.lists(numbers, max_size=4)),
        "props": st.one_of(scalar, st.lists(prop, max_size=4)), "frames": st.one_of(scalar, st.lists(frame, max_size=5)),
        "speed": scalar}))


def test_any_demo_gives_a_demo_or_messages_and_never_raises():
    from hypothesis import HealthCheck, given, settings

    @settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_any_demo())
    def check(raw):
        problems: list = []
        made = check_demo(raw, lambda *a: problems.append(a), "strength")
        assert (made is None) == bool(problems)
        assert all(isinstance(p[0], str) and isinstance(p[1], str) and p[1] for p in problems)
        if made is not None:
            demo_record(made)
            draw_files(made, ())

    check()


def _valid_words_demo():
    """Demos written with only known words and angles in range: every placement path, odd poses included."""
    from hypothesis import strategies as st

    from exguide.content.demo_terms import JOINT_BY_NAME, joint_range

    def frame(view):
        def in_range(name):
            low, _lw, high, _hw = joint_range(name, view)
            return st.integers(int(low), int(high))
        angles = st.fixed_dictionaries({}, optional={name: in_range(name) for name in
                                                      ("trunk", "spine", "neck", "shoulder", "left_elbow", "wrist",
                                                       "hip", "right_hip", "knee", "left_knee", "ankle")})
        extra = st.fixed_dictionaries({}, optional={"air": st.integers(0, 60), "ahead": st.integers(-80, 80)})
        return st.builds(lambda a, e: {**a, **e}, angles, extra)

    props = st.lists(st.sampled_from(["mat", "wall", "wall@hands", "wall@upper-back", "bench@hips", "bench@knees",
                                      "box@left_foot", "foam-roller@mid-back", "ball@belly", "ball@heels",
                                      "massage-ball@hips", "medicine-ball@hands", "medicine-ball", "dumbbell@hands",
                                      "kettlebell@right_hand", "barbell@shoulders", "barbell@hands", "band@hands",
                                      "band@knees", "band@hands+left_foot", "pull-up-bar@hands", "cable@hands",
                                      "{prop: band, at: left_foot, x: 60, height: 10}"]), max_size=3, unique=True)
    assert JOINT_BY_NAME
    return st.sampled_from(["side", "front", "back"]).flatmap(lambda view: st.fixed_dictionaries({
        "view": st.just(view), "props": props.map(lambda ps: [yaml_prop(p) for p in ps]),
        "frames": st.lists(frame(view), min_size=2, max_size=4)}))


def yaml_prop(text: str):
    import yaml

    return yaml.safe_load(text) if text.startswith("{") else text


def test_any_demo_in_known_words_is_drawn_or_reported_and_never_raises():
    from hypothesis import HealthCheck, given, settings

    @settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_valid_words_demo())
    def check(raw):
        problems: list = []
        made = check_demo(raw, lambda *a: problems.append(a), "strength")
        if made is None:
            assert problems and all("through the floor" in p[1] or "listed twice" in p[1] for p in problems), problems
            return
        from exguide.content.taxonomy import load_taxonomy
        from tests.support.sites import ROOT

        assert DemoArt(load_taxonomy(ROOT / "content")[0]).label(made, "X", ("quadriceps",))
        for name, data in draw_files(made, (("quadriceps", "t"),)).items():
            _svg(data)
            assert not re.search(rb"nan|inf(?!inite)", data), name
        demo_record(made)

    check()
