"""SVG markup of a demo pose: the figure as nested groups, one per joint, and its props to scale.

Each segment is a <g> that turns about its joint, inside its parent's, so a pose is only
the root's place and each joint's angle: the static frames write them as attributes, the
animated figure lets its stylesheet (demo_motion.py) move the very same groups. In the side
view the far limbs are drawn behind the trunk (class "far") and the near ones in front.
Classes: b body, t main target, s also works, p prop, pl prop line, f floor.
"""
from __future__ import annotations

from functools import lru_cache

from markupsafe import escape

from exguide.site.demo_body import disc_at, segment_map, segments
from exguide.site.demo_layout import Layout, Pose
from exguide.site.demo_shapes import head, num, outline, tint

# What each group draws, in order: "@" its own shape, a segment name its chain, "chest>x" the
# chain x inside a copy of the chest's group (so a side view's arms can be painted apart from it).
PLAN = {
    "side": {"pelvis": ("chest>right_upper_arm", "right_thigh", "@", "chest", "left_thigh", "chest>left_upper_arm"),
             "chest": ("@", "head")},
    "front": {"pelvis": ("left_thigh", "right_thigh", "@", "chest"),
              "chest": ("@", "head", "left_upper_arm", "right_upper_arm")},
}
CARRIED = {"dumbbell": 7.0, "barbell": 22.5, "medicine-ball": 12.0, "kettlebell": 10.0, "massage-ball": 3.5,
           "foam-roller": 7.5, "ball": 32.5}
CODES = {"pelvis": "p", "chest": "c", "head": "h", "upper_arm": "ua", "forearm": "fa", "hand": "ha", "thigh": "th",
         "shin": "sh", "foot": "ft"}  # short ids for the shapes a demo's figures <use>
ONE_OBJECT = ("barbell", "medicine-ball", "ball", "foam-roller")  # held in both hands, drawn once


def _children(view: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for seg in segments(view):
        if seg.parent:
            out.setdefault(seg.parent, []).append(seg.name)
    return out


def body(view: str, pose: Pose, muscles: tuple[tuple[str, str], ...], held: tuple, classes: dict | None = None,
         shape_view: str = "", shapes: str = "") -> str:
    """The figure's groups for one pose; ``muscles`` are (muscle id, "t" or "s"); ``classes`` name animated
    groups; with ``shapes`` (an id prefix, see ``defs``) each shape is a <use> of the one drawn there."""
    pieces = _pieces(view, shape_view or view, muscles, held, tuple(classes.items()) if classes else (), shapes)
    rel, parts = pose.rel, []
    for piece in pieces:
        if piece.__class__ is str:
            parts.append(piece)
            continue
        name, head, shift, always = piece
        rotate = num(rel[name])
        if name == "pelvis":
            shift = f"translate({num(pose.root[0])} {num(pose.root[1])})"
        turn = f"rotate({rotate})" if rotate != "0" or always else ""
        transform = f"{shift} {turn}" if shift and turn else shift or turn
        parts.append(f'{head} transform="{transform}">' if transform else head + ">")
    return "".join(parts)


@lru_cache(maxsize=1024)
def _pieces(view: str, shape_view: str, muscles: tuple, held: tuple, classes: tuple, shapes: str) -> tuple:
    """What ``body`` draws, worked out once per demo: fixed markup (str), and for each group that a pose
    turns (segment name, its opening tag's start, its fixed shift, whether it is animated)."""
    seg = segment_map(view)
    tints = _tints(shape_view, muscles, shapes)
    moving = dict(classes)
    carried: dict[str, list[str]] = {}
    drawn_once: set[str] = set()
    for name, (segment, t, face) in held:
        if name in ONE_OBJECT:
            if name in drawn_once or (view == "side" and segment.startswith("right_")):
                continue
            drawn_once.add(name)
        carried.setdefault(segment, []).append(_carried(view, name, segment, t, face))
    out: list = []
    for op, name in _order(view):
        if op == "close":
            out.append("</g>")
        elif op == "shape":
            kind = seg[name].kind
            out.append(f'<use class="b" href="#{shapes}-{CODES[kind]}"/>' if shapes else _shape(view, kind))
            out.extend(tints.get(kind, ()))
            out.extend(carried.get(name, ()))
        else:
            cls = moving.get(name)
            names = " ".join(filter(None, (cls, "far" if name in _FAR[view] else "")))
            out.append((name, "<g" + (f' class="{names}"' if names else ""), _SHIFTS[view].get(name, ""), bool(cls)))
    merged: list = []  # runs of fixed markup joined once
    for piece in out:
        if piece.__class__ is str and merged and merged[-1].__class__ is str:
            merged[-1] += piece
        else:
            merged.append(piece)
    return tuple(merged)


@lru_cache(maxsize=1024)
def _tints(shape_view: str, muscles: tuple[tuple[str, str], ...], shapes: str) -> dict[str, tuple[str, ...]]:
    """Segment kind -> the tints drawn on it (the same for every pose of a demo, and for many demos)."""
    tints: dict[str, list[str]] = {}
    for number, (muscle, cls) in enumerate(muscles):
        for index, (kind, d) in enumerate(tint(shape_view, muscle)):
            use = f'<use class="{cls}" href="#{shapes}-m{number}{"abcd"[index]}"/>'
            tints.setdefault(kind, []).append(use if shapes else f'<path class="{cls}" d="{d}"/>')
    return {kind: tuple(items) for kind, items in tints.items()}


@lru_cache(maxsize=None)
def _order(view: str) -> tuple[tuple[str, str], ...]:
    """The figure's groups in drawing order: ("open", segment), ("shape", segment), ("close", "")."""
    kids = _children(view)
    plan = PLAN["side" if view == "side" else "front"]
    out: list[tuple[str, str]] = []

    def walk(name: str, only: str = "") -> None:
        out.append(("open", name))
        for item in (only,) if only else plan.get(name, ("@", *kids.get(name, ()))):
            if item == "@":
                out.append(("shape", name))
            elif ">" in item:
                owner, chain = item.split(">")
                walk(owner, chain)
            else:
                walk(item)
        out.append(("close", ""))

    walk("pelvis")
    return tuple(out)


_SHIFTS = {view: {s.name: "" if s.attach == (0, 0) else f"translate({num(s.attach[0])} {num(s.attach[1])})"
                  for s in segments(view)} for view in ("side", "front")}
_FAR = {"side": {s.name for s in segments("side") if s.side == "right" and s.parent in ("chest", "pelvis")},
        "front": set()}


@lru_cache(maxsize=1024)
def defs(view: str, shape_view: str, muscles: tuple[tuple[str, str], ...], prefix: str) -> str:
    """The shapes the figures of one demo <use>, drawn once: every segment and each tint."""
    out = []
    for kind, code in CODES.items():
        shape = _shape(view, kind).replace(' class="b"', "")
        out.append(f'<g id="{prefix}-{code}">{shape}</g>' if kind == "head" else
                   shape.replace("<path ", f'<path id="{prefix}-{code}" ', 1))
    for number, (muscle, _cls) in enumerate(muscles):
        for index, (_kind, d) in enumerate(tint(shape_view, muscle)):
            out.append(f'<path id="{prefix}-m{number}{"abcd"[index]}" d="{d}"/>')
    return "<defs>" + "".join(out) + "</defs>"


def _shape(view: str, kind: str) -> str:
    if kind != "head":
        return f'<path class="b" d="{outline(view, kind)}"/>'
    cx, cy, rx, ry = head(view)
    return (f'<path class="b" d="{outline(view, kind)}"/>'
            f'<ellipse class="b" cx="{num(cx)}" cy="{num(cy)}" rx="{num(rx)}" ry="{num(ry)}"/>')


def _carried(view: str, name: str, segment: str, t: float, face: int) -> str:
    """A prop held on a spot of a segment, drawn in the segment's frame."""
    placed_seg = segment_map(view)[segment]
    u, r = disc_at(placed_seg, t)
    x, y = placed_seg.facing * (u + face * r), -t
    size = CARRIED.get(name, 7.0)
    if name == "kettlebell":  # the bell hangs beyond the hand; the handle wraps round it
        y -= 4 + size
        return (f'<path class="pl" d="M{num(x - 5)} {num(y + size - 1)}Q{num(x)} {num(y + size + 12)} '
                f'{num(x + 5)} {num(y + size - 1)}"/><circle class="p" cx="{num(x)}" cy="{num(y)}" r="{num(size)}"/>')
    if face:  # carried against the body: its edge on the surface
        x += placed_seg.facing * face * size
    inner = f'<circle class="ph" cx="{num(x)}" cy="{num(y)}" r="{num(max(2.0, size / 4))}"/>' \
        if name in ("dumbbell", "barbell") else ""
    return f'<circle class="p" cx="{num(x)}" cy="{num(y)}" r="{num(size)}"/>{inner}'


def props(layout: Layout, pose: Pose, box: tuple, classes: dict | None = None) -> tuple[str, str]:
    """(behind, in front) of the body: the props that stay put and those that move with it."""
    x0, y0, x1, _y1 = box
    behind, front = [], []
    for item in layout.fixed:
        kind = item[0]
        if kind == "floor":
            behind.append(f'<path class="f" d="M{num(x0)} 0H{num(x1)}"/>')
        elif kind == "mat":
            behind.append(f'<rect class="p" x="{num(item[1])}" y="-1.2" width="{num(item[2] - item[1])}" height="1.8" '
                          'rx=".9"/>')
        elif kind == "bench":
            a, b, top = item[1], item[2], item[3]
            behind.append(f'<path class="pl" d="M{num(a + 8)} {num(top)}V0M{num(b - 8)} {num(top)}V0"/>'
                          f'<rect class="p" x="{num(a)}" y="{num(top)}" width="{num(b - a)}" height="7" rx="3"/>')
        elif kind == "box":
            a, b, top = item[1], item[2], item[3]
            behind.append(f'<rect class="p" x="{num(a)}" y="{num(top)}" width="{num(b - a)}" height="{num(-top)}" '
                          'rx="2"/>')
        elif kind == "wall":
            x, way = item[1], item[2]
            left = x if way == 1 else x - 8
            behind.append(f'<rect class="p" x="{num(left)}" y="{num(y0)}" width="8" height="{num(-y0)}"/>')
        elif kind == "ball":
            behind.append(f'<circle class="p" cx="{num(item[1])}" cy="{num(item[2])}" r="{num(item[3])}"/>')
        elif kind == "pull-up-bar":
            x, y = item[1], item[2]
            if layout.view == "side":
                front.append(f'<path class="pl" d="M{num(x)} {num(y)}V{num(y0)}"/>'
                             f'<circle class="p" cx="{num(x)}" cy="{num(y)}" r="2.4"/>')
            else:
                front.append(f'<path class="pl bar" d="M{num(x0)} {num(y)}H{num(x1)}"/>')
        elif kind in ("cable", "anchor"):
            x, y = item[1], item[2]
            post = 14 if kind == "cable" else 3
            behind.append(f'<rect class="p" x="{num(x + 2)}" y="{num(min(y - 12, -10))}" width="{post}" '
                          f'height="{num(-min(y - 12, -10))}" rx="1.5"/>'
                          f'<circle class="ph" cx="{num(x)}" cy="{num(y)}" r="3.5"/>')
    for key, shape, value in pose.moving:
        cls = f' class="{classes[key]}"' if classes and key in classes else ""
        if shape == "ball":
            x, y, r = value
            hole = f'<circle class="ph" r="{num(r * 0.35)}"/>' if 5 < r < 10 else ""  # a roller, end on
            behind.append(f'<g{cls} transform="translate({num(x)} {num(y)})"><circle class="p" r="{num(r)}"/>{hole}</g>')
        elif shape == "line":
            (ax, ay), (bx, by) = value
            front.append(f'<g{cls} transform="{line_transform(ax, ay, bx, by, False)}">'
                         '<path class="pl strap" d="M0 0H1" vector-effect="non-scaling-stroke"/></g>')
        elif shape == "bar":
            x, y, angle = value
            front.append(f'<g{cls} transform="translate({num(x)} {num(y)}) rotate({num(angle)})">'
                         '<path class="pl" d="M-100 0H100"/><rect class="p" x="-92" y="-22" width="7" height="44" rx="2"/>'
                         '<rect class="p" x="85" y="-22" width="7" height="44" rx="2"/></g>')
    return "".join(behind), "".join(front)


def line_transform(ax: float, ay: float, bx: float, by: float, css: bool) -> str:
    """The transform taking the unit line M0 0H1 from (ax, ay) to (bx, by); CSS units when ``css``."""
    import math

    length = max(math.hypot(bx - ax, by - ay), 0.1)
    angle = math.degrees(math.atan2(by - ay, bx - ax))
    if css:
        return f"translate({num(ax)}px,{num(ay)}px) rotate({num(angle)}deg) scale({num(length)},1)"
    return f"translate({num(ax)} {num(ay)}) rotate({num(angle)}) scale({num(length)} 1)"


def view_box(layout: Layout, margin: float = 5.0, pose: Pose | None = None) -> tuple[float, float, float, float]:
    """The drawing's box with a margin: round every pose, or round ``pose`` alone."""
    x0, y0, x1, y1 = pose.box if pose is not None else layout.box
    return (x0 - margin, y0 - margin, x1 + margin, max(y1, 2.0) + margin / 2)


def svg(layout: Layout, pose: Pose, muscles: tuple, label: str, cls: str, classes: dict | None = None,
        box: tuple | None = None, extra: str = "", shape_view: str = "", shapes: str = "") -> str:
    """One <svg> of a pose, with its props; the back view (``shape_view``) is the front one mirrored;
    ``shapes``: the id prefix of the ``defs`` its figure uses (else it draws every shape itself)."""
    box = box or view_box(layout)
    x0, y0, x1, y1 = box
    behind, front = props(layout, pose, box, classes)
    view = layout.view
    shape_view = shape_view or view
    figure = body(view, pose, muscles, layout.held, classes, shape_view, shapes)
    mirror = shape_view == "back"
    inner = behind + figure + front
    if mirror:
        inner = f'<g transform="matrix(-1 0 0 1 {num(x0 + x1)} 0)">{inner}</g>'
    role = f' role="img" aria-label="{escape(label)}"' if label else ' aria-hidden="true"'
    return (f'<svg class="{cls}" viewBox="{num(x0)} {num(y0)} {num(x1 - x0)} {num(y1 - y0)}"{role}{extra}>'
            f'{inner}</svg>')
