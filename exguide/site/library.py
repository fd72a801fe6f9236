"""The link stage: exercises and taxonomy joined into one library of pages-to-be.

Resolves slugs (duplicates, variations, related), checks images, and groups
exercises per muscle, group, category and equipment.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from exguide.content.settings import Settings
from exguide.errors import Diagnostic, did_you_mean, error
from exguide.site.markup import check_local_path
from exguide.site.video import check_video_file
from exguide.content.model import Exercise, Routine
from exguide.content.taxonomy import Taxonomy
from exguide.site.routines import RoutinePlan, link_routines
from exguide.site.urls import Urls


@dataclass
class Library:
    """Everything the page planner needs, with relations resolved."""

    settings: Settings
    taxonomy: Taxonomy
    urls: Urls
    exercises: list[Exercise] = field(default_factory=list)  # sorted by title, then slug
    by_slug: dict[str, Exercise] = field(default_factory=dict)
    bodies: dict[str, str] = field(default_factory=dict)  # source path -> safe HTML of its body
    images: set[str] = field(default_factory=set)  # files under content/images to publish
    image_uses: dict[str, list[tuple]] = field(default_factory=dict)  # src -> (source_path, line, field) using it
    body_images: dict[str, list[tuple]] = field(default_factory=dict)  # src -> (source_path, line) of bodies showing it
    pictures: dict = field(default_factory=dict)  # src -> media.Picture, once the media stage has run
    videos: dict = field(default_factory=dict)  # src -> media.VideoFile of content/videos
    targets_of: dict[str, list[Exercise]] = field(default_factory=dict)
    secondary_of: dict[str, list[Exercise]] = field(default_factory=dict)
    by_group: dict[str, list[Exercise]] = field(default_factory=dict)
    by_category: dict[str, list[Exercise]] = field(default_factory=dict)
    by_equipment: dict[str, list[Exercise]] = field(default_factory=dict)
    referenced_by: dict[str, list[Exercise]] = field(default_factory=dict)  # slug -> exercises linking to it
    routines: list[RoutinePlan] = field(default_factory=list)  # sorted by title, then slug
    routines_of: dict[str, list[RoutinePlan]] = field(default_factory=dict)  # exercise slug -> routines using it

    def records(self) -> list:
        """Every content record the site is made from, exercises first."""
        return [*self.exercises, *(plan.routine for plan in self.routines)]


def sort_key(exercise: Exercise) -> tuple:
    return (exercise.title.casefold(), exercise.slug)


def link_library(exercises: list[Exercise], taxonomy: Taxonomy, settings: Settings, content_dir: Path,
                 routines: list[Routine] = (), hidden: list[Exercise] = ()) -> tuple[Library, list[Diagnostic]]:
    """Resolve every reference between exercises; all problems collected. Bodies are rendered
    after this (bodies.py), since their links resolve through the library made here."""
    urls = Urls(settings.base_url, settings.site_url)
    lib = Library(settings=settings, taxonomy=taxonomy, urls=urls)
    problems: list[Diagnostic] = []
    _index_slugs(lib, exercises, problems)
    images_dir = content_dir / "images"
    for exercise in lib.exercises:
        _check_references(lib, exercise, problems)
        _check_images(lib, exercise, images_dir, problems)
        _check_video(lib, exercise, content_dir, problems)
    _group(lib)
    plans, found = link_routines(list(routines), lib.exercises, list(hidden))
    problems += found
    lib.routines = list(plans.values())
    for plan in lib.routines:
        for slug in dict.fromkeys(step.exercise.slug for step in plan.steps):
            lib.routines_of.setdefault(slug, []).append(plan)
    return lib, problems


def _index_slugs(lib: Library, exercises: list[Exercise], problems: list[Diagnostic]) -> None:
    """Exercises keyed by slug; two files with one slug is an error naming both."""
    claims: dict[str, list[Exercise]] = {}
    for exercise in exercises:
        claims.setdefault(exercise.slug, []).append(exercise)
    for slug, owners in sorted(claims.items()):
        if len(owners) > 1:
            paths = ", ".join(sorted(e.source_path for e in owners))
            problems.append(error("", 0, "", f"two pages would be written to exercises/{slug}/: {paths}; "
                                             "rename one file or set a different 'slug'"))
        lib.by_slug[slug] = owners[0]
    lib.exercises = sorted(lib.by_slug.values(), key=sort_key)


def _check_references(lib: Library, exercise: Exercise, problems: list[Diagnostic]) -> None:
    """Variations and related slugs must name published exercises."""
    for name, path, slugs in (("variations.easier", ("variations", "easier"), exercise.easier),
                              ("variations.harder", ("variations", "harder"), exercise.harder),
                              ("related", ("related",), exercise.related)):
        for index, slug in enumerate(slugs):
            line = exercise.lines.get(path + (index,), exercise.lines.get(path, 1))
            if slug == exercise.slug:
                problems.append(error(exercise.source_path, line, name, f"'{slug}' is this exercise itself; remove it"))
            elif slug not in lib.by_slug:
                problems.append(error(exercise.source_path, line, name,
                                      f"no exercise with slug '{slug}'{did_you_mean(slug, list(lib.by_slug))}"))
            else:
                lib.referenced_by.setdefault(slug, []).append(exercise)


def image_exists(images_dir: Path, src: str) -> bool:
    """True when content/images/<src> is a file that stays inside content/images, links resolved.

    The images folder itself must also stay inside content/: a linked folder could
    otherwise publish any file on the machine.
    """
    path = images_dir / src
    try:
        resolved = os.path.realpath(path)
        root = os.path.realpath(images_dir)
        content = os.path.realpath(images_dir.parent)
    except (OSError, RuntimeError, ValueError):  # RuntimeError: a symlink loop on older Pythons
        return False
    return (resolved.startswith(root + os.sep) and root.startswith(content + os.sep)
            and os.path.isfile(resolved))


def _linked(images_dir: Path, src: str) -> bool:
    """True when content/images or anything on the way from it to ``src`` is a symbolic link."""
    path = images_dir
    for part in ("", *src.split("/")):
        path = path / part if part else path
        if path.is_symlink():
            return True
    return False


def _check_images(lib: Library, exercise: Exercise, images_dir: Path, problems: list[Diagnostic]) -> None:
    for index, image in enumerate(exercise.images):
        line = exercise.lines.get(("images", index, "src"), exercise.lines.get(("images",), 1))
        if not image.src.startswith(("https://", "http://")):
            _check_file(lib, exercise, images_dir, image.src, line, "images.src", problems)


def _check_file(lib: Library, exercise: Exercise, folder: Path, src: str, line: int, name: str,
                problems: list[Diagnostic], kind: str = "image") -> bool:
    """True when ``src`` names a file inside ``folder`` (content/images or content/videos); an image is
    noted for the media stage with where it is used."""
    where = f"content/{folder.name}/"
    unsafe = check_local_path(src)
    if unsafe or ":" in src:
        reason = unsafe or "URL schemes other than https:// are not allowed"
        problems.append(error(exercise.source_path, line, name, f"'{src[:60]}': {reason}; give a file name in {where}"))
    elif not (found := image_exists(folder, src)) and _linked(folder, src):
        problems.append(error(exercise.source_path, line, name,
                              f"{kind} '{src}' is a symbolic link leading outside {where}; "
                              f"copy the file into {where} instead"))
    elif not found:
        existing = sorted(p.name for p in folder.glob("*")) if folder.is_dir() else []
        hint = did_you_mean(src, existing) or f"; add the file to {where} or fix the name"
        problems.append(error(exercise.source_path, line, name, f"{kind} '{src}' not found in {where}{hint}"))
    else:
        if kind == "image":
            lib.images.add(src)
            lib.image_uses.setdefault(src, []).append((exercise.source_path, line, name))
        return True
    return False


def _check_video(lib: Library, exercise: Exercise, content_dir: Path, problems: list[Diagnostic]) -> None:
    """A local video must be a playable file of content/videos; a poster, an image like any other."""
    video = exercise.video
    if video is None:
        return
    line = exercise.lines.get(("video", "src"), exercise.lines.get(("video",), 1))
    if video.poster:
        poster_line = exercise.lines.get(("video", "poster"), line)
        _check_file(lib, exercise, content_dir / "images", video.poster, poster_line, "video.poster", problems)
    if video.provider or not _check_file(lib, exercise, content_dir / "videos", video.src, line, "video.src",
                                         problems, kind="video"):
        return
    found = check_video_file(content_dir / "videos", video.src)
    if isinstance(found, str):
        problems.append(error(exercise.source_path, line, "video.src", found))
    else:
        lib.videos[video.src] = found


def _group(lib: Library) -> None:
    """Per-term lists, each in title order (exercises are already sorted)."""
    muscles = lib.taxonomy.muscles
    groups_of: dict[tuple, tuple] = {}  # many exercises work the same muscles
    for exercise in lib.exercises:
        for muscle in exercise.targets:
            lib.targets_of.setdefault(muscle, []).append(exercise)
        for muscle in exercise.secondary:
            lib.secondary_of.setdefault(muscle, []).append(exercise)
        worked = exercise.targets + exercise.secondary
        groups = groups_of.get(worked)
        if groups is None:
            groups = groups_of[worked] = tuple(dict.fromkeys(muscles[m].group for m in worked if m in muscles))
        for group in groups:
            lib.by_group.setdefault(group, []).append(exercise)
        lib.by_category.setdefault(exercise.category, []).append(exercise)
        for item in exercise.equipment:
            lib.by_equipment.setdefault(item, []).append(exercise)
