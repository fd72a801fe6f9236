"""An exercise's demo as the site shows it: the animated figure with its key frames, the card picture,
the stylesheet that moves it, and its pose data for the JSON export.

The page holds the figure inline (its groups are what the stylesheet moves; a pause control
and print need it there); each exercise with a demo gets two files beside its page:
demo.css (its keyframes: the Content-Security-Policy allows our own stylesheets, not inline
styles) and demo.svg (one frame, for cards). templates/partials/demo.html wraps these.
"""
from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup

from exguide.content.demo_terms import ANGLE_NAMES
from exguide.content.model import Demo, Exercise
from exguide.content.taxonomy import Taxonomy
from exguide.site.demo_motion import animated, key_times, motion_layout, plan, stylesheet
from exguide.site.demo_svg import defs, svg, view_box
from exguide.site.urls import Urls, output_path

THUMBNAIL_WIDTH = 160  # px: the card picture's width; its height follows the drawing
# The card picture stands alone (an <img>), so it carries the palette of assets/css/reader.css itself.
THUMBNAIL_STYLE = (".b{fill:#b4bab0;stroke:#fff;stroke-width:.8}.far .b{fill:#d3d7cf}.t{fill:#c2410c}"
                   ".s{fill:#fdd7b4;stroke:#c2410c;stroke-width:.6}.p{fill:#a3aab0;stroke:#fff;stroke-width:.6}"
                   ".ph{fill:#6d757d}.pl{fill:none;stroke:#6d757d;stroke-width:2;stroke-linecap:round}"
                   ".strap{stroke:#0f766e}.f{stroke:#8a9096;stroke-width:1.2}"
                   "@media (prefers-color-scheme:dark){.b{fill:#59626b;stroke:#1b1e21}.far .b{fill:#3a4148}"
                   ".t{fill:#fb8c4b}.s{fill:#6b3a20;stroke:#fb8c4b}.p{fill:#6d757d;stroke:#1b1e21}.ph{fill:#a9b0b7}"
                   ".pl{stroke:#a9b0b7}.strap{stroke:#5ccfc1}.f{stroke:#6d757d}}")


def scope(slug: str) -> str:
    """The id of an exercise's demo <figure>, which its stylesheet's rules are scoped to."""
    return f"demo-{slug}"


def muscle_classes(targets: tuple[str, ...], secondary: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(muscle id, class) to tint: main targets 't', the others 's' (a muscle in both is a target)."""
    return tuple((m, "t") for m in targets) + tuple((m, "s") for m in secondary if m not in targets)


def tempo_text(demo: Demo) -> str:
    """'2 s down · 1 s hold · 2 s up'."""
    down, hold, up = demo.tempo
    parts = [f"{down:g} s down"] + ([f"{hold:g} s hold"] if hold else []) + [f"{up:g} s up"]
    return " · ".join(parts)


class DemoArt:
    """The template global `demo_art`: made once per build from the taxonomy (for the muscles' names)."""

    def __init__(self, taxonomy: Taxonomy):
        self.names = {m.id: m.name for m in taxonomy.muscles.values()}

    def label(self, demo: Demo, title: str, targets: tuple[str, ...]) -> str:
        frames = len(demo.frames)
        shown = ", ".join(self.names.get(m, m) for m in targets)
        return (f"Animated drawing of {title}, {demo.view} view, moving through {frames} key positions"
                + (f"; main target: {shown}" if shown else ""))

    @staticmethod
    def tempo(demo: Demo) -> str:
        return tempo_text(demo)

    @staticmethod
    def thumbnail_size(demo: Demo) -> tuple[int, int]:
        return thumbnail_size(demo)

    def figure(self, demo: Demo, slug: str, title: str, targets: tuple[str, ...],
               secondary: tuple[str, ...]) -> Markup:
        """The animated figure and its numbered key frames (shown instead under reduced motion and in print)."""
        return Markup(_figure(demo, slug, self.label(demo, title, targets), muscle_classes(targets, secondary)))


@lru_cache(maxsize=512)
def _figure(demo: Demo, slug: str, label: str, muscles: tuple) -> str:
    classes, _rules = animated(demo)
    _stops, lay = motion_layout(demo)
    box = view_box(lay)
    n = len(demo.frames)
    prefix = scope(slug)
    shapes = defs(lay.view, demo.view, muscles, prefix)
    live = svg(lay, lay.poses[0], muscles, label, "demo-live", classes, box, shape_view=demo.view, shapes=prefix)
    frames = "".join(f'<li>{svg(lay, lay.poses[i], muscles, f"Key position {i + 1} of {n}", "demo-frame", None, box, shape_view=demo.view, shapes=prefix)}'
                     f'<span class="demo-n" aria-hidden="true">{i + 1}</span></li>' for i in range(n))
    return (f'<svg class="demo-defs" aria-hidden="true" focusable="false">{shapes}</svg>'
            f'<div class="demo-stage">{live}<ol class="demo-frames">{frames}</ol></div>')


CARD_FRAME = 1  # the card shows the second key pose: usually the work position (the squat's bottom)


def thumbnail(demo: Demo, muscles: tuple) -> bytes:
    """demo.svg: one key pose alone, with its own palette, for a card's picture."""
    lay = plan(demo)
    pose = lay.poses[min(CARD_FRAME, len(demo.frames) - 1)]
    box = view_box(lay, 4.0, pose)
    width, height = thumbnail_size(demo)
    extra = f' xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
    drawing = svg(lay, pose, muscles, "", "demo-card", None, box, extra=extra, shape_view=demo.view, shapes="s")
    head = f"<style>{THUMBNAIL_STYLE}</style>{defs(lay.view, demo.view, muscles, 's')}"
    return (drawing.replace(">", ">" + head, 1) + "\n").encode()


def thumbnail_size(demo: Demo) -> tuple[int, int]:
    """(width, height) in px of the card picture."""
    lay = plan(demo)
    box = view_box(lay, 4.0, lay.poses[min(CARD_FRAME, len(demo.frames) - 1)])
    return THUMBNAIL_WIDTH, round(THUMBNAIL_WIDTH * (box[3] - box[1]) / (box[2] - box[0]))


def demo_inputs(exercise: Exercise) -> tuple:
    """Everything an exercise's demo files are made from."""
    return (exercise.slug, exercise.demo, exercise.targets, exercise.secondary)


def demo_files(exercise: Exercise) -> dict[str, bytes]:
    """Output path -> bytes of an exercise's demo.css and demo.svg (none without a demo)."""
    demo = exercise.demo
    if demo is None:
        return {}
    css, picture = (output_path(Urls.demo_file(exercise.slug, name)) for name in ("demo.css", "demo.svg"))
    return {css: stylesheet(demo, scope(exercise.slug)).encode(),
            picture: thumbnail(demo, muscle_classes(exercise.targets, exercise.secondary))}


JOINT_POINTS = (("hips", "pelvis", 0), ("waist", "chest", 0), ("neck", "head", 0), ("head", "head", 17))
LIMB_POINTS = (("shoulder", "upper_arm", 0), ("elbow", "forearm", 0), ("wrist", "hand", 0), ("fingers", "hand", None),
               ("hip", "thigh", 0), ("knee", "shin", 0), ("ankle", "foot", 0), ("heel", "foot", -4),
               ("toes", "foot", None))


def joint_points(pose, view: str) -> dict[str, list[float]]:
    """Named points of a placed pose, in cm: x forward, y up from the floor."""
    body = pose.body(view)
    named = list(JOINT_POINTS) + [(f"{side}_{name}", f"{side}_{seg}", t) for side in ("left", "right")
                                  for name, seg, t in LIMB_POINTS]
    out = {}
    for name, segment, t in named:
        placed = body[segment]
        local = placed.disc_local(placed.segment.length if t is None else t)[0] if t != 0 else (0.0, 0.0)
        x, y = placed.to_world(local)
        out[name] = [round(x, 1), round(-y, 1) + 0.0]
    return out


def demo_record(demo: Demo | None) -> dict | None:
    """The pose data for the JSON export: what the author wrote, the named points of each key frame as
    placed on the floor and props (cm, x forward, y up from the floor), and the loop's timing."""
    if demo is None:
        return None
    lay = plan(demo)
    out = []
    for frame, pose in zip(demo.frames, lay.poses):
        out.append({"angles": {name: frame.angle(name) for name in ANGLE_NAMES},
                    "props": [_prop_record(p) for p in frame.on], "air": frame.air, "ahead": frame.ahead,
                    "points": joint_points(pose, lay.view)})
    down, hold, up = demo.tempo
    return {"view": demo.view, "tempo": {"down": down, "hold": hold, "up": up},
            "loop_seconds": key_times(demo)[-1][0], "props": [_prop_record(p) for p in demo.props], "frames": out}


def _prop_record(prop) -> dict:
    return {"prop": prop.name, "at": [f"{side}_{part}" if side else part for part, side in prop.at],
            "height": prop.height, "x": prop.x}

