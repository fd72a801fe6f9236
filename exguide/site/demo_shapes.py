"""The demo figure's shapes: each segment's outline and each muscle's tint on it, as SVG path data.

Drawn like the muscle figure (figure_shapes.py): smooth closed curves through a few points,
flat fills, muscles as shapes laid on the body. Every outline runs round a segment's disc
chain (demo_body.py) and every tint is a band across it, so both follow the body's
proportions; all are made once per view.

A tint is (segment, from, to, inner, outer): from and to are fractions along the segment's
discs (0 at its first disc, 1 at its last), inner and outer fractions across it: in the side
view -1 is the back surface and 1 the front; in the front and back views 1 is outwards on a
limb and the figure's left edge on the trunk, where every tint is mirrored onto the right.
"""
from __future__ import annotations

import math
from functools import lru_cache

from exguide.site.demo_body import HEAD_AT, HEAD_RADII, _interpolate, segment_map

Tint = tuple[str, float, float, float, float]

SIDE_TINTS: dict[str, tuple[Tint, ...]] = {
    "sternocleidomastoid": (("head", 0.0, 0.3, 0.0, 0.9),),
    "neck-extensors": (("head", 0.0, 0.3, -0.95, -0.05),),
    "upper-trapezius": (("chest", 0.8, 1.0, -1.0, -0.05), ("head", 0.0, 0.2, -1.0, -0.4)),
    "anterior-deltoid": (("upper_arm", 0.0, 0.4, 0.1, 1.0),),
    "lateral-deltoid": (("upper_arm", 0.0, 0.42, -0.55, 0.55),),
    "posterior-deltoid": (("upper_arm", 0.0, 0.4, -1.0, -0.1),),
    "pectoralis-major": (("chest", 0.45, 0.92, 0.15, 1.0),),
    "serratus-anterior": (("chest", 0.3, 0.65, -0.2, 0.55),),
    "biceps": (("upper_arm", 0.3, 0.92, 0.05, 1.0),),
    "triceps": (("upper_arm", 0.22, 0.92, -1.0, -0.05),),
    "forearms": (("forearm", 0.05, 0.85, -0.85, 0.85),),
    "rectus-abdominis": (("pelvis", 0.38, 1.0, 0.4, 1.0), ("chest", 0.0, 0.45, 0.4, 1.0)),
    "obliques": (("pelvis", 0.45, 1.0, -0.3, 0.45), ("chest", 0.0, 0.32, -0.3, 0.45)),
    "transverse-abdominis": (("pelvis", 0.3, 0.85, 0.25, 0.95),),
    "hip-flexors": (("pelvis", 0.05, 0.4, 0.4, 1.0), ("thigh", 0.0, 0.3, 0.2, 1.0)),
    "hip-adductors": (("thigh", 0.1, 0.7, -0.35, 0.4),),
    "quadriceps": (("thigh", 0.15, 0.95, 0.0, 1.0),),
    "tibialis-anterior": (("shin", 0.08, 0.8, 0.3, 1.0),),
    "rotator-cuff": (("chest", 0.7, 0.9, -1.0, -0.4),),
    "middle-trapezius": (("chest", 0.6, 0.86, -1.0, -0.5),),
    "rhomboids": (("chest", 0.48, 0.78, -1.0, -0.55),),
    "thoracic-erector-spinae": (("chest", 0.12, 0.7, -1.0, -0.6),),
    "lumbar-erector-spinae": (("pelvis", 0.5, 1.0, -1.0, -0.55),),
    "quadratus-lumborum": (("pelvis", 0.5, 0.95, -0.7, -0.1),),
    "latissimus-dorsi": (("chest", 0.08, 0.75, -0.9, -0.1),),
    "gluteus-medius": (("pelvis", 0.2, 0.58, -0.6, 0.25),),
    "gluteus-maximus": (("pelvis", 0.0, 0.48, -1.0, -0.15),),
    "hamstrings": (("thigh", 0.12, 0.92, -1.0, -0.05),),
    "gastrocnemius": (("shin", 0.05, 0.55, -1.0, -0.1),),
    "soleus": (("shin", 0.45, 0.85, -1.0, -0.2),),
}
FRONT_TINTS: dict[str, tuple[Tint, ...]] = {
    "sternocleidomastoid": (("head", 0.0, 0.3, 0.1, 0.85),),
    "upper-trapezius": (("chest", 0.86, 1.0, 0.35, 1.0),),
    "anterior-deltoid": (("upper_arm", 0.0, 0.38, -0.7, 0.3),),
    "lateral-deltoid": (("upper_arm", 0.0, 0.42, 0.2, 1.0),),
    "pectoralis-major": (("chest", 0.55, 0.92, 0.06, 0.85),),
    "serratus-anterior": (("chest", 0.3, 0.6, 0.7, 1.0),),
    "biceps": (("upper_arm", 0.28, 0.92, -0.7, 0.6),),
    "forearms": (("forearm", 0.05, 0.85, -0.85, 0.85),),
    "rectus-abdominis": (("pelvis", 0.4, 1.0, 0.04, 0.36), ("chest", 0.0, 0.5, 0.04, 0.36)),
    "obliques": (("pelvis", 0.45, 1.0, 0.5, 0.95), ("chest", 0.0, 0.35, 0.55, 0.95)),
    "transverse-abdominis": (("pelvis", 0.3, 0.75, 0.1, 0.7),),
    "hip-flexors": (("pelvis", 0.05, 0.38, 0.3, 0.75),),
    "hip-adductors": (("thigh", 0.05, 0.65, -1.0, -0.3),),
    "quadriceps": (("thigh", 0.15, 0.95, -0.5, 0.8),),
    "tibialis-anterior": (("shin", 0.1, 0.75, 0.0, 0.8),),
    "latissimus-dorsi": (("chest", 0.25, 0.6, 0.8, 1.0),),
    "gluteus-medius": (("pelvis", 0.2, 0.6, 0.7, 1.0),),
}
BACK_TINTS: dict[str, tuple[Tint, ...]] = {
    "neck-extensors": (("head", 0.0, 0.3, 0.0, 0.6),),
    "upper-trapezius": (("chest", 0.75, 1.0, 0.05, 0.9),),
    "posterior-deltoid": (("upper_arm", 0.0, 0.38, -0.6, 0.4),),
    "lateral-deltoid": (("upper_arm", 0.0, 0.42, 0.2, 1.0),),
    "rotator-cuff": (("chest", 0.62, 0.85, 0.4, 0.85),),
    "middle-trapezius": (("chest", 0.6, 0.86, 0.05, 0.4),),
    "rhomboids": (("chest", 0.45, 0.75, 0.1, 0.45),),
    "thoracic-erector-spinae": (("chest", 0.1, 0.6, 0.03, 0.25),),
    "lumbar-erector-spinae": (("pelvis", 0.5, 1.0, 0.03, 0.3),),
    "quadratus-lumborum": (("pelvis", 0.5, 0.95, 0.35, 0.7),),
    "latissimus-dorsi": (("chest", 0.05, 0.65, 0.4, 1.0),),
    "triceps": (("upper_arm", 0.2, 0.92, -0.6, 0.6),),
    "forearms": (("forearm", 0.05, 0.85, -0.85, 0.85),),
    "obliques": (("pelvis", 0.5, 1.0, 0.8, 1.0),),
    "gluteus-medius": (("pelvis", 0.3, 0.65, 0.45, 1.0),),
    "gluteus-maximus": (("pelvis", 0.0, 0.45, 0.05, 0.95),),
    "hamstrings": (("thigh", 0.12, 0.9, -0.6, 0.6),),
    "hip-adductors": (("thigh", 0.05, 0.6, -1.0, -0.4),),
    "gastrocnemius": (("shin", 0.05, 0.5, -0.8, 0.8),),
    "soleus": (("shin", 0.45, 0.85, -0.7, 0.7),),
}
TINTS = {"side": SIDE_TINTS, "front": FRONT_TINTS, "back": BACK_TINTS}


_NUMBERS: dict[int, str] = {}


def num(value: float) -> str:
    """To a millimetre (one decimal), shortest: '12', '.5', '-1.5', never '-0'. Kept per tenth: the same
    few thousand numbers come back in every drawing."""
    tenths = round(value * 10)
    text = _NUMBERS.get(tenths)
    if text is None:
        whole, digit = divmod(abs(tenths), 10)
        text = (str(whole) if whole or not digit else "") + (f".{digit}" if digit else "")
        text = _NUMBERS[tenths] = "-" + text if tenths < 0 else text or "0"
    return text


def smooth(points: list[tuple[float, float]]) -> str:
    """A closed curve through every point (Catmull-Rom as cubic Béziers), relative, to a millimetre."""
    n = len(points)
    pts = [(round(x, 1), round(y, 1)) for x, y in points]
    out = [f"M{num(pts[0][0])} {num(pts[0][1])}"]
    here = pts[0]
    for i in range(n):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[(i + 1) % n], pts[(i + 2) % n]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        ends = [c2[0] - here[0], c2[1] - here[1], p2[0] - here[0], p2[1] - here[1]]
        # the spline is smooth: after the first curve each first control point mirrors the one before
        out.append("s" + _join(ends) if i else "c" + _join([c1[0] - here[0], c1[1] - here[1]] + ends))
        here = p2
    return "".join(out) + "z"


def _join(values: list[float]) -> str:
    text = ""
    for value in values:
        number = num(value)
        text += number if not text or number.startswith("-") else " " + number
    return text


@lru_cache(maxsize=None)
def outline(view: str, kind: str) -> str:
    """A segment's outline in its own frame (its joint at 0 0, pointing up); the head's neck only."""
    seg = segment_map(view)[f"left_{kind}" if kind not in ("pelvis", "chest", "head") else kind]
    discs = seg.discs[:2] if kind == "head" else seg.discs
    f = seg.facing
    front = [(f * (u + r), -t) for t, u, r in discs]
    back = [(f * (u - r), -t) for t, u, r in reversed(discs)]
    (t0, u0, r0), (t1, u1, r1) = discs[0], discs[-1]
    k = math.sqrt(0.5)
    top = [(f * (u1 + r1 * k), -(t1 + r1 * k)), (f * u1, -(t1 + r1)), (f * (u1 - r1 * k), -(t1 + r1 * k))]
    bottom = [(f * (u0 - r0 * k), -(t0 - r0 * k)), (f * u0, -(t0 - r0)), (f * (u0 + r0 * k), -(t0 - r0 * k))]
    return smooth(front + top + back + bottom)


def head(view: str) -> tuple[float, float, float, float]:
    """(cx, cy, rx, ry) of the head's ellipse in the head segment's frame."""
    seg = segment_map(view)["head"]
    u, _r = _interpolate(seg.discs, HEAD_AT)
    rx, ry = HEAD_RADII["side" if view == "side" else "front"]
    return (u, -HEAD_AT, rx, ry)


@lru_cache(maxsize=None)
def tint(view: str, muscle: str) -> tuple[tuple[str, str], ...]:
    """(segment kind, path data) of each shape that tints ``muscle`` in ``view``; () when it does not show there."""
    shape_view = "side" if view == "side" else "front"
    out = []
    for kind, start, end, inner, outer in TINTS[view].get(muscle, ()):
        seg = segment_map(shape_view)[f"left_{kind}" if kind not in ("pelvis", "chest", "head") else kind]
        t0, t1 = seg.discs[0][0], seg.discs[-1][0]
        f = seg.facing if kind not in ("pelvis", "chest", "head") or view == "side" else 1
        sides = (1, -1) if view != "side" and kind in ("pelvis", "chest", "head") else (1,)
        paths = []
        for mirror in sides:
            points_in, points_out = [], []
            for i in range(5):
                s = i / 4
                t = t0 + (start + (end - start) * s) * (t1 - t0)
                u, r = _interpolate(seg.discs, t)
                width = math.sin(math.pi * s) ** 0.6 if 0 < i < 4 else 0.0
                mid, half = (inner + outer) / 2, (outer - inner) / 2
                a, b = mid - half * width, mid + half * width
                points_in.append((mirror * f * (u + a * r * 0.96), -t))
                points_out.append((mirror * f * (u + b * r * 0.96), -t))
            paths.append(smooth(points_out[:-1] + list(reversed(points_in[1:]))))
        out.append((kind, "".join(paths)))
    return tuple(out)
