"""A whole demo laid out: each pose settled (demo_place.py), lined up from frame to frame, and its props placed.

Across frames one contact stays put: a fixed prop (bench, box, wall, pull-up bar) touched in
every frame, else the first of the near toes, near heel, far toes, far heel, knees, hands
and hips that rests on the floor in every frame, else the hips. `ahead` moves that point
forward. A bench or box stays where the body first used it; a roller or ball rolls with the
part on it; a prop the body never touches stands in front of the figure, or `x` cm from it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from exguide.content.demo_terms import ANGLE_NAMES, PROP_BY_NAME
from exguide.content.model import Demo, DemoProp
from exguide.site.demo_body import Body, centre_of_mass, circles, forward
from exguide.site.demo_place import TOUCH, Moment, Settled, Spot, lowest, middle, settle, spot_point, spots

# (what must rest on the floor in every frame, the point kept still): a foot that rocks from heel to toes
# keeps its ankle still
ANCHORS = (("toes", "left", "toes"), ("heel", "left", "heel"), ("toes", "right", "toes"), ("heel", "right", "heel"),
           ("foot", "left", "ankle"), ("foot", "right", "ankle"), ("knee", "left", "knee"),
           ("knee", "right", "knee"), ("hand", "left", "hand"), ("hand", "right", "hand"), ("hips", "", "hips"))
FOOT = ("heel", "foot", "toes")
BAR_CLEARANCE = 6.0  # cm from a hanging body's lowest point down to the floor
MAT = {"side": 90.0, "front": 35.0}  # half its length as drawn
GAP = 12.0  # cm between the figure and a prop standing in front of it
HANDS = (("hand", "left"), ("hand", "right"))
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
    fixed, held, moving = _props(demo, view, placed, moments, keys, key_moments)
    boxes = [_box([s], fixed, [mv], held) for s, mv in zip(placed, moving)]
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
            return _wall_touch(settled.placed, m.wall)[0]
    elif what:
        return lowest(settled.placed, what)[0]
    return settled.placed["pelvis"].origin[0]


def _wall_touch(placed: dict, group: tuple[Spot, ...]) -> tuple[float, int]:
    """(x, way) of a wall touching the spots: way 1 when the wall stands in front of them, -1 behind."""
    x, _ = middle(placed, group)
    way = 1 if x > centre_of_mass(placed)[0] else -1
    reach = [spot_point(placed, s)[0] + way * placed[s[0]].disc_local(s[1])[1] for s in group]
    return (max(reach) if way == 1 else min(reach), way)


def _moved(view: str, s: Settled, dx: float, dy: float) -> Settled:
    placed = s.placed.moved(dx, dy)
    tops = [(p, a + dx, b + dx, y + dy) for p, a, b, y in s.tops]
    rests = [(p, (x + dx, y + dy)) for p, (x, y) in s.rests]
    return Settled(s.rel, placed, tops, rests, s.sink)


def _front_of(placed: list[Settled], way: int = 1) -> float:
    """The x of the figure's furthest point forward (``way`` 1) or back over all poses."""
    xs = [c[2][0] + way * c[3] for s in placed for c in circles(s.placed)]
    return max(xs) if way == 1 else min(xs)


def _props(demo: Demo, view: str, placed: list[Settled], moments: list[Moment], keys: list[Settled],
           key_moments: list[Moment]):
    """(fixed, held, moving per pose) for every prop of the demo."""
    fixed: list[tuple] = [("floor",)]
    held: list[tuple[str, Spot]] = []
    moving: list[list] = [[] for _ in placed]
    front = _front_of(placed)
    for index, prop in enumerate(demo.props):
        spec, key = PROP_BY_NAME[prop.name], f"p{index}"
        role = "roll" if prop.name == "medicine-ball" and not prop.at else spec.role
        size = prop.height or spec.size
        if role == "mat":
            contacts = [c[2][0] for c in circles(keys[0].placed) if -(c[2][1] + c[3]) < TOUCH]
            mid = sum(contacts) / len(contacts) if contacts else 0.0
            fixed.insert(1, ("mat", mid - MAT[view], mid + MAT[view]))
        elif role == "support":
            tops = [t for k in keys for t in k.tops if t[0] == prop.name]
            if tops:
                fixed.append((prop.name, tops[0][1], tops[0][2], tops[0][3]))
            else:
                half = 60.0 if prop.name == "bench" and view == "side" else 25.0
                x = prop.x if prop.x is not None else front + GAP + half
                fixed.append((prop.name, x - half, x + half, -size))
        elif role == "roll":
            centres = [next(((pt[0], -size / 2) for name, pt in s.rests if name == prop.name), None)
                       for s in placed]  # on the floor, under the part resting on it
            known = [c for c in centres if c is not None]
            if not known:
                x = prop.x if prop.x is not None else front + GAP + size / 2
                fixed.append(("ball", x, -size / 2, size / 2))
                continue
            last = known[0]
            for i, centre in enumerate(centres):
                last = centre or last
                moving[i].append((key, "ball", (last[0], last[1], size / 2)))
        elif role == "wall":
            touch = next((_wall_touch(k.placed, m.wall) for k, m in zip(keys, key_moments) if m.wall), None)
            fixed.append(("wall", *(touch or (prop.x if prop.x is not None else front + GAP / 2, 1))))
        elif role == "hang":
            fixed.append(("pull-up-bar", *middle(placed[0].placed, spots(prop.at or HANDS, view))))
        elif role == "held" and view != "side" and prop.name == "barbell" and _is_both_hands(prop.at or HANDS):
            for i, s in enumerate(placed):
                moving[i].append((key, "bar", _bar(s, view)))
        elif role == "held":
            held += [(prop.name, spot) for spot in spots(prop.at or HANDS, view)]
        elif role == "strap":
            anchor = None
            if prop.name == "cable" or (len(_split(prop.at)) < 2 and not _is_both_hands(prop.at or HANDS)):
                height = prop.height if prop.height is not None else 200.0 if prop.name == "cable" else 10.0
                anchor = (prop.x if prop.x is not None else front + GAP + 15, -height)
                fixed.append(("cable" if prop.name == "cable" else "anchor", *anchor))
            for i, s in enumerate(placed):
                moving[i].append((key, "line", _strap_ends(s, view, prop, anchor)))
    return fixed, held, [tuple(mv) for mv in moving]


def _is_both_hands(at) -> bool:
    return len(at) == 2 and {side for _, side in at} == {"left", "right"} and len({p for p, _ in at}) == 1


def _bar(s: Settled, view: str) -> tuple[float, float, float]:
    left = spot_point(s.placed, spots((("hand", "left"),), view)[0])
    right = spot_point(s.placed, spots((("hand", "right"),), view)[0])
    angle = math.degrees(math.atan2(left[1] - right[1], left[0] - right[0]))
    return ((left[0] + right[0]) / 2, (left[1] + right[1]) / 2, angle)


def _strap_ends(s: Settled, view: str, prop: DemoProp, anchor: Point | None) -> tuple[Point, Point]:
    """The two ends of a band or cable in one pose."""
    at = prop.at or HANDS
    if anchor is not None:
        return anchor, middle(s.placed, spots(at, view))
    if _is_both_hands(at) or len(at) == 2 and at[0][0] == at[1][0]:
        group = spots(at, view)
        return spot_point(s.placed, group[0]), spot_point(s.placed, group[1])
    groups = _split(at)
    return middle(s.placed, spots(groups[0], view)), middle(s.placed, spots(groups[-1], view))


def _split(at: tuple) -> list[tuple]:
    """Parts named with '+' come as one tuple: group the sides of one part together."""
    groups: list[list] = []
    for part in at:
        if groups and groups[-1][0][0] == part[0]:
            groups[-1].append(part)
        else:
            groups.append([part])
    return [tuple(g) for g in groups]


CARRIED = {"dumbbell": 7.0, "barbell": 22.5, "medicine-ball": 12.0, "kettlebell": 24.0, "massage-ball": 3.5}


def _box(placed: list[Settled], fixed: list[tuple], moving: list, held: list) -> tuple[float, float, float, float]:
    """Everything the drawing holds, body and props, in every pose."""
    xs, ys = [], [0.0]
    for s in placed:
        for _name, _t, (x, y), r in circles(s.placed):
            xs += [x - r, x + r]
            ys += [y - r, y + r]
        for name, spot in held:  # a carried prop reaches this far round the spot holding it
            x, y = spot_point(s.placed, spot, "face")
            size = CARRIED.get(name, 10.0)
            if spot[2]:  # held against the body: its centre is a radius out (demo_svg._carried)
                fx, fy = s.placed[spot[0]].front()
                x, y = x + fx * spot[2] * size, y + fy * spot[2] * size
            size += 2
            xs += [x - size, x + size]
            ys += [y - size, y + size]
    for mv in moving:
        for _key, shape, value in mv:
            if shape == "ball":
                xs += [value[0] - value[2], value[0] + value[2]]
                ys.append(value[1] - value[2])
            elif shape == "line":
                xs += [value[0][0], value[1][0]]
                ys += [value[0][1], value[1][1]]
            elif shape == "bar":
                xs += [value[0] - 100, value[0] + 100]
                ys += [value[1] - 23, value[1] + 23]
    for item in fixed:
        if item[0] in ("bench", "box"):
            xs += [item[1], item[2]]
            ys.append(item[3])
        elif item[0] == "ball":
            xs += [item[1] - item[3], item[1] + item[3]]
            ys.append(item[2] - item[3])
        elif item[0] in ("wall",):
            xs.append(item[1] + item[2] * 8)
        elif item[0] in ("pull-up-bar", "cable", "anchor"):
            xs.append(item[1])
            ys.append(item[2] - 8)
    return (min(xs), min(ys), max(xs), max(ys))
