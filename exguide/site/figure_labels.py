"""The body map's label column: a name box per muscle beside the figure, with a leader line to it.

Boxes keep the muscles' top-to-bottom order and sit as near their muscle as room allows.
"""
from __future__ import annotations

from dataclasses import dataclass

from exguide.site.figure_paths import svg_number
from exguide.site.figure_shapes import WIDTH, MuscleShape

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
        leader = "M{} {}L{} {}L{} {}".format(*map(svg_number, (edge, mid, elbow, mid, ax, ay)))
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
