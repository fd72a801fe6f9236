"""Page fingerprints: everything a page was rendered from, hashed.

A page is rendered again only when its fingerprint changes. The fingerprint covers the
page's template and every template that one extends, includes or imports; the globals
(settings, taxonomy, exercise count); the page's own fields; the shape of its context,
with exercises by slug; and the value of each exercise field its templates read last
time (tracking.py). Equal fingerprints mean the same bytes, because rendering depends
on nothing else.
"""
from __future__ import annotations

import dataclasses
import hashlib

import jinja2
import jinja2.meta

from exguide.content.model import Exercise
from exguide.site.pages import Page
from exguide.reuse.live import Live
from exguide.content.taxonomy import Taxonomy
from exguide.reuse.tracking import ALL


def sha1(data: bytes | str) -> str:
    return hashlib.sha1(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


class TemplateKeys:
    """A key per template: its source and the sources of every template it extends, includes or imports."""

    def __init__(self, env: jinja2.Environment, known: dict[str, tuple | None]):
        self.env = env
        self.known = known  # parsing is slow: what each template source uses, remembered in the memo
        self._own: dict[str, tuple[str, set | None]] = {}
        self._keys: dict[str, str] = {}

    def key(self, name: str) -> str:
        if name not in self._keys:
            closure, todo = set(), [name]
            while todo:
                current = todo.pop()
                if current in closure:
                    continue
                closure.add(current)
                source, refs = self._read(current)
                if refs is None:  # a template chosen at run time: depend on all of them
                    todo.extend(self.env.list_templates())
                else:
                    todo.extend(refs)
            self._keys[name] = sha1("\0".join(f"{n}\0{self._read(n)[0]}" for n in sorted(closure)))
        return self._keys[name]

    def _read(self, name: str) -> tuple[str, set | None]:
        if name not in self._own:
            try:
                source = self.env.loader.get_source(self.env, name)[0]
            except jinja2.TemplateNotFound:
                self._own[name] = ("<missing>", set())
                return self._own[name]
            digest = sha1(source)
            if digest not in self.known:
                try:
                    refs = list(jinja2.meta.find_referenced_templates(self.env.parse(source)))
                except jinja2.TemplateSyntaxError:
                    refs = []  # rendering reports the error
                self.known[digest] = None if None in refs else tuple(sorted(refs))
            refs = self.known[digest]
            self._own[name] = (source, None if refs is None else set(refs))
        return self._own[name]


class Fingerprints:
    """Fingerprints of pages against one library: what a page was made from, hashed.

    ``kept`` (reuse.Live, kept by `serve`) holds the last build's shapes, fingerprints
    and field values, each reused while what it was made from is the same: a page's shape
    while the page, its template and the globals are; its fingerprint while its shape, its
    recorded reads and the exercises it read are; an exercise's field text while the
    exercise is. A plain build passes none and keeps them for this build only.
    """

    def __init__(self, templates: TemplateKeys, globals_key: str, by_slug: dict[str, Exercise],
                 kept: Live | None = None):
        self.templates = templates
        self.globals_key = globals_key
        self.by_slug = by_slug
        self.kept = kept if kept is not None else Live()
        self._reprs: dict[int, str] = {}  # id -> repr of the taxonomy terms every page shows, made once

    def shape(self, page: Page) -> str:
        """Everything but the exercise fields: template, globals, the page's own data and its context's shape."""
        template_key = self.templates.key(page.template)
        return self.kept.shapes.get(page.url, (page, template_key, self.globals_key),
                                    lambda: self._shape_of(page, template_key))

    def _shape_of(self, page: Page, template_key: str) -> str:
        parts = [template_key, self.globals_key, page.url, page.title, page.kind, page.description, page.template]
        _shape(page.context, parts, self._reprs)
        return sha1("\x1f".join(parts))

    def of_page(self, url: str, shape: str, reads: dict) -> str | None:
        """``of`` for the page at ``url``, kept while its inputs are the same."""
        read = tuple(map(self.by_slug.get, reads))
        return self.kept.prints.get(url, (shape, reads, read), lambda: self.of(shape, reads))

    def of(self, shape: str, reads: dict) -> str | None:
        """The page's fingerprint given the fields it read; None when one of those exercises is gone."""
        parts = [shape]
        values, by_slug = self.kept.values, self.by_slug
        for slug in sorted(reads):
            fields = reads[slug]
            exercise = by_slug.get(slug)
            if exercise is None:
                return None
            # most pages read the same card fields of an exercise: made once per exercise
            parts.append(values.get((slug, fields), (exercise,), lambda: slug + "".join(
                _value(exercise, name) for name in sorted(fields))))
        return sha1("\x1f".join(parts))


def _value(exercise: Exercise, name: str) -> str:
    if name == ALL:  # an Exercise is made from its file and the taxonomy (in the globals key)
        return f"\x1e*={exercise.digest}|{exercise.file_name}|{exercise.source_path}"
    return f"\x1e{name}={getattr(exercise, name, '<missing>')!r}"


def _shape(value, parts: list, reprs: dict[int, str]) -> None:
    """A stable text for a context value; exercises appear by slug (their fields are tracked as read)."""
    kind = value.__class__
    if kind is Exercise:
        parts.append("E:" + value.slug)
    elif kind is str or isinstance(value, str):
        parts.append("s:" + value)
    elif kind in (list, tuple):
        parts.append("[")
        for item in value:
            _shape(item, parts, reprs)
        parts.append("]")
    elif kind is dict:
        parts.append("{")
        for key, item in value.items():
            parts.append(f"k:{key}")
            _shape(item, parts, reprs)
        parts.append("}")
    elif callable(value) and not dataclasses.is_dataclass(value):
        parts.append("f:" + getattr(value, "__qualname__", type(value).__qualname__))
    elif kind in (int, float, bool) or value is None:
        parts.append(repr(value))
    else:  # dates, taxonomy terms: small frozen values, the same objects on many pages
        text = reprs.get(id(value))
        if text is None:
            text = reprs[id(value)] = repr(value)
        parts.append(text)


def globals_key(settings, taxonomy: Taxonomy, exercise_count: int, env: jinja2.Environment) -> str:
    """What the templates' globals are made from (see render.make_environment)."""
    return sha1(f"{settings!r}\0{taxonomy.digest}\0{exercise_count}\0{sorted(env.globals)}\0"
                f"{sorted(env.filters)}")
