"""An exercise's demo as the site shows it: the names and sizes of its drawings, their accessible names,
its tempo, and its pose data for the JSON export.

The drawings themselves are files (exguide/site/demo_files.py), shared by every exercise that shows the
same movement on the same muscles; the page holds a <picture> of them (templates/partials/demo.html).
"""
from __future__ import annotations

from exguide.content.demo_terms import ANGLE_NAMES
from exguide.content.model import Demo, Exercise
from exguide.content.taxonomy import Taxonomy
from exguide.site.demo_files import (card_size, demo_key, draw_files, key_name, move_size, muscle_classes,
                                     still_size)
from exguide.site.demo_motion import key_times, plan
from exguide.site.urls import Urls, output_path


def tempo_text(demo: Demo) -> str:
    """'2 s down · 1 s hold · 2 s up'."""
    down, hold, up = demo.tempo
    parts = [f"{down:g} s down"] + ([f"{hold:g} s hold"] if hold else []) + [f"{up:g} s up"]
    return " · ".join(parts)


class DemoArt:
    """The template global `demo_art`: made once per build from the taxonomy (for the muscles' names).
    Templates hand it an exercise's fields (never the whole record), so the reuse layer tracks what they read."""

    def __init__(self, taxonomy: Taxonomy):
        self.names = {m.id: m.name for m in taxonomy.muscles.values()}
        self._keys: dict[int, tuple] = {}  # id(demo) -> (demo, targets, secondary, file key): cards ask often

    def _targets(self, targets: tuple[str, ...]) -> str:
        shown = ", ".join(self.names.get(m, m) for m in targets)
        return f"; main target: {shown}" if shown else ""

    def label(self, demo: Demo, title: str, targets: tuple[str, ...]) -> str:
        """The moving drawing's accessible name."""
        return (f"Animated drawing of {title}, {demo.view} view, moving through {len(demo.frames)} key positions"
                + self._targets(targets))

    def still_label(self, demo: Demo, title: str, targets: tuple[str, ...]) -> str:
        """The accessible name of the key positions side by side."""
        return (f"Drawing of {title}, {demo.view} view: its {len(demo.frames)} key positions side by side, "
                f"numbered 1 to {len(demo.frames)}" + self._targets(targets))

    @staticmethod
    def tempo(demo: Demo) -> str:
        return tempo_text(demo)

    def url(self, demo: Demo, targets: tuple[str, ...], secondary: tuple[str, ...], kind: str) -> str:
        """The site URL of one of the demo's files: "move", "still" or "card"."""
        hit = self._keys.get(id(demo))
        if hit is None or hit[0] is not demo or hit[1] != targets or hit[2] != secondary:
            hit = self._keys[id(demo)] = (demo, targets, secondary, demo_key(demo, muscle_classes(targets, secondary)))
        return Urls.demo(key_name(hit[3], kind))

    @staticmethod
    def size(demo: Demo, kind: str) -> tuple[int, int]:
        """(width, height) in px of one of the demo's drawings."""
        return {"move": move_size, "still": still_size, "card": card_size}[kind](demo)

    @staticmethod
    def thumbnail_size(demo: Demo) -> tuple[int, int]:
        return card_size(demo)


def demo_inputs(exercise: Exercise) -> tuple:
    """Everything an exercise's demo files are made from: the demo and the muscles it tints."""
    return exercise.demo, muscle_classes(exercise.targets, exercise.secondary)


def demo_drawings(exercises) -> list[tuple[str, tuple]]:
    """(key, (demo, muscles)) of every distinct drawing the exercises show, once each."""
    wanted: dict[str, tuple] = {}
    for exercise in exercises:
        if exercise.demo is not None:
            inputs = demo_inputs(exercise)
            wanted.setdefault(demo_key(*inputs), inputs)
    return sorted(wanted.items())


def demo_files(drawing: tuple[str, tuple]) -> dict[str, bytes]:
    """Output path -> bytes of one drawing's files (moving, still, card)."""
    _key, (demo, muscles) = drawing
    return {output_path(Urls.demo(name)): data for name, data in draw_files(demo, muscles).items()}


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

