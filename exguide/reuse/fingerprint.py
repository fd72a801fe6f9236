"""Page shapes: everything a page was rendered from but the record fields it read, hashed.

The shape covers the page's template and every template that one extends, includes or
imports; the globals; the page's own fields; and the shape of its context, with records
by key. Together with the values of the record fields its templates read (tracking.py,
compared in rendering.py) it is all a page's bytes depend on.
"""
from __future__ import annotations

import dataclasses
from typing import Mapping

import jinja2
import jinja2.meta

from exguide.reuse.digest import sha1
from exguide.reuse.live import Live


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
    """Shapes of pages against one build's records.

    ``live`` (kept by `serve`) holds the last build's shapes, each reused while the page,
    its template and the globals are the same.
    """

    def __init__(self, templates: TemplateKeys, globals_key: str, records: Mapping[str, object], live: Live):
        self.templates = templates
        self.globals_key = globals_key
        self.types = frozenset(record.__class__ for record in records.values())
        self.keys = {id(record): key for key, record in records.items()}
        self.shapes = live["shapes"]
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
        else:  # dates, taxonomy terms, plans made of records: frozen values, often the same objects on many pages
            text = self._reprs.get(id(value))
            if text is None:
                text = self._reprs[id(value)] = self._value_text(value)
            parts.append(text)

    def _value_text(self, value) -> str:
        """A frozen value's text: a dataclass field by field (records inside it by key), else its repr."""
        if not dataclasses.is_dataclass(value):
            return repr(value)
        inner = [f"D:{type(value).__qualname__}("]
        for spec in dataclasses.fields(value):
            if spec.compare:
                inner.append(spec.name + "=")
                self._shape(getattr(value, spec.name), inner)
        inner.append(")")
        return "\x1f".join(inner)


def globals_key(*parts: object) -> str:
    """What the templates' globals are made from (see render.make_environment)."""
    return sha1("\0".join(repr(part) for part in parts))
