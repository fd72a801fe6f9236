"""Card thumbnails for exercises without a photo: the body figure of one view, its muscles highlighted.

One small SVG file per set of muscles (many exercises share one), named by those muscles,
so a list of cards loads a few cached files instead of inlining a figure per card. The
view shown is the one with more of the targets on it (the front on a tie).
"""
from __future__ import annotations

import hashlib

from exguide.site.figure import BodyFigure
from exguide.site.figure_shapes import HEIGHT, WIDTH

SIZE = (WIDTH, 220)  # the <img> reserves this shape: half the body's height, about square

STYLE = ("<style>.b{fill:#e2e4df}.t{fill:#c2410c}.s{fill:#fdd7b4;stroke:#c2410c;stroke-width:1.6}"
         "@media (prefers-color-scheme:dark){.b{fill:#2b3035}.t{fill:#fb8c4b}.s{fill:#6b3a20;stroke:#fb8c4b}}"
         "</style>")


def thumb_name(targets: tuple[str, ...], secondary: tuple[str, ...]) -> str:
    """The file name of the thumbnail for these muscles (ids), the same on every build."""
    key = ",".join(targets) + "|" + ",".join(m for m in secondary if m not in targets)
    return hashlib.sha1(key.encode()).hexdigest()[:12] + ".svg"


def thumb_svg(figure: BodyFigure, targets: tuple[str, ...], secondary: tuple[str, ...]) -> bytes:
    """The thumbnail drawing: the silhouette, the targets strong, the other muscles worked lighter."""
    target_ids, secondary_ids = set(targets), set(secondary) - set(targets)
    views = figure.views
    view = max(views, key=lambda v: (sum(s.muscle.id in target_ids for s in v.shapes),
                                     sum(s.muscle.id in secondary_ids for s in v.shapes), v.view == "front"))
    # the half of the body where the worked muscles are, so a small card still shows them
    anchors = [s.anchor[1] for s in view.shapes if s.muscle.id in target_ids] or [
        s.anchor[1] for s in view.shapes if s.muscle.id in secondary_ids] or [HEIGHT / 2]
    top = round(min(max(sum(anchors) / len(anchors) - SIZE[1] / 2, 0), HEIGHT - SIZE[1]))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 {top} {SIZE[0]} {SIZE[1]}" width="{SIZE[0]}" '
             f'height="{SIZE[1]}">{STYLE}<g class="b">']
    parts += [f'<path d="{d}"/>' for d in view.body]
    parts.append("</g>")
    for shape in view.shapes:
        state = "t" if shape.muscle.id in target_ids else "s" if shape.muscle.id in secondary_ids else ""
        if state:
            parts.append(f'<path class="{state}" d="{shape.d}"/>')
    parts.append("</svg>\n")
    return "".join(parts).encode()


def thumb_files(figure: BodyFigure, exercises: list) -> dict[str, bytes]:
    """Name -> bytes of every thumbnail the exercises' cards may show."""
    files = {}
    for exercise in exercises:
        name = thumb_name(exercise.targets, exercise.secondary)
        if name not in files:
            files[name] = thumb_svg(figure, exercise.targets, exercise.secondary)
    return files
