"""The body figures: a shape for every muscle of the taxonomy, symmetric drawing, tidy label layout."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from exguide.site import figure_labels
from exguide.site.figure import build_figure, missing_shapes
from exguide.site.figure_labels import CROP, MAP_HEIGHT, MAP_WIDTH, wrap_name
from exguide.site.figure_paths import smooth_path
from exguide.site.figure_shapes import ARM, HEIGHT, MIDLINE, SHAPES, TRUNK, WIDTH, mirror
from exguide.content.model import Muscle
from exguide.content.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def muscles() -> list[Muscle]:
    taxonomy, problems = load_taxonomy(ROOT / "content")
    assert [p.format() for p in problems if p.severity == "error"] == []
    return list(taxonomy.muscles.values())


def test_every_muscle_of_the_taxonomy_is_drawn_on_its_own_view(muscles):
    missing = missing_shapes(muscles)
    assert missing == [], (
        f"no shape (or a shape on the wrong view) for {missing}: draw each in exguide/site/figure_shapes.py SHAPES, "
        "as points on the left half of the 200 x 440 figure")
    assert len(muscles) >= 30


def test_no_shape_is_left_over_from_a_muscle_that_is_gone(muscles):
    assert sorted(set(SHAPES) - {m.id for m in muscles}) == []


def test_a_new_muscle_without_a_shape_is_reported_and_left_off_the_figure(muscles):
    new = Muscle("tensor-fasciae-latae", "Tensor fasciae latae", "hips", "lower", "front")
    moved = Muscle("biceps", "Biceps", "arms", "upper", "back")  # the shape is on the front
    assert missing_shapes(muscles + [new]) == ["tensor-fasciae-latae"]
    assert missing_shapes([moved]) == ["biceps"]
    drawn = build_figure(muscles + [new])
    assert drawn.missing == ("tensor-fasciae-latae",)
    assert "tensor-fasciae-latae" not in {s.muscle.id for v in drawn.views for s in v.shapes}


def test_each_view_draws_exactly_its_muscles_once_with_a_label(muscles):
    drawn = build_figure(muscles)
    assert [v.view for v in drawn.views] == ["front", "back"]
    for view in drawn.views:
        expected = [m.id for m in muscles if m.view == view.view]
        assert [s.muscle.id for s in view.shapes] == expected
        assert sorted(label.shape.muscle.id for label in view.labels) == sorted(expected)


@pytest.mark.parametrize("muscle_id", sorted(SHAPES))
def test_shapes_are_drawn_on_the_left_half_inside_the_figure(muscle_id):
    _view, outlines = SHAPES[muscle_id]
    for outline in outlines:
        assert len(outline) >= 3
        for x, y in outline:
            assert CROP <= x <= MIDLINE and 0 <= y <= HEIGHT, (muscle_id, x, y)


def test_the_silhouette_fits_inside_the_cropped_map():
    for outline in (TRUNK, ARM):
        assert all(CROP < x <= MIDLINE and 0 <= y <= HEIGHT for x, y in outline)


def _outlines(d: str) -> list[list[tuple[int, int]]]:
    """The on-curve points of each subpath of path data made of M, c, s and z with whole numbers."""
    outlines: list[list[tuple[int, int]]] = []
    for command, numbers in re.findall(r"([MmCcSsZz])([^MmCcSsZz]*)", d):
        values = [int(n) for n in re.findall(r"-?\d+", numbers)]
        if command == "M":
            outlines.append([(values[0], values[1])])
        elif command in "cs":
            step = 6 if command == "c" else 4
            assert len(values) % step == 0, (command, numbers)
            for i in range(0, len(values), step):
                x, y = outlines[-1][-1]
                outlines[-1].append((x + values[i + step - 2], y + values[i + step - 1]))
        else:
            assert command == "z" and not numbers.strip(), f"unexpected command {command}{numbers} in {d[:60]}"
    return outlines


def test_each_muscle_is_one_path_covering_both_sides(muscles):
    for view in build_figure(muscles).views:
        for shape in view.shapes:
            outlines = _outlines(shape.d)
            drawn = SHAPES[shape.muscle.id][1]
            assert len(outlines) == 2 * len(drawn), shape.muscle.id
            for points in outlines:
                assert points[-1] == points[0], shape.muscle.id  # the curve closes where it began
                assert all(0 <= x <= WIDTH and 0 <= y <= HEIGHT for x, y in points), shape.muscle.id
            # every outline passes through its drawn points, and its mirror image is there too
            mirrored = {tuple((WIDTH - x, y) for x, y in points) for points in outlines}
            assert mirrored == {tuple(points) for points in outlines}, shape.muscle.id
            for outline in drawn:
                through = [(round(x), round(y)) for x, y in (*outline, outline[0])]
                assert through in outlines, shape.muscle.id
            xs = [x for points in outlines for x, _ in points]
            assert min(xs) < MIDLINE < max(xs), shape.muscle.id


def test_smooth_path_is_closed_passes_through_every_point_and_is_stable():
    square = ((10, 10), (30, 10), (30, 30), (10, 30))
    d = smooth_path(square)
    assert d.startswith("M10 10C") and d.endswith("Z")
    assert d.count("C") == 4
    for x, y in square:
        assert f" {x} {y}C" in d or d.endswith(f" {x} {y}Z") or d.startswith(f"M{x} {y}")
    assert smooth_path(square) == d


def test_mirror_reflects_across_the_midline():
    assert mirror(((10, 5), (100, 7))) == ((WIDTH - 10, 5), (100, 7))


def test_long_names_wrap_at_the_space_nearest_the_middle():
    assert wrap_name("Biceps") == ("Biceps",)
    assert wrap_name("Middle and lower trapezius and more", 20) == ("Middle and lower", "trapezius and more")
    assert wrap_name("Sternocleidomastoidmuscleofneck", 10) == ("Sternocleidomastoidmuscleofneck",)


def test_labels_stay_in_the_map_keep_their_order_and_never_overlap(muscles):
    for view in build_figure(muscles).views:
        labels = view.labels
        anchors = [label.shape.anchor[1] for label in labels]
        assert anchors == sorted(anchors)
        for label in labels:
            assert 0 <= label.y and label.y + label.height <= MAP_HEIGHT
            assert 0 <= label.x and label.x + label.width <= MAP_WIDTH
            # the label column never covers the figure
            fig_left, fig_right = view.figure_x + CROP, view.figure_x + WIDTH - CROP
            assert label.x + label.width <= fig_left or label.x >= fig_right
        for upper, lower in zip(labels, labels[1:]):
            assert upper.y + upper.height <= lower.y


def test_a_crowded_column_spreads_labels_evenly_around_their_muscles():
    tops = figure_labels._spread([100, 100, 100], [20, 20, 20], 4, 0, 500)
    assert tops == pytest.approx([76, 100, 124])  # centred on the wanted spot, not all pushed down
    assert figure_labels._spread([0, 5], [20, 20], 4, 10, 500) == pytest.approx([10, 34])  # kept inside the top
    assert figure_labels._spread([490, 495], [20, 20], 4, 0, 500) == pytest.approx([456, 480])  # and the bottom


# --- the sprite: every page's figure <use>s one file --------------------------------------------
def test_the_sprite_holds_each_view_and_muscle_and_no_colour(muscles):
    from exguide.site.figure import sprite_digest

    drawn = build_figure(muscles)
    sprite = drawn.sprite.decode()
    assert drawn.sprite_name == f"body-{sprite_digest(drawn.sprite)}.svg"
    assert sprite.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert re.findall(r'<g id="(front|back)">', sprite) == ["front", "back"]
    assert sorted(re.findall(r'<path id="m-([^"]+)"', sprite)) == sorted(m.id for m in muscles)
    # colours come from the page's stylesheet, inherited through each <use>: the file sets none
    assert not re.search(r'(fill|stroke)="(?!currentColor|none)|style|class=', sprite)
    assert build_figure(muscles).sprite_name == drawn.sprite_name  # the same name on every build


def test_a_figure_uses_the_sprite_at_the_address_it_is_given(muscles):
    by_id = {m.id: m for m in muscles}
    drawn = build_figure(muscles)
    html = str(drawn.highlight([by_id["gluteus-maximus"]], [by_id["hamstrings"], by_id["gluteus-maximus"]],
                               "/some-repo/figures/x.svg"))
    hrefs = re.findall(r'<use(?: class="([^"]+)")? href="([^"]+)"/>', html)
    assert {href.split("#")[0] for _, href in hrefs} == {"/some-repo/figures/x.svg"}
    assert [href.split("#")[1] for _, href in hrefs] == ["front", "back", "m-gluteus-maximus", "a-gluteus-maximus",
                                                          "m-hamstrings"]
    assert [cls for cls, _ in hrefs] == ["", "", "is-target", "", "is-secondary"]
    assert 'aria-label="Back of the body; main target: Gluteus maximus; also works: Hamstrings"' in html
    assert 'aria-label="Front of the body; nothing highlighted"' in html
    assert "&lt;" in str(drawn.highlight([], [], '/x"><script>.svg'))  # an odd address stays an attribute
    assert "<script>" not in str(drawn.highlight([], [], '/x"><script>.svg'))


def test_what_comes_over_a_muscle_keeps_the_drawing_order(muscles):
    from exguide.site.figure import _shapes_meet, drawn_over

    for view in build_figure(muscles).views:
        shapes, over = view.shapes, drawn_over(view.shapes)
        order = [s.muscle.id for s in shapes]
        for muscle_id, later in over.items():
            assert list(later) == sorted(later, key=order.index)  # in drawing order, all after the muscle
            assert order.index(later[0]) > order.index(muscle_id)
            group = {muscle_id, *later}
            # closed: anything later that touches a member is a member
            for shape in shapes[order.index(muscle_id) + 1:]:
                touches = any(_shapes_meet(shape, shapes[order.index(m)]) for m in group
                              if order.index(m) < order.index(shape.muscle.id))
                assert touches == (shape.muscle.id in later), (muscle_id, shape.muscle.id)
    # the two shapes that overlap most plainly: the gluteus medius is drawn over the gluteus maximus
    back = build_figure(muscles).views[1]
    assert "gluteus-medius" in drawn_over(back.shapes)["gluteus-maximus"]
