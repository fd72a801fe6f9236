"""What the body figures draw: the neutral body and one shape per muscle, by hand.

Every muscle of content/muscles.yaml gets one shape here, as a few points on the left
half of a 200 x 440 figure; the figure mirrors it onto the right half, so both sides
always match, and joins the points by a smooth closed curve (figure_paths.py).

A muscle added to the taxonomy without a shape here is left off the figures; the
unit tests list every such muscle, so a new muscle fails the suite until drawn.
"""
from __future__ import annotations

from dataclasses import dataclass

from exguide.content.model import Muscle
from exguide.site.figure_paths import Outline, Point

WIDTH, HEIGHT = 200, 440
MIDLINE = WIDTH / 2

# --- the neutral body ---------------------------------------------------------------------------
# Left half outline of the trunk and legs, from the neck down the outside and up the inner leg.
TRUNK: Outline = (
    (100, 60), (90, 62), (79, 68), (66, 75), (58, 82), (58, 96), (62, 114), (65, 140), (69, 172),
    (70, 194), (66, 214), (63, 236), (62, 262), (63, 292), (68, 322), (72, 344), (70, 362),
    (72, 388), (78, 418), (74, 430), (76, 438), (93, 438), (96, 428), (94, 404), (96, 370),
    (95, 346), (96, 318), (98, 288), (100, 266),
)
ARM: Outline = (
    (64, 80), (53, 81), (45, 88), (41, 102), (40, 126), (38, 150), (37, 172), (33, 200), (29, 228),
    (27, 246), (24, 258), (24, 272), (30, 284), (37, 281), (40, 266), (40, 250), (45, 224), (50, 198),
    (53, 178), (56, 152), (59, 128), (62, 112), (65, 96),
)
NECK: Outline = ((92, 40), (108, 40), (110, 70), (90, 70))
HEAD = (MIDLINE, 28, 19, 24)  # centre x, centre y, radius x, radius y

# --- one shape per muscle: (view, outlines on the figure's left half) -------------------------------
SHAPES: dict[str, tuple[str, tuple[Outline, ...]]] = {
    # front
    "sternocleidomastoid": ("front", (((91, 49), (94, 48), (99, 70), (97, 74), (94, 66)),)),
    "anterior-deltoid": ("front", (((63, 83), (56, 84), (51, 92), (51, 106), (55, 115), (60, 106), (64, 93)),)),
    "lateral-deltoid": ("front", (((52, 83), (46, 89), (42, 101), (43, 113), (48, 112), (49, 98)),)),
    "pectoralis-major": ("front", (((97, 80), (81, 79), (68, 85), (64, 97), (68, 110), (82, 118), (97, 117)),)),
    "serratus-anterior": ("front", (((66, 116), (71, 118), (74, 128), (73, 142), (68, 144), (66, 130)),)),
    "biceps": ("front", (((56, 119), (50, 116), (45, 126), (43, 146), (45, 166), (51, 168), (54, 150), (57, 132)),)),
    "forearms": ("front", (((47, 179), (40, 177), (35, 194), (31, 220), (29, 240), (36, 242), (42, 220), (48, 197)),)),
    "rectus-abdominis": ("front", (((98, 122), (89, 123), (87, 148), (88, 174), (90, 196), (98, 198)),)),
    "obliques": ("front", (((85, 125), (77, 125), (72, 148), (72, 178), (74, 200), (81, 208), (86, 194), (85, 160)),)),
    "transverse-abdominis": ("front", (((98, 203), (89, 202), (79, 212), (78, 224), (87, 234), (98, 238)),)),
    "hip-flexors": ("front", (((74, 230), (67, 238), (66, 252), (72, 264), (82, 266), (88, 254), (84, 240)),)),
    "hip-adductors": ("front", (((97, 272), (91, 274), (88, 292), (89, 314), (92, 328), (97, 302)),)),
    "quadriceps": ("front", (((68, 270), (64, 292), (66, 318), (72, 338), (81, 343), (87, 331), (86, 300), (82, 276)),)),
    "tibialis-anterior": ("front", (((77, 354), (73, 360), (74, 384), (78, 410), (82, 410), (82, 382), (81, 362)),)),
    # back
    "neck-extensors": ("back", (((97, 46), (92, 47), (91, 60), (97, 62)),)),
    "upper-trapezius": ("back", (((98, 64), (91, 66), (79, 71), (66, 77), (64, 83), (76, 86), (88, 88), (98, 92)),)),
    "posterior-deltoid": ("back", (((62, 85), (54, 84), (47, 90), (43, 104), (47, 115), (55, 112), (60, 100)),)),
    "rotator-cuff": ("back", (((80, 99), (70, 100), (65, 110), (68, 122), (78, 124), (84, 112)),)),
    "middle-trapezius": ("back", (((98, 95), (86, 92), (77, 95), (84, 104), (98, 106)),
                                  ((98, 132), (91, 131), (93, 140), (98, 150))),),
    "rhomboids": ("back", (((97, 109), (88, 106), (86, 118), (89, 128), (97, 129)),)),
    "thoracic-erector-spinae": ("back", (((98, 153), (92, 153), (90, 172), (91, 192), (98, 194)),)),
    "lumbar-erector-spinae": ("back", (((98, 197), (91, 197), (89, 214), (90, 232), (98, 236)),)),
    "quadratus-lumborum": ("back", (((87, 200), (82, 202), (80, 216), (83, 228), (87, 226), (88, 212)),)),
    "latissimus-dorsi": ("back", (((86, 128), (76, 127), (67, 125), (65, 142), (68, 168), (74, 188), (79, 196),
                                   (84, 178), (88, 156), (88, 138)),)),
    "triceps": ("back", (((56, 118), (48, 117), (43, 130), (41, 150), (43, 168), (51, 170), (55, 150), (58, 132)),)),
    "gluteus-medius": ("back", (((72, 228), (65, 236), (64, 250), (70, 256), (80, 246), (83, 234)),)),
    "gluteus-maximus": ("back", (((84, 238), (74, 252), (66, 262), (68, 284), (80, 292), (92, 290), (98, 280),
                                  (98, 244)),)),
    "hamstrings": ("back", (((68, 296), (66, 316), (71, 336), (80, 344), (89, 337), (95, 312), (95, 297),
                             (82, 298)),)),
    "gastrocnemius": ("back", (((77, 351), (71, 362), (72, 382), (78, 392), (86, 389), (91, 372), (88, 354)),)),
    "soleus": ("back", (((72, 390), (78, 397), (87, 396), (92, 388), (90, 404), (84, 414), (77, 412), (74, 402)),)),
}


@dataclass(frozen=True)
class MuscleShape:
    """One muscle as drawn: its SVG path (both sides) and where a label line points to."""

    muscle: Muscle
    view: str
    d: str
    anchor: Point  # on the half of the figure nearest the label column
    curves: tuple = ()  # points along each outline as drawn (both sides), to tell which shapes touch


def mirror(points: Outline) -> Outline:
    """The outline reflected onto the other half of the figure."""
    return tuple((WIDTH - x, y) for x, y in points)
