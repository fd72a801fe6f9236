"""Validate an exercise's `demo:` into a Demo; every problem is reported at its line, with a did-you-mean.

The words come from demo_terms.py. A joint a frame leaves out keeps its angle from the frame
before (0 in the first). Once the demo reads well, each frame is settled on the floor and its
props (exguide/site/demo_layout.py) to catch a pose that puts the body through the floor.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Callable

from exguide.content.demo_terms import (ANGLE_INDEX, ANGLE_NAMES, DEFAULT_TEMPO, DEMO_KEYS, FALLBACK_TEMPO,
                                        FRAME_KEYS, JOINT_WORDS, MAX_FRAMES, MIN_FRAMES, PART_WORDS, PARTS, PROP_KEYS,
                                        PROPS, PROP_BY_NAME, SIDES, VIEWS, joint_range, part_sides,
                                        prop_name)
from exguide.content.model import Demo, DemoFrame, DemoProp
from exguide.content.sources import type_name
from exguide.errors import did_you_mean

Fail = Callable[..., None]  # fail(field, message, *key path)
_NUMBER = r"\d+(?:\.\d+)?"
_TEMPO = re.compile(rf"^\s*({_NUMBER})\s*-\s*({_NUMBER})\s*-\s*({_NUMBER})\s*$")


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def check_demo(value, fail: Fail, category: str = "") -> Demo | None:
    """A Demo, or None after reporting why not."""
    if not isinstance(value, dict):
        fail("demo", f"expected view, props and frames (see docs/authoring.md), got {type_name(value)}")
        return None
    problems: list = []

    def flag(*args) -> None:
        problems.append(args)
        fail(*args)

    for key in value:
        if key not in DEMO_KEYS:
            flag("demo", f"unknown key '{key}'{did_you_mean(str(key), list(DEMO_KEYS))}; use {', '.join(DEMO_KEYS)}",
                 "demo", key)
    view = value.get("view", "side")
    if view not in VIEWS:
        flag("demo.view", f"unknown view '{view}'{did_you_mean(str(view), list(VIEWS))}; use side, front or back",
             "demo", "view")
        view = "side"
    tempo = _tempo(value, flag, category)
    props = _props(value.get("props", []), flag)
    frames = _frames(value.get("frames"), view, {p.name for p in props}, flag)
    if problems or tempo is None or frames is None:
        return None
    demo = Demo(view=view, tempo=tempo, props=props, frames=frames)
    from exguide.site.demo_motion import plan  # the drawing's own placement, so what is checked is what is drawn

    placed = plan(demo)
    for index, depth, segment, t in placed.sinks:
        fail("demo.frames", f"frame {index + 1}: {_resting(demo, index)}puts the {_part_at(segment, t)} "
                            f"{depth:.0f} cm through the floor; change the angles, or rest another part on the prop",
             "demo", "frames", index)
        return None
    return dataclasses.replace(demo, layout=placed)


def _tempo(value: dict, fail: Fail, category: str) -> tuple[float, float, float] | None:
    raw = value.get("tempo")
    if raw is None:
        return DEFAULT_TEMPO.get(category, FALLBACK_TEMPO)
    numbers = None
    if isinstance(raw, str) and _TEMPO.match(raw):
        numbers = tuple(float(n) for n in _TEMPO.match(raw).groups())
    elif isinstance(raw, list) and len(raw) == 3 and all(_number(n) is not None for n in raw):
        numbers = tuple(float(n) for n in raw)
    if numbers is None or any(n < 0 or n > 20 for n in numbers) or numbers[0] + numbers[2] <= 0:
        shown = f"'{raw}'" if isinstance(raw, str) else type_name(raw)
        fail("demo.tempo", f"expected seconds down, hold and up like 2-1-2 (each 0 to 20), got {shown}",
             "demo", "tempo")
        return None
    return numbers  # type: ignore[return-value]


def _prop(raw, fail: Fail, where: tuple, name_field: str = "demo.props") -> DemoProp | None:
    """One prop: 'name', 'name@part', 'name@part+part', or {prop, at, height, x}."""
    height = x = None
    if isinstance(raw, dict):
        for key in raw:
            if key not in PROP_KEYS:
                fail(name_field, f"unknown prop key '{key}'{did_you_mean(str(key), list(PROP_KEYS))}; "
                                 f"use {', '.join(PROP_KEYS)}", *where, key)
                return None
        word, at = raw.get("prop"), raw.get("at", "")
        if isinstance(at, list):
            at = "+".join(str(a) for a in at)
        for key in ("height", "x"):
            number = _number(raw.get(key)) if key in raw else 0.0
            limit = (0, 300) if key == "height" else (-300, 300)
            if number is None or not limit[0] <= number <= limit[1]:
                fail(name_field, f"{key}: expected centimetres from {limit[0]} to {limit[1]}, "
                                 f"got {type_name(raw.get(key))}", *where, key)
                return None
        height = _number(raw["height"]) if "height" in raw else None
        x = _number(raw["x"]) if "x" in raw else None
    elif isinstance(raw, str):
        word, _, at = raw.partition("@")
    else:
        fail(name_field, f"expected a prop like 'bench' or 'foam-roller@upper-back', got {type_name(raw)}", *where)
        return None
    if not isinstance(word, str) or not isinstance(at, str):
        fail(name_field, "expected 'prop' to name the prop and 'at' the body part", *where)
        return None
    name = prop_name(word)
    if name is None:
        fail(name_field, f"unknown prop '{word}'{did_you_mean(word.strip(), [p.name for p in PROPS])}; "
                         "see docs/authoring.md for the props", *where)
        return None
    parts: list[tuple[str, str]] = []
    for piece in filter(None, (p.strip() for p in at.split("+"))):
        found = part_sides(piece.lower())
        if found is None:
            fail(name_field, f"'{raw if isinstance(raw, str) else name + '@' + at}': unknown body part "
                             f"'{piece}'{did_you_mean(piece, list(PART_WORDS))}; use one of "
                             "head, shoulders, upper-back, mid-back, lower-back, hips, hands, knees, feet…", *where)
            return None
        parts.extend(found)
    return DemoProp(name=name, at=tuple(parts), height=height, x=x)


def _props(raw, fail: Fail) -> tuple[DemoProp, ...]:
    if isinstance(raw, (str, dict)):
        raw = [raw]
    if not isinstance(raw, list):
        fail("demo.props", f"expected a list like [floor, foam-roller@upper-back], got {type_name(raw)}",
             "demo", "props")
        return ()
    out: list[DemoProp] = []
    for index, item in enumerate(raw[:20]):
        prop = _prop(item, fail, ("demo", "props", index))
        if prop is None or prop.name == "floor":
            continue
        if any(p.name == prop.name for p in out):
            fail("demo.props", f"'{prop.name}' is listed twice; name every part in one entry, e.g. "
                               f"{prop.name}@hands", "demo", "props", index)
            continue
        out.append(prop)
    return tuple(out)


def _frames(raw, view: str, prop_names: set[str], fail: Fail) -> tuple[DemoFrame, ...] | None:
    if not isinstance(raw, list) or not MIN_FRAMES <= len(raw) <= MAX_FRAMES:
        got = f"{len(raw)}" if isinstance(raw, list) else "none" if raw is None else type_name(raw)
        fail("demo.frames", f"expected {MIN_FRAMES} to {MAX_FRAMES} key poses, got {got}; give each as joint "
                            "angles like {hip: 90, knee: 90}", "demo", "frames")
        return None
    angles = [0.0] * len(ANGLE_NAMES)
    frames, ok = [], True
    for index, item in enumerate(raw):
        where = ("demo", "frames", index)
        label = f"frame {index + 1}"
        if not isinstance(item, dict):
            fail("demo.frames", f"{label}: expected joint angles like {{hip: 90, knee: 90}}, got {type_name(item)}",
                 *where)
            ok = False
            continue
        given: dict[str, float] = {}
        extra = {"props": (), "air": 0.0, "ahead": 0.0}
        for key, value in item.items():
            key = str(key)
            if key in FRAME_KEYS:
                extra[key] = _frame_extra(key, value, label, prop_names, fail, where)
                ok = ok and extra[key] is not None
                continue
            if key not in JOINT_WORDS:
                fail("demo.frames", f"{label}: unknown joint '{key}'{did_you_mean(key, list(JOINT_WORDS))}; "
                                    "use neck, trunk, spine, shoulder, elbow, wrist, hip, knee, ankle, "
                                    "or left_/right_ before a limb's joint", *where, key)
                ok = False
                continue
            number = _number(value)
            low, low_words, high, high_words = joint_range(key, view)
            if number is None:
                fail("demo.frames", f"{label}: {key}: expected an angle in degrees, got {type_name(value)}",
                     *where, key)
                ok = False
            elif not low <= number <= high:
                joint = key.rpartition("_")[2]
                what = (f"would bend the {joint} backwards" if number < low and low_words == "straight"
                        else "is out of range")
                fail("demo.frames", f"{label}: {key} {value} {what}; in the {view} view it goes from "
                                    f"{low:g} ({low_words}) to {high:g} ({high_words})", *where, key)
                ok = False
            else:
                given[key] = number
        for key, number in sorted(given.items(), key=lambda kv: "_" in kv[0]):  # both sides, then one side
            names = [key] if key in ANGLE_INDEX else [f"{side}_{key}" for side in SIDES]
            for name in names:
                angles[ANGLE_INDEX[name]] = number
        if ok:
            frames.append(DemoFrame(angles=tuple(angles), on=extra["props"], air=extra["air"], ahead=extra["ahead"]))
    return tuple(frames) if ok else None


def _frame_extra(key: str, value, label: str, prop_names: set[str], fail: Fail, where: tuple):
    if key in ("air", "ahead"):
        number = _number(value)
        low, high = (0, 150) if key == "air" else (-300, 300)
        if number is None or not low <= number <= high:
            what = "off the ground" if key == "air" else "moved forward since the first frame"
            fail("demo.frames", f"{label}: {key}: expected centimetres {what}, from {low} to {high}, "
                                f"got {type_name(value)}", *where, key)
            return None
        return number
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        prop = _prop(item, fail, where + (key,))
        if prop is None:
            return None
        if prop.name not in prop_names:
            fail("demo.frames", f"{label}: props: '{prop.name}' is not one of the demo's props; add it to demo.props",
                 *where, key)
            return None
        out.append(prop)
    return tuple(out)


def _resting(demo: Demo, index: int) -> str:
    """'resting the upper back on the foam-roller ' for the prop a frame rests on, or 'the pose '."""
    from exguide.site.demo_layout import frame_props

    for prop in frame_props(demo, index):
        if PROP_BY_NAME[prop.name].role in ("support", "roll") and prop.at:
            parts = " and ".join(dict.fromkeys(f"{side} {name}".strip().replace("-", " ") for name, side in prop.at))
            if all(side for _name, side in prop.at) and len(prop.at) == 2 and prop.at[0][0] == prop.at[1][0]:
                parts = _PLURALS.get(prop.at[0][0], prop.at[0][0] + "s").replace("-", " ")
            return f"resting the {parts} on the {prop.name} "
    return "the pose "


_PLURALS = {"foot": "feet", "calf": "calves", "toes": "toes"}


def _part_at(segment: str, t: float) -> str:
    """A readable name for a place on the body: 'left heel', 'hips'."""
    side, _, kind = segment.partition("_") if segment.startswith(SIDES) else ("", "", segment)
    from exguide.site.demo_body import segment_map  # the segments are the drawing's

    seg = segment_map("side")[segment]
    t0, t1 = seg.discs[0][0], seg.discs[-1][0]
    near = min((p for p in PARTS if p.segment == kind), key=lambda p: abs(t0 + p.at * (t1 - t0) - t))
    return f"{side} {near.name}".strip().replace("-", " ")

