"""Where a demo's props go, pose by pose (demo_layout.py lines the poses up first).

A bench or box stays where the body first used it; a roller or ball rolls with the part on
it; a wall touches the part named, on the side away from the body's centre of mass; a bar is
where the hands hang; a band or cable runs between its parts, or from its anchor (a pulley,
or a point `x` cm in front at `height`); a carried prop rides on its part. A prop the body
never touches stands in front of the figure, or `x` cm from it.
"""
from __future__ import annotations

import math

from exguide.content.demo_terms import PROP_BY_NAME
from exguide.content.model import Demo, DemoProp
from exguide.site.demo_body import centre_of_mass, circles
from exguide.site.demo_place import TOUCH, Moment, Settled, Spot, middle, spot_point, spots

MAT = {"side": 90.0, "front": 35.0}  # half its length as drawn
GAP = 12.0  # cm between the figure and a prop standing in front of it
HANDS = (("hand", "left"), ("hand", "right"))
CARRIED = {"dumbbell": 7.0, "barbell": 22.5, "medicine-ball": 12.0, "kettlebell": 24.0, "massage-ball": 3.5}
Point = tuple[float, float]


def wall_touch(placed: dict, group: tuple[Spot, ...]) -> tuple[float, int]:
    """(x, way) of a wall touching the spots: way 1 when the wall stands in front of them, -1 behind."""
    x, _ = middle(placed, group)
    way = 1 if x > centre_of_mass(placed)[0] else -1
    reach = [spot_point(placed, s)[0] + way * placed[s[0]].disc_local(s[1])[1] for s in group]
    return (max(reach) if way == 1 else min(reach), way)


def _front_of(placed: list[Settled], way: int = 1) -> float:
    """The x of the figure's furthest point forward (``way`` 1) or back over all poses."""
    xs = [c[2][0] + way * c[3] for s in placed for c in circles(s.placed)]
    return max(xs) if way == 1 else min(xs)


def place_props(demo: Demo, view: str, placed: list[Settled], moments: list[Moment], keys: list[Settled],
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
            touch = next((wall_touch(k.placed, m.wall) for k, m in zip(keys, key_moments) if m.wall), None)
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


def box_of(placed: list[Settled], fixed: list[tuple], moving: list, held: list) -> tuple[float, float, float, float]:
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
