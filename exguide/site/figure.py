"""Front and back body figures drawn from the muscle taxonomy, for inline SVG.

The shapes come from figure_shapes.py (drawn by hand on the left half, mirrored here
onto the right), their path data from figure_paths.py and the body map's label column
from figure_labels.py. The body map template (partials/bodymap.html) turns the views
into markup; the muscle figure of every exercise page is joined here from pieces made
once per build (BodyFigure.highlight), since building it in Jinja2 for each of
thousands of pages was a large share of the build.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from exguide.content.model import VIEWS, Muscle
from exguide.site.figure_labels import (CROP, LABEL_GAP, LABEL_WIDTH, MAP_HEIGHT, MAP_TOP, MAP_WIDTH, Label,
                                         layout_labels)
from exguide.site.figure_paths import centroid, compact_path, polygon_path, svg_number
from exguide.site.figure_shapes import ARM, HEAD, HEIGHT, NECK, SHAPES, TRUNK, WIDTH, MuscleShape, mirror


@dataclass(frozen=True)
class FigureView:
    """The front or the back of the body."""

    view: str
    title: str
    body: tuple[str, ...]  # SVG paths of the neutral silhouette
    shapes: tuple[MuscleShape, ...]
    labels: tuple[Label, ...]  # for the body map
    map_box: str  # the body map's viewBox
    figure_x: float  # where the figure sits inside the body map
    figure_y: float


@dataclass(frozen=True)
class BodyFigure:
    views: tuple[FigureView, ...]
    missing: tuple[str, ...]  # muscles of the taxonomy with no shape
    # per view: the markup before the label, then each muscle's <path> as plain, target, secondary
    _pieces: tuple = field(default=(), repr=False, compare=False)

    def highlight(self, targets: list[Muscle], secondary: list[Muscle]) -> Markup:
        """Both views of the exercise figure, its targets and secondary muscles highlighted.

        Each view is one <svg> whose accessible name lists what it highlights; a muscle that
        is both a target and secondary counts as a target.
        """
        target_ids = {m.id for m in targets}
        secondary_ids = {m.id for m in secondary} - target_ids
        out = []
        for view, (head, svg_open, paths) in zip(self.views, self._pieces):
            shown = [[], []]
            for shape in view.shapes:
                if shape.muscle.id in target_ids:
                    shown[0].append(shape.muscle.name)
                elif shape.muscle.id in secondary_ids:
                    shown[1].append(shape.muscle.name)
            label = view.title
            if shown[0]:
                label += "; main target: " + ", ".join(shown[0])
            if shown[1]:
                label += "; also works: " + ", ".join(shown[1])
            if not shown[0] and not shown[1]:
                label += "; nothing highlighted"
            out.append(f'{head}<svg class="body-figure" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
                       f'aria-label="{escape(label)}">{svg_open}')
            out.extend(variants[2 if muscle_id in target_ids else 1 if muscle_id in secondary_ids else 0]
                       for muscle_id, *variants in paths)
            out.append(f'</svg><span class="view-name" aria-hidden="true">{view.view.capitalize()}</span></div>\n')
        return Markup("".join(out))


def build_figure(muscles: list[Muscle]) -> BodyFigure:
    """Both views for the given muscles (in taxonomy order); computed once per build."""
    body = _body_paths()
    views = []
    for view in VIEWS:
        labels_left = view == "front"
        shapes = tuple(_shape(m, labels_left) for m in muscles if m.id in SHAPES and SHAPES[m.id][0] == view)
        figure_x = LABEL_WIDTH + LABEL_GAP - CROP if labels_left else -CROP
        labels = layout_labels(shapes, labels_left, figure_x)
        views.append(FigureView(view, f"{view.capitalize()} of the body", body, shapes, labels,
                                f"0 0 {MAP_WIDTH} {MAP_HEIGHT}", figure_x, MAP_TOP))
    return BodyFigure(tuple(views), tuple(missing_shapes(muscles)),
                      tuple(_figure_pieces(v, first=i == 0) for i, v in enumerate(views)))


SILHOUETTE_ID = "fig-body-shape"  # one muscle figure per page: drawn in the first view, reused in the second


def _figure_pieces(view: FigureView, first: bool) -> tuple:
    """The static markup of one view of the exercise figure, made once per build.

    The silhouette is the same on both views, so the second <use>s the first's: the shadow
    copy is a g.fig-body with its paths, so `.fig-body path` styles it like the original.
    """
    if first:
        paths = "".join(f'<path d="{d}"/>' for d in view.body)
        silhouette = f'<g class="fig-body" id="{SILHOUETTE_ID}">{paths}</g>'
    else:
        silhouette = f'<use href="#{SILHOUETTE_ID}"/>'
    paths = tuple((s.muscle.id, *(f'<path class="m{state}" data-muscle="{escape(s.muscle.id)}" d="{s.d}"/>'
                                  for state in ("", " is-secondary", " is-target")))
                  for s in view.shapes)
    return ('<div class="muscle-figure-view">', silhouette, paths)


def missing_shapes(muscles: list[Muscle]) -> list[str]:
    """Ids of muscles that have no shape, or whose shape is drawn on the other view."""
    return [m.id for m in muscles if m.id not in SHAPES or SHAPES[m.id][0] != m.view]


def _shape(muscle: Muscle, labels_left: bool) -> MuscleShape:
    view, outlines = SHAPES[muscle.id]
    paths = []
    for outline in outlines:
        paths.append(compact_path(outline))
        paths.append(compact_path(mirror(outline)))
    first = outlines[0]
    anchor = centroid(first if labels_left else mirror(first))
    return MuscleShape(muscle, view, "".join(paths), anchor)


def _body_paths() -> tuple[str, ...]:
    trunk = TRUNK + tuple(reversed(mirror(TRUNK[1:-1])))
    cx, cy, rx, ry = HEAD
    n = svg_number
    head = f"M{n(cx - rx)} {n(cy)}a{n(rx)} {n(ry)} 0 1 0 {n(2 * rx)} 0a{n(rx)} {n(ry)} 0 1 0 {n(-2 * rx)} 0Z"
    return (head, polygon_path(NECK), compact_path(trunk), compact_path(ARM), compact_path(mirror(ARM)))
