"""What an author may write in an exercise's `demo:`: views, joints with their ranges, body parts, props.

Declared once here: validation (demos.py), the drawing (exguide/site/demo_*.py) and the docs
table (`make docs`) all read it. Angles are in degrees and read as a coach says them: 0 is
standing tall with the arms by the sides, "knee 90" is a right angle at the knee.
"""
from __future__ import annotations

from dataclasses import dataclass

VIEWS = ("side", "front", "back")
SIDES = ("left", "right")  # side view: the left side faces the reader; front view: the figure's own left


@dataclass(frozen=True)
class Joint:
    name: str
    paired: bool  # has left_ and right_ forms
    side: tuple[float, str, float, str]  # side view: low, what low means, high, what high means
    front: tuple[float, str, float, str]  # front and back views


JOINTS: tuple[Joint, ...] = (
    Joint("trunk", False, (-135, "leaning back; -90 lying face up", 135, "leaning forward; 90 face down"),
          (-100, "leaning to its right", 100, "leaning to its left")),
    Joint("spine", False, (-30, "arched", 60, "rounded"), (-40, "bent to its right", 40, "bent to its left")),
    Joint("neck", False, (-60, "looking up", 70, "chin to chest"), (-50, "ear to right shoulder", 50,
                                                                    "ear to left shoulder")),
    Joint("shoulder", True, (-60, "arm behind the body", 180, "arm straight overhead"),
          (-45, "arm across the body", 180, "arm straight overhead")),
    Joint("elbow", True, (0, "straight", 150, "fully bent"), (0, "straight", 150, "fully bent")),
    Joint("wrist", True, (-80, "bent palm-side", 90, "bent back, as with the hand flat on the floor"),
          (-60, "bent inwards", 60, "bent outwards")),
    Joint("hip", True, (-40, "thigh behind the body", 150, "knee to chest"),
          (-30, "leg across the other", 90, "leg straight out to the side")),
    Joint("knee", True, (0, "straight", 160, "fully bent"), (0, "straight", 150, "fully bent")),
    Joint("ankle", True, (-90, "toes pointed, as kneeling on the instep", 40, "toes pulled up"), (-40, "sole turned in", 40,
                                                                       "sole turned out")),
)
JOINT_BY_NAME = {j.name: j for j in JOINTS}
AXIAL = tuple(j.name for j in JOINTS if not j.paired)
PAIRED = tuple(j.name for j in JOINTS if j.paired)
# The order of DemoFrame.angles: the axial joints, then each paired joint left and right.
ANGLE_NAMES: tuple[str, ...] = AXIAL + tuple(f"{s}_{j}" for j in PAIRED for s in SIDES)
ANGLE_INDEX = {name: i for i, name in enumerate(ANGLE_NAMES)}
JOINT_WORDS = AXIAL + PAIRED + ANGLE_NAMES[len(AXIAL):]  # every key a frame may use for an angle


def joint_range(name: str, view: str) -> tuple[float, str, float, str]:
    """(low, meaning, high, meaning) of a joint (``knee`` or ``left_knee``) in a view."""
    joint = JOINT_BY_NAME[name.split("_", 1)[-1]]
    return joint.side if view == "side" else joint.front


# --- body parts a prop attaches to or the body rests on --------------------------------------------
@dataclass(frozen=True)
class Part:
    name: str
    segment: str  # body segment (demo_body.py)
    at: float  # where along the segment, 0 at its joint to 1 at its far end
    face: int  # +1 front of the segment, -1 back, 0 the middle: where a carried prop sits
    paired: bool


PARTS: tuple[Part, ...] = (
    Part("head", "head", 0.75, 0, False),
    Part("neck", "head", 0.2, -1, False),
    Part("shoulders", "chest", 0.95, -1, False),
    Part("upper-back", "chest", 0.7, -1, False),
    Part("chest", "chest", 0.65, 1, False),
    Part("mid-back", "chest", 0.35, -1, False),
    Part("lower-back", "pelvis", 0.85, -1, False),
    Part("belly", "pelvis", 0.75, 1, False),
    Part("hips", "pelvis", 0.15, -1, False),
    Part("upper-arm", "upper_arm", 0.5, 0, True),
    Part("elbow", "forearm", 0.0, 0, True),
    Part("forearm", "forearm", 0.55, 0, True),
    Part("hand", "hand", 0.45, 0, True),
    Part("thigh", "thigh", 0.35, 0, True),
    Part("knee", "thigh", 1.0, 0, True),
    Part("shin", "shin", 0.45, 1, True),
    Part("calf", "shin", 0.4, -1, True),
    Part("ankle", "shin", 0.95, 0, True),
    Part("heel", "foot", 0.0, 0, True),
    Part("foot", "foot", 0.45, 0, True),
    Part("toes", "foot", 1.0, 0, True),
)
PART_BY_NAME = {p.name: p for p in PARTS}
PART_ALIASES = {"glutes": "hips", "buttocks": "hips", "seat": "hips", "back": "upper-back", "thoracic": "mid-back",
                "upper-arms": "upper-arm", "elbows": "elbow", "forearms": "forearm", "hands": "hand",
                "thighs": "thigh", "knees": "knee", "shins": "shin", "calves": "calf", "ankles": "ankle",
                "heels": "heel", "feet": "foot", "toe": "toes", "stomach": "belly"}
PART_WORDS = tuple(p.name for p in PARTS) + tuple(PART_ALIASES) + tuple(
    f"{s}_{p.name}" for p in PARTS if p.paired for s in SIDES)


def part_sides(word: str) -> tuple[tuple[str, str], ...] | None:
    """'left_hand' -> (('hand', 'left'),); 'hands' -> both sides; 'hips' -> (('hips', ''),); None if unknown."""
    side = ""
    if "_" in word:
        side, word = word.split("_", 1)
        if side not in SIDES:
            return None
    name = PART_ALIASES.get(word, word)
    part = PART_BY_NAME.get(name)
    if part is None or (side and not part.paired):
        return None
    if not part.paired:
        return ((name, ""),)
    return tuple((name, s) for s in ((side,) if side else SIDES))


# --- props, drawn to scale (centimetres) ------------------------------------------------------------
@dataclass(frozen=True)
class Prop:
    name: str
    role: str  # "support" (stands on the floor, the body rests on it), "roll" (a support that rolls with
    #            the body), "wall", "hang", "held" (moves with the body part), "strap" (a line to a body part)
    size: float  # height, diameter or length, as suits the prop
    doc: str
    default_at: str = ""  # the part it goes with when none is named


PROPS: tuple[Prop, ...] = (
    Prop("floor", "floor", 0, "Always there; listing it is optional."),
    Prop("mat", "mat", 1.5, "An exercise mat, 180 cm long, under the body."),
    Prop("wall", "wall", 0, "A wall behind or in front of the body; with a part (`wall@upper-back`) it touches it."),
    Prop("bench", "support", 45, "A flat bench 45 cm high and 120 cm long."),
    Prop("box", "support", 50, "A plyo box or step, 50 cm high (set `height`)."),
    Prop("foam-roller", "roll", 15, "A foam roller 15 cm across, rolling under the part named."),
    Prop("ball", "roll", 65, "An exercise ball 65 cm across."),
    Prop("medicine-ball", "held", 24, "A medicine ball 24 cm across, held (`@hands`) or under a part."),
    Prop("massage-ball", "roll", 7, "A massage ball 7 cm across under the part named."),
    Prop("dumbbell", "held", 14, "A dumbbell in the hand (`@hands`, `@right_hand`, `@chest`).", "hand"),
    Prop("kettlebell", "held", 22, "A kettlebell hanging from the hand.", "hand"),
    Prop("barbell", "held", 45, "A barbell with 45 cm plates, in the hands or across the shoulders.", "hand"),
    Prop("band", "strap", 0, "A resistance band between two parts (`band@hands`, `band@hands+left_foot`), "
                             "or from a part to an anchor (`{prop: band, at: left_foot, x: 60, height: 10}`).",
         "hand"),
    Prop("pull-up-bar", "hang", 0, "A bar the hands hang from, set high enough for the feet to clear the floor.",
         "hand"),
    Prop("cable", "strap", 200, "A cable machine: a cable from a pulley (`height`, default 200 cm, "
                                "`x` cm in front) to the hands.", "hand"),
)
PROP_BY_NAME = {p.name: p for p in PROPS}
PROP_ALIASES = {"foam roller": "foam-roller", "roller": "foam-roller", "exercise-ball": "ball",
                "stability-ball": "ball", "swiss-ball": "ball", "med-ball": "medicine-ball",
                "slam-ball": "medicine-ball", "lacrosse-ball": "massage-ball", "pull-up bar": "pull-up-bar",
                "chin-up-bar": "pull-up-bar", "cable-machine": "cable", "resistance-band": "band",
                "step": "box", "yoga-mat": "mat"}
PROP_KEYS = ("prop", "at", "height", "x")  # the mapping form of a prop
FRAME_KEYS = ("props", "air", "ahead")  # a frame's keys that are not angles
DEMO_KEYS = ("view", "tempo", "props", "frames")
MIN_FRAMES, MAX_FRAMES = 2, 4
# Seconds down, hold, up, by category, when no tempo is given: stretches and rolling move slowly.
DEFAULT_TEMPO = {"stretching": (3.0, 2.0, 3.0), "recovery-stretches": (3.0, 1.0, 3.0), "mobility": (2.0, 1.0, 2.0),
                 "plyometrics": (0.6, 0.2, 0.6), "conditioning": (0.8, 0.2, 0.8), "strength": (2.0, 1.0, 1.0)}
FALLBACK_TEMPO = (2.0, 1.0, 2.0)


def prop_name(word: str) -> str | None:
    """The canonical prop name for a word an author wrote, or None."""
    word = word.strip().lower()
    word = PROP_ALIASES.get(word, word)
    return word if word in PROP_BY_NAME else None


def demo_tables() -> str:
    """The Markdown tables of joints, body parts and props for docs/authoring.md (`make docs`)."""
    rows = ["| joint | side view: from | to | front and back views: from | to | left_/right_ |",
            "|---|---|---|---|---|---|"]
    for j in JOINTS:
        (sl, sw, sh, shw), (fl, fw, fh, fhw) = j.side, j.front
        rows.append(f"| `{j.name}` | {sl:g} ({sw}) | {sh:g} ({shw}) | {fl:g} ({fw}) | {fh:g} ({fhw}) | "
                    f"{'yes' if j.paired else ''} |")
    aliases: dict[str, list[str]] = {}
    for alias, name in PART_ALIASES.items():
        aliases.setdefault(name, []).append(alias)
    rows += ["", "| body part | also | left_/right_ |", "|---|---|---|"]
    rows += [f"| `{p.name}` | {', '.join(aliases.get(p.name, []))} | {'yes' if p.paired else ''} |" for p in PARTS]
    names: dict[str, list[str]] = {}
    for alias, name in PROP_ALIASES.items():
        names.setdefault(name, []).append(alias)
    rows += ["", "| prop | also | what it is |", "|---|---|---|"]
    rows += [f"| `{p.name}` | {', '.join(names.get(p.name, []))} | {p.doc} |" for p in PROPS]
    return "\n".join(rows)
