"""Bodies refused before Python-Markdown sees them: too big, too deep, or shaped to make it slow.

Python-Markdown's cost grows faster than its input on a few shapes of text; measured on a
30,000-character body (the most a body may hold), each took from one second to over twenty:

- '[' never closed, or nested deep: each '[' reads ahead to its ']' (or the paragraph's end);
- a link's '(' never closed: each reads ahead to its ')';
- '<' that starts a tag no '>' closes: its HTML reader reads to the end of the text for each;
- thousands of inline pieces (code, emphasis, links) in one paragraph, or of blocks
  (paragraphs, headings, rules, list items, table rows) in one body: each new element is
  placed by a search through its siblings, and a block is split off one line at a time.

Each shape is measured here in one pass (after code is masked: Markdown reads none of it) and
refused with the line of the paragraph where it is, well before it costs a second. Real guides
are far from every bound. A body that passes and is still slow meets the time budget in markup.py.
"""
from __future__ import annotations

import re

from exguide.site.mdsource import BLOCK_START, block_view, fenced_blocks, mask_code, paragraph_spans

MAX_BODY_CHARS = 30_000
MAX_NESTING = 16
MAX_BLOCKS = 1_000  # a long guide has a few dozen
MAX_INLINE = 2_000  # pieces of inline markup in one paragraph (a long one has a few dozen); squares add up
# What Python-Markdown would read, summed over the body; each is about 0.3 s of its time.
MAX_BRACKET_READ = 1_000_000  # characters link matching reads
MAX_TAG_READ = 4_000_000  # characters its HTML reader reads for tags never closed
MAX_FENCE_READ = 10_000_000  # characters its fence reader reads for fences never closed
MAX_SPLIT_READ = 5_000_000  # characters its block stage reads again after splitting blocks
PLACEHOLDERS = "\x02\x03"  # Python-Markdown's own markers in the text it works on

_QUOTES = re.compile(r"^(?:[ \t]*>)+")
_BRACKETS = re.compile(r"\\.|\[|\]\(?|\(|\)", re.DOTALL)
_TAG_START = re.compile(r"<[a-zA-Z]")
_INLINE = re.compile(r"\\.|(`+|\*+|_+|\[|<[a-zA-Z/!]|&#?[a-zA-Z0-9]+;|['\"])")  # quotes: smarty's
# Lines Python-Markdown's block stage splits a block at, reading the rest of the block again each
# time: an ATX heading, a setext underline, a rule, a link definition.
_SPLIT = re.compile(r"^(?:#{1,6}|[=-]+[ ]*$|[ ]{0,3}(?:\[[^\[\]]*\]:|(?:(?:-[ ]{0,2}){3,}|(?:_[ ]{0,2}){3,}"
                    r"|(?:\*[ ]{0,2}){3,})[ ]*$))", re.MULTILINE)


def body_problems(body: str) -> list[tuple[int, str]]:
    """(line offset in the body, message) for each reason to refuse ``body``, in line order."""
    if len(body) > MAX_BODY_CHARS:
        return [(0, f"the text is too long ({len(body):,} characters; at most {MAX_BODY_CHARS:,}); "
                    "split it into shorter guides or cut what does not belong")]
    found = []
    for char in PLACEHOLDERS:
        if char in body:
            found.append((body.count("\n", 0, body.index(char)),
                          f"the text holds the control character U+{ord(char):04X}, which Markdown uses "
                          "for itself; remove it"))
    nested = _too_deep(body)
    if nested is not None:
        found.append((nested, f"lists or quotes are nested more than {MAX_NESTING} levels deep; flatten them"))
    for check in (_unclosed_fences, _unclosed_tags, _brackets, _splits, _inline, _blocks):
        for offset, message in check(body):  # the most telling reason for each line; most are the same
            if all(offset != seen for seen, _ in found):
                found.append((offset, message))
    return sorted(found)


def _too_deep(body: str) -> int | None:
    for offset, line in enumerate(body.split("\n")):
        quotes = _QUOTES.match(line)
        depth = quotes.group(0).count(">") if quotes else 0
        rest = line[quotes.end():] if quotes else line
        indent = len(rest.expandtabs(4)) - len(rest.expandtabs(4).lstrip(" "))
        if depth > MAX_NESTING or indent // 4 > MAX_NESTING:
            return offset
    return None


def _blocks(body: str) -> list[tuple[int, str]]:
    """Too many blocks: each paragraph start and each line that starts a block of its own."""
    if body.count("\n") < MAX_BLOCKS:
        return []
    text = block_view(body)
    starts = sorted({start for start, _ in paragraph_spans(text)} | {start for start, _ in fenced_blocks(body)[0]}
                    | {m.start() for m in BLOCK_START.finditer(text)})
    if len(starts) <= MAX_BLOCKS:
        return []
    return [(body.count("\n", 0, starts[MAX_BLOCKS]),
             f"the text has {len(starts):,} blocks (paragraphs, headings, rules, list items, table rows); "
             f"at most {MAX_BLOCKS:,} (this line starts block {MAX_BLOCKS + 1:,}); shorten the text or split "
             "it into several exercises")]


def _splits(body: str) -> list[tuple[int, str]]:
    """Blocks split line by line: what follows each split line is read again, to the block's end."""
    if body.count("\n") * len(body) <= MAX_SPLIT_READ:
        return []
    text = block_view(body)
    found = []
    for start, end in paragraph_spans(text):
        splits = [m.start() for m in _SPLIT.finditer(text, start, end)]
        if sum(end - at for at in splits) > MAX_SPLIT_READ:
            found.append((body.count("\n", 0, start),
                          f"this paragraph has {len(splits):,} headings, rules or link definitions "
                          "with no blank line between them; put a blank line before and after each"))
    return found


def _unclosed_fences(body: str) -> list[tuple[int, str]]:
    """Opening code fences never closed: Markdown reads to the end of the text for each."""
    if body.count("\n") * len(body) <= MAX_FENCE_READ:
        return []
    unclosed = fenced_blocks(body)[1]
    if sum(len(body) - start for start in unclosed) <= MAX_FENCE_READ:
        return []
    return [(body.count("\n", 0, unclosed[0]),
             f"this line opens the first of {len(unclosed):,} code blocks that are never closed; end each "
             "with a line that is just its fence (``` or ~~~)")]


def _unclosed_tags(body: str) -> list[tuple[int, str]]:
    """'<' + letter with no '>' (or backtick, which also ends a tag for Markdown) anywhere after it.

    Markdown's HTML reader reads the whole text before code spans are known, so only fenced
    code, which it has set aside by then, is left out.
    """
    if body.count("<") * len(body) <= MAX_TAG_READ:
        return []
    text = block_view(body)
    last = max(text.rfind(">"), text.rfind("`"))
    starts = [m.start() for m in _TAG_START.finditer(text, last + 1)]
    if sum(len(text) - start for start in starts) <= MAX_TAG_READ:
        return []
    first = _paragraph_start(text, starts[0])
    return [(body.count("\n", 0, first),
             f"{len(starts):,} '<' from this paragraph on start an HTML tag that no '>' closes; write "
             "'&lt;' for a '<' that is just text, or close each tag with '>'")]


def _paragraph_start(text: str, position: int) -> int:
    gap = text.rfind("\n\n", 0, position)
    return 0 if gap < 0 else gap + 2


def _brackets(body: str) -> list[tuple[int, str]]:
    """Link matching. Each paragraph's inline text is parsed on its own, but the cost adds up over
    the body, so the bound is on the sum; the message names the paragraph that costs most."""
    if (body.count("[") + body.count("](")) * len(body) <= MAX_BRACKET_READ:
        return []
    text = mask_code(body)
    reads = [(_bracket_reads(text[start:end]), start) for start, end in paragraph_spans(text)]
    if sum(sum(r[3:]) for r, _ in reads) <= MAX_BRACKET_READ:
        return []
    worst, start = max(reads, key=lambda item: sum(item[0][3:]))
    everywhere = [sum(r[i] for r, _ in reads) for i in range(3)]
    return [(body.count("\n", 0, start), _bracket_message(worst, everywhere))]


def _inline(body: str) -> list[tuple[int, str]]:
    """Inline pieces: placing each costs a search through the paragraph's others."""
    if sum(body.count(c) for c in "`*_[<&'\"") <= MAX_INLINE:
        return []
    text = mask_code(body)
    pieces = [(sum(1 for m in _INLINE.finditer(text, start, end) if m.group(1)), start)
              for start, end in paragraph_spans(text)]
    if sum(count * count for count, _ in pieces) <= MAX_INLINE ** 2:
        return []
    count, start = max(pieces)
    return [(body.count("\n", 0, start),
             f"this paragraph has {count:,} pieces of inline markup (code, emphasis, links, quotes, tags); "
             f"at most {MAX_INLINE:,} in one paragraph, fewer when several are that full; split it with "
             "blank lines")]


def _bracket_reads(paragraph: str) -> tuple[int, int, int, int, int, int]:
    """(unmatched '[', links whose '(' never closes, deepest nesting of '[', and the characters link
    matching reads for each: from each '[' and each link's '(' to where it closes, or to the end)."""
    end = len(paragraph)
    brackets: list[int] = []
    parens: list[int] = []  # where each '(' inside a link destination opens; -1-p for a nested one
    nested_read = deepest = 0
    for match in _BRACKETS.finditer(paragraph):
        token, at = match.group(0), match.start()
        if token == "[":
            brackets.append(at)
            deepest = max(deepest, len(brackets))
        elif token[0] == "]":
            if brackets:
                nested_read += at - brackets.pop()
            if token == "](":
                parens.append(at)
        elif token == "(" and parens:
            parens.append(-1 - at)
        elif token == ")" and parens:
            opened = parens.pop()
            if opened >= 0:
                nested_read += at - opened
    unclosed = [p for p in parens if p >= 0]
    return (len(brackets), len(unclosed), deepest,
            sum(end - p for p in brackets), sum(end - p for p in unclosed), nested_read)


def _bracket_message(worst: tuple, everywhere: list[int]) -> str:
    """What to fix, for the paragraph whose brackets cost most."""
    unmatched, unclosed, deepest, bracket_read, paren_read, nested_read = worst

    def in_all(here: int, total: int) -> str:
        return f" ({total:,} in the text)" if total > here else ""

    if bracket_read >= max(paren_read, nested_read):
        return (f"this paragraph has {unmatched:,} unmatched '['{in_all(unmatched, everywhere[0])}; close each "
                "with ']', or write '\\[' for a bracket that is just text")
    if paren_read >= nested_read:
        return (f"this paragraph has {unclosed:,} links whose '(' is never closed{in_all(unclosed, everywhere[1])}; "
                "close each with ')', or write '\\(' after a ']' that is just text")
    return f"this paragraph nests '[' {deepest:,} deep; write '\\[' and '\\]' for brackets that are just text"
