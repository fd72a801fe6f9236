"""The one digest the reuse layer keys results by."""
from __future__ import annotations

import hashlib


def sha1(data: bytes | str) -> str:
    return hashlib.sha1(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()
