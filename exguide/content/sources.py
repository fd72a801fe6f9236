"""Discover and read exercise files: every format becomes the same SourceRecord.

A ``.md`` file is YAML front matter between ``---`` fences plus a Markdown body;
a ``.yaml``/``.yml`` file holds the same keys with the prose in ``body``.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from exguide.content.filekinds import NotRegularFile, not_regular, problem, read_regular, special_files
from exguide.errors import Diagnostic, error
from exguide.content.yamlread import load_yaml

EXERCISE_SUFFIXES = (".md", ".yaml", ".yml")
MAX_FILE_BYTES = 1_000_000  # a guide is a few KB; anything near this is a mistake or an attack


@dataclass
class SourceRecord:
    """One exercise file after reading, before validation."""

    source_path: str  # as shown in messages
    file_path: Path  # where it lives on disk
    stem: str  # file name without suffix: the default slug
    meta: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # line of the file where the body starts
    lines: dict = field(default_factory=dict)  # key path -> line
    diagnostics: list[Diagnostic] = field(default_factory=list)
    digest: str = ""  # content hash, for caches and incremental rebuilds


def display_path(path: Path) -> str:
    """The path as shown to the user: relative to the working directory when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()
    return Path(path).as_posix() if rel.startswith("..") else Path(rel).as_posix()


def discover_routines(content_dir: Path, known: dict[str, Path] | None = None) -> tuple[list[Path], list[Diagnostic]]:
    """The sorted routine files under ``content/routines`` (a site need not have any)."""
    if not (content_dir / "routines").exists():
        return [], []
    return discover_exercises(content_dir, known, kind="routines")


def discover_exercises(content_dir: Path, known: dict[str, Path] | None = None,
                       kind: str = "exercises") -> tuple[list[Path], list[Diagnostic]]:
    """The sorted exercise files under ``content/exercises`` (or ``kind``); links leaving content/ are refused.

    So is anything there or under content/images that is not a regular file (a named pipe, a
    socket, a device): it is reported, and never handed on to be read, since reading one blocks.

    ``known`` (path text -> Path, kept by `serve`) hands out the Path objects of the last
    discovery again: each keeps the text and parts it has worked out, which later steps use.
    """
    known = known if known is not None else {}
    folder = content_dir / kind
    found: list[Path] = []
    problems: list[Diagnostic] = []
    if not folder.is_dir():
        problems.append(error(display_path(folder), 0, "",
                              "no exercises folder; create it and add one file per exercise"))
        return found, problems
    root = content_dir.resolve()
    if not _inside(folder.resolve(), root):
        problems.append(error(display_path(folder), 0, "", f"the {kind} folder leads outside the content "
                                                           "folder; make it a real folder inside content/"))
        return found, problems
    # Only a symbolic link can lead out of a real folder below content/, so only links are
    # resolved: resolving every path costs system calls per component of every file's path.
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda entry: entry.name)
        except OSError:
            continue  # an unreadable folder is skipped, as os.walk does
        folders = []
        for entry in entries:
            path = known.get(entry.path) or known.setdefault(entry.path, Path(entry.path))
            if entry.is_symlink():
                if path.is_dir():  # never followed; say so rather than skip it silently
                    problems.append(_link_problem(path, root, "folder"))
                elif not entry.name.startswith(".") and entry.name.endswith(EXERCISE_SUFFIXES):
                    if not _inside(path.resolve(), root):
                        problems.append(_link_problem(path, root, "file"))
                    elif kind := not_regular(path):
                        problems.append(problem(display_path(path), kind))
                    else:
                        found.append(path)
            elif entry.name.startswith("."):
                continue
            elif entry.is_dir():
                folders.append(path)
            elif entry.name.endswith(EXERCISE_SUFFIXES):
                if entry.is_file(follow_symlinks=False):  # from the folder listing: no system call
                    found.append(path)
                elif kind := not_regular(path):
                    problems.append(problem(display_path(path), kind))
        pending.extend(reversed(folders))  # depth first, in name order
    if (content_dir / "images").is_dir():
        problems += special_files(content_dir / "images")
    return sorted(found), problems


def _link_problem(path: Path, root: Path, kind: str) -> Diagnostic:
    """Why a linked file or folder under content/exercises is not read."""
    target = os.readlink(path) if path.is_symlink() else ""
    if kind == "file" or not _inside(path.resolve(), root):
        return error(display_path(path), 0, "", f"symbolic link points outside the content folder"
                                                f"{f' ({target})' if target else ''}; "
                                                f"copy the {kind} into content/ instead")
    return error(display_path(path), 0, "", f"symbolic link to a folder ({target}) is not followed; "
                                            "move the folder here instead")


def _inside(path: Path, root: Path) -> bool:
    """True when ``path`` is ``root`` or below it."""
    return path == root or root in path.parents


def read_text(path: Path, source_path: str) -> tuple[str | None, list[Diagnostic]]:
    """The file's text with BOM and CRLF normalised, or a diagnostic saying why not."""
    try:
        size = path.stat().st_size
        raw = read_regular(path, MAX_FILE_BYTES) if size <= MAX_FILE_BYTES else b""
        size = max(size, len(raw))  # it may have grown since
        if size > MAX_FILE_BYTES:
            return None, [error(source_path, 0, "",
                                f"file is too large ({size / 1_000_000:.1f} MB; the limit is "
                                f"{MAX_FILE_BYTES // 1_000_000} MB); split it or remove what does not belong")]
    except NotRegularFile as exc:
        return None, [problem(source_path, exc.kind)]
    except OSError as exc:
        return None, [error(source_path, 0, "", f"cannot read file: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [error(source_path, line, _key_of_line(raw, line),
                            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")]
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [error(source_path, line, _key_of_line(raw, line),
                            "file contains a NUL character; is it a binary file? Save it as plain text")]
    return text, []


def _key_of_line(raw: bytes, line: int) -> str:
    """The 'key' of a 'key: value' line (1-based) in undecodable bytes, for locating a bad byte."""
    lines = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
    if not 0 < line <= len(lines):
        return ""
    text = lines[line - 1].decode("utf-8", "replace")
    match = re.match(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*:", text)
    return match.group(1) if match else ""


def read_source(path: Path) -> SourceRecord:
    """Read one exercise file into a SourceRecord (diagnostics inside, never raises)."""
    import hashlib

    source_path = display_path(path)
    stem = path.name.rsplit(".", 1)[0]
    record = SourceRecord(source_path=source_path, file_path=path, stem=stem)
    text, problems = read_text(path, source_path)
    if text is None:
        record.diagnostics.extend(problems)
        return record
    record.digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
    if path.suffix == ".md":
        _read_markdown(record, text)
    else:
        _read_yaml(record, text)
    return record


def split_front_matter(text: str) -> tuple[str, str, int] | str:
    """(front matter, body, body line) or an error message for a malformed fence."""
    if not text.strip():
        return "the file is empty; start it with a '---' line, the fields, and a closing '---'"
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return "missing front matter: the file must start with a '---' line, then the fields, then '---'"
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1:])
            return front, body, index + 2
    return "front matter is not closed: add a '---' line after the last field"


def _read_markdown(record: SourceRecord, text: str) -> None:
    """Front matter + body."""
    parts = split_front_matter(text)
    if isinstance(parts, str):
        record.diagnostics.append(error(record.source_path, 1, "", parts))
        return
    front, body, body_line = parts
    doc = load_yaml(front, record.source_path, line_offset=1)
    _take(record, doc)
    record.body = body
    record.body_line = body_line


def _read_yaml(record: SourceRecord, text: str) -> None:
    """Plain YAML; the prose is in ``body``."""
    if not text.strip():
        record.diagnostics.append(error(record.source_path, 1, "",
                                        "the file is empty; add at least title, category, targets and key_points"))
        return
    doc = load_yaml(text, record.source_path)
    _take(record, doc)
    if isinstance(record.meta, dict) and "body" in record.meta:
        body = record.meta.pop("body")
        record.body_line = record.lines.get(("body",), 1) + 1
        if body is None:
            body = ""
        if not isinstance(body, str):
            record.diagnostics.append(error(record.source_path, record.lines.get(("body",), 0), "body",
                                            f"expected text (Markdown), got {type_name(body)}"))
            body = ""
        record.body = body


def _take(record: SourceRecord, doc) -> None:
    """Copy a loaded YAML document into the record, insisting on a mapping."""
    record.diagnostics.extend(doc.diagnostics)
    record.lines = doc.lines
    if doc.diagnostics:
        return
    if doc.data is None:
        record.diagnostics.append(error(record.source_path, 1, "",
                                        "no fields: add at least title, category, targets and key_points"))
        return
    if not isinstance(doc.data, dict):
        record.diagnostics.append(error(record.source_path, 1, "",
                                        f"expected fields as 'key: value' lines, got {type_name(doc.data)}"))
        return
    record.meta = doc.data


def type_name(value: object) -> str:
    """A reader's name for a YAML value's type, for messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false ({'true' if value else 'false'})"
    if isinstance(value, int):
        return f"a number ({value})"
    if isinstance(value, float):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text ('{value[:40]}')"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
