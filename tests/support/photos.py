"""Photos made with Pillow, for the tests, the bench and the shipped content (which must be our own).

    python -m tests.support.photos     # redraw the photos in content/images/

``scene`` draws a simple picture of a person doing an exercise (a stick figure on a mat, a
wall and a floor, with a little grain so it encodes like a photo); ``photo`` a plain test
photo of any size; ``jpeg`` saves one with the metadata a phone adds (EXIF with orientation
and GPS, XMP, a comment, an ICC profile) so tests can check that none of it is published.
"""
from __future__ import annotations

import io
import random
import sys
from pathlib import Path

from PIL import Image, ImageCms, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parents[2]
SKIN, SHIRT, SHORTS, MAT = (224, 172, 130), (47, 93, 124), (40, 44, 52), (15, 118, 110)
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="51,30.0N"/>'
       b"</rdf:RDF></x:xmpmeta>")


def photo(width: int, height: int, seed: int = 1, colour: tuple = (70, 130, 180)) -> Image.Image:
    """A test photo: soft blobs of colour and grain; a red square marks its top-left corner."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    for _ in range(24):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(width // 12 + 1, width // 3 + 2)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in range(3)))
    image = image.filter(ImageFilter.GaussianBlur(max(1, width // 200)))
    draw = ImageDraw.Draw(image)
    side = max(2, min(width, height) // 8)
    draw.rectangle((0, 0, side, side), fill=(255, 0, 0))
    return _grain(image, rng)


def _grain(image: Image.Image, rng: random.Random, amount: float = 0.06) -> Image.Image:
    noise = Image.effect_noise(image.size, 40).convert("RGB")
    return Image.blend(image, noise, amount)


def jpeg(image: Image.Image, orientation: int = 1, quality: int = 88, metadata: bool = True) -> bytes:
    """JPEG bytes, with a phone's metadata when ``metadata``: EXIF (``orientation``, camera, GPS), XMP,
    a comment and an ICC profile."""
    out = io.BytesIO()
    if not metadata:
        image.save(out, "JPEG", quality=quality)
        return out.getvalue()
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "TestCam"  # Make
    exif[0x0110] = "Phone 12"  # Model
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)})
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image.save(out, "JPEG", quality=quality, exif=exif.tobytes(), xmp=XMP, comment=b"secret comment",
               icc_profile=profile)
    return out.getvalue()


# --- the shipped content's pictures ---------------------------------------------------------------
def _limb(draw: ImageDraw.ImageDraw, points: list, width: int, fill) -> None:
    draw.line(points, fill=fill, width=width, joint="curve")
    r = width // 2
    for x, y in points:
        draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)


def scene(pose: str, width: int = 1600, height: int = 1200, seed: int = 7) -> Image.Image:
    """A person on a mat: 'bridge-start' (lying, knees bent), 'bridge-finish' (hips raised), 'plank'."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    floor = int(height * 0.72)
    for y in range(height):  # a warm wall fading down to a wooden floor
        t = y / height
        colour = (int(236 - 30 * t), int(230 - 36 * t), int(218 - 44 * t)) if y < floor else (
            int(170 - 40 * (y - floor) / (height - floor)), int(122 - 30 * (y - floor) / (height - floor)), 82)
        draw.line([(0, y), (width, y)], fill=colour)
    for x in range(0, width, width // 9):  # floorboards
        draw.line([(x, floor), (x - width // 14, height)], fill=(140, 98, 62), width=3)
    s = width / 1600
    mat_top = floor + int(70 * s)
    draw.rounded_rectangle((int(180 * s), mat_top, int(1420 * s), mat_top + int(38 * s)), int(14 * s), fill=MAT)
    ground = mat_top
    p = lambda x, y: (int(x * s), int(ground - y * s))  # noqa: E731 - figure coordinates above the mat
    if pose == "plank":
        head, shoulder, hip, knee, foot = p(420, 250), p(500, 215), p(860, 185), p(1080, 130), p(1280, 30)
        elbow, hand = p(500, 40), p(640, 20)
        _limb(draw, [shoulder, elbow, hand], int(46 * s), SKIN)
        _limb(draw, [hip, knee, foot], int(70 * s), SHORTS)
        _limb(draw, [shoulder, hip], int(110 * s), SHIRT)
    else:
        lifted = pose == "bridge-finish"
        head, shoulder = p(330, 70), p(440, 70)
        hip = p(800, 300) if lifted else p(800, 70)
        knee, foot = p(1040, 330), p(1080, 20)
        _limb(draw, [shoulder, p(600, 25), p(760, 20)], int(44 * s), SKIN)
        _limb(draw, [hip, knee, foot], int(72 * s), SHORTS)
        _limb(draw, [shoulder, hip], int(110 * s), SHIRT)
    r = int(62 * s)
    draw.ellipse((head[0] - r, head[1] - r, head[0] + r, head[1] + r), fill=SKIN)
    shadow = Image.new("L", image.size, 0)
    ImageDraw.Draw(shadow).ellipse((int(260 * s), ground - int(10 * s), int(1340 * s), ground + int(50 * s)),
                                   fill=90)
    image.paste((60, 50, 40), mask=shadow.filter(ImageFilter.GaussianBlur(int(24 * s))))
    image = image.filter(ImageFilter.GaussianBlur(1.2 * s))
    return _grain(image, rng, 0.05)


SHIPPED = {"glute-bridge-start.jpg": "bridge-start", "glute-bridge-finish.jpg": "bridge-finish",
           "plank.jpg": "plank"}


def main() -> int:
    for name, pose in SHIPPED.items():
        data = jpeg(scene(pose), quality=85, metadata=False)
        (ROOT / "content" / "images" / name).write_bytes(data)
        print(f"wrote content/images/{name} ({len(data) // 1000} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
