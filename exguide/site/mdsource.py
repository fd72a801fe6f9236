"""A Markdown body read as source text: what is code, where each paragraph starts, where links are written.

Python-Markdown keeps no line numbers, and some checks must run before it (it is slow on some
inputs: mdcost.py), so these helpers scan the text themselves. They only locate and estimate;
what a page says is always decided by Python-Markdown and the HTML it produces.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from exguide.site.htmlrefs import scan

# Python-Markdown's own fenced_code pattern (markdown/extensions/fenced_code.py), so that what is
# masked here as code is what it takes as code.
_FENCED = re.compile(r"""(?P<fence>^(?:~{3,}|`{3,}))[ ]*((\{[^\n]*\})|(\.?[\w#.+-]*[ ]*)?"""
                     r"""(hl_lines=(?P<quot>"|').*?(?P=quot)[ ]*)?)\n(?P<code>.*?)(?<=\n)(?P=fence)[ ]*$""",
                     re.MULTILINE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_LIST_ITEM = re.compile(r"^[ ]{0,3}(?:[*+-]|\d+[.)])[ \t]")
_BACKTICKS = re.compile(r"`+")
_NOT_NEWLINE = re.compile(r"[^\n]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")


def _blank(match: re.Match) -> str:
    return _NOT_NEWLINE.sub(" ", match.group(0))


@lru_cache(maxsize=4)  # the same body is asked about several times in a row (each check, each error)
def mask_code(body: str) -> str:
    """``body`` with code blocks, code spans and HTML comments blanked out.

    Every character keeps its offset and every line its number, so a position found in the
    result is a position in the body.
    """
    text = _COMMENT.sub(_blank, _FENCED.sub(_blank, body))
    text = _mask_indented(text)
    pieces = []
    last = 0
    for start, end in paragraph_spans(text):
        pieces.append(text[last:start])
        pieces.append(_mask_spans(text[start:end]))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of non-blank lines: the most inline markup can span."""
    spans = []
    start = 0
    for gap in _BLANK_LINES.finditer(text):
        if gap.start() > start:
            spans.append((start, gap.start()))
        start = gap.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _mask_indented(text: str) -> str:
    """Indented code blocks blanked: a line indented four spaces after a blank line, outside a list."""
    lines = text.split("\n")
    in_code = in_list = False
    after_blank = True
    for index, line in enumerate(lines):
        if not line.strip():
            after_blank = True
            continue
        indented = line.startswith(("    ", "\t"))
        if indented and (in_code or (after_blank and not in_list)):
            in_code = True
            lines[index] = " " * len(line)
            continue
        in_code = False
        if _LIST_ITEM.match(line):
            in_list = True
        elif after_blank and not indented:
            in_list = False  # a new block that is not a list item ends the list
        after_blank = False
    return "\n".join(lines)


def _mask_spans(paragraph: str) -> str:
    """Code spans blanked, paired as Python-Markdown pairs them: a run of n backticks with the next run
    of exactly n. Runs are indexed by length so that many unpaired runs cost no more than a few."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(paragraph)]
    if len(runs) < 2:
        return paragraph
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    chars = None
    index = 0
    while index < len(runs):
        start, end = runs[index]
        same = by_length[end - start]
        after = bisect_right(same, index)
        if (start and paragraph[start - 1] == "\\") or after == len(same):
            index += 1  # escaped, or never closed: plain backticks
            continue
        closing = same[after]
        chars = chars if chars is not None else list(paragraph)
        for position in range(end, runs[closing][0]):
            if chars[position] != "\n":
                chars[position] = " "
        index = closing + 1
    return "".join(chars) if chars is not None else paragraph


# --- where links are written ----------------------------------------------------------------------
_INLINE_DEST = re.compile(r"(?<!\\)\]\(\s*(<[^>\n]*>|[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)")
_REFERENCE_DEF = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)>?", re.MULTILINE)
_AUTOLINK = re.compile(r"<((?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>\s]*)>")
_AUTOMAIL = re.compile(r"<(?:mailto:)?([^<> !@]+@[^@<> ]+)>")


def link_lines(body: str) -> list[tuple[str, int]]:
    """(destination as written, line offset in the body) of every link and image outside code, in order."""
    masked = mask_code(body)
    found: list[tuple[int, str]] = []
    for match in _INLINE_DEST.finditer(masked):
        found.append((match.start(1), match.group(1).strip("<>")))
    for match in _REFERENCE_DEF.finditer(masked):
        found.append((match.start(1), match.group(1)))
    for match in _AUTOLINK.finditer(masked):
        found.append((match.start(1), match.group(1)))
    for match in _AUTOMAIL.finditer(masked):
        found.append((match.start(1), "mailto:" + match.group(1)))
    starts = _line_starts(masked)
    out = [(value, bisect_right(starts, position) - 1) for position, value in found]
    out += [(value, line - 1) for value, line in scan(masked, lines=True).placed]  # raw HTML
    return sorted(out, key=lambda item: item[1])


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


_ESCAPABLE = frozenset("\\`*_{}[]()>#+-.!")  # what a backslash escapes in Python-Markdown


def line_of(body: str, needle: str) -> int | None:
    """Line offset of the first ``needle`` outside code, else anywhere, else None.

    ``needle`` is text after Markdown read it, so the body may write it with backslash
    escapes (my\\_notes.txt for my_notes.txt).
    """
    if not needle:
        return None
    written = re.compile("".join("\\\\?" + re.escape(c) if c in _ESCAPABLE else re.escape(c) for c in needle))
    for text in (mask_code(body), body):
        match = written.search(text)
        if match:
            return body.count("\n", 0, match.start())
    return None
