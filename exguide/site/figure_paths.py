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


def curve_points(points: Outline, steps: int = 6) -> Outline:
    """Points along the closed curve ``compact_path`` draws (its rounded points and control points)."""
    n = len(points)
    here = (round(points[0][0]), round(points[0][1]))
    out = []
    for i in range(n):
        p0, p1, p2, p3 = points[i - 1], points[i], points[(i + 1) % n], points[(i + 2) % n]
        c1 = (round(p1[0] + (p2[0] - p0[0]) / 6), round(p1[1] + (p2[1] - p0[1]) / 6))
        c2 = (round(p2[0] - (p3[0] - p1[0]) / 6), round(p2[1] - (p3[1] - p1[1]) / 6))
        end = (round(p2[0]), round(p2[1]))
        for k in range(steps):
            t = k / steps
            a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3
            out.append((a * here[0] + b * c1[0] + c * c2[0] + d * end[0], a * here[1] + b * c1[1] + c * c2[1] + d * end[1]))
        here = end
    return tuple(out)


def outlines_meet(a: Outline, b: Outline, margin: float) -> bool:
    """Whether two closed polylines come within ``margin`` of each other (or one holds the other)."""
    box_a, box_b = _box(a, margin), _box(b, margin)
    if box_a[0] > box_b[2] or box_b[0] > box_a[2] or box_a[1] > box_b[3] or box_b[1] > box_a[3]:
        return False
    if _inside(a[0], b) or _inside(b[0], a):
        return True
    # only the edges near the other outline's box can come near it
    edges_a = [(p, q) for p, q in zip(a, a[1:] + a[:1]) if _near(p, q, box_b)]
    edges_b = [(r, s) for r, s in zip(b, b[1:] + b[:1]) if _near(r, s, box_a)]
    return any(_segments_distance(p, q, r, s) < margin for p, q in edges_a for r, s in edges_b)


def _box(points: Outline, margin: float) -> tuple[float, float, float, float]:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return (min(xs) - margin, min(ys) - margin, max(xs) + margin, max(ys) + margin)


def _near(p: Point, q: Point, box: tuple[float, float, float, float]) -> bool:
    return not (max(p[0], q[0]) < box[0] or min(p[0], q[0]) > box[2] or max(p[1], q[1]) < box[1]
                or min(p[1], q[1]) > box[3])


def _inside(point: Point, polygon: Outline) -> bool:
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _segments_distance(p: Point, q: Point, r: Point, s: Point) -> float:
    """The distance between segments pq and rs (0 when they cross)."""
    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
    if (cross(p, q, r) > 0) != (cross(p, q, s) > 0) and (cross(r, s, p) > 0) != (cross(r, s, q) > 0):
        return 0.0
    return min(_point_segment(p, r, s), _point_segment(q, r, s), _point_segment(r, p, q), _point_segment(s, p, q))


def _point_segment(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length))
    return ((p[0] - a[0] - t * dx) ** 2 + (p[1] - a[1] - t * dy) ** 2) ** 0.5


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
