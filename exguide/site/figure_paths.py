"""SVG path data for the body figures: smooth closed curves through a few points, in few bytes.

Plain geometry: nothing here knows the body, the muscles or the page.
"""
from __future__ import annotations

Point = tuple[float, float]
Outline = tuple[Point, ...]


def centroid(points: Outline) -> Point:
    return (sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points))


def smooth_path(points: Outline) -> str:
    """A closed curve through every point (Catmull-Rom turned into cubic Béziers)."""
    n = len(points)
    parts = [f"M{svg_number(points[0][0])} {svg_number(points[0][1])}"]
    for i in range(n):
        p0, p1, p2, p3 = points[i - 1], points[i], points[(i + 1) % n], points[(i + 2) % n]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        parts.append("C{} {} {} {} {} {}".format(*map(svg_number, (*c1, *c2, *p2))))
    return "".join(parts) + "Z"


def compact_path(points: Outline) -> str:
    """The curve of ``smooth_path`` in fewer bytes: relative commands, and 's' wherever the first
    control point mirrors the last one (always, for this spline, but checked after rounding)."""
    n = len(points)
    start = (round(points[0][0]), round(points[0][1]))
    parts = [f"M{svg_number(start[0])} {svg_number(start[1])}"]
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


Box = tuple[float, float, float, float]  # left, top, right, bottom


def curve_box(points: Outline, margin: float = 0) -> Box:
    """A box around the whole curve of ``smooth_path``: a Bézier segment stays inside the hull of its
    control points, so the box of every point and control point holds it; ``margin`` widens it."""
    xs, ys = [], []
    n = len(points)
    for i in range(n):
        p0, p1, p2, p3 = points[i - 1], points[i], points[(i + 1) % n], points[(i + 2) % n]
        for x, y in (p1, (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6),
                     (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)):
            xs.append(x)
            ys.append(y)
    return (min(xs) - margin, min(ys) - margin, max(xs) + margin, max(ys) + margin)


def boxes_meet(a: tuple[Box, ...], b: tuple[Box, ...]) -> bool:
    """Whether any box of ``a`` overlaps any box of ``b``."""
    return any(p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3] for p in a for q in b)


def polygon_path(points: Outline) -> str:
    """Straight lines through the points, closed."""
    return "M" + "L".join(f"{svg_number(x)} {svg_number(y)}" for x, y in points) + "Z"


def svg_number(value: float) -> str:
    """Short, deterministic numbers: whole units are finer than a pixel at the sizes the figure is shown."""
    text = str(round(value))
    return "0" if text == "-0" else text


def _numbers(values: list[int]) -> str:
    """Integers as SVG path data: a minus sign separates as well as a space does."""
    text = ""
    for value in values:
        number = svg_number(value)
        text += number if not text or number.startswith("-") else " " + number
    return text
