"""The demo's motion: a loop through the key poses at the tempo, as CSS keyframes inside its moving drawing.

One loop goes from the first frame to the last in the `down` seconds, holds the last for
`hold`, comes back through the frames in the `up` seconds and holds the first for `hold`.
Each joint's group turns between its angles at the key poses, eased (EASE). What depends on
the contacts (where the whole body sits, a roller rolling with it, a band's ends) is settled
again at STEPS points of every move and runs straight between them, so feet stay planted and
the back stays on the roller while the joints move. Nothing here runs a script.
"""
from __future__ import annotations

from functools import lru_cache

from exguide.content.model import Demo
from exguide.site.demo_body import segment_map
from exguide.site.demo_layout import Layout, layout
from exguide.site.demo_shapes import num
from exguide.site.demo_svg import line_transform

EASE = (0.42, 0.0, 0.58, 1.0)  # CSS ease-in-out
EASE_CSS = "cubic-bezier(.42,0,.58,1)"
STEPS = 3  # settled points per move, counting its end
MOVED = 0.05  # degrees or cm: less is no movement


def ease(x: float) -> float:
    """The CSS cubic-bezier EASE at time fraction ``x``."""
    x1, y1, x2, y2 = EASE
    lo, hi = 0.0, 1.0
    for _ in range(30):  # x(t) is increasing: bisect for t
        t = (lo + hi) / 2
        bx = 3 * (1 - t) ** 2 * t * x1 + 3 * (1 - t) * t * t * x2 + t ** 3
        lo, hi = (t, hi) if bx < x else (lo, t)
    t = (lo + hi) / 2
    return 3 * (1 - t) ** 2 * t * y1 + 3 * (1 - t) * t * t * y2 + t ** 3


@lru_cache(maxsize=64)
def _eased_steps() -> tuple[float, ...]:
    return tuple(ease(k / STEPS) for k in range(1, STEPS))


def key_times(demo: Demo) -> list[tuple[float, int]]:
    """(seconds, frame index) of each key pose in one loop, holds as two equal stops; the loop's end last."""
    down, hold, up = demo.tempo
    n = len(demo.frames)
    out = [(0.0, 0)]
    t = 0.0
    for i in range(1, n):
        t += down / (n - 1)
        out.append((t, i))
    if hold:
        t += hold
        out.append((t, n - 1))
    for i in range(n - 2, -1, -1):
        t += up / (n - 1)
        out.append((t, i))
    if hold:
        t += hold
        out.append((t, 0))
    return out


def samples(demo: Demo) -> list[tuple[float, float]]:
    """(seconds, position) at the key poses and at the settled points of every move between them."""
    keys = key_times(demo)
    out = [(keys[0][0], float(keys[0][1]))]
    for (ta, a), (tb, b) in zip(keys, keys[1:]):
        if a != b:
            for k, s in enumerate(_eased_steps(), start=1):
                out.append((ta + (tb - ta) * k / STEPS, round(a + (b - a) * s, 4) if b > a else round(b + 1 - s, 4)))
        out.append((tb, float(b)))
    return out


def positions(frames: int) -> tuple[float, ...]:
    """Every position a loop visits: the key frames, then the settled points between them."""
    keys = tuple(float(i) for i in range(frames))
    between = {round(i + s, 4) for i in range(frames - 1) for s in _eased_steps()}
    between |= {round(i + 1 - s, 4) for i in range(frames - 1) for s in _eased_steps()}  # the way back
    return keys + tuple(sorted(between - set(keys)))


def plan(demo: Demo) -> Layout:
    """The demo's layout: the one validation kept on it, or worked out now (a Demo made by hand)."""
    if demo.layout is not None:
        return demo.layout
    return _planned(demo)


@lru_cache(maxsize=256)
def _planned(demo: Demo) -> Layout:
    return layout(demo, positions(len(demo.frames)))


def motion_layout(demo: Demo) -> tuple[list[tuple[float, float]], Layout]:
    """The loop's samples (seconds, position) and the layout of every position they visit."""
    return samples(demo), plan(demo)


@lru_cache(maxsize=256)
def animated(demo: Demo) -> tuple[dict, list]:
    """(classes, rules): the class of each group that moves (segment name or prop key -> 'dN'), and
    per class its kind ("turn": eased key stops of a rotation, "place": settled stops of a transform)
    and its stops [(seconds, value)]."""
    stops, lay = motion_layout(demo)
    by_position = {pose.position: pose for pose in lay.poses}
    keys = key_times(demo)
    classes: dict[str, str] = {}
    rules: list = []
    first = lay.poses[0]
    names = list(first.rel)
    for name in names:
        values = [(t, by_position[float(i)].rel[name]) for t, i in keys]
        if name == "pelvis":
            values = [(t, _root(by_position[p])) for t, p in stops]
            if _still(values):
                continue
            kind = "place"
        else:
            if max(v for _, v in values) - min(v for _, v in values) < MOVED:
                continue
            kind = "turn"
        if kind == "turn":
            ax, ay = segment_map(lay.view)[name].attach
            shift = f"translate({num(ax)}px,{num(ay)}px) " if (num(ax), num(ay)) != ("0", "0") else ""
            values = [(t, f"{shift}rotate({num(v)}deg)") for t, v in values]
        classes[name] = f"d{len(rules)}"
        rules.append((classes[name], kind, values))
    for index, (key, shape, _value) in enumerate(first.moving):
        values = [(t, _moving(by_position[p].moving[index])) for t, p in stops]
        if _still(values):
            continue
        classes[key] = f"d{len(rules)}"
        rules.append((classes[key], "place", values))
    return classes, rules


def _root(pose) -> str:
    x, y = pose.root
    return f"translate({num(x)}px,{num(y)}px) rotate({num(pose.rel['pelvis'])}deg)"


def _moving(item) -> str:
    _key, shape, value = item
    if shape == "ball":
        return f"translate({num(value[0])}px,{num(value[1])}px)"
    if shape == "bar":
        return f"translate({num(value[0])}px,{num(value[1])}px) rotate({num(value[2])}deg)"
    (ax, ay), (bx, by) = value
    return line_transform(ax, ay, bx, by, True)


def _still(values: list) -> bool:
    return all(v == values[0][1] for _, v in values)


def keyframes(demo: Demo) -> str:
    """The CSS that moves the demo's drawing (demo_files.py puts it inside the SVG): one @keyframes per
    moving group, one loop at the tempo, forever; nothing moves for a reader who asks for reduced motion."""
    classes, rules = animated(demo)
    total = key_times(demo)[-1][0]
    out = ["g{transform-box:view-box;transform-origin:0 0}"]
    for cls, kind, values in rules:
        timing = "linear" if kind == "place" else EASE_CSS
        out.append(f".{cls}{{animation:{cls} {num(total)}s {timing} infinite}}")
        frames: dict[str, list[str]] = {}
        for t, value in values:
            frames.setdefault(value, []).append(_percent(t, total))
        out.append(f"@keyframes {cls}{{" + "".join(f"{','.join(at)}{{transform:{v}}}" for v, at in frames.items())
                   + "}")
    out.append("@media (prefers-reduced-motion:reduce){*{animation:none!important}}")
    return "".join(out)


def _percent(t: float, total: float) -> str:
    value = 100 * t / total if total else 0.0
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text or '0'}%"
