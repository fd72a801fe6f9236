"""Compiled templates kept in the memo, so a command-line build does not compile them again."""
from __future__ import annotations

import jinja2


class BytecodeStore(jinja2.BytecodeCache):
    """Jinja2 checks each kept template against its source before using it."""

    def __init__(self, store: dict[str, bytes]):
        self.store = store

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()
