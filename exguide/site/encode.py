"""Decoding a raster image and encoding the files a page offers: the only module that runs Pillow's codecs.

Each image is turned upright (its EXIF orientation applied), converted to sRGB when it
carries another colour profile, and resized to each width of ``WIDTHS`` it is wider than
(never enlarged), then encoded as WebP and as JPEG (PNG when it has transparency). What
is written carries no metadata: no EXIF (GPS included), XMP, comments or ICC profile
(pixels are sRGB, which browsers assume for an untagged image).
"""
from __future__ import annotations

import io
import warnings

from PIL import Image, ImageCms, ImageOps

from exguide.site.media import JPEG, PNG, WEBP, Variant

WIDTHS = (480, 960, 1600)  # px; a phone takes the first, a laptop the second, a large screen the third
CLOSE = 0.9  # a width this close to the image's own is skipped: the image itself is offered instead
WEBP_OPTIONS = {"quality": 80, "method": 2}  # method 4 saves ~8% of bytes at three times the time
JPEG_OPTIONS = {"quality": 82, "progressive": True}  # progressive: Huffman tables optimised too
PNG_OPTIONS = {"optimize": False, "compress_level": 9}
SETTINGS = (WIDTHS, CLOSE, sorted(WEBP_OPTIONS.items()), sorted(JPEG_OPTIONS.items()),
            sorted(PNG_OPTIONS.items()), 1)  # bump the last number when the code below changes the output
decoded = 0  # images decoded by this process: the tests count them to see the cache work
_SRGB = ImageCms.createProfile("sRGB")


def widths_for(width: int) -> list[int]:
    """The widths an image ``width`` px wide is published in, narrowest first; never wider than it."""
    top = min(width, WIDTHS[-1])
    return [w for w in WIDTHS if w < top and w < width * CLOSE] + [top]


def scaled(width: int, height: int, to: int) -> tuple[int, int]:
    return to, max(1, round(height * to / width))


def upright_size(image: Image.Image) -> tuple[int, int]:
    """The size once the EXIF orientation is applied (from the header alone)."""
    try:
        orientation = image.getexif().get(0x0112, 1)
    except Exception:  # noqa: BLE001 - a broken EXIF block: decoding will say what is wrong
        orientation = 1
    width, height = image.size
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or (image.mode == "P" and "transparency" in image.info)


def decode(image: Image.Image) -> Image.Image:
    """The pixels, upright and in sRGB, as RGB or RGBA, with no metadata left on them.

    Raises what Pillow raises for a damaged file (OSError, SyntaxError, ValueError…);
    a decompression bomb warning is an error here.
    """
    global decoded
    decoded += 1
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        if image.format == "JPEG":  # decode at a smaller scale when that still covers the widest variant
            width, _ = upright_size(image)
            target = widths_for(width)[-1]
            image.draft("RGB", (target, 1) if width == image.size[0] else (1, target))
        image.load()  # an animation: its first frame
        alpha = has_alpha(image)
        profile = image.info.get("icc_profile")
        image = ImageOps.exif_transpose(image)
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P", "CMYK"):  # 16-bit, float, …
            image = _to_eight_bits(image)
        if profile:
            image = _to_srgb(image, profile, alpha)
        image = image.convert("RGBA" if alpha else "RGB")
    image.info = {}
    return image


def _to_eight_bits(image: Image.Image) -> Image.Image:
    if image.mode.startswith("I;16") or image.mode == "I":
        return image.convert("I").point(lambda v: v / 256).convert("L")
    return image.convert("RGB")


def _to_srgb(image: Image.Image, profile: bytes, alpha: bool) -> Image.Image:
    """Pixels converted from their embedded profile to sRGB; a profile we cannot read is ignored."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        if image.mode == "P":
            image = image.convert("RGBA" if alpha else "RGB")
        mode = "RGBA" if image.mode in ("RGBA", "LA") else "RGB"
        return ImageCms.profileToProfile(image, source, _SRGB, outputMode=mode,
                                         renderingIntent=ImageCms.Intent.PERCEPTUAL)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image


def encode(image: Image.Image, stem: str) -> tuple[dict[str, bytes], tuple[Variant, ...], tuple[Variant, ...]]:
    """(files by name, WebP variants, fallback variants) of a decoded image, narrowest first."""
    files: dict[str, bytes] = {}
    modern, fallback = [], []
    alpha = image.mode == "RGBA"
    kind, ext, options = (PNG, "png", PNG_OPTIONS) if alpha else (JPEG, "jpg", JPEG_OPTIONS)
    current = image
    for width in reversed(widths_for(image.width)):  # each from the one before: less work, same look
        size = scaled(image.width, image.height, width)
        if current.size != size:
            current = current.resize(size, Image.Resampling.LANCZOS)
        for variants, mime, suffix, fmt, opts in ((modern, WEBP, "webp", "WEBP", WEBP_OPTIONS),
                                                  (fallback, kind, ext, kind.split("/")[1].upper(), options)):
            name = f"{stem}-{width}w.{suffix}"
            files[name] = save(current, fmt, opts)
            variants.insert(0, Variant(name, size[0], size[1], mime))
    return files, tuple(modern), tuple(fallback)


def save(image: Image.Image, fmt: str, options: dict) -> bytes:
    """The encoded bytes, with nothing but pixels in them."""
    image.info = {}
    out = io.BytesIO()
    extra = {"exif": b""} if fmt in ("JPEG", "WEBP") else {}
    image.save(out, fmt, **options, **extra)
    return out.getvalue()


def as_named(image: Image.Image, fmt: str) -> bytes:
    """The image at its widest published size, in its own format: for an image shown by the Markdown body,
    whose link names the file itself."""
    width = widths_for(image.width)[-1]
    if width != image.width:
        image = image.resize(scaled(image.width, image.height, width), Image.Resampling.LANCZOS)
    if fmt == "JPEG":
        return save(image.convert("RGB"), "JPEG", JPEG_OPTIONS)
    if fmt == "WEBP":
        return save(image, "WEBP", WEBP_OPTIONS)
    if fmt == "GIF":
        return save(image, "GIF", {})
    if fmt == "AVIF":
        return save(image, "AVIF", {"quality": 60})
    return save(image, "PNG", PNG_OPTIONS)
