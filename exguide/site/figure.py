"""Front and back body figures drawn from the muscle taxonomy.

The shapes come from figure_shapes.py (drawn by hand on the left half, mirrored here
onto the right), their path data from figure_paths.py and the body map's label column
from figure_labels.py. The body map template (partials/bodymap.html) turns the views
into inline markup. The muscle figure of every exercise and routine page is drawn once
per build into one SVG file, the sprite (figures/body-<digest>.svg), and each page only
<use>s its pieces: a view (silhouette and muscles), then each highlighted muscle again on
top with its class. The sprite holds no colours: every colour is set by the page's
stylesheet on the <use> element and inherited into its copy, so dark mode and print are
the page's own.
"""
from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from exguide.content.model import VIEWS, Muscle
from exguide.site.figure_labels import (CROP, LABEL_GAP, LABEL_WIDTH, MAP_HEIGHT, MAP_TOP, MAP_WIDTH, Label,
                                         layout_labels)
from exguide.site.figure_paths import centroid, compact_path, curve_points, outlines_meet, polygon_path, svg_number
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
    sprite: bytes = field(default=b"", repr=False, compare=False)  # the SVG file every page's figure uses
    sprite_name: str = ""  # its file name under figures/, named by its digest so a cache never serves an old one
    # per view: the muscle ids that have a group of the shapes drawn over them in the sprite (a-<id>)
    _over: tuple = field(default=(), repr=False, compare=False)

    def highlight(self, targets: list[Muscle], secondary: list[Muscle], sprite_href: str) -> Markup:
        """Both views of the exercise figure, its targets and secondary muscles highlighted.

        ``sprite_href`` is the sprite's address as a page links it (with the base path).
        Each view is one <svg> whose accessible name lists what it highlights; a muscle that
        is both a target and secondary counts as a target.
        """
        target_ids = {m.id for m in targets}
        secondary_ids = {m.id for m in secondary} - target_ids
        href = escape(sprite_href)
        out = []
        for view, over in zip(self.views, self._over):
            shown: tuple[list, list] = ([], [])
            uses = []
            for shape in view.shapes:
                muscle = shape.muscle
                state = 0 if muscle.id in target_ids else 1 if muscle.id in secondary_ids else None
                if state is None:
                    continue
                shown[state].append(muscle.name)
                uses.append(f'<use class="{("is-target", "is-secondary")[state]}" '
                            f'href="{href}#{escape(sprite_id(muscle.id))}"/>')
                if muscle.id in over:  # what the view drew over its edge, drawn over it again
                    uses.append(f'<use href="{href}#{escape(over_id(muscle.id))}"/>')
            label = view.title
            if shown[0]:
                label += "; main target: " + ", ".join(shown[0])
            if shown[1]:
                label += "; also works: " + ", ".join(shown[1])
            if not shown[0] and not shown[1]:
                label += "; nothing highlighted"
            out.append(f'<div><svg viewBox="0 0 {WIDTH} {HEIGHT}" '
                       f'role="img" aria-label="{escape(label)}"><use href="{href}#{view.view}"/>{"".join(uses)}</svg>'
                       f'<span class="view-name" aria-hidden="true">{view.view.capitalize()}</span></div>\n')
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
    over = [drawn_over(view.shapes) for view in views]
    sprite = figure_sprite(views, over)
    return BodyFigure(tuple(views), tuple(missing_shapes(muscles)), sprite,
                      f"body-{sprite_digest(sprite)}.svg",
                      tuple(frozenset(shapes) for shapes in over))


def sprite_digest(sprite: bytes) -> str:
    """Six characters that change with the sprite (36 bits of its SHA-1, URL-safe base64) for its
    file name: the name is written into every <use> of every page, so it is kept short."""
    return base64.urlsafe_b64encode(hashlib.sha1(sprite).digest()).decode()[:6]


def drawn_over(shapes: tuple[MuscleShape, ...]) -> dict[str, tuple[str, ...]]:
    """Muscle id -> the later shapes of the view that come over it: each that touches it, each that
    touches one of those, and so on, in drawing order (only muscles with any).

    A highlighted muscle is drawn again above the whole view; these drawn again after it put every
    shape back in its place in the drawing order, so each pixel is the colour it would be if the
    view had been drawn with the muscle highlighted in place.
    """
    meets = [{k for k in range(j) if _shapes_meet(shapes[j], shapes[k])} for j in range(len(shapes))]
    over = {}
    for i, shape in enumerate(shapes):
        group = {i}
        for j in range(i + 1, len(shapes)):
            if meets[j] & group:
                group.add(j)
        if len(group) > 1:
            over[shape.muscle.id] = tuple(shapes[j].muscle.id for j in sorted(group - {i}))
    return over


def sprite_id(muscle_id: str) -> str:
    """The id of a muscle's shape in the sprite (prefixed, so no muscle can take a view's id)."""
    return "m-" + muscle_id


def over_id(muscle_id: str) -> str:
    """The id of the group of shapes the sprite draws over a muscle (see ``drawn_over``)."""
    return "a-" + muscle_id


def figure_sprite(views: list[FigureView], over: list[dict[str, tuple[str, ...]]]) -> bytes:
    """The SVG file the exercise figures use: per view (its name is the id) the silhouette and its muscles.

    It sets no colour: the silhouette is drawn in currentColor, and the muscles take the fill and
    stroke the page's stylesheet gives the <use>, which its copy inherits; so one file serves light,
    dark and print alike. Every muscle is there by itself (m-<id>) to be drawn again highlighted,
    with the group of what comes over it (a-<id>).
    """
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}"><defs>\n']
    for view, groups in zip(views, over):
        parts.append(f'<g id="{view.view}"><g fill="currentColor" stroke="none">')
        parts += [f'<path d="{d}"/>' for d in view.body]
        parts.append("</g>")
        parts += [f'<path id="{escape(sprite_id(s.muscle.id))}" d="{s.d}"/>' for s in view.shapes]
        parts.append("</g>\n")
        for muscle_id, later in groups.items():
            parts.append(f'<g id="{escape(over_id(muscle_id))}">')
            parts += [f'<use href="#{escape(sprite_id(m))}"/>' for m in later]
            parts.append("</g>\n")
    parts.append("</defs></svg>\n")
    return "".join(parts).encode()


def missing_shapes(muscles: list[Muscle]) -> list[str]:
    """Ids of muscles that have no shape, or whose shape is drawn on the other view."""
    return [m.id for m in muscles if m.id not in SHAPES or SHAPES[m.id][0] != m.view]


def _shape(muscle: Muscle, labels_left: bool) -> MuscleShape:
    view, outlines = SHAPES[muscle.id]
    paths, curves = [], []
    for outline in outlines:
        for drawn in (outline, mirror(outline)):
            paths.append(compact_path(drawn))
            curves.append(curve_points(drawn))
    first = outlines[0]
    anchor = centroid(first if labels_left else mirror(first))
    return MuscleShape(muscle, view, "".join(paths), anchor, tuple(curves))


MEET = 2.5  # figure units: both strokes (at most 1.6 wide), a pixel of smoothing, the curves' sampling


def _shapes_meet(a: MuscleShape, b: MuscleShape) -> bool:
    """Whether drawing one shape over the other changes a pixel of it."""
    return any(outlines_meet(p, q, MEET) for p in a.curves for q in b.curves)


def _body_paths() -> tuple[str, ...]:
    trunk = TRUNK + tuple(reversed(mirror(TRUNK[1:-1])))
    cx, cy, rx, ry = HEAD
    n = svg_number
    head = f"M{n(cx - rx)} {n(cy)}a{n(rx)} {n(ry)} 0 1 0 {n(2 * rx)} 0a{n(rx)} {n(ry)} 0 1 0 {n(-2 * rx)} 0Z"
    return (head, polygon_path(NECK), compact_path(trunk), compact_path(ARM), compact_path(mirror(ARM)))
