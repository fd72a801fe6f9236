"""The media stage for one image file: checked, then published as a Picture and its files.

``publish_image`` is a plain function of the file's bytes and the settings, so the reuse
layer can keep its result; the finished files go into a FolderStore keyed by those same
inputs when there is one (a build with a cache), so an unchanged image is never decoded
or encoded again, even when the build memo is gone. Checks that need only the header
(the format, the pixel count) run before anything is decoded.
"""
from __future__ import annotations

import io
import json
import posixpath
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError, features

from exguide.reuse.blobs import FolderStore
from exguide.reuse.digest import sha1
from exguide.site import encode
from exguide.site.media import SVG, Picture, Published, Refused, Variant
from exguide.site.svg import clean_svg

MAX_BYTES = 25_000_000  # a phone photo is 3–12 MB; past this it is a scan or a raw export
MAX_PIXELS = 64_000_000  # 48-megapixel phone photos pass; decoding more could exhaust a worker's memory
Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow's own guard, made an error in encode.decode

FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP", ".gif": "GIF", ".avif": "AVIF"}
NAMES = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF", "AVIF": "AVIF", "SVG": "SVG"}
SUFFIX = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif", "AVIF": ".avif"}
ACCEPTED = "JPEG, PNG, WebP, GIF" + (", AVIF" if features.check("avif") else "") + " or SVG"


@dataclass(frozen=True)
class MediaOptions:
    """What every image is published with; part of each result's key."""

    originals: bool = False  # publish the original file too (site.yaml publish_originals)
    encode: bool = True  # False for `check`: decode to find damage, encode nothing
    as_named: bool = False  # also a copy under the file's own name (an image a Markdown body shows)

    def key(self) -> str:
        return repr((self, encode.SETTINGS, Image.__version__, features.version("webp"),
                     features.version("jpg"), features.version("zlib")))


def mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def publish_image(images_dir: Path, store: FolderStore | None, options: MediaOptions,
                  path: Path) -> Published | Refused:
    """One file of content/images/ checked and published, or why it cannot be."""
    src = path.relative_to(images_dir).as_posix()
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Refused(f"cannot read '{src}' ({exc.strerror or exc})")
    if len(data) > MAX_BYTES:
        return Refused(f"'{src}' is {mb(len(data))} (at most {mb(MAX_BYTES)}); export it smaller, "
                       "e.g. 2000 px wide at quality 85")
    suffix = posixpath.splitext(src)[1].lower()
    if suffix == ".svg":
        return _publish_svg(src, data, path, options)
    if suffix not in FORMATS:
        return Refused(f"'{src}': {suffix or 'a file without an extension'} is not an image type we publish; "
                       f"give a {ACCEPTED} file")
    key = sha1(sha1(data) + options.key())
    folder = store.get(key) if store is not None and options.encode else None
    if folder is not None:
        return _kept(src, folder, path, options)
    made = _made(src, data, FORMATS[suffix], options)
    if isinstance(made, Refused):
        return made
    picture, files = made
    if store is not None and options.encode:
        meta = json.dumps(_picture_data(picture), sort_keys=True).encode()
        folder = store.put(key, {**{_flat(n): d for n, d in files.items()}, "picture.json": meta})
        return _kept(src, folder, path, options)
    return Published(picture, _with_original(files, src, path, options))


def _made(src: str, data: bytes, expected: str, options: MediaOptions):
    """(picture, files) decoded and encoded from ``data``, or why not."""
    try:
        with warnings.catch_warnings():  # a header over the pixel limit is reported below, in our words
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))  # reads the header only
    except Image.DecompressionBombError as exc:
        pixels = re.search(r"\((\d+) pixels\)", str(exc))
        count = f"{int(pixels.group(1)) / 1e6:.0f}" if pixels else f"over {2 * MAX_PIXELS // 1_000_000}"
        return Refused(f"'{src}' is {count} megapixels (at most {MAX_PIXELS // 1_000_000}); scale it down, "
                       "e.g. to 4000 px on the long side")
    except UnidentifiedImageError:
        return Refused(f"'{src}' is not a {NAMES[expected]} image (its bytes are not any image type we read); "
                       f"export it again as {ACCEPTED}")
    except (OSError, SyntaxError, ValueError) as exc:
        return Refused(f"'{src}' is damaged: {_reason(exc)}; export it again from the original")
    if image.format not in NAMES or image.format == "SVG":
        return Refused(f"'{src}' is a {image.format} image; export it again as {ACCEPTED}")
    if image.format != expected:
        right = posixpath.splitext(src)[0] + SUFFIX[image.format]
        return Refused(f"'{src}' is not a {NAMES[expected]} image: its bytes are a {NAMES[image.format]} image; "
                       f"rename it to '{right}' or export it again as {NAMES[expected]}")
    width, height = encode.upright_size(image)
    if width * height > MAX_PIXELS:
        return Refused(f"'{src}' is {width} × {height} pixels ({width * height / 1e6:.0f} megapixels; at most "
                       f"{MAX_PIXELS // 1_000_000}); scale it down, e.g. to 4000 px on the long side")
    try:
        pixels = encode.decode(image)
    except Image.DecompressionBombWarning:
        return Refused(f"'{src}' would decode to more than {MAX_PIXELS // 1_000_000} megapixels; scale it down")
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, Image.DecompressionBombError) as exc:
        return Refused(f"'{src}' is damaged or cut short: {_reason(exc)}; export it again or copy the whole file")
    stem = posixpath.splitext(src)[0]
    if not options.encode:  # `check`: the shape the page would have, nothing written
        sizes = [encode.scaled(pixels.width, pixels.height, w) for w in encode.widths_for(pixels.width)]
        fallback = tuple(Variant(f"{stem}-{w}w.jpg", w, h, "image/jpeg") for w, h in sizes)
        return Picture(src, *sizes[-1], fallback, fallback, _original(src, options)), {v.name: b"" for v in fallback}
    files, modern, fallback = encode.encode(pixels, stem)
    if options.as_named and not options.originals:
        files[src] = encode.as_named(pixels, expected)
    return Picture(src, fallback[-1].width, fallback[-1].height, modern, fallback, _original(src, options)), files


def _reason(exc: BaseException) -> str:
    text = re.sub(r"\s*\([^)]*\)", "", str(exc)).strip().rstrip(".") or type(exc).__name__
    return text[:120]  # without Pillow's counts in brackets, which vary with the bytes


def _publish_svg(src: str, data: bytes, path: Path, options: MediaOptions) -> Published | Refused:
    cleaned = clean_svg(data)
    if isinstance(cleaned, str):
        return Refused(f"'{src}' is not a safe SVG: {cleaned}")
    out, (width, height) = cleaned
    variant = Variant(src, width, height, SVG)
    body = path if out is data else out  # unchanged: copied as it is, byte for byte
    return Published(Picture(src, width, height, (), (variant,), _original(src, options)), {src: body})


def _flat(name: str) -> str:
    """A variant's name as a file name inside a store folder (which has no subfolders)."""
    return name.replace("/", "%")


def _picture_data(picture: Picture) -> dict:
    return {"width": picture.width, "height": picture.height,
            "variants": [[v.name, v.width, v.height, v.type] for v in picture.variants],
            "fallback": [[v.name, v.width, v.height, v.type] for v in picture.fallback]}


def _kept(src: str, folder: Path, path: Path, options: MediaOptions) -> Published | Refused:
    """The published image read back from its store folder: a small JSON file, no pixels."""
    try:
        meta = json.loads((folder / "picture.json").read_text())
        picture = Picture(src, meta["width"], meta["height"], tuple(Variant(*v) for v in meta["variants"]),
                          tuple(Variant(*v) for v in meta["fallback"]), _original(src, options))
    except (OSError, ValueError, KeyError, TypeError):
        return Refused(f"the media cache entry for '{src}' is damaged; delete {folder} and build again")
    files = {v.name: folder / _flat(v.name) for v in picture.variants + picture.fallback}
    if options.as_named and not options.originals:
        files[src] = folder / _flat(src)
    return Published(picture, _with_original(files, src, path, options))


def _original(src: str, options: MediaOptions) -> str:
    return src if options.originals else ""


def _with_original(files: dict, src: str, path: Path, options: MediaOptions) -> dict:
    return {**files, src: path} if options.originals else files

