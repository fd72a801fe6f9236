"""The URLs and anchors of an HTML text, as a browser sees them: attributes of real elements only.

Read with the standard library's HTML parser, so markup shown as text (a code span holding
<a href="x">, an escaped example, prose that says id="x"), comments, and the contents of
script and style elements never count as links or anchors.
"""
from __future__ import annotations

import re
from functools import lru_cache
from html import unescape
from html.parser import HTMLParser

URL_ATTRIBUTES = frozenset({"href", "src", "poster"})
_SRCSET_URL = re.compile(r"[\s,]*(\S+)")
# Elements whose start or end switches a parser into or out of reading raw text (Python's parser
# knows script and style; newer ones more): their tags are always left for the parser.
_SWITCHES = r"(?i:script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)\b"
# The '<' of an end tag, and of a start tag whose attributes are none of those the check reads
# and whose values, if any, are double-quoted without '<' or '>': most tags of any page.
_PLAIN_END = re.compile(r"</(?=(?!" + _SWITCHES + r")[a-zA-Z][a-zA-Z0-9]*\s*>)")
_PLAIN_START = re.compile(r"<(?=(?!" + _SWITCHES + r")[a-zA-Z][a-zA-Z0-9]*"
                          r"""(?:\s+(?!(?i:href|src|srcset|poster|id|name)\s*=)[^\s<>"'=/]+(?:="[^"<>]*")?)*\s*/?>)""")


def srcset_urls(value: str) -> list[str]:
    """Every candidate URL of a srcset: "a.png 1x, b.png 2x" -> ["a.png", "b.png"].

    As the HTML standard splits it: a URL runs to the next whitespace, and commas
    ending it separate candidates; otherwise its descriptors run to the next comma.
    """
    urls = []
    position = 0
    while True:
        match = _SRCSET_URL.match(value, position)
        if match is None:
            return urls
        url, position = match.group(1), match.end()
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            comma = value.find(",", position)
            position = len(value) if comma < 0 else comma + 1
        if url:
            urls.append(url)


class RefScanner(HTMLParser):
    """Collects URL attributes (href, src, poster, every srcset candidate) and anchor names.

    An anchor is any element's id, or an <a name>: the two things a #fragment can point to.
    (A name on anything else, such as <meta name="description">, is no anchor.) With
    ``lines``, each URL is kept with the line of its tag, in order, repeats included.
    """

    def __init__(self, lines: bool = False) -> None:
        # convert_charrefs: text is handed over in whole runs rather than cut at every '&',
        # which is faster (measured), though only attributes are read (decoded either way).
        super().__init__(convert_charrefs=True)
        self.lines = lines
        self.refs: dict[str, None] = {}  # insertion-ordered set
        self.placed: list[tuple[str, int]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in URL_ATTRIBUTES:
                self._ref(value)
            elif name == "srcset":
                for url in srcset_urls(value):
                    self._ref(url)
            elif name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)

    handle_startendtag = handle_starttag

    def _ref(self, value: str) -> None:
        if self.lines:
            self.placed.append((value, self.getpos()[0]))
        else:
            self.refs[value] = None


def scan(text: str, lines: bool = False) -> RefScanner:
    """A scanner that has read all of ``text``."""
    scanner = RefScanner(lines)
    scanner.feed(text)
    scanner.close()
    return scanner


def quiet_tags(html: str) -> str:
    """``html`` with the '<' of every tag that holds no URL or anchor turned into a space.

    The parser spends nearly all its time on tags, and most tags of a page (end tags, <span
    class="…">, the figure's paths) hold nothing the link check reads; this skips them at the
    speed of one regular expression. It cannot change what the parser finds elsewhere: only a
    '<' changes, so every quote and '>' stays where it was, a space joins with nothing before it
    into a new construct, and a tag that switches the parser's mode is never touched. Inside a
    comment or script the change is invisible; inside another tag's attribute value (which only
    raw HTML can hold: Jinja2 and the sanitiser escape '<' there) it changes that value's text
    but not where the tag ends.
    """
    return _PLAIN_START.sub(" ", _PLAIN_END.sub(" /", html))


# A tag as our templates and the sanitiser write it: lower-case names, double-quoted values
# without '<' or '>', nothing else between '<' and '>'.
_STRICT = re.compile(r'<(/?)([a-z][a-z0-9]*)((?:\s+[a-z][a-z0-9:-]*(?:="[^"<>]*")?)*)\s*/?>')
_STRICT_ATTR = re.compile(r'([a-z][a-z0-9:-]*)="([^"]*)"')
_DOCTYPE = "<!doctype html>"
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
                       "plaintext"})


def strict_refs_and_ids(html: str) -> tuple[tuple[str, ...], frozenset[str]] | None:
    """What the parser finds, read with one regular expression, or None when the page holds
    anything else: a comment, a single quote or an unquoted value in a tag, a '<' that starts no tag, or a
    '<' inside a script, title or other raw-text element (the parser must then read it).

    ``html`` is a page after quiet_tags, so only tags with URLs or anchors, raw-text elements and
    their end tags are left: a few dozen a page, where the parser costs far more than a match.
    """
    tags = list(_STRICT.finditer(html))
    lead = len(_DOCTYPE) if html[:len(_DOCTYPE)].lower() == _DOCTYPE else 0
    if html.count("<") != len(tags) + (1 if lead else 0) or html.find("<", lead) != (tags[0].start() if tags else -1):
        return None
    refs: dict[str, None] = {}
    ids: set[str] = set()
    raw: str | None = None  # inside this raw-text element: the next tag must be its end tag
    for tag in tags:
        closing, name, attributes = tag.groups()
        if raw is not None:
            if not (closing and name == raw):
                return None
            raw = None
            continue
        if closing:
            continue
        for key, value in _STRICT_ATTR.findall(attributes):
            if "&" in value:
                value = unescape(value)  # as the parser decodes attribute values
            if key in URL_ATTRIBUTES:
                refs[value] = None
            elif key == "srcset":
                refs.update((url, None) for url in srcset_urls(value))
            elif key == "id" or (key == "name" and name == "a"):
                ids.add(value)
        if name in _RAW_TEXT and not tag.group(0).endswith("/>"):
            raw = name
    if raw is not None:
        return None
    return tuple(refs), frozenset(ids)


@lru_cache(maxsize=2)  # refs and ids of one page are asked for one after the other: one parse serves both
def refs_and_ids(html: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """(every URL once, in order; every anchor) of an HTML page."""
    quiet = quiet_tags(html)
    found = strict_refs_and_ids(quiet)
    if found is not None:
        return found
    scanner = scan(quiet)
    return tuple(scanner.refs), frozenset(scanner.ids)
