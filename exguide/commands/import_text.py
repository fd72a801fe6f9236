"""Plain text from a data set, made safe and short for our exercise files.

Slugs, one-line cues from long steps, Markdown that shows what the source wrote and nothing
more, steps grouped into a few paragraphs. Nothing here knows the data set's fields.
"""
from __future__ import annotations

import re
import unicodedata

MAX_PARAGRAPHS = 5
MAX_POINT = 90  # characters: a key point is a cue, not a sentence
MAX_SLUG = 80


def clean(text: str) -> str:
    """One line of plain text: whitespace collapsed, control characters gone."""
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return " ".join(text.split())


def make_slug(raw: str, taken: set[str]) -> str:
    """'3_4_Sit-Up' -> '3-4-sit-up'; ASCII, lowercase, hyphens; '-2', '-3' … when taken."""
    ascii_text = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_SLUG].strip("-") or "exercise"
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def key_point(step: str) -> str:
    """The first clause of a step, short enough to scan: 'Lie down on the floor and secure your feet'."""
    text = re.sub(r"^(?:step\s*)?\d+[.):]\s*", "", clean(step), flags=re.IGNORECASE)
    text = re.split(r"(?<=[.!?])\s+", text, maxsplit=1)[0].rstrip(" .!?;:,")
    if len(text) > MAX_POINT:
        cut = re.search(r"[,;:]\s|\s[–—-]\s|\s\(", text[20:])
        if cut:
            text = text[:20 + cut.start()]
    if len(text) > MAX_POINT:  # end at the last joining word that leaves a whole phrase, else mid-phrase
        joins = [m.start() for m in re.finditer(r"\s(?:and|as|while|then|until|so|with|keeping)\s",
                                                text[:MAX_POINT + 1]) if m.start() >= 30]
        text = text[:joins[-1]] if joins else text[:MAX_POINT].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    return text[:1].upper() + text[1:]


def md_escape(text: str) -> str:
    """Plain text that Markdown shows as written: no emphasis, links, HTML or list markers."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")  # shown, never parsed as HTML
    text = re.sub(r"([\\`*_\[\]{}])", r"\\\1", text)
    if re.match(r"^(?:[#+-]|\d+[.)])", text):
        text = "\\" + text if not text[0].isdigit() else re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    return text


def paragraphs(steps: list[str]) -> list[str]:
    """Steps in order, grouped into at most MAX_PARAGRAPHS paragraphs of near-equal length."""
    steps = [md_escape(s) for s in steps]
    if not steps:
        return []
    count = min(len(steps), MAX_PARAGRAPHS)
    size, extra = divmod(len(steps), count)
    out, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        out.append(" ".join(steps[start:end]))
        start = end
    return out
