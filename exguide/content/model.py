"""The content model: typed, frozen records that every later stage reads.

Relations are kept as ids (slugs, term ids); the link stage resolves them.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from exguide.content.demo_terms import ANGLE_INDEX

LEVELS = ("beginner", "intermediate", "advanced")
REGIONS = ("upper", "core", "lower")
VIEWS = ("front", "back")


@dataclass(frozen=True)
class Quantity:
    """A number or range with a unit: reps 8-12, 30-60 s, 2 min."""

    low: float
    high: float
    unit: str  # "" for counts (reps, sets), "s" or "min" for time

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    @property
    def seconds(self) -> tuple[float, float] | None:
        """The range in seconds for times; None for counts."""
        if self.unit == "s":
            return (self.low, self.high)
        if self.unit == "min":
            return (self.low * 60, self.high * 60)
        return None

    def text(self) -> str:
        """'30–60 sec', '8–12', '2 min'."""
        numbers = _num(self.low) if not self.is_range else f"{_num(self.low)}–{_num(self.high)}"
        unit = {"s": " sec", "min": " min", "": ""}[self.unit]
        return numbers + unit

    def to_json(self) -> dict:
        data = {"min": self.low, "max": self.high, "unit": self.unit or "count", "text": self.text()}
        if self.seconds:
            data["seconds"] = {"min": self.seconds[0], "max": self.seconds[1]}
        return data


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


DOSE_FIELDS = ("sets", "reps", "duration", "hold", "rest")  # reading order: "Sets: 3 · Reps: 8–12"


@dataclass(frozen=True)
class Dose:
    """How much of an exercise to do; every part optional."""

    reps: Quantity | None = None
    sets: Quantity | None = None
    duration: Quantity | None = None
    hold: Quantity | None = None
    rest: Quantity | None = None

    def parts(self) -> list[tuple[str, Quantity]]:
        """(label, quantity) in reading order, only those given."""
        out = []
        for name in DOSE_FIELDS:
            value = getattr(self, name)
            if value is not None:
                out.append((name.capitalize(), value))
        return out

    def text(self) -> str:
        """'Reps: 1 · Duration: 30–60 sec'."""
        return " · ".join(f"{label}: {q.text()}" for label, q in self.parts())


@dataclass(frozen=True)
class Image:
    """An illustration; ``src`` is relative to content/images/."""

    src: str
    alt: str
    caption: str = ""
    credit: str = ""
    license: str = ""
    external: bool = False  # an http(s) URL rather than a file of ours


@dataclass(frozen=True)
class Video:
    """A clip: a file of content/videos/, or a YouTube or Vimeo video (``provider`` and ``video_id``)."""

    src: str
    poster: str = ""  # an image of content/images/, shown before the clip plays
    caption: str = ""
    provider: str = ""  # "youtube" or "vimeo"; "" for a file of ours
    video_id: str = ""


@dataclass(frozen=True)
class DemoProp:
    """A prop of a demo: what it is, and the body parts it goes with (exguide/content/demo_terms.py)."""

    name: str
    at: tuple[tuple[str, str], ...] = ()  # (part, side) pairs; side is "", "left" or "right"
    height: float | None = None  # cm: a box's height, a pulley's or an anchor's height
    x: float | None = None  # cm in front of the figure (behind when negative)


@dataclass(frozen=True)
class DemoFrame:
    """One key pose: every joint angle in degrees, in demo_terms.ANGLE_NAMES order."""

    angles: tuple[float, ...]
    on: tuple[DemoProp, ...] = ()  # props whose parts differ in this frame (a roller under another part)
    air: float = 0.0  # cm off the ground (a jump)
    ahead: float = 0.0  # cm the figure has moved forward since the first frame

    def angle(self, name: str) -> float:
        """One angle: ``left_knee``; an axial joint by its name: ``trunk``."""
        return self.angles[ANGLE_INDEX[name]]


@dataclass(frozen=True)
class Demo:
    """A small animated drawing of the movement, made at build time from key poses."""

    view: str  # side, front or back
    tempo: tuple[float, float, float]  # seconds down (frame 1 to the last), hold, back up
    props: tuple[DemoProp, ...]
    frames: tuple[DemoFrame, ...]
    # Derived, not written: every pose the loop visits, settled on the floor and props (site/demo_layout.py).
    # Validation works it out to find a body through the floor and keeps it, so no later stage redoes it.
    layout: object = field(default=None, compare=False, hash=False, repr=False)


@dataclass(frozen=True)
class Exercise:
    """One exercise guide."""

    slug: str
    title: str
    source_path: str
    category: str  # category id
    targets: tuple[str, ...]  # muscle ids
    key_points: tuple[str, ...]
    secondary: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    level: str = ""
    dose: Dose = Dose()
    per_side: bool = False
    images: tuple[Image, ...] = ()
    video: Video | None = None
    aliases: tuple[str, ...] = ()
    easier: tuple[str, ...] = ()
    harder: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    draft: bool = False
    updated: _dt.date | None = None
    author: str = ""
    license: str = ""
    source_url: str = ""
    demo: Demo | None = None
    body: str = ""  # Markdown
    body_line: int = 1
    file_name: str = ""  # path relative to content/exercises/, for links between files
    digest: str = ""
    lines: dict = field(default_factory=dict, compare=False, hash=False, repr=False)


@dataclass(frozen=True)
class Muscle:
    id: str
    name: str
    group: str
    region: str
    view: str
    aliases: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Group:
    id: str
    name: str
    region: str
    description: str = ""


@dataclass(frozen=True)
class Term:
    """A category or an equipment item."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    description: str = ""


GOALS = ("mobility", "strength", "core", "recovery", "conditioning", "warm-up", "power")


@dataclass(frozen=True)
class Step:
    """One step of a routine: an exercise named as the author wrote it, and what to do of it here."""

    exercise: str  # a slug, title or alias; the link stage resolves it
    line: int  # where the step starts, for messages
    dose: Dose = Dose()  # empty: the exercise's own dose applies
    per_side: bool | None = None  # None: as the exercise says
    note: str = ""


@dataclass(frozen=True)
class Routine:
    """A workout: exercises in order, done ``rounds`` times."""

    slug: str
    title: str
    source_path: str
    summary: str
    goal: str
    steps: tuple[Step, ...]
    level: str = ""
    rounds: int = 1
    rest_between: Quantity | None = None  # rest after each step unless the step gives its own
    draft: bool = False
    updated: _dt.date | None = None
    author: str = ""
    body: str = ""  # Markdown
    body_line: int = 1
    file_name: str = ""  # path relative to content/routines/
    digest: str = ""
    lines: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
