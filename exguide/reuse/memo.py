"""What the reuse layer remembers of the last build: plain tables, no model classes.

``tables`` holds each reused step's results by step name and item key, each with the
inputs it was made from; ``pages`` and ``readers`` the graph from records to the outputs
that read them; ``output`` what the output folder holds. A memo is kept in memory by
`serve` and pickled under .cache/ between command-line builds (store.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from exguide.reuse.live import Live


@dataclass
class Entry:
    """One item's result, valid while ``inputs`` are equal and every recorded question gets ``answers`` again."""

    inputs: object
    result: object
    answers: tuple = ()  # ((question, answer), ...) asked while it was made
    stat: tuple | None = None  # a file's (size, mtime, inode), when it was read from one


@dataclass
class PageEntry:
    """What one output was rendered from, and what the link check needs of it."""

    shape: str  # template, globals, the page's own data (fingerprint.Fingerprints.shape)
    digest: str  # sha1 of the output's bytes
    reads: dict  # record key -> fields of that record the templates read
    refs: tuple  # href/src values, for the link check
    ids: frozenset  # anchor ids, for links to #fragments
    indexed: bool  # the search indexer reads this page


@dataclass(frozen=True)
class FileState:
    digest: str
    size: int
    mtime_ns: int


@dataclass
class OutputState:
    """What the output folder holds, as the last build left it."""

    files: dict[str, FileState] = field(default_factory=dict)
    copies: dict[str, tuple] = field(default_factory=dict)  # source file -> ((size, mtime_ns), digest)
    bundle: dict[str, dict[str, FileState]] = field(default_factory=dict)  # search part folder -> its files
    search_keys: dict[str, str] = field(default_factory=dict)  # search part folder -> the pages it was made from
    parts: tuple = ()  # the search index's parts the last build planned (search_parts.SearchPart)
    # the spare: the tree output/ held before the last swap, kept beside it to stage the next build in
    spare_id: tuple | None = None  # (device, inode) of that folder; any other folder there is not trusted
    spare_files: dict[str, FileState] = field(default_factory=dict)
    spare_bundle: dict[str, dict[str, FileState]] = field(default_factory=dict)
    spare_keys: dict[str, str] = field(default_factory=dict)


@dataclass
class Memo:
    version: str = ""
    tables: dict[str, dict[str, Entry]] = field(default_factory=dict)  # step -> item key -> entry
    records: dict[str, object] = field(default_factory=dict)  # record key -> the record pages were made from
    pages: dict[str, PageEntry] = field(default_factory=dict)  # output path -> entry; describes output as written
    readers: dict[str, set] = field(default_factory=dict)  # record key -> output paths that read it
    output: OutputState = field(default_factory=OutputState)
    link_key: str = ""  # the set of output paths the last link check saw
    bytecode: dict[str, bytes] = field(default_factory=dict)  # compiled templates, by Jinja2's key
    template_refs: dict[str, tuple | None] = field(default_factory=dict)  # template source hash -> templates it uses
    changed: bool = False  # something above changed since the memo was loaded or saved
    live: Live = field(default_factory=Live, compare=False, repr=False)  # not part of what is remembered

    def __getstate__(self) -> dict:
        return {**self.__dict__, "live": Live()}  # see Live: not for another process

    @property
    def files(self) -> dict[str, FileState]:
        return self.output.files
