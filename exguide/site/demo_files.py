"""A demo's published files: the moving drawing, the numbered key positions side by side, the card picture.

Each is a standalone SVG that carries its own palette (light and dark) and, for the moving one, its
own keyframes: an SVG shown as an <img> runs its own CSS animation, and a page's
Content-Security-Policy does not govern the style inside an image. The page holds only a <picture>
(templates/partials/demo.html), so a demo costs the page a few hundred bytes and the browser one
cached file.

The files are named by what they are drawn from: the demo, the muscles it tints and the drawing
code itself (DRAWING), so a name changes whenever its drawing may, caches can keep a file forever,
and exercises that show the same movement on the same muscles share one set of files, drawn once.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from exguide.content.model import Demo
from exguide.site.demo_motion import animated, keyframes, plan
from exguide.site.demo_shapes import num
from exguide.site.demo_svg import defs, svg, view_box

KINDS = ("move", "still", "card")  # file name suffixes: <key>-move.svg …
THUMBNAIL_WIDTH = 160  # px: the card picture's width; its height follows the drawing
MOVE_WIDTH = 400  # px: the intrinsic width of the moving drawing (it is scaled to its box)
CARD_FRAME = 1  # the card shows the second key pose: usually the work position (the squat's bottom)
GAP = 6.0  # cm between two key positions side by side
SHOWN_WIDTH, SHOWN_HEIGHT = 360, 272  # px: about the room the page gives the drawing on a phone
SVG_NS = ' xmlns="http://www.w3.org/2000/svg"'
# The palette of assets/css/reader.css (the drawing is an image: the page's styles do not reach inside).
PALETTE = (".b{fill:#b4bab0;stroke:#fff;stroke-width:.8}.far .b{fill:#d3d7cf}.t{fill:#c2410c}"
           ".s{fill:#fdd7b4;stroke:#c2410c;stroke-width:.6}.p{fill:#a3aab0;stroke:#fff;stroke-width:.6}"
           ".ph{fill:#6d757d}.pl{fill:none;stroke:#6d757d;stroke-width:2;stroke-linecap:round}"
           ".strap{stroke:#0f766e}.f{stroke:#8a9096;stroke-width:1.2}"
           ".n{fill:#e3f2ef}.nt{fill:#0b5d56;font-family:system-ui,sans-serif;font-weight:700;text-anchor:middle}"
           "@media (prefers-color-scheme:dark){.b{fill:#59626b;stroke:#1b1e21}.far .b{fill:#3a4148}"
           ".t{fill:#fb8c4b}.s{fill:#6b3a20;stroke:#fb8c4b}.p{fill:#6d757d;stroke:#1b1e21}.ph{fill:#a9b0b7}"
           ".pl{stroke:#a9b0b7}.strap{stroke:#5ccfc1}.f{stroke:#6d757d}.n{fill:#16302d}.nt{fill:#8fe3d8}}")


def _drawing_digest() -> str:
    """A digest of the code that draws demos: a new drawing gets new file names."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha1()
    for path in sorted(here.glob("demo_*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


DRAWING = _drawing_digest()


def muscle_classes(targets: tuple[str, ...], secondary: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(muscle id, class) to tint: main targets 't', the others 's' (a muscle in both is a target)."""
    return tuple((m, "t") for m in targets) + tuple((m, "s") for m in secondary if m not in targets)


@lru_cache(maxsize=4096)
def demo_key(demo: Demo, muscles: tuple) -> str:
    """The name shared by a demo's files: a digest of the drawing code, the demo and its tints."""
    return hashlib.sha1(f"{DRAWING}|{demo!r}|{muscles!r}".encode()).hexdigest()[:16]


def file_name(demo: Demo, muscles: tuple, kind: str) -> str:
    """'<key>-move.svg', '<key>-still.svg' or '<key>-card.svg'."""
    return key_name(demo_key(demo, muscles), kind)


def key_name(key: str, kind: str) -> str:
    assert kind in KINDS
    return f"{key}-{kind}.svg"


def _head(style: str, shapes: str) -> str:
    return f"<style>{style}</style>{shapes}"


def _with_head(drawing: str, head: str) -> bytes:
    """A drawing from demo_svg.svg made a standalone file: its head put first inside it."""
    return (drawing.replace(">", ">" + head, 1) + "\n").encode()


def _size(box: tuple, width: float) -> tuple[int, int]:
    return round(width), round(width * (box[3] - box[1]) / (box[2] - box[0]))


def move_size(demo: Demo) -> tuple[int, int]:
    """(width, height) in px of the moving drawing."""
    return _size(view_box(plan(demo)), MOVE_WIDTH)


def move_svg(demo: Demo, muscles: tuple) -> bytes:
    """The moving drawing: the first pose, its groups animated by its own stylesheet."""
    lay = plan(demo)
    classes, _rules = animated(demo)
    box = view_box(lay)
    width, height = move_size(demo)
    extra = f'{SVG_NS} width="{width}" height="{height}"'
    drawing = svg(lay, lay.poses[0], muscles, "", "demo-move", classes, box, extra=extra, shape_view=demo.view,
                  shapes="s")
    return _with_head(drawing, _head(PALETTE + keyframes(demo), defs(lay.view, demo.view, muscles, "s")))


def _columns(demo: Demo) -> int:
    """Key positions per row: all in one, but two rows of two when four wide poses would be too flat."""
    x0, y0, x1, y1 = view_box(plan(demo))
    n = len(demo.frames)
    return 2 if n == 4 and (x1 - x0) > (y1 - y0) else n


def still_layout(demo: Demo) -> tuple[tuple[float, float, float, float], list[tuple[float, float]]]:
    """(the whole drawing's box, the top-left corner of each key position in it), in cm."""
    box = view_box(plan(demo))
    w, h = box[2] - box[0], box[3] - box[1]
    cols = _columns(demo)
    corners = [((i % cols) * (w + GAP), (i // cols) * (h + GAP)) for i in range(len(demo.frames))]
    rows = (len(demo.frames) + cols - 1) // cols
    return (0.0, 0.0, cols * w + (cols - 1) * GAP, rows * h + (rows - 1) * GAP), corners


def still_size(demo: Demo) -> tuple[int, int]:
    """(width, height) in px of the key positions side by side: each as wide as the moving drawing."""
    whole, _corners = still_layout(demo)
    box = view_box(plan(demo))
    return _size(whole, MOVE_WIDTH * (whole[2] - whole[0]) / (box[2] - box[0]))


def still_svg(demo: Demo, muscles: tuple) -> bytes:
    """The key positions side by side, each numbered: for reduced motion, print and the pause control."""
    lay = plan(demo)
    box = view_box(lay)
    whole, corners = still_layout(demo)
    w, h = box[2] - box[0], box[3] - box[1]
    # the number's disc about 22 px across wherever the page shows it: scaled to a phone's width or the
    # figure's greatest height (17rem, assets/css/reader.css), whichever is smaller
    scale = min(SHOWN_WIDTH / whole[2], SHOWN_HEIGHT / whole[3])
    radius = 11 / scale
    parts = []
    for index, (x, y) in enumerate(corners):
        place = f' x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}"'
        parts.append(svg(lay, lay.poses[index], muscles, "", "k", None, box, extra=place, shape_view=demo.view,
                         shapes="s"))
        cx, cy = x + radius, y + radius
        parts.append(f'<circle class="n" cx="{num(cx)}" cy="{num(cy)}" r="{num(radius)}"/>'
                     f'<text class="nt" x="{num(cx)}" y="{num(cy + radius * 0.42)}" '
                     f'font-size="{num(radius * 1.2)}">{index + 1}</text>')
    width, height = still_size(demo)
    return (f'<svg{SVG_NS} viewBox="0 0 {num(whole[2])} {num(whole[3])}" width="{width}" height="{height}">'
            f'{_head(PALETTE, defs(lay.view, demo.view, muscles, "s"))}{"".join(parts)}</svg>\n').encode()


def card_box(demo: Demo) -> tuple:
    lay = plan(demo)
    return view_box(lay, 4.0, lay.poses[min(CARD_FRAME, len(demo.frames) - 1)])


def card_size(demo: Demo) -> tuple[int, int]:
    """(width, height) in px of the card picture."""
    return _size(card_box(demo), THUMBNAIL_WIDTH)


def card_svg(demo: Demo, muscles: tuple) -> bytes:
    """One key pose alone, for a card's picture (cards, routine steps, the player, search results)."""
    lay = plan(demo)
    pose = lay.poses[min(CARD_FRAME, len(demo.frames) - 1)]
    width, height = card_size(demo)
    extra = f'{SVG_NS} width="{width}" height="{height}"'
    drawing = svg(lay, pose, muscles, "", "demo-card", None, card_box(demo), extra=extra, shape_view=demo.view,
                  shapes="s")
    return _with_head(drawing, _head(PALETTE, defs(lay.view, demo.view, muscles, "s")))


DRAW = {"move": move_svg, "still": still_svg, "card": card_svg}


def draw_files(demo: Demo, muscles: tuple) -> dict[str, bytes]:
    """File name -> bytes of the three files of one demo as tinted."""
    return {file_name(demo, muscles, kind): DRAW[kind](demo, muscles) for kind in KINDS}
