"""Which fields of which records a page's templates read, recorded while it renders.

An incremental build re-renders a page only when something it used changed. The
page's context says *which* records it shows; this module records *what* of each it
read (a card reads title, category, targets and dose; an exercise's own page reads
everything), so editing an exercise's prose re-renders its own page but not the twenty
lists that show its card.

Records are whatever the content stage yields, handed in as ``{key: record}``: this
module knows no model class. Reads are seen where Jinja2 looks them up: attribute and
item access, plus any call or project filter that is handed a whole record (such a
function is assumed to read all of it, marked "*"). A Python helper that reaches other
records on its own would be invisible here: pass them in the page's context instead.
"""
from __future__ import annotations

import functools
from typing import Mapping

import jinja2
import jinja2.filters
from jinja2.runtime import Context, Macro

ALL = "*"  # the whole record was handed to a function
UNKNOWN = "\0unregistered"  # a record of a tracked type that was not handed in: never reused


class _TrackingContext(Context):
    def call(__self, __obj, *args, **kwargs):  # noqa: N805 - Jinja2's own signature
        if not isinstance(__obj, Macro):  # macros are templates: their reads are tracked inside
            __self.environment.note_whole(args, kwargs)
        return super().call(__obj, *args, **kwargs)


class TrackingEnvironment(jinja2.Environment):
    """A Jinja2 environment that notes ``record key -> {field, …}`` in ``reads`` for the page being rendered."""

    context_class = _TrackingContext

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reads: dict[str, set[str]] = {}
        self.types: frozenset = frozenset()
        self.keys: dict[int, str] = {}

    def track(self, records: Mapping[str, object]) -> None:
        """Note reads of these records from now on."""
        self.keys = {id(record): key for key, record in records.items()}
        self.types = frozenset(record.__class__ for record in records.values())
        track_filters(self)

    def note(self, obj, name: str) -> None:
        self.reads.setdefault(self.keys.get(id(obj), UNKNOWN), set()).add(name)

    def note_whole(self, args, kwargs) -> None:
        types = self.types
        for value in (*args, *kwargs.values()):
            if value.__class__ in types:
                self.note(value, ALL)

    def getattr(self, obj, attribute):
        # Jinja2's own lookup, inlined: this runs for every attribute a template reads
        if obj.__class__ in self.types:
            self.note(obj, attribute)
        try:
            return getattr(obj, attribute)
        except AttributeError:
            pass
        try:
            return obj[attribute]
        except (TypeError, LookupError, AttributeError):
            return self.undefined(obj=obj, name=attribute)

    def getitem(self, obj, argument):
        if obj.__class__ in self.types:
            self.note(obj, str(argument))
        return super().getitem(obj, argument)


def track_filters(env: TrackingEnvironment) -> None:
    """Wrap the project's own filters so a record handed to one counts as read whole."""
    for name, func in list(env.filters.items()):
        if jinja2.filters.FILTERS.get(name) is func or getattr(func, "_tracked", False):
            continue
        env.filters[name] = _tracked(env, func)


def _tracked(env, func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        env.note_whole(args, kwargs)
        return func(*args, **kwargs)

    wrapper._tracked = True  # type: ignore[attr-defined]
    return wrapper


def render_tracked(env: TrackingEnvironment, render, page) -> tuple[str, dict[str, frozenset]]:
    """``render(env, page)`` and the record fields it read."""
    env.reads = {}
    text = render(env, page)
    reads = {key: frozenset(fields) for key, fields in env.reads.items()}
    env.reads = {}
    return text, reads
