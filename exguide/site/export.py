"""Data export: the content model as JSON for other apps, and the Atom feed (feed.py) of recent changes.

Written by every build: api/exercises.json (an index: counts, the pages and each exercise's slug,
title and page), api/exercise-pages/<n>.json (the whole records, EXPORT_PAGE_SIZE a file, A to Z),
api/exercises/<slug>.json (one each), api/taxonomy.json (muscles, groups, categories, equipment) and
feed.xml. No file grows past a few megabytes with the library (docs/data.md).
Everything is deterministic: sorted keys, library order, dates from content only.
"""
from __future__ import annotations

import json

from exguide.site.demos import demo_record
from exguide.site.feed import atom_feed
from exguide.site.library import Library
from exguide.content.model import DOSE_FIELDS, Exercise, Image, Term, Video
from exguide.site.media import Picture
from exguide.site.urls import Urls
from exguide.site.video import player_url, watch_url

API_VERSION = 2  # 2: api/exercises.json became an index, the records went into api/exercise-pages/
EXPORT_PAGE_SIZE = 500  # whole records a file of api/exercise-pages/: about 1 MB at today's record sizes


def export_files(library: Library, dumped: list[bytes] | None = None,
                 page_size: int = EXPORT_PAGE_SIZE) -> dict[str, bytes]:
    """Output path -> bytes of every export file.

    ``dumped``: each exercise's ``exercise_bytes`` in library order, when already made (an
    incremental build reuses unchanged ones); made here otherwise.
    """
    if dumped is None:
        dumped = [exercise_bytes(library, e) for e in library.exercises]
    files = {f"api/exercises/{e.slug}.json": data for e, data in zip(library.exercises, dumped)}
    count = max(1, -(-len(dumped) // page_size))
    for number in range(1, count + 1):
        start = (number - 1) * page_size
        files[export_page_path(number)] = _export_page(library, dumped[start:start + page_size], number, count)
    files["api/exercises.json"] = dump(_index(library, page_size, count))
    files["api/taxonomy.json"] = dump(taxonomy_record(library))
    files["feed.xml"] = atom_feed(library)
    return files


def export_page_path(number: int) -> str:
    """Where page ``number`` of the whole records is written (its site URL is this with a leading /)."""
    return f"api/exercise-pages/{number}.json"


def exercise_bytes(lib: Library, exercise: Exercise) -> bytes:
    """One exercise's api/exercises/<slug>.json."""
    return dump(exercise_record(lib, exercise))


def _index(lib: Library, page_size: int, count: int) -> dict:
    """api/exercises.json: what there is and where to find it, small enough to fetch first."""
    urls, exercises = lib.urls, lib.exercises
    pages = []
    for number in range(1, count + 1):
        shown = exercises[(number - 1) * page_size:number * page_size]
        pages.append({"page": number, "count": len(shown), "first": shown[0].slug if shown else None,
                      "last": shown[-1].slug if shown else None, **link_fields(urls, "/" + export_page_path(number))})
    return {"version": API_VERSION, "site": site_record(lib), "count": len(exercises), "page_size": page_size,
            "pages": pages,
            # a record's address: {slug} replaced by the exercise's slug
            "record": link_fields(urls, "/api/exercises/{slug}.json"),
            "exercises": [{"slug": e.slug, "title": e.title, "page": index // page_size + 1}
                          for index, e in enumerate(exercises)]}


def _export_page(lib: Library, dumped: list[bytes], number: int, count: int) -> bytes:
    """One api/exercise-pages/<n>.json, joined from the dumped records: byte for byte what dumping it whole
    gives, since compact JSON with sorted keys nests verbatim (keys: count, exercises, next, page, pages,
    previous, version)."""
    def link(n: int) -> bytes:
        return dump(link_fields(lib.urls, "/" + export_page_path(n)))[:-1] if 1 <= n <= count else b"null"

    parts = [b'{"count":', str(len(dumped)).encode(), b',"exercises":[']
    for index, data in enumerate(dumped):
        if index:
            parts.append(b",")
        parts.append(memoryview(data)[:-1])  # without its final newline, and not copied twice
    parts += [b'],"next":', link(number + 1), b',"page":', str(number).encode(), b',"pages":', str(count).encode(),
              b',"previous":', link(number - 1), b',"version":', str(API_VERSION).encode(), b"}\n"]
    return b"".join(parts)


def dump(data) -> bytes:
    """Compact UTF-8 JSON with sorted keys and a final newline."""
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


def record_inputs(lib: Library, exercise: Exercise) -> tuple:
    """Everything an exercise's record is made from: the exercise, its body, the URLs, the
    taxonomy and the title of each exercise it names (None for one that is missing)."""
    return (exercise, lib.bodies.get(exercise.source_path, ""), lib.urls, lib.taxonomy.digest,
            tuple((slug, lib.by_slug[slug].title if slug in lib.by_slug else None)
                  for slug in (*exercise.easier, *exercise.harder, *exercise.related)),
            tuple(lib.pictures.get(src) for src in media_of(exercise)))


def media_of(exercise: Exercise) -> list[str]:
    """The images of ours an exercise shows: its images, then its video's poster."""
    srcs = [i.src for i in exercise.images if not i.src.startswith(("https://", "http://"))]
    return srcs + ([exercise.video.poster] if exercise.video and exercise.video.poster else [])


def link_fields(urls: Urls, url: str) -> dict:
    """'href' (with the base path) and 'url' (absolute when site_url is set, else the href)."""
    href = urls.href(url)
    return {"href": href, "url": urls.absolute(url) or href}


def site_record(lib: Library) -> dict:
    s = lib.settings
    return {"title": s.title, "description": s.description, "language": s.language,
            "base_url": s.base_url, "site_url": s.site_url or None, **link_fields(lib.urls, lib.urls.home())}


def term_fields(urls: Urls, term: Term, url: str) -> dict:
    return {"id": term.id, "name": term.name, **link_fields(urls, url)}


def _muscle(lib: Library, muscle_id: str) -> dict:
    muscle = lib.taxonomy.muscles[muscle_id]
    group = lib.taxonomy.groups.get(muscle.group)
    return {"id": muscle.id, "name": muscle.name, "region": muscle.region,
            "group": {"id": muscle.group, "name": group.name if group else muscle.group},
            **link_fields(lib.urls, lib.urls.muscle(muscle.id))}


def _image(lib: Library, image: Image) -> dict:
    urls = lib.urls
    external = image.src.startswith(("https://", "http://"))
    picture = None if external else lib.pictures.get(image.src)
    links = {"href": image.src, "url": image.src} if external else link_fields(urls, urls.image(image.src))
    record = {"src": image.src, "alt": image.alt, "caption": image.caption or None, "credit": image.credit or None,
              "license": image.license or None, "external": external, **links, **_published(urls, picture)}
    if picture is not None:  # the link goes to the widest published file: the original is not published
        record.update(link_fields(urls, urls.image(picture.largest.name)))
    return record


def _published(urls: Urls, picture: Picture | None) -> dict:
    """The published files of an image of ours (URL, width, height, type), narrowest first, best format first."""
    if picture is None:
        return {"width": None, "height": None, "variants": [], "original": None}
    return {"width": picture.width, "height": picture.height,
            "variants": [{"width": v.width, "height": v.height, "type": v.type, **link_fields(urls, urls.image(v.name))}
                         for v in picture.variants + picture.fallback],
            "original": link_fields(urls, urls.image(picture.original)) if picture.original else None}


def _video(lib: Library, video: Video | None) -> dict | None:
    """The clip: our own file, or a YouTube/Vimeo video with its privacy-enhanced player."""
    if video is None:
        return None
    urls = lib.urls
    poster = lib.pictures.get(video.poster) if video.poster else None
    if video.provider:
        watch = watch_url(video.provider, video.video_id)
        where = {"href": watch, "url": watch, "embed_url": player_url(video.provider, video.video_id), "type": None}
    else:
        where = {**link_fields(urls, urls.video(video.src)), "embed_url": None,
                 "type": "video/webm" if video.src.lower().endswith(".webm") else "video/mp4"}
    return {"src": video.src, "caption": video.caption or None, "provider": video.provider or None, **where,
            "poster": {"src": video.poster, **_published(urls, poster)} if video.poster else None}


def _ref(lib: Library, slug: str) -> dict:
    """Another exercise named by a variation or related link."""
    other = lib.by_slug[slug]
    return {"slug": slug, "title": other.title, **link_fields(lib.urls, lib.urls.exercise(slug))}


def exercise_record(lib: Library, exercise: Exercise) -> dict:
    """Everything a reader sees about one exercise, with ids, numbers and links resolved."""
    tax, urls = lib.taxonomy, lib.urls
    dose = {name: getattr(exercise.dose, name).to_json() for name in DOSE_FIELDS
            if getattr(exercise.dose, name) is not None}
    return {
        "slug": exercise.slug,
        "title": exercise.title,
        **link_fields(urls, urls.exercise(exercise.slug)),
        "category": term_fields(urls, tax.categories[exercise.category], urls.category(exercise.category)),
        "targets": [_muscle(lib, m) for m in exercise.targets],
        "secondary": [_muscle(lib, m) for m in exercise.secondary],
        "equipment": [term_fields(urls, tax.equipment[e], urls.equipment(e)) for e in exercise.equipment],
        "level": exercise.level or None,
        "dose": dose,
        "dose_text": exercise.dose.text() or None,
        "per_side": exercise.per_side,
        "key_points": list(exercise.key_points),
        "aliases": list(exercise.aliases),
        "variations": {"easier": [_ref(lib, s) for s in exercise.easier if s in lib.by_slug],
                       "harder": [_ref(lib, s) for s in exercise.harder if s in lib.by_slug]},
        "related": [_ref(lib, s) for s in exercise.related if s in lib.by_slug],
        "cautions": list(exercise.cautions),
        "tags": list(exercise.tags),
        "draft": exercise.draft,
        "updated": exercise.updated.isoformat() if exercise.updated else None,
        "author": exercise.author or None,
        "license": exercise.license or None,
        "source_url": exercise.source_url or None,
        "body_html": lib.bodies.get(exercise.source_path, ""),
        "images": [_image(lib, i) for i in exercise.images],
        "video": _video(lib, exercise.video),
        "demo": demo_record(exercise.demo),
    }


def taxonomy_record(lib: Library) -> dict:
    """The vocabularies with their descriptions, links and how many exercises use each term."""
    tax, urls = lib.taxonomy, lib.urls

    def count(lists: dict, term_id: str) -> int:
        return len(lists.get(term_id, []))

    return {
        "version": API_VERSION,
        "groups": [{"id": g.id, "name": g.name, "region": g.region, "description": g.description or None,
                    "muscles": [m.id for m in tax.muscles.values() if m.group == g.id],
                    "exercise_count": count(lib.by_group, g.id), **link_fields(urls, urls.group(g.id))}
                   for g in tax.groups.values()],
        "muscles": [{"id": m.id, "name": m.name, "group": m.group, "region": m.region, "view": m.view,
                     "aliases": list(m.aliases), "description": m.description or None,
                     "target_count": count(lib.targets_of, m.id),
                     "secondary_count": count(lib.secondary_of, m.id), **link_fields(urls, urls.muscle(m.id))}
                    for m in tax.muscles.values()],
        "categories": [_vocab_term(urls, t, urls.category(t.id), count(lib.by_category, t.id))
                       for t in tax.categories.values()],
        "equipment": [_vocab_term(urls, t, urls.equipment(t.id), count(lib.by_equipment, t.id))
                      for t in tax.equipment.values()],
    }


def _vocab_term(urls: Urls, term: Term, url: str, exercises: int) -> dict:
    return {"id": term.id, "name": term.name, "aliases": list(term.aliases),
            "description": term.description or None, "exercise_count": exercises, **link_fields(urls, url)}
