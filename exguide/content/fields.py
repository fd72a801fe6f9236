"""The field kinds every content file shares (text, lists, vocabulary terms, doses, dates…), each
checked into its model value with a located, fixable message."""
from __future__ import annotations

import datetime as dt
import re

from exguide.content.dose import parse_quantity
from exguide.content.model import DOSE_FIELDS, Dose, Image, Video
from exguide.content.schema import IMAGE_KEYS, VIDEO_KEYS, FieldSpec
from exguide.content.sources import SourceRecord, type_name
from exguide.content.taxonomy import Taxonomy, Vocabulary
from exguide.errors import Diagnostic, did_you_mean, error, warning
from exguide.site.markup import body_problems
from exguide.site.video import FIX as VIDEO_FIX, parse_video_url

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_LIST = 200  # no real guide lists more; bounds work on hostile input
MAX_TEXT = 2_000


class FieldChecker:
    """Holds the record being checked so each field check stays one short method."""

    def __init__(self, record: SourceRecord, taxonomy: Taxonomy):
        self.record = record
        self.tax = taxonomy
        self.problems: list[Diagnostic] = []

    def line(self, *path) -> int:
        while path:
            if path in self.record.lines:
                return self.record.lines[path]
            path = path[:-1]
        return 1

    def fail(self, field: str, message: str, *path) -> None:
        self.problems.append(error(self.record.source_path, self.line(*(path or (field,))), field, message))

    def warn(self, field: str, message: str, *path) -> None:
        self.problems.append(warning(self.record.source_path, self.line(*(path or (field,))), field, message))

    # --- field kinds -------------------------------------------------------
    def text(self, name: str, value) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(name, f"expected text, got {type_name(value)}")
            return ""
        if len(value) > MAX_TEXT:
            self.fail(name, f"text is too long ({len(value)} characters; at most {MAX_TEXT})")
            return ""
        return value.strip()

    def texts(self, name: str, value, required=False) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.fail(name, f"expected a list, got {type_name(value)}")
            return ()
        if len(value) > MAX_LIST:
            self.fail(name, f"too many items ({len(value)}; at most {MAX_LIST}); keep only the ones that matter")
            return ()
        out = []
        for index, item in enumerate(value):
            if isinstance(item, (int, float)) and not isinstance(item, bool):
                item = str(item)
            if not isinstance(item, str) or not item.strip():
                self.fail(name, f"item {index + 1}: expected text, got {type_name(item)}", name, index)
                continue
            out.append(item.strip())
        if required and not out and not value:
            self.fail(name, "must list at least one item")
        return tuple(out)

    def terms(self, name: str, value, vocab: Vocabulary) -> tuple[str, ...]:
        ids: list[str] = []
        names = self.texts(name, value)
        if vocab.broken:  # its file failed to load and is reported; checking names would only add noise
            return ()
        for index, item in enumerate(names):
            found = vocab.resolve(item)
            if isinstance(found, str):
                self.fail(name, found, name, index)
                continue
            if found.others:
                self.warn(name, f"'{item}' is ambiguous ({', '.join((found.id,) + found.others)}); "
                                f"using '{found.id}'; write the id to choose", name, index)
            if found.id in ids:
                self.warn(name, f"'{item}' is listed twice", name, index)
                continue
            ids.append(found.id)
        return tuple(ids)

    def slugs(self, name: str, value, path=()) -> tuple[str, ...]:
        out = []
        for index, item in enumerate(self.texts(name, value)):
            if not SLUG.match(item):
                guess = re.sub(r"\.(md|ya?ml)$", "", item.rsplit("/", 1)[-1]).lower()
                hint = f" (did you mean '{guess}'?)" if SLUG.match(guess) else ""
                self.fail(name, f"'{item}' is not an exercise slug{hint}; write the slug: lowercase letters, "
                                "digits and hyphens, e.g. 'cat-cow'", *(path or (name,)), index)
                continue
            out.append(item)
        return tuple(out)

    def boolean(self, name: str, value) -> bool:
        if not isinstance(value, bool):
            self.fail(name, f"expected true or false, got {type_name(value)}")
            return False
        return value

    def dose(self, value) -> Dose:
        if not isinstance(value, dict):
            self.fail("dose", f"expected fields like 'reps: 8-12' or 'duration: 30 sec', got {type_name(value)}")
            return Dose()
        parts = {}
        for key, raw in value.items():
            if key not in DOSE_FIELDS:
                self.fail(f"dose.{key}", f"unknown dose field '{key}'{did_you_mean(str(key), list(DOSE_FIELDS))}; "
                                         f"use {', '.join(DOSE_FIELDS)}", "dose", key)
                continue
            quantity = parse_quantity(key, raw)
            if isinstance(quantity, str):
                self.fail(f"dose.{key}", quantity, "dose", key)
                continue
            parts[key] = quantity
        return Dose(**parts)

    def images(self, value) -> tuple[Image, ...]:
        if not isinstance(value, list):
            self.fail("images", f"expected a list of images with src and alt, got {type_name(value)}")
            return ()
        out = []
        for index, item in enumerate(value[:MAX_LIST]):
            if isinstance(item, str):
                self.fail("images", f"image {index + 1}: give 'src' and 'alt' (alt text describes the image "
                                    "for people who cannot see it)", "images", index)
                continue
            if not isinstance(item, dict):
                self.fail("images", f"image {index + 1}: expected src and alt, got {type_name(item)}",
                          "images", index)
                continue
            for key in item:
                if key not in IMAGE_KEYS:
                    self.fail(f"images.{key}", f"unknown image field '{key}'"
                                               f"{did_you_mean(str(key), list(IMAGE_KEYS))}", "images", index, key)
            src = item.get("src")
            alt = item.get("alt")
            if not isinstance(src, str) or not src.strip():
                self.fail("images.src", f"image {index + 1}: missing 'src' (a file in content/images/)",
                          "images", index)
                continue
            if not isinstance(alt, str) or not alt.strip():
                self.fail("images.alt", f"image {index + 1}: add 'alt' text that describes the image "
                                        "for people who cannot see it",
                          "images", index)
                continue
            extras = {k: str(item.get(k) or "").strip() for k in ("caption", "credit", "license")}
            out.append(Image(src=src.strip(), alt=alt.strip(), **extras))
        return tuple(out)

    def video(self, value) -> Video | None:
        if isinstance(value, str):
            value = {"src": value}
        if not isinstance(value, dict):
            self.fail("video", f"expected a video file name or address, or src with poster and caption, "
                               f"got {type_name(value)}")
            return None
        for key in value:
            if key not in VIDEO_KEYS:
                self.fail(f"video.{key}", f"unknown video field '{key}'{did_you_mean(str(key), list(VIDEO_KEYS))}",
                          "video", key)
        src, extras = value.get("src"), {}
        if not isinstance(src, str) or not src.strip():
            self.fail("video.src", f"missing 'src': {VIDEO_FIX}", "video")
            return None
        for key in ("poster", "caption"):
            if key in value:
                extras[key] = self.text(f"video.{key}", value[key])
        src = src.strip()
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", src):
            found = parse_video_url(src)
            if isinstance(found, str):
                self.fail("video.src", found, "video", "src")
                return None
            return Video(src=src, provider=found[0], video_id=found[1], **extras)
        return Video(src=src, **extras)

    def date(self, name: str, value) -> dt.date | None:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.fail(name, f"expected a date like 2026-11-24, got {type_name(value)}")
        return None

    def url(self, name: str, value) -> str:
        text = self.text(name, value)
        if text and not re.match(r"^https?://[^\s/]+", text):
            self.fail(name, f"expected an http:// or https:// address, got '{text}'")
            return ""
        return text


def check_record(c: FieldChecker, fields: tuple[FieldSpec, ...], kind: str = "", list_fields: bool = False,
                 optional_here: tuple[str, ...] = ()) -> None:
    """Unknown keys and missing required fields of a record's front matter; ``kind`` names the record in
    messages ("routine field"), ``list_fields`` adds the known fields when no close name is found, and
    ``optional_here`` are required fields whose absence the caller reports itself."""
    names = [spec.name for spec in fields if spec.name != "body"]
    for key in c.record.meta:
        if key not in names:
            name = str(key)
            hint = did_you_mean(name, names) or (f"; a {kind or 'record'}'s fields are {', '.join(names)}"
                                                  if list_fields else "")
            if key == "body":
                hint = "; in a .md file the prose goes below the closing '---'"
            c.fail(name, f"unknown {kind + ' ' if kind else ''}field '{name}'{hint}")
    for spec in fields:
        if spec.required and spec.name not in optional_here and c.record.meta.get(spec.name) in (None, "", []):
            if spec.name in c.record.meta:
                c.fail(spec.name, f"'{spec.name}' is empty; it is required")
            else:
                c.problems.append(error(c.record.source_path, 1, "", f"missing required field '{spec.name}'"))


def finish_record(c: FieldChecker, make, values: dict, file_name: str):
    """``make(**values)`` with the fields every content record carries, or None with the problems.
    The body is checked here too, so its problems are reported with the field errors."""
    record = c.record
    for offset, message in body_problems(record.body):
        c.problems.append(error(record.source_path, record.body_line + offset, "body", message))
    if any(d.severity == "error" for d in c.problems):
        return None, c.problems
    return make(source_path=record.source_path, body=record.body, body_line=record.body_line, digest=record.digest,
                lines=record.lines, file_name=file_name or record.file_path.name, **values), c.problems
