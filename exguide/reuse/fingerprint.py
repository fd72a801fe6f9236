"""Page fingerprints: everything a page was rendered from, hashed.

A page is rendered again only when its fingerprint changes. The fingerprint covers the
page's template and every template that one extends, includes or imports; the globals;
the page's own fields; the shape of its context, with records by key; and the value of
each record field its templates read last time (tracking.py). Equal fingerprints mean
the same bytes, because rendering depends on nothing else.
"""
from __future__ import annotations

import dataclasses
from typing import Mapping

import jinja2
import jinja2.meta

from exguide.reuse.digest import sha1
from exguide.reuse.live import Live
from exguide.reuse.tracking import ALL


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
    """Fingerprints of pages against one build's records: what a page was made from, hashed.

    ``live`` (kept by `serve`) holds the last build's shapes and field values, each reused
    while what it was made from is the same: a page's shape while the page, its template and
    the globals are; a record's field text while the record is.
    """

    def __init__(self, templates: TemplateKeys, globals_key: str, records: Mapping[str, object], live: Live):
        self.templates = templates
        self.globals_key = globals_key
        self.records = records
        self.types = frozenset(record.__class__ for record in records.values())
        self.keys = {id(record): key for key, record in records.items()}
        self.shapes, self.values = live["shapes"], live["values"]
        self._reprs: dict[int, str] = {}  # id -> repr of the small values many pages show, made once

    def shape(self, page) -> str:
        """Everything but the record fields: template, globals, the page's own data and its context's shape."""
        template_key = self.templates.key(page.template)
        return self.shapes.get(page.url, (page, template_key, self.globals_key),
                               lambda: self._shape_of(page, template_key))

    def _shape_of(self, page, template_key: str) -> str:
        parts = [template_key, self.globals_key, page.url, page.title, page.kind, page.description, page.template]
        self._shape(page.context, parts)
        return sha1("\x1f".join(parts))

    def fields(self, reads: dict) -> str | None:
        """The values of the record fields a page read, hashed; None when one of those records is gone."""
        parts = []
        values, records = self.values, self.records
        for key in sorted(reads):
            fields = reads[key]
            record = records.get(key)
            if record is None:
                return None
            # most pages read the same card fields of a record: made once per record
            parts.append(values.get((key, fields), (record,), lambda: key + "".join(
                _value(record, name) for name in sorted(fields))))
        return sha1("\x1f".join(parts))

    def _shape(self, value, parts: list) -> None:
        """A stable text for a context value; records appear by key (their fields are tracked as read)."""
        kind = value.__class__
        if kind in self.types:
            parts.append("R:" + self.keys.get(id(value), "\0unregistered"))
        elif kind is str or isinstance(value, str):
            parts.append("s:" + value)
        elif kind in (list, tuple):
            parts.append("[")
            for item in value:
                self._shape(item, parts)
            parts.append("]")
        elif kind is dict:
            parts.append("{")
            for key, item in value.items():
                parts.append(f"k:{key}")
                self._shape(item, parts)
            parts.append("}")
        elif callable(value) and not dataclasses.is_dataclass(value):
            parts.append("f:" + getattr(value, "__qualname__", type(value).__qualname__))
        elif kind in (int, float, bool) or value is None:
            parts.append(repr(value))
        else:  # dates, taxonomy terms: small frozen values, the same objects on many pages
            text = self._reprs.get(id(value))
            if text is None:
                text = self._reprs[id(value)] = repr(value)
            parts.append(text)


def _value(record, name: str) -> str:
    if name == ALL:  # handed whole to a function: all of it counts (a frozen record's repr is its value)
        return f"\x1e*={sha1(repr(record))}"
    return f"\x1e{name}={getattr(record, name, '<missing>')!r}"


def globals_key(*parts: object) -> str:
    """What the templates' globals are made from (see render.make_environment)."""
    return sha1("\0".join(repr(part) for part in parts))
