"""The Atom feed of recently updated exercises and routines (feed.xml), written by every build."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from exguide.content.model import Exercise
from exguide.site.library import Library

FEED_LIMIT = 50  # newest dated exercises in the feed; readers only want recent changes
ATOM = "http://www.w3.org/2005/Atom"
XML = "http://www.w3.org/XML/1998/namespace"
NO_DATE = "1970-01-01T00:00:00Z"  # a feed with no dated exercise still needs an <updated>
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def feed_entries(lib: Library) -> list:
    """Dated exercises and routines, newest first (ties by title), at most FEED_LIMIT."""
    dated = [r for r in lib.records() if r.updated is not None]
    dated.sort(key=lambda r: (-r.updated.toordinal(), r.title.casefold(), r.slug))
    return dated[:FEED_LIMIT]


def _stamp(record) -> str:
    return f"{record.updated.isoformat()}T00:00:00Z"


def _text(text: str) -> str:
    """Text XML 1.0 can carry (control characters dropped)."""
    return _XML_UNSAFE.sub("", text)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _text(text)
    return element


def atom_feed(lib: Library) -> bytes:
    """An Atom 1.0 feed (RFC 4287); ids and links are absolute when site_url is set."""
    urls, settings = lib.urls, lib.settings
    link = lambda url: urls.absolute(url) or urls.href(url)  # noqa: E731 - one line, used below
    entries = feed_entries(lib)
    ET.register_namespace("", ATOM)
    attrs = {f"{{{XML}}}lang": settings.language}
    if settings.site_url:  # relative links inside the entries' HTML resolve against the site
        attrs[f"{{{XML}}}base"] = urls.absolute(urls.home())
    feed = ET.Element(f"{{{ATOM}}}feed", attrs)
    _add(feed, "id", link(urls.home()))
    _add(feed, "title", settings.title)
    if settings.description:
        _add(feed, "subtitle", settings.description)
    _add(feed, "updated", _stamp(entries[0]) if entries else NO_DATE)
    _add(feed, "link", rel="alternate", type="text/html", href=link(urls.home()))
    _add(feed, "link", rel="self", type="application/atom+xml", href=link(urls.file("feed.xml")))
    _add(_add(feed, "author"), "name", settings.title)
    _add(feed, "generator", "exguide")
    for record in entries:
        entry = _add(feed, "entry")
        exercise = record if isinstance(record, Exercise) else None
        page = link(urls.exercise(record.slug) if exercise else urls.routine(record.slug))
        _add(entry, "id", page)
        _add(entry, "title", record.title)
        _add(entry, "updated", _stamp(record))
        _add(entry, "link", rel="alternate", type="text/html", href=page)
        if record.author:
            _add(_add(entry, "author"), "name", record.author)
        if exercise:
            category = lib.taxonomy.categories[exercise.category]
            _add(entry, "category", term=category.id, label=category.name)
        else:
            _add(entry, "category", term="routine", label="Routine")
        _add(entry, "summary", "; ".join(exercise.key_points) if exercise else record.summary)
        _add(entry, "content", lib.bodies.get(record.source_path, ""), type="html")
        if exercise and exercise.license:
            _add(entry, "rights", exercise.license)
    ET.indent(feed, space=" ")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8",
                                                                      xml_declaration=False) + b"\n"
