"""The demo figure's body: segments to scale and forward kinematics from joint angles.

Units are centimetres of a 175 cm adult. Every segment is drawn in its own frame, pointing
"up" (-y) from its joint, as a chain of discs (axial position, offset to the front, radius):
the outline runs round the discs and contacts are found on them. A segment's direction is an
angle in SVG degrees from straight up, clockwise, so with the figure facing right (+x) a
positive angle leans it forward.

Side view: the figure faces right; its left side is the one nearer the reader.
Front view: the figure faces the reader, its own left on the right (+x); the back view is the
front view mirrored (demo_svg.py) with the back's muscles.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

from exguide.content.demo_terms import SIDES

Point = tuple[float, float]
Disc = tuple[float, float, float]  # t along the segment, u offset to its front (or outwards), radius


@dataclass(frozen=True)
class Segment:
    name: str  # "pelvis", "left_thigh" …
    kind: str  # the segment without its side: "thigh"
    side: str  # "", "left" or "right"
    parent: str  # "" for the root
    attach: Point  # where its joint sits in the parent's frame
    facing: int  # +1: the front (u > 0) is the frame's +x; -1: its -x
    discs: tuple[Disc, ...]
    mass: float  # share of the body's mass

    # worked out once, read in every pose: (t, x, y, radius) of each disc in the segment's own frame,
    # and the segment's middle there, where its mass counts
    local_discs: tuple = field(init=False, compare=False, repr=False)
    middle: Point = field(init=False, compare=False, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "local_discs", tuple((t, self.facing * u, -t, r) for t, u, r in self.discs))
        u, _r = _interpolate(self.discs, self.length / 2)
        object.__setattr__(self, "middle", (self.facing * u, -self.length / 2))

    @property
    def length(self) -> float:
        return self.discs[-1][0]


# Lengths: hip joint 93 cm up, knee 50, ankle 7; waist 115, neck base 148, head top 175.
SIDE_DISCS: dict[str, tuple[Disc, ...]] = {
    "pelvis": ((-2, -3.5, 9.5), (6, 1, 10.5), (15, 0.5, 10.5), (22, 0, 10)),
    "chest": ((0, 0, 10), (10, 1, 11.5), (20, 1.5, 12), (28, 0, 10.5), (33, -1.5, 7)),
    "head": ((3, 0.5, 5), (9, 1, 5.5), (17, 2, 10.5), (27, 2, 0.5)),
    "upper_arm": ((0, 0, 5.5), (14, 0.3, 4.8), (31, 0, 4)),
    "forearm": ((0, 0, 4), (8, 0.4, 4.2), (26, 0, 2.9)),
    "hand": ((0, 0, 2.9), (6, 0.6, 3.4), (12, 0, 2.6)),
    "thigh": ((0, 0, 8.5), (20, 0.4, 7.4), (43, 0, 5.4)),
    "shin": ((0, 0, 5.4), (12, -0.9, 5.6), (40, 0, 3.4), (43, 0, 3.2)),
    "foot": ((-4, -3.6, 3.4), (0, -0.8, 3.6), (8, -3.6, 3.4), (18, -4.8, 2.2)),
}
FRONT_DISCS: dict[str, tuple[Disc, ...]] = {
    "pelvis": ((-3, 0, 15), (6, 0, 16), (15, 0, 14.5), (22, 0, 13)),
    "chest": ((0, 0, 13), (11, 0, 15), (21, 0, 16.5), (28, 0, 17.5), (33, 0, 11)),
    "head": ((3, 0, 5.5), (9, 0, 5.5), (18, 0, 9.5), (27, 0, 0.5)),
    "upper_arm": SIDE_DISCS["upper_arm"],
    "forearm": SIDE_DISCS["forearm"],
    "hand": ((0, 0, 2.9), (5, 0.4, 3.6), (11, 0, 2.8)),
    "thigh": ((0, 0, 8.5), (20, 0.5, 7.4), (43, 0, 5.2)),
    "shin": ((0, 0, 5.2), (12, 0.6, 5.3), (40, 0, 3.4), (43, 0, 3.2)),
    "foot": ((0, 0, 3.4), (3.8, 1.5, 3.4)),
}
MASS = {"pelvis": 0.28, "chest": 0.216, "head": 0.081, "upper_arm": 0.028, "forearm": 0.016, "hand": 0.006,
        "thigh": 0.1, "shin": 0.0465, "foot": 0.0145}
HIP_WIDTH, SHOULDER_WIDTH = 9.0, 17.0  # half the distance between the hip joints, the shoulder joints
HEAD_RADII = {"side": (10, 11.2), "front": (9.2, 11.2)}
HEAD_AT = 17  # the head's centre, along the head segment


def _segments(view: str) -> tuple[Segment, ...]:
    """Every segment of the view, parents first."""
    discs = SIDE_DISCS if view == "side" else FRONT_DISCS
    out = [Segment("pelvis", "pelvis", "", "", (0, 0), 1, discs["pelvis"], MASS["pelvis"]),
           Segment("chest", "chest", "", "pelvis", (0, -22), 1, discs["chest"], MASS["chest"]),
           Segment("head", "head", "", "chest", (-1, -33) if view == "side" else (0, -33), 1, discs["head"],
                   MASS["head"])]
    for side in SIDES:
        out_x = 1 if side == "left" else -1  # front view: which way is outwards
        facing = -1 if view == "side" else -out_x  # limbs hang down: their front is the frame's -x
        shoulder = (-1, -27) if view == "side" else (out_x * SHOULDER_WIDTH, -27)
        hip = (0, 0) if view == "side" else (out_x * HIP_WIDTH, 0)
        chain = (("upper_arm", "chest", shoulder), ("forearm", "upper_arm", None), ("hand", "forearm", None),
                 ("thigh", "pelvis", hip), ("shin", "thigh", None), ("foot", "shin", None))
        for kind, parent, attach in chain:
            parent_name = parent if parent in ("chest", "pelvis") else f"{side}_{parent}"
            if attach is None:
                attach = (0, -discs[parent][-1][0])
            out.append(Segment(f"{side}_{kind}", kind, side, parent_name, attach, facing, discs[kind], MASS[kind]))
    return tuple(out)


@lru_cache(maxsize=None)
def segments(view: str) -> tuple[Segment, ...]:
    return _segments("side" if view == "side" else "front")


@lru_cache(maxsize=None)
def segment_map(view: str) -> dict[str, Segment]:
    return {s.name: s for s in segments(view)}


def relative_angles(view: str, angle, tilt: float = 0.0) -> dict[str, float]:
    """Each segment's rotation against its parent (the pelvis: against the page), in SVG degrees.

    ``angle(name)`` gives a joint angle as the author wrote it (``left_knee``); see
    docs/authoring.md for what each means.
    """
    rel = {"pelvis": angle("trunk") - angle("spine") / 2 + tilt, "chest": angle("spine"), "head": angle("neck")}
    for side in SIDES:
        a = lambda joint: angle(f"{side}_{joint}")  # noqa: E731 - read once per joint below
        if view == "side":
            rel[f"{side}_upper_arm"] = 180 - a("shoulder")
            rel[f"{side}_forearm"] = -a("elbow")
            rel[f"{side}_hand"] = -a("wrist")
            rel[f"{side}_thigh"] = 180 - a("hip")
            rel[f"{side}_shin"] = a("knee")
            rel[f"{side}_foot"] = -90 - a("ankle")
        else:  # outwards is -angle on the figure's left (+x), +angle on its right
            out = -1 if side == "left" else 1
            rel[f"{side}_upper_arm"] = 180 + out * a("shoulder")
            rel[f"{side}_forearm"] = out * a("elbow")
            rel[f"{side}_hand"] = out * a("wrist")
            rel[f"{side}_thigh"] = 180 + out * a("hip")
            rel[f"{side}_shin"] = -out * a("knee")
            rel[f"{side}_foot"] = -out * a("ankle")
    return rel


class Placed:
    """A segment in the page's frame: where its joint is and which way it points."""

    __slots__ = ("segment", "origin", "angle", "c", "s")

    def __init__(self, segment: Segment, origin: Point, angle: float):
        self.segment, self.origin, self.angle = segment, origin, angle
        rad = math.radians(angle)
        self.c, self.s = math.cos(rad), math.sin(rad)

    def to_world(self, local: Point) -> Point:
        x, y = local
        return (self.origin[0] + self.c * x - self.s * y, self.origin[1] + self.s * x + self.c * y)

    def disc_local(self, t: float) -> tuple[Point, float]:
        """The disc chain's centre (in the segment's frame) and radius at ``t``."""
        u, r = _interpolate(self.segment.discs, t)
        return (self.segment.facing * u, -t), r

    def front(self) -> Point:
        """The unit vector out of the segment's front, in the page's frame."""
        f = self.segment.facing
        return (self.c * f, self.s * f)

    def moved(self, dx: float, dy: float) -> "Placed":
        out = Placed.__new__(Placed)
        out.segment, out.origin, out.angle, out.c, out.s = (self.segment, (self.origin[0] + dx, self.origin[1] + dy),
                                                            self.angle, self.c, self.s)
        return out


class Body(dict):
    """Segment name -> Placed, for one pose, with its discs in the page's frame worked out once."""

    _discs: list | None = None

    @property
    def discs(self) -> list[tuple[str, float, Point, float]]:
        """(segment name, t, centre, radius) of every disc: what can touch the floor."""
        if self._discs is None:
            out = []
            append = out.append
            for name, p in self.items():
                c, s, (ox, oy) = p.c, p.s, p.origin
                for t, x, y, r in p.segment.local_discs:
                    append((name, t, (ox + c * x - s * y, oy + s * x + c * y), r))
            self._discs = out
        return self._discs

    def moved(self, dx: float, dy: float) -> "Body":
        out = Body((name, p.moved(dx, dy)) for name, p in self.items())
        if self._discs is not None:
            out._discs = [(n, t, (x + dx, y + dy), r) for n, t, (x, y), r in self._discs]
        return out


def disc_at(seg: Segment, t: float) -> tuple[float, float]:
    """(u, r): the offset to the front and the radius of a segment's disc chain at ``t``."""
    return _interpolate(seg.discs, t)


def _interpolate(discs: tuple[Disc, ...], t: float) -> tuple[float, float]:
    """(u, r) of the disc chain at ``t``, clamped to its ends."""
    if t <= discs[0][0]:
        return discs[0][1], discs[0][2]
    for (t0, u0, r0), (t1, u1, r1) in zip(discs, discs[1:]):
        if t <= t1:
            k = (t - t0) / (t1 - t0) if t1 > t0 else 0.0
            return u0 + (u1 - u0) * k, r0 + (r1 - r0) * k
    return discs[-1][1], discs[-1][2]


def forward(view: str, rel: dict[str, float], root: Point = (0.0, 0.0)) -> Body:
    """Forward kinematics: every segment placed, the hip joint (the pelvis' origin) at ``root``."""
    placed = Body()
    for seg in segments(view):
        if not seg.parent:
            placed[seg.name] = Placed(seg, root, rel[seg.name])
            continue
        parent = placed[seg.parent]
        placed[seg.name] = Placed(seg, parent.to_world(seg.attach), parent.angle + rel[seg.name])
    return placed


def circles(placed: Body) -> list[tuple[str, float, Point, float]]:
    """(segment name, t, centre, radius) of every disc, in the page's frame: what can touch the floor."""
    return placed.discs


def centre_of_mass(placed: Body) -> Point:
    total = x = y = 0.0
    for p in placed.values():
        seg = p.segment
        mx, my = seg.middle
        x += (p.origin[0] + p.c * mx - p.s * my) * seg.mass
        y += (p.origin[1] + p.s * mx + p.c * my) * seg.mass
        total += seg.mass
    return (x / total, y / total)

