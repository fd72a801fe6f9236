"""Text helpers shared by the `new` commands: a file name from a title, a YAML scalar, plain docs."""
from __future__ import annotations

import re
import unicodedata


def slugify(title: str) -> str:
    """'Hip Flexor Stretch' -> 'hip-flexor-stretch' (accents dropped)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")


def plain(doc: str) -> str:
    return doc.replace("`", "")


def yaml_scalar(text: str) -> str:
    """A YAML scalar for the title, quoted when YAML would read it as something else."""
    if re.match(r"^[A-Za-z0-9][A-Za-z0-9 ,.()'/&+-]*$", text) and ": " not in text and not text.endswith(":"):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
