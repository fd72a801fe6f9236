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

# An opening fence as Python-Markdown's fenced_code reads it (its FENCED_BLOCK_RE without the
# lazy search for the closing fence, which reads to the end of the text for every fence never
# closed: fenced_blocks finds the closing fences once instead).
_FENCE_OPEN = re.compile(r"""^(?P<fence>~{3,}|`{3,})[ ]*(?:\{[^\n]*\}|\.?[\w#.+-]*[ ]*"""
                         r"""(?:hl_lines=(?P<quot>"|')[^\n]*?(?P=quot)[ ]*)?)$""", re.MULTILINE)
_FENCE_CLOSE = re.compile(r"^(~{3,}|`{3,})[ ]*$", re.MULTILINE)
_LIST_ITEM = re.compile(r"^[ ]{0,3}(?:[*+-]|\d+[.)])[ \t]")
_BACKTICKS = re.compile(r"`+")
_NOT_NEWLINE = re.compile(r"[^\n]")
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")


def fenced_blocks(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """(start, end) of each fenced code block, and where each opening fence that never closes is.

    A fence closes at the next line that is just the same fence; finding the closing lines first
    keeps this linear however many fences never close.
    """
    closers: dict[str, list[int]] = {}
    for match in _FENCE_CLOSE.finditer(text):
        closers.setdefault(match.group(1), []).append(match.start())
    blocks, unclosed = [], []
    done = 0
    for match in _FENCE_OPEN.finditer(text):
        if match.start() < done:
            continue  # inside a block found already
        later = closers.get(match.group("fence"), [])
        after = bisect_right(later, match.start())
        if after == len(later):
            unclosed.append(match.start())
            continue
        end = text.find("\n", later[after])
        done = len(text) if end < 0 else end
        blocks.append((match.start(), done))
    return blocks, unclosed


def _comments(text: str) -> list[tuple[int, int]]:
    """(start, end) of each HTML comment that starts a line (Markdown keeps those as blocks; one
    inside a paragraph is read after links are); once one is never closed, none after it is either."""
    spans = []
    start = text.find("<!--")
    while start >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        if text[text.rfind("\n", 0, start) + 1:start].strip(" ") == "":
            spans.append((start, end + 3))
        start = text.find("<!--", end + 3)
    return spans


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span (they may overlap) turned to spaces, line breaks kept."""
    pieces, last = [], 0
    for start, end in sorted(spans):
        start = max(start, last)
        if end > start:
            pieces += [text[last:start], _NOT_NEWLINE.sub(" ", text[start:end])]
            last = end
    return "".join(pieces) + text[last:]


@lru_cache(maxsize=4)  # the same body is asked about several times in a row (each check, each error)
def block_view(body: str) -> str:
    """``body`` as Python-Markdown's block stage sees it: fenced code (set aside before) blanked.

    Every character keeps its offset and every line its number, so a position found in the
    result is a position in the body.
    """
    return blank_spans(body, fenced_blocks(body)[0])


@lru_cache(maxsize=4)
def mask_code(body: str) -> str:
    """``body`` as its inline markup is read: code blocks, code spans and HTML comment blocks blanked.

    Where this cannot tell as Markdown would, it blanks less: a code span is paired only within
    lines that no block can start between, and only a comment that starts a line is a block.
    """
    text = blank_spans(_mask_indented(block_view(body)), _comments(body))
    pieces = []
    last = 0
    for start, end in inline_spans(text):
        pieces.append(text[last:start])
        pieces.append(_mask_spans(text[start:end]))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


# A line that may start a block of its own, and so end the inline text before it.
BLOCK_START = re.compile(r"^[ ]{0,3}(?:[*+-][ \t]|\d+[.)][ \t]|#{1,6}(?:[ \t]|$)|>|\[[^\[\]]*\]:"
                         r"|(?:=+|-+|(?:[*_][ ]*){3,})[ \t]*$)|^.*\|", re.MULTILINE)


def inline_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each stretch of lines read as one inline text, at most: paragraphs, cut also
    before and after each line that may start a block."""
    spans = []
    for start, end in paragraph_spans(text):
        cut = start
        for match in BLOCK_START.finditer(text, start, end):
            line_end = text.find("\n", match.start(), end)
            line_end = end if line_end < 0 else line_end
            if match.start() > cut:
                spans.append((cut, match.start() - 1))
            spans.append((match.start(), line_end))
            cut = line_end + 1
        if cut < end:
            spans.append((cut, end))
    return spans


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of non-blank lines: the most inline markup can span."""
    spans = []
    start = 0
    for gap in _BLANK_LINES.finditer(text):
        if text[start:gap.start()].strip():
            spans.append((start, gap.start()))
        start = gap.end()
    if text[start:].strip():
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
