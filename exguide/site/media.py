"""What the media stage publishes, as the templates and the exports see it: pictures and their variants.

A Picture is one image file of content/images/ as published: a few widths in a modern
format (WebP) and the same widths in a fallback every browser reads (JPEG, or PNG when
the image has transparency); an SVG is one variant, itself. Names are relative to the
images/ folder of the site (urls.Urls.image makes them URLs). Pictures are frozen
values, so the reuse layer can treat each as a record whose fields a page reads.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

WEBP, JPEG, PNG, SVG = "image/webp", "image/jpeg", "image/png", "image/svg+xml"


@dataclass(frozen=True)
class Variant:
    name: str  # relative to images/, e.g. "squat-start-480w.webp"
    width: int
    height: int
    type: str  # MIME type


@dataclass(frozen=True)
class Picture:
    src: str  # as the exercise names it, relative to content/images/
    width: int  # intrinsic size of the largest variant: the <img> reserves this shape
    height: int
    variants: tuple[Variant, ...]  # modern format, narrowest first (empty for an SVG)
    fallback: tuple[Variant, ...]  # what <img> itself loads, narrowest first
    original: str = ""  # the original file's name, when the site publishes originals

    @property
    def smallest(self) -> Variant:
        """The narrowest file in the best format: card thumbnails and search results."""
        return (self.variants or self.fallback)[0]

    @property
    def largest(self) -> Variant:
        return self.fallback[-1]

    @property
    def is_svg(self) -> bool:
        return self.fallback[0].type == SVG


@dataclass(frozen=True)
class Published:
    """One image file as the media stage made it: its picture and the files to write under images/."""

    picture: Picture
    files: dict = field(default_factory=dict, compare=False)  # name -> bytes, or a Path to copy


@dataclass(frozen=True)
class Refused:
    """Why an image cannot be published; the media stage names every exercise that uses it."""

    message: str


@dataclass(frozen=True)
class VideoFile:
    """A local video of content/videos/ as published: copied as it is."""

    src: str
    type: str  # video/mp4 or video/webm
    source: Path | None = field(default=None, compare=False)
