"""The media stage's bookkeeping: where the media cache lives, which files to publish, and each
refused image reported at every place that uses it.

The images themselves are published one by one by site/images.py (through the reuse
layer, see pipeline.publish_media); this module joins the results into the library's
pictures and the files of the write stage, and checks that no two images would be
written to one name.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from exguide.errors import Diagnostic, error
from exguide.reuse.blobs import FolderStore
from exguide.site.images import MediaOptions, publish_image
from exguide.site.library import Library
from exguide.site.media import Published, Refused

IMAGES, VIDEOS = "images/", "videos/"


@dataclass
class MediaFiles:
    """What the write stage publishes of the media: bytes made this build, and files to copy."""

    data: dict[str, bytes] = field(default_factory=dict)  # output path -> bytes
    copies: dict[str, Path] = field(default_factory=dict)  # output path -> file (the cache's, or content's)


def media_store(options) -> FolderStore | None:
    """The media cache: beside the build memo (.cache/media/), or beside `serve`'s preview; none for a
    plain build, whose images are encoded into the staging area only."""
    if options.cache_dir is not None:
        return FolderStore(options.cache_dir / "media")
    if options.in_place:
        return FolderStore(options.output_dir.parent / "media")
    return None


def media_options(options, settings) -> MediaOptions:
    return MediaOptions(originals=settings.publish_originals, encode=options.write)


def media_paths(library: Library, images_dir: Path) -> tuple[list[Path], list[Path]]:
    """(images only the front matter uses, images a Markdown body shows), each sorted; the second also get
    a copy under their own name, which the body's link names."""
    body = sorted(library.body_images)
    front = sorted(set(library.image_uses) - set(body))
    return [images_dir / src for src in front], [images_dir / src for src in body]


def gather_media(library: Library, images_dir: Path, store: FolderStore | None, options: MediaOptions,
                 front: list, body: list) -> tuple[MediaFiles, list[Diagnostic]]:
    """The library's pictures and the files to publish from the media stage's results; the problems."""
    out, problems = MediaFiles(), []
    owners: dict[str, str] = {}  # output name -> the source image it comes from
    clashes: set[tuple[str, str]] = set()
    for results, as_named in ((front, False), (body, True)):
        for result in results:
            if isinstance(result, Published) and _gone(result):  # the cache lost its folder: make it again
                src = result.picture.src
                result = publish_image(images_dir, store, replace(options, as_named=as_named), images_dir / src)
            if isinstance(result, Refused):
                continue
            picture = result.picture
            library.pictures.setdefault(picture.src, picture)
            for name, payload in sorted(result.files.items()):
                other = owners.setdefault(name, picture.src)
                if other != picture.src:
                    if (other, picture.src) not in clashes:  # one message per pair, naming one file
                        clashes.add((other, picture.src))
                        problems.append(_collision(library, name, other, picture.src))
                elif isinstance(payload, Path):
                    out.copies[IMAGES + name] = payload
                else:
                    out.data[IMAGES + name] = payload
    problems += _refusals(library, images_dir, front + body)
    for src, video in sorted(library.videos.items()):
        out.copies[VIDEOS + src] = video.source
    return out, problems


def _gone(result: Published) -> bool:
    return any(isinstance(p, Path) and not p.exists() for p in result.files.values())


def _refusals(library: Library, images_dir: Path, results: list) -> list[Diagnostic]:
    """Each refused image, at every place that uses it: front matter by field and line, a body at its start."""
    problems = []
    paths = media_paths(library, images_dir)
    for path, result in zip(paths[0] + paths[1], results):
        if not isinstance(result, Refused):
            continue
        src = path.relative_to(images_dir).as_posix()
        uses = library.image_uses.get(src, []) + [(p, line, "body") for p, line in library.body_images.get(src, [])]
        problems += [error(p, line, name, result.message) for p, line, name in uses]
    return problems


def _collision(library: Library, name: str, first: str, second: str) -> Diagnostic:
    path, line, field_name = (library.image_uses.get(second) or [(second, 0, "images.src")])[0]
    return error(path, line, field_name, f"'{first}' and '{second}' would both be published as images/{name}; "
                                         "rename one of them")
