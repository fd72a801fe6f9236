"""Front and back body figures drawn from the muscle taxonomy, for inline SVG.

Every muscle of content/muscles.yaml gets one shape, drawn by hand here as a few
points on the left half of a 200 x 440 figure and mirrored onto the right half, so
both sides always match. Points are joined by a smooth closed curve, written as
compact relative SVG path data. The body map template (partials/bodymap.html) turns
the shapes into markup; the muscle figure of every exercise page is joined here from
pieces made once per build (BodyFigure.highlight), since building it in Jinja2 for
each of thousands of pages was a large share of the build.

A muscle added to the taxonomy without a shape here is left off the figures; the
unit tests list every such muscle, so a new muscle fails the suite until drawn.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from exguide.content.model import VIEWS, Muscle

Point = tuple[float, float]
Outline = tuple[Point, ...]

WIDTH, HEIGHT = 200, 440
MIDLINE = WIDTH / 2

# Label column of the body map, beside the figure (front: left of it, back: right).
LABEL_WIDTH = 172
LABEL_GAP = 10
LABEL_LINE = 16  # one text line; a one-line label is 26 units, a thumb-sized 24+ px on a phone
LABEL_PAD = 5  # above and below the text inside a label
LABEL_SPACING = 3  # between two labels
LABEL_CHARS = 23  # longer names wrap onto a second line
CROP = 22  # the arms reach x = 24 and 176: the map trims the empty sides of the figure box
MAP_WIDTH = LABEL_WIDTH + LABEL_GAP + WIDTH - 2 * CROP
MAP_HEIGHT = 490
MAP_TOP = 20  # the figure sits this far down in the map, leaving room for labels above the head

# --- the neutral body ---------------------------------------------------------------------------
# Left half outline of the trunk and legs, from the neck down the outside and up the inner leg.
_TRUNK: Outline = (
    (100, 60), (90, 62), (79, 68), (66, 75), (58, 82), (58, 96), (62, 114), (65, 140), (69, 172),
    (70, 194), (66, 214), (63, 236), (62, 262), (63, 292), (68, 322), (72, 344), (70, 362),
    (72, 388), (78, 418), (74, 430), (76, 438), (93, 438), (96, 428), (94, 404), (96, 370),
    (95, 346), (96, 318), (98, 288), (100, 266),
)
_ARM: Outline = (
    (64, 80), (53, 81), (45, 88), (41, 102), (40, 126), (38, 150), (37, 172), (33, 200), (29, 228),
    (27, 246), (24, 258), (24, 272), (30, 284), (37, 281), (40, 266), (40, 250), (45, 224), (50, 198),
    (53, 178), (56, 152), (59, 128), (62, 112), (65, 96),
)
_NECK: Outline = ((92, 40), (108, 40), (110, 70), (90, 70))
_HEAD = (MIDLINE, 28, 19, 24)  # centre x, centre y, radius x, radius y

# --- one shape per muscle: (view, outlines on the figure's left half) -------------------------------
SHAPES: dict[str, tuple[str, tuple[Outline, ...]]] = {
    # front
    "sternocleidomastoid": ("front", (((91, 49), (94, 48), (99, 70), (97, 74), (94, 66)),)),
    "anterior-deltoid": ("front", (((63, 83), (56, 84), (51, 92), (51, 106), (55, 115), (60, 106), (64, 93)),)),
    "lateral-deltoid": ("front", (((52, 83), (46, 89), (42, 101), (43, 113), (48, 112), (49, 98)),)),
    "pectoralis-major": ("front", (((97, 80), (81, 79), (68, 85), (64, 97), (68, 110), (82, 118), (97, 117)),)),
    "serratus-anterior": ("front", (((66, 116), (71, 118), (74, 128), (73, 142), (68, 144), (66, 130)),)),
    "biceps": ("front", (((56, 119), (50, 116), (45, 126), (43, 146), (45, 166), (51, 168), (54, 150), (57, 132)),)),
    "forearms": ("front", (((47, 179), (40, 177), (35, 194), (31, 220), (29, 240), (36, 242), (42, 220), (48, 197)),)),
    "rectus-abdominis": ("front", (((98, 122), (89, 123), (87, 148), (88, 174), (90, 196), (98, 198)),)),
    "obliques": ("front", (((85, 125), (77, 125), (72, 148), (72, 178), (74, 200), (81, 208), (86, 194), (85, 160)),)),
    "transverse-abdominis": ("front", (((98, 203), (89, 202), (79, 212), (78, 224), (87, 234), (98, 238)),)),
    "hip-flexors": ("front", (((74, 230), (67, 238), (66, 252), (72, 264), (82, 266), (88, 254), (84, 240)),)),
    "hip-adductors": ("front", (((97, 272), (91, 274), (88, 292), (89, 314), (92, 328), (97, 302)),)),
    "quadriceps": ("front", (((68, 270), (64, 292), (66, 318), (72, 338), (81, 343), (87, 331), (86, 300), (82, 276)),)),
    "tibialis-anterior": ("front", (((77, 354), (73, 360), (74, 384), (78, 410), (82, 410), (82, 382), (81, 362)),)),
    # back
    "neck-extensors": ("back", (((97, 46), (92, 47), (91, 60), (97, 62)),)),
    "upper-trapezius": ("back", (((98, 64), (91, 66), (79, 71), (66, 77), (64, 83), (76, 86), (88, 88), (98, 92)),)),
    "posterior-deltoid": ("back", (((62, 85), (54, 84), (47, 90), (43, 104), (47, 115), (55, 112), (60, 100)),)),
    "rotator-cuff": ("back", (((80, 99), (70, 100), (65, 110), (68, 122), (78, 124), (84, 112)),)),
    "middle-trapezius": ("back", (((98, 95), (86, 92), (77, 95), (84, 104), (98, 106)),
                                  ((98, 132), (91, 131), (93, 140), (98, 150))),),
    "rhomboids": ("back", (((97, 109), (88, 106), (86, 118), (89, 128), (97, 129)),)),
    "thoracic-erector-spinae": ("back", (((98, 153), (92, 153), (90, 172), (91, 192), (98, 194)),)),
    "lumbar-erector-spinae": ("back", (((98, 197), (91, 197), (89, 214), (90, 232), (98, 236)),)),
    "quadratus-lumborum": ("back", (((87, 200), (82, 202), (80, 216), (83, 228), (87, 226), (88, 212)),)),
    "latissimus-dorsi": ("back", (((86, 128), (76, 127), (67, 125), (65, 142), (68, 168), (74, 188), (79, 196),
                                   (84, 178), (88, 156), (88, 138)),)),
    "triceps": ("back", (((56, 118), (48, 117), (43, 130), (41, 150), (43, 168), (51, 170), (55, 150), (58, 132)),)),
    "gluteus-medius": ("back", (((72, 228), (65, 236), (64, 250), (70, 256), (80, 246), (83, 234)),)),
    "gluteus-maximus": ("back", (((84, 238), (74, 252), (66, 262), (68, 284), (80, 292), (92, 290), (98, 280),
                                  (98, 244)),)),
    "hamstrings": ("back", (((68, 296), (66, 316), (71, 336), (80, 344), (89, 337), (95, 312), (95, 297),
                             (82, 298)),)),
    "gastrocnemius": ("back", (((77, 351), (71, 362), (72, 382), (78, 392), (86, 389), (91, 372), (88, 354)),)),
    "soleus": ("back", (((72, 390), (78, 397), (87, 396), (92, 388), (90, 404), (84, 414), (77, 412), (74, 402)),)),
}


@dataclass(frozen=True)
class MuscleShape:
    """One muscle as drawn: its SVG path (both sides) and where a label line points to."""

    muscle: Muscle
    view: str
    d: str
    anchor: Point  # on the half of the figure nearest the label column


@dataclass(frozen=True)
class Label:
    """A muscle's name box in the body map's label column, with its leader line."""

    shape: MuscleShape
    x: float  # left edge of the box
    y: float  # top edge of the box
    width: float
    height: float
    lines: tuple[str, ...]
    baselines: tuple[float, ...]  # y of each text line
    text_x: float
    leader: str  # SVG path from the box to the muscle


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
    trunk = _TRUNK + tuple(reversed(mirror(_TRUNK[1:-1])))
    cx, cy, rx, ry = _HEAD
    head = (f"M{_n(cx - rx)} {_n(cy)}a{_n(rx)} {_n(ry)} 0 1 0 {_n(2 * rx)} 0"
            f"a{_n(rx)} {_n(ry)} 0 1 0 {_n(-2 * rx)} 0Z")
    return (head, _polygon(_NECK), compact_path(trunk), compact_path(_ARM), compact_path(mirror(_ARM)))


# --- geometry ------------------------------------------------------------------------------------
def mirror(points: Outline) -> Outline:
    """The outline reflected onto the other half of the figure."""
    return tuple((WIDTH - x, y) for x, y in points)


def centroid(points: Outline) -> Point:
    return (sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points))


def smooth_path(points: Outline) -> str:
    """A closed curve through every point (Catmull-Rom turned into cubic Béziers)."""
    n = len(points)
    parts = [f"M{_n(points[0][0])} {_n(points[0][1])}"]
    for i in range(n):
        p0, p1, p2, p3 = points[i - 1], points[i], points[(i + 1) % n], points[(i + 2) % n]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        parts.append(f"C{_n(c1[0])} {_n(c1[1])} {_n(c2[0])} {_n(c2[1])} {_n(p2[0])} {_n(p2[1])}")
    return "".join(parts) + "Z"


def compact_path(points: Outline) -> str:
    """The curve of ``smooth_path`` in fewer bytes: relative commands, and 's' wherever the first
    control point mirrors the last one (always, for this spline, but checked after rounding)."""
    n = len(points)
    start = (round(points[0][0]), round(points[0][1]))
    parts = [f"M{_n(start[0])} {_n(start[1])}"]
    here, last_c2 = start, None
    for i in range(n):
        p0, p1, p2, p3 = points[i - 1], points[i], points[(i + 1) % n], points[(i + 2) % n]
        c1 = (round(p1[0] + (p2[0] - p0[0]) / 6), round(p1[1] + (p2[1] - p0[1]) / 6))
        c2 = (round(p2[0] - (p3[0] - p1[0]) / 6), round(p2[1] - (p3[1] - p1[1]) / 6))
        end = (round(p2[0]), round(p2[1]))
        rel = [v - h for point in (c2, end) for v, h in zip(point, here)]
        if last_c2 is not None and c1 == (2 * here[0] - last_c2[0], 2 * here[1] - last_c2[1]):
            parts.append("s" + _numbers(rel))
        else:
            parts.append("c" + _numbers([c1[0] - here[0], c1[1] - here[1]] + rel))
        here, last_c2 = end, c2
    return "".join(parts) + "z"


def _numbers(values: list[int]) -> str:
    """Integers as SVG path data: a minus sign separates as well as a space does."""
    text = ""
    for value in values:
        number = _n(value)
        text += number if not text or number.startswith("-") else " " + number
    return text


def _polygon(points: Outline) -> str:
    return "M" + "L".join(f"{_n(x)} {_n(y)}" for x, y in points) + "Z"


def _n(value: float) -> str:
    """Short, deterministic numbers: whole units are finer than a pixel at the sizes the figure is shown."""
    text = str(round(value))
    return "0" if text == "-0" else text


# --- label layout ----------------------------------------------------------------------------------
def wrap_name(name: str, limit: int = LABEL_CHARS) -> tuple[str, ...]:
    """One line, or two split at the space nearest the middle when the name is long."""
    if len(name) <= limit or " " not in name:
        return (name,)
    spaces = [i for i, ch in enumerate(name) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - len(name) / 2))
    return (name[:cut], name[cut + 1:])


def layout_labels(shapes: tuple[MuscleShape, ...], labels_left: bool, figure_x: float) -> tuple[Label, ...]:
    """Label boxes stacked in the column beside the figure, each as near its muscle as room allows."""
    items = sorted(shapes, key=lambda s: (s.anchor[1], s.muscle.id))
    lines = [wrap_name(s.muscle.name) for s in items]
    heights = [len(ls) * LABEL_LINE + 2 * LABEL_PAD for ls in lines]
    tops = [MAP_TOP + s.anchor[1] - h / 2 for s, h in zip(items, heights)]
    tops = _spread(tops, heights, LABEL_SPACING, 2, MAP_HEIGHT - 2)
    x = 0 if labels_left else figure_x + WIDTH - CROP + LABEL_GAP
    labels = []
    for shape, ls, top, height in zip(items, lines, tops, heights):
        top = round(top, 1)
        ax, ay = figure_x + shape.anchor[0], MAP_TOP + shape.anchor[1]
        edge = x + LABEL_WIDTH if labels_left else x
        elbow = edge + (6 if labels_left else -6)
        mid = top + height / 2
        leader = f"M{_n(edge)} {_n(mid)}L{_n(elbow)} {_n(mid)}L{_n(ax)} {_n(ay)}"
        baselines = tuple(round(top + LABEL_PAD + 12.5 + i * LABEL_LINE, 1) for i in range(len(ls)))
        labels.append(Label(shape, x, top, LABEL_WIDTH, height, ls, baselines, x + 9, leader))
    return tuple(labels)


def _spread(wanted: list[float], heights: list[float], gap: float, low: float, high: float) -> list[float]:
    """Tops as close to ``wanted`` as possible (least squares) keeping order, ``gap`` and the bounds.

    Shifting each top by the room the boxes above it need turns the problem into
    isotonic regression, solved by pooling adjacent violators.
    """
    offsets, room = [], 0.0
    for h in heights:
        offsets.append(room)
        room += h + gap
    blocks: list[list[float]] = []  # [mean, count]
    for want, off in zip(wanted, offsets):
        blocks.append([want - off, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean, count = blocks.pop()
            blocks[-1][0] = (blocks[-1][0] * blocks[-1][1] + mean * count) / (blocks[-1][1] + count)
            blocks[-1][1] += count
    upper = high - room + gap  # the last box must end by ``high``
    flat = [min(max(mean, low), upper) for mean, count in blocks for _ in range(int(count))]
    return [z + off for z, off in zip(flat, offsets)]
