"""Markdown bodies to safe HTML, with links to exercise files turned into page URLs."""
from __future__ import annotations

import html
import re
import signal
import threading
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field, replace
from typing import Callable

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE, ETX, STX

from exguide.errors import Diagnostic, did_you_mean, error
from exguide.site import mdsource
from exguide.site.mdcost import MAX_BODY_CHARS, MAX_NESTING, body_problems  # noqa: F401 - part of this API

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
LINK_SCHEMES = {"http", "https", "mailto", "tel"}
IMAGE_SCHEMES = {"https", "http"}
EXERCISE_FILE = re.compile(r"\.(md|ya?ml)$")

_TAGS = {"a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
         "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd", "li", "mark", "ol",
         "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
         "tfoot", "th", "thead", "tr", "u", "ul"}
_ATTRIBUTES = {"*": {"id", "title", "lang"}, "a": {"href"}, "img": {"src", "alt", "width", "height"},
               "code": {"class"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}


@dataclass
class LinkContext:
    """What a body's links may point to, and where to report problems."""

    source_path: str
    body: str
    body_line: int
    exercise_href: Callable[[str], str | None]  # file name ("cat-cow.md") -> href, or None
    image_href: Callable[[str], str | None]  # path under content/images -> href, or None
    exercise_names: list[str] = field(default_factory=list)  # for did-you-mean
    problems: list[Diagnostic] = field(default_factory=list)
    images: set[str] = field(default_factory=set)  # local images used

    def line_of(self, needle: str) -> int:
        """The line of the body that holds ``needle`` (outside code if it can), else the body's first."""
        offset = mdsource.line_of(self.body, needle)
        if offset is None and needle.startswith("mailto:"):  # written as <name@example.com>
            offset = mdsource.line_of(self.body, needle[len("mailto:"):])
        return self.body_line + (offset or 0)

    def fail(self, needle: str, field_name: str, message: str) -> None:
        self.problems.append(error(self.source_path, self.line_of(needle), field_name, message))


# Python-Markdown's placeholders: '&' of the character references it writes (an email autolink's
# address is written as &#109;&#97;…), a backslash-escaped character, and stashed HTML or nodes.
_REFERENCE = re.compile(re.escape(AMP_SUBSTITUTE) + r"(#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
_ESCAPED = re.compile(f"{STX}([0-9]{{1,7}}){ETX}")
_STASHED = re.compile(f"{STX}[^{STX}{ETX}]*{ETX}")


def unmasked(text: str) -> str:
    """Text Python-Markdown has worked on, as the author wrote it: its placeholders undone."""
    if STX not in text:
        return text
    text = _REFERENCE.sub(lambda m: html.unescape("&" + m.group(1)), text).replace(AMP_SUBSTITUTE, "&")
    return _ESCAPED.sub(lambda m: chr(int(m.group(1))) if int(m.group(1)) < 0x110000 else "", text)


def quoted(text: str) -> str:
    """``text`` fit to quote in a message: no placeholder of Python-Markdown's, whatever it held."""
    return _STASHED.sub("…", unmasked(text)).replace(STX, "").replace(ETX, "")


def check_local_path(path: str) -> str | None:
    """Why a content path is unsafe, or None when it is a plain relative path."""
    if path.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", path):
        return "absolute paths are not allowed"
    parts = re.split(r"[\\/]", path)
    if any(p in ("..", ".") for p in parts):
        return "'..' and '.' are not allowed in paths"
    if "\x00" in path or any(p == "" for p in parts):
        return "malformed path"
    return None


def resolve_link(href: str, ctx: LinkContext) -> str | None:
    """The href to write for a Markdown link, or None after reporting why it is refused."""
    if href.startswith("#"):
        return href
    shown = quoted(href)[:60]
    scheme = _SCHEME.match(href)
    if scheme:
        if scheme.group(1).lower() in LINK_SCHEMES:
            return href
        ctx.fail(href, "body", f"link '{shown}' uses a scheme that is not allowed; use https:// or mailto:")
        return None
    if href.startswith("//"):
        ctx.fail(href, "body", f"link '{shown}': write the full https:// address")
        return None
    path, _, fragment = href.partition("#")
    unsafe = check_local_path(path)
    if unsafe:
        ctx.fail(href, "body", f"link '{shown}': {unsafe}; link to an exercise file like (cat-cow.md)")
        return None
    if not EXERCISE_FILE.search(path):
        ctx.fail(href, "body", f"link '{shown}' is not an exercise file; link to one like (cat-cow.md), "
                               "or give a full https:// address")
        return None
    target = ctx.exercise_href(path)
    if target is None:
        ctx.fail(href, "body", f"link '{shown}' points to no exercise file"
                               f"{did_you_mean(path, ctx.exercise_names)}")
        return None
    return target + (f"#{fragment}" if fragment else "")


def resolve_image(src: str, ctx: LinkContext, field_name: str = "body") -> str | None:
    """The href of an image in content/images/ (or an http(s) URL), or None after reporting."""
    shown = quoted(src)[:60]
    scheme = _SCHEME.match(src)
    if scheme:
        if scheme.group(1).lower() in IMAGE_SCHEMES:
            return src
        ctx.fail(src, field_name, f"image '{shown}' uses a scheme that is not allowed; use a file in "
                                  "content/images/ or an https:// address")
        return None
    unsafe = check_local_path(src)
    if unsafe:
        ctx.fail(src, field_name, f"image '{shown}': {unsafe}; give a file name in content/images/")
        return None
    target = ctx.image_href(src)
    if target is None:
        ctx.fail(src, field_name, f"image '{shown}' is not a file in content/images/; add it there or "
                                  "fix the name")
        return None
    ctx.images.add(src)
    return target


class _LinkRewriter(Treeprocessor):
    """Rewrites a and img elements through the current LinkContext."""

    def run(self, root: etree.Element) -> None:
        ctx: LinkContext = self.md.link_context  # type: ignore[attr-defined]
        for element in root.iter():
            if element.tag == "a" and element.get("href") is not None:
                # unmasked: an email autolink's href is all placeholders, "mailto:" included
                target = resolve_link(unmasked(element.get("href")), ctx)
                if target is None:
                    del element.attrib["href"]
                else:
                    element.set("href", target)
            elif element.tag == "img" and element.get("src") is not None:
                target = resolve_image(unmasked(element.get("src")), ctx)
                if target is None:
                    del element.attrib["src"]
                else:
                    element.set("src", target)
                    element.set("loading", "lazy")


class _LinkExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API name
        md.treeprocessors.register(_LinkRewriter(md), "exguide-links", 1)


class MarkdownRenderer:
    """One reusable Markdown instance (building one costs more than converting a page)."""

    def __init__(self, allow_raw_html: bool = False):
        self.allow_raw_html = allow_raw_html
        self._md = markdown.Markdown(
            extensions=["tables", "fenced_code", "sane_lists", "smarty", "toc", _LinkExtension()],
            extension_configs={"toc": {"permalink": False, "toc_depth": "2-4"}},
            output_format="html",
        )
        self._plain: dict[str, str] = {}  # body text -> HTML, for bodies that depend on nothing else

    def render(self, ctx: LinkContext) -> str:
        """HTML for ``ctx.body``; link problems land in ``ctx.problems``.

        A body that links to nothing here and has no problems depends on its text alone, so
        the same text is converted once per process (imported and copied exercises often
        share their instructions word for word).
        """
        if ctx.body in self._plain:
            return self._plain[ctx.body]
        asked: list = []  # the copy shares the caller's problems and images
        ctx = replace(ctx, exercise_href=_noting(asked, ctx.exercise_href), image_href=_noting(asked, ctx.image_href))
        html = self._render(ctx)
        if not asked and not ctx.problems and not ctx.images and len(self._plain) < PLAIN_KEPT:
            self._plain[ctx.body] = html
        return html

    def _render(self, ctx: LinkContext) -> str:
        refused = body_problems(ctx.body)
        if refused:
            ctx.problems += [error(ctx.source_path, ctx.body_line + offset, "body", message)
                             for offset, message in refused]
            return ""
        self._md.reset()
        self._md.link_context = ctx  # type: ignore[attr-defined]
        try:
            html = _convert_within(self._md, ctx.body, RENDER_SECONDS)
        except RecursionError:
            ctx.problems.append(error(ctx.source_path, ctx.body_line, "body",
                                      "Markdown is nested too deeply to render; flatten the lists or quotes"))
            return ""
        except _Overtime:
            self._md.reset()  # it stopped half-way; nothing of it may reach the next body
            ctx.problems.append(error(ctx.source_path, ctx.body_line, "body",
                                      f"the text took more than {RENDER_SECONDS:g} seconds to turn into HTML; "
                                      "split long paragraphs and lists, and close brackets, tags and code fences"))
            return ""
        if self.allow_raw_html:
            return html
        return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, link_rel=None,
                         url_schemes={"http", "https", "mailto", "tel"})


PLAIN_KEPT = 5000  # distinct plain bodies remembered per process: a few MB


def _noting(asked: list, answer: Callable) -> Callable:
    def noted(question):
        asked.append(question)
        return answer(question)
    return noted


# The last line of defence: mdcost.py refuses every slow shape of text found, and what it lets
# through converts in well under a second, so only a shape nobody has found yet meets this.
RENDER_SECONDS = 5.0


class _Overtime(BaseException):
    """Raised by the timer inside Markdown's conversion; a BaseException, so no handler in
    Markdown that catches Exception can swallow it."""


def _convert_within(md: markdown.Markdown, body: str, seconds: float) -> str:
    """``md.convert(body)``, stopped with _Overtime after ``seconds``.

    A timer signal interrupts the conversion where it is, with no thread left running (build
    workers are forked processes, each converting in its main thread). Only the main thread
    can take a signal, and a timer someone else set is left alone: then there is no budget.
    """
    if (seconds <= 0 or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread()
            or signal.getitimer(signal.ITIMER_REAL) != (0.0, 0.0)):
        return md.convert(body)

    def expire(signum, frame):
        raise _Overtime

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            return md.convert(body)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, previous)


def body_problem(body: str) -> tuple[int, str] | None:
    """(line offset in the body, message) of the first reason to refuse a body, or None (see mdcost.py)."""
    problems = body_problems(body)
    return problems[0] if problems else None


def plain_text(html: str) -> str:
    """Text of an HTML fragment, for summaries."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())
