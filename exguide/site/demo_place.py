"""Placing the demo figure: on the floor or its props by its contact points, never by hand.

Each pose is settled the way a body comes to rest. It is lowered until a part touches (the part
named on a support prop, `foam-roller@upper-back`, rests on the prop's top; with no such prop
the lowest point rests on the floor; hands on a pull-up bar hang from it); then, while its
centre of mass is not over what it touches, it tips about the contact on that side until
another point touches (a foot lands flat, hands and knees meet the floor on all fours) or
it has turned MAX_TILT degrees. A hanging body swings until its centre of mass is under the bar.
Where the pose sits from left to right is demo_layout.py's business.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from exguide.content.demo_terms import PART_BY_NAME
from exguide.site.demo_body import Body, Placed, centre_of_mass, circles, forward, relative_angles, segment_map

TOUCH = 1.0  # cm: a disc this near a surface touches it
MAX_TILT = 45.0  # degrees a pose may tip to find its second contact
SINK_ALLOWED = 1.0  # cm through the floor before it is an error
BAR_CLEARANCE = 6.0  # cm between the floor and the lowest point of a hanging body
Point = tuple[float, float]
Spot = tuple[str, float, int]  # segment name, t along it, face (+1 front, -1 back)


def spots(at: tuple[tuple[str, str], ...], view: str) -> tuple[Spot, ...]:
    """The (segment, t, face) of each part a prop names."""
    out = []
    seg = segment_map(view)
    for name, side in at:
        part = PART_BY_NAME[name]
        segment = seg[f"{side}_{part.segment}" if side else part.segment]
        t0, t1 = segment.discs[0][0], segment.discs[-1][0]
        out.append((segment.name, t0 + part.at * (t1 - t0), part.face))
    return tuple(out)


def spot_point(placed: dict[str, Placed], spot: Spot, how: str = "centre") -> Point:
    """A spot on the body: its centre, its lowest point ("low") or on its surface ("face")."""
    p = placed[spot[0]]
    local, r = p.disc_local(spot[1])
    x, y = p.to_world(local)
    if how == "low":
        return (x, y + r)
    if how == "face" and spot[2]:
        fx, fy = p.front()
        return (x + fx * r * spot[2], y + fy * r * spot[2])
    return (x, y)


def lowest(placed: dict[str, Placed], group: tuple[Spot, ...]) -> Point:
    return max((spot_point(placed, s, "low") for s in group), key=lambda p: p[1])


def middle(placed: dict[str, Placed], group: tuple[Spot, ...], how: str = "centre") -> Point:
    points = [spot_point(placed, s, how) for s in group]
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


@dataclass(frozen=True)
class Moment:
    """What to place: angles (demo_terms.ANGLE_NAMES order) and what the body rests on."""

    angles: tuple[float, ...]
    supports: tuple[tuple[str, float, tuple[Spot, ...]], ...]  # (prop, height, spots) the body rests on
    hang: tuple[Spot, ...] = ()  # the hands on a pull-up bar
    wall: tuple[Spot, ...] = ()  # what touches the wall
    air: float = 0.0
    ahead: float = 0.0


@dataclass
class Settled:
    rel: dict[str, float]
    placed: dict[str, Placed]
    tops: list = field(default_factory=list)  # (prop, x0, x1, y): flat tops placed under their parts
    rests: list = field(default_factory=list)  # (prop, point): where the body rests on each support
    sink: tuple[float, str, float] = (0.0, "", 0.0)  # how far through the floor, at which segment and t


def settle(view: str, moment: Moment, floor: float, names: tuple[str, ...]) -> Settled:
    """One pose lowered onto what it rests on and tipped until it is steady (x is not fixed yet)."""
    get = dict(zip(names, moment.angles)).__getitem__
    rel = relative_angles(view, get)
    placed = forward(view, rel)
    if moment.hang:
        return _hang(view, rel, placed, moment.hang)
    tops, seeds = [], []
    if moment.supports:
        prop, height, group = moment.supports[0]
        low = lowest(placed, group)
        top = floor - height
        placed = placed.moved(0.0, top - low[1])
        seeds.append((low[0], top))
        if prop in ("bench", "box"):
            half = _half_length(prop, view)
            tops.append((prop, low[0] - half, low[0] + half, top))
    else:
        bottom = max(c[2][1] + c[3] for c in circles(placed))
        placed = placed.moved(0.0, floor - bottom)
    turned = 0.0
    if seeds and _sink(placed, floor)[0] > TOUCH:  # resting on a prop with a foot through the floor: pivot up
        angle = _unsink(placed, floor, seeds[0], MAX_TILT)
        if angle:
            turned = angle
            rel = dict(rel, pelvis=rel["pelvis"] + angle)
            placed = forward(view, rel, _rotate(placed["pelvis"].origin, seeds[0], angle))
    for _ in range(3):
        step = _tip(placed, floor, tops, seeds, MAX_TILT - abs(turned))
        if step is None:
            break
        pivot, angle = step
        turned += angle
        rel = dict(rel, pelvis=rel["pelvis"] + angle)
        placed = forward(view, rel, _rotate(placed["pelvis"].origin, pivot, angle))
        seeds = [_rotate(p, pivot, angle) for p in seeds]
    rests = []
    for prop, _height, group in moment.supports:
        rests.append((prop, lowest(placed, group)))
    return Settled(rel, placed, tops, rests, _sink(placed, floor))


def _half_length(prop: str, view: str) -> float:
    return {"bench": 60.0 if view == "side" else 16.0, "box": 25.0}.get(prop, 20.0)


def _tip(placed: Body, floor: float, tops: list, seeds: list, room: float) -> tuple[Point, float] | None:
    """(pivot, degrees) to tip the body about its outermost contact until a second one touches; None if steady."""
    discs = placed.discs
    touching = list(seeds)
    feet = set()
    for name, _t, (x, y), r in discs:
        surface = floor
        for _prop, x0, x1, top in tops:
            if x0 <= x <= x1 and top < surface:
                surface = top
        if surface - y - r < TOUCH:
            touching.append((x, y + r))
            if name.endswith("_foot"):
                feet.add(name)
    if not touching or room <= 0.5:
        return None
    com = centre_of_mass(placed)[0]
    # a foot on the ground balances the body anywhere over its length (up on the toes, or on the heels)
    xs = [x for x, _ in touching] + [c[2][0] for c in discs if c[0] in feet]
    if min(xs) - 2 <= com <= max(xs) + 2:
        return None
    way = 1 if com > max(xs) else -1
    px, py = max(touching, key=lambda p: p[0] * way)
    surfaces = [(floor, -math.inf, math.inf)] + [(top, a, b) for _p, a, b, top in tops]
    best = None  # radians
    for _name, _t, (cx, cy), r in discs:
        vx, vy = (cx - px) * way, cy - py
        if vx <= 0:  # on the rising side of the pivot
            continue
        d = math.hypot(vx, vy)
        if d < 4:  # the pivot's own disc
            continue
        phi = math.atan2(vy, vx)  # its angle below the pivot's level, towards the tipping side
        for surface, x0, x1 in surfaces:
            k = (surface - r - py) / d  # the sine of that angle once it touches
            if not -1 <= k <= 1:
                continue
            target = math.asin(k)
            delta = target - phi
            if delta < 0.001 or (best is not None and delta >= best):
                continue
            if x0 <= px + way * d * math.cos(target) <= x1:
                best = delta
    if best is None or math.degrees(best) > room:
        return None
    return (px, py), way * math.degrees(best)


def _unsink(placed: dict[str, Placed], floor: float, pivot: Point, room: float) -> float | None:
    """Degrees to turn the body about its rest on a prop so that nothing stays below the floor, or None."""
    worst = None
    for _name, _t, (cx, cy), r in circles(placed):
        if cy + r - floor <= TOUCH / 2:
            continue
        vx, vy = cx - pivot[0], cy - pivot[1]
        way = 1 if vx >= 0 else -1
        d = math.hypot(vx, vy)
        k = (floor - r - pivot[1]) / d if d else 2.0
        if abs(k) > 1:
            return None
        need = math.degrees(math.atan2(vy, vx * way) - math.asin(k))
        if worst is None or need > worst[0]:
            worst = (need, way)
    if worst is None or worst[0] > room:
        return None
    return -worst[1] * (worst[0] + 0.1)


def _rotate(point: Point, pivot: Point, degrees: float) -> Point:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    x, y = point[0] - pivot[0], point[1] - pivot[1]
    return (pivot[0] + c * x - s * y, pivot[1] + s * x + c * y)


def _hang(view: str, rel: dict, placed: dict[str, Placed], grip: tuple[Spot, ...]) -> Settled:
    """Hands at (0, 0), swung until the centre of mass is straight below them."""
    for _ in range(2):
        hands = middle(placed, grip)
        com = centre_of_mass(placed)
        swing = math.degrees(math.atan2(com[0] - hands[0], com[1] - hands[1]))
        rel = dict(rel, pelvis=rel["pelvis"] + swing)
        placed = forward(view, rel, _rotate(placed["pelvis"].origin, hands, swing))
    hands = middle(placed, grip)
    placed = forward(view, rel, (placed["pelvis"].origin[0] - hands[0], placed["pelvis"].origin[1] - hands[1]))
    return Settled(rel, placed)


def _sink(placed: dict[str, Placed], floor: float) -> tuple[float, str, float]:
    worst = (0.0, "", 0.0)
    for name, t, (_x, y), r in circles(placed):
        depth = y + r - floor
        if depth > worst[0]:
            worst = (depth, name, t)
    return worst
