"""A whole demo laid out: each pose settled (demo_place.py), lined up from frame to frame, its props placed
(demo_props.py).

Across frames one contact stays put: a fixed prop (bench, box, wall, pull-up bar) touched in
every frame, else the first of the near toes, near heel, far toes, far heel, knees, hands
and hips that rests on the floor in every frame, else the hips. `ahead` moves that point
forward.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from exguide.content.demo_terms import ANGLE_NAMES, PROP_BY_NAME
from exguide.content.model import Demo, DemoProp
from exguide.site.demo_body import Body, circles, forward
from exguide.site.demo_place import TOUCH, Moment, Settled, Spot, lowest, settle, spots
from exguide.site.demo_props import HANDS, box_of, place_props, wall_touch

# (what must rest on the floor in every frame, the point kept still): a foot that rocks from heel to toes
# keeps its ankle still
ANCHORS = (("toes", "left", "toes"), ("heel", "left", "heel"), ("toes", "right", "toes"), ("heel", "right", "heel"),
           ("foot", "left", "ankle"), ("foot", "right", "ankle"), ("knee", "left", "knee"),
           ("knee", "right", "knee"), ("hand", "left", "hand"), ("hand", "right", "hand"), ("hips", "", "hips"))
FOOT = ("heel", "foot", "toes")
BAR_CLEARANCE = 6.0  # cm from a hanging body's lowest point down to the floor
Point = tuple[float, float]


@dataclass(frozen=True)
class Pose:
    position: float  # 0 is the first frame, 1 the second…; between two, a blend of them
    rel: dict  # each segment's rotation against its parent (demo_body.relative_angles)
    root: Point  # where the hip joint is
    moving: tuple  # (key, shape, values) of each prop that moves with the body (demo_svg.py draws them)
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 around this pose and its props

    def body(self, view: str) -> Body:
        """Every segment placed (forward kinematics again: cheaper to redo than to keep)."""
        return forward(view, self.rel, self.root)


@dataclass(frozen=True)
class Layout:
    view: str
    poses: tuple[Pose, ...]
    fixed: tuple[tuple, ...]  # (prop, numbers…) of the props that stay put
    held: tuple[tuple[str, Spot], ...]  # props carried on a spot of the body
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 around everything
    sinks: tuple[tuple[int, float, str, float], ...]  # (frame, cm through the floor, segment, t)


def view_of(demo: Demo) -> str:
    return "side" if demo.view == "side" else "front"


def frame_props(demo: Demo, index: int) -> tuple[DemoProp, ...]:
    """The demo's props as a frame has them: `on` gives a prop other parts for that frame."""
    override = {p.name: p for p in demo.frames[index].on}
    return tuple(override.get(p.name, p) for p in demo.props)


def moment(demo: Demo, position: float) -> Moment:
    """What to settle at ``position``: frames blended, the parts on supports slid from one to the next."""
    view = view_of(demo)
    last = len(demo.frames) - 1
    a = min(int(math.floor(position)), last)
    b, s = min(a + 1, last), position - a
    fa, fb = demo.frames[a], demo.frames[b]
    angles = tuple(x + (y - x) * s for x, y in zip(fa.angles, fb.angles))
    supports, hang, wall = [], (), ()
    for pa, pb in zip(frame_props(demo, a), frame_props(demo, b)):
        role = PROP_BY_NAME[pa.name].role
        if role == "hang":
            hang = spots(pa.at or HANDS, view)
        group = _blend_spots(spots(pa.at, view), spots(pb.at, view), s)
        if role == "wall":
            wall = group
        elif role in ("support", "roll") and group:
            supports.append((pa.name, float(pa.height or PROP_BY_NAME[pa.name].size), group))
    return Moment(angles, tuple(supports), hang, wall, fa.air + (fb.air - fa.air) * s,
                  fa.ahead + (fb.ahead - fa.ahead) * s)


def _blend_spots(first: tuple[Spot, ...], second: tuple[Spot, ...], s: float) -> tuple[Spot, ...]:
    """Spots part of the way from one frame's to the next's: slid along the segment when they share it."""
    if not first or not second:
        return first if s < 0.5 else second
    if len(first) == len(second) and all(x[0] == y[0] for x, y in zip(first, second)):
        return tuple((x[0], x[1] + (y[1] - x[1]) * s, x[2]) for x, y in zip(first, second))
    return first if s < 0.5 else second


def settle_frames(demo: Demo) -> list[Settled]:
    """Each key frame settled where it rests (what validation checks for a body through the floor)."""
    return [settle(view_of(demo), moment(demo, i), 0.0, ANGLE_NAMES) for i in range(len(demo.frames))]


def layout(demo: Demo, positions: tuple[float, ...]) -> Layout:
    """The poses at ``positions`` (0, 1 … frames - 1 first, then any between), lined up, with every prop placed."""
    assert positions[:len(demo.frames)] == tuple(float(i) for i in range(len(demo.frames)))
    view = view_of(demo)
    keys = settle_frames(demo)
    moments = [moment(demo, p) for p in positions]
    settled = [keys[int(p)] if float(p).is_integer() else settle(view, m, 0.0, ANGLE_NAMES)
               for p, m in zip(positions, moments)]
    anchor = _anchor(demo, keys, view)
    key_moments = moments[:len(keys)]
    lift = 0.0
    if any(m.hang for m in moments):  # the bar high enough for every pose to hang clear of the floor
        lift = -BAR_CLEARANCE - max(max(c[2][1] + c[3] for c in circles(s.placed)) for s in settled + keys)
    placed = [_moved(view, s, m.ahead - _anchor_x(anchor, s, m), lift - m.air) for s, m in zip(settled, moments)]
    keys = placed[:len(keys)]  # the positions start with the key frames
    fixed, held, moving = place_props(demo, view, placed, moments, keys, key_moments)
    boxes = [box_of([s], fixed, [mv], held) for s, mv in zip(placed, moving)]
    poses = tuple(Pose(p, s.rel, s.placed["pelvis"].origin, mv, b)
                  for p, s, mv, b in zip(positions, placed, moving, boxes))
    sinks = tuple((i, *k.sink) for i, k in enumerate(keys) if k.sink[0] > 1.0)
    whole = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    return Layout(view, poses, tuple(fixed), tuple(held), whole, sinks)


def _anchor(demo: Demo, keys: list[Settled], view: str):
    """("prop", name) when a fixed prop is touched in every frame, else ("floor", spots) resting on the floor."""
    for prop in demo.props:
        role = PROP_BY_NAME[prop.name].role
        touched = all(p.at for i in range(len(demo.frames)) for p in frame_props(demo, i) if p.name == prop.name)
        if role == "hang" or (role in ("support", "wall") and touched):
            return ("prop", prop.name)
    for part, side, still in ANCHORS:
        group = spots(tuple((p, side) for p in FOOT) if part == "foot" else ((part, side),), view)
        if all(-lowest(k.placed, group)[1] < TOUCH + 0.5 for k in keys):
            return ("floor", spots(((still, side),), view))
    return ("floor", ())


def _anchor_x(anchor, settled: Settled, m: Moment) -> float:
    kind, what = anchor
    if kind == "prop":
        if m.hang:
            return 0.0  # _hang put the hands there
        for prop, point in settled.rests:
            if prop == what:
                return point[0]
        if m.wall:
            return wall_touch(settled.placed, m.wall)[0]
    elif what:
        return lowest(settled.placed, what)[0]
    return settled.placed["pelvis"].origin[0]


def _moved(view: str, s: Settled, dx: float, dy: float) -> Settled:
    placed = s.placed.moved(dx, dy)
    tops = [(p, a + dx, b + dx, y + dy) for p, a, b, y in s.tops]
    rests = [(p, (x + dx, y + dy)) for p, (x, y) in s.rests]
    return Settled(s.rel, placed, tops, rests, s.sink)
