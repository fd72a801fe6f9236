"""Which exercise fields a page's templates read, recorded while it renders.

An incremental build re-renders a page only when something it used changed. The
page's context says *which* exercises it shows; this module records *what* of
each it read (a card reads title, category, targets and dose; the exercise's own
page reads everything), so editing an exercise's prose re-renders its own page
but not the twenty lists that show its card.

Reads are seen where Jinja2 looks them up: attribute and item access, plus any
call or non-builtin filter that is handed a whole exercise (such a function is
assumed to read all of it, marked "*"). A Python helper that reaches other
exercises through the library on its own would be invisible here: pass them in
the page's context instead (pages.py), where they are tracked.
"""
from __future__ import annotations

import functools

import jinja2
import jinja2.filters
from jinja2.runtime import Context, Macro

from exguide.content.model import Exercise

ALL = "*"  # the whole exercise was handed to a function


class _TrackingContext(Context):
    def call(__self, __obj, *args, **kwargs):  # noqa: N805 - Jinja2's own signature
        if not isinstance(__obj, Macro):  # macros are templates: their reads are tracked inside
            _note_whole(__self.environment, args, kwargs)
        return super().call(__obj, *args, **kwargs)


def _note_whole(env, args, kwargs) -> None:
    for value in (*args, *kwargs.values()):
        if value.__class__ is Exercise:
            env.reads.setdefault(value.slug, set()).add(ALL)


class TrackingEnvironment(jinja2.Environment):
    """A Jinja2 environment that notes ``slug -> {field, …}`` in ``reads`` for the page being rendered."""

    context_class = _TrackingContext

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reads: dict[str, set[str]] = {}

    def getattr(self, obj, attribute):
        # Jinja2's own lookup, inlined: this runs for every attribute a template reads
        if obj.__class__ is Exercise:
            self.reads.setdefault(obj.slug, set()).add(attribute)
        try:
            return getattr(obj, attribute)
        except AttributeError:
            pass
        try:
            return obj[attribute]
        except (TypeError, LookupError, AttributeError):
            return self.undefined(obj=obj, name=attribute)

    def getitem(self, obj, argument):
        if obj.__class__ is Exercise:
            self.reads.setdefault(obj.slug, set()).add(str(argument))
        return super().getitem(obj, argument)


def track_filters(env: TrackingEnvironment) -> None:
    """Wrap the project's own filters so an exercise handed to one counts as read whole."""
    for name, func in list(env.filters.items()):
        if jinja2.filters.FILTERS.get(name) is func or getattr(func, "_tracked", False):
            continue
        env.filters[name] = _tracked(env, func)


def _tracked(env, func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        _note_whole(env, args, kwargs)
        return func(*args, **kwargs)

    wrapper._tracked = True  # type: ignore[attr-defined]
    return wrapper


def render_tracked(env: TrackingEnvironment, render, page) -> tuple[str, dict[str, frozenset]]:
    """``render(env, page)`` and the exercise fields it read."""
    env.reads = {}
    text = render(env, page)
    reads = {slug: frozenset(fields) for slug, fields in env.reads.items()}
    env.reads = {}
    return text, reads
