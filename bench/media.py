#!/usr/bin/env python3
"""The image pipeline at scale: 873 exercises with two 3000-px photos each, built cold and warm, and the
bytes a phone downloads for one exercise page with photos.

    python bench/media.py [--runs 1]

The corpus is bench/corpus/fedb-873 (bench/make_corpus.py) plus two photos per exercise made here with
Pillow (tests/support/photos.py; each unique, so no two share a cache entry), kept in
bench/corpus/fedb-873-photos/ between runs. "cold" builds with an empty .cache (memo and media cache),
"warm" again with nothing changed, "memo gone" with the media cache but no build memo (as after a code
change). The phone figure loads one exercise page at 390 × 844, device pixel ratio 3, in Chromium and adds
up every response body; the photos' original files are given beside it, which is what a reader fetched
before the pipeline.
"""
from __future__ import annotations

import argparse
import io
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw  # noqa: E402

from tests.support.photos import photo  # noqa: E402

CORPUS = ROOT / "bench" / "corpus"
SOURCE = CORPUS / "fedb-873"
PHOTOS = CORPUS / "fedb-873-photos"
WORK = ROOT / "bench" / "results" / "media"
SIZE = (3000, 2250)


def make_corpus() -> Path:
    """fedb-873 with two unique 3000-px JPEGs per exercise (made once; about two minutes)."""
    if (PHOTOS / ".complete").is_file():
        return PHOTOS
    if not SOURCE.is_dir():
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py")], check=True)
    shutil.rmtree(PHOTOS, ignore_errors=True)
    shutil.copytree(SOURCE, PHOTOS)
    (PHOTOS / "images").mkdir(exist_ok=True)
    bases = [photo(750, 562, seed=s).resize(SIZE, Image.Resampling.BICUBIC) for s in range(12)]
    started = time.perf_counter()
    for index, path in enumerate(sorted((PHOTOS / "exercises").glob("*.md"))):
        slug = path.stem
        entries = []
        for step, caption in ((1, "Start"), (2, "Finish")):
            rng = random.Random(f"{slug}-{step}")
            image = bases[rng.randrange(len(bases))].copy()
            x, y = rng.randrange(SIZE[0] - 300), rng.randrange(SIZE[1] - 300)
            ImageDraw.Draw(image).rectangle((x, y, x + 300, y + 300), fill=tuple(rng.randrange(256) for _ in range(3)))
            out = io.BytesIO()
            image.save(out, "JPEG", quality=90)
            (PHOTOS / "images" / f"{slug}-{step}.jpg").write_bytes(out.getvalue())
            entries.append(f"  - src: {slug}-{step}.jpg\n    alt: {caption} position\n    caption: {caption}\n")
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("\nauthor:", "\nimages:\n" + "".join(entries) + "author:", 1), encoding="utf-8")
        if index % 100 == 99:
            print(f"  made photos for {index + 1} exercises ({time.perf_counter() - started:.0f} s)", flush=True)
    (PHOTOS / ".complete").write_text("")
    return PHOTOS


def build(content: Path, out: Path, cache: Path) -> str:
    """'wall s (CPU s)' of one command-line build; CPU counts the build and its workers, so it shows the
    work even on a machine whose cores are shared."""
    started, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", str(content), "--output", str(out),
                    "--cache-dir", str(cache), "--no-search"], check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return f"{time.perf_counter() - started:.2f} s ({cpu:.1f} s CPU)"


def phone_bytes(site: Path, slug: str) -> tuple[int, int, int]:
    """(all bytes, image bytes, requests) a phone downloads to open one exercise page."""
    from playwright.sync_api import sync_playwright

    from tests.support.browser import launch
    from tests.support.server import serve

    sizes: list[tuple[str, int]] = []
    with serve(site) as base, sync_playwright() as p:
        browser = launch(p)
        context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3,
                                      is_mobile=True, has_touch=True)
        page = context.new_page()
        page.on("response", lambda r: sizes.append((r.request.resource_type, len(r.body()))))
        page.goto(f"{base}exercises/{slug}/")
        page.wait_for_load_state("networkidle")
        browser.close()
    return sum(n for _, n in sizes), sum(n for kind, n in sizes if kind == "image"), len(sizes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="cold/warm pairs to time (default 1)")
    args = parser.parse_args(argv)
    content = make_corpus()
    photos = len(list((content / "images").glob("*.jpg")))
    print(f"corpus: {len(list((content / 'exercises').glob('*.md')))} exercises, {photos} photos of "
          f"{SIZE[0]} × {SIZE[1]} px, {sum(p.stat().st_size for p in (content / 'images').iterdir()) / 1e6:.0f} MB")
    out, cache = WORK / "output", WORK / "cache"
    for run in range(args.runs):
        shutil.rmtree(WORK, ignore_errors=True)
        cold = build(content, out, cache)
        warm = build(content, out, cache)
        shutil.rmtree(cache / "build")
        memo_gone = build(content, out, cache)
        print(f"run {run + 1}: cold {cold} · warm {warm} · memo gone, media cache kept {memo_gone}")
    published = list((out / "images").iterdir())
    print(f"published: {len(published)} image files, {sum(p.stat().st_size for p in published) / 1e6:.0f} MB")
    slug = sorted(p.stem for p in (content / "exercises").glob("*.md"))[0]
    total, images, requests = phone_bytes(out, slug)
    originals = sum((content / "images" / f"{slug}-{n}.jpg").stat().st_size for n in (1, 2))
    print(f"phone (390 × 844, DPR 3), exercises/{slug}/: {total / 1000:.0f} kB in {requests} requests, "
          f"of which images {images / 1000:.0f} kB; the two original photos are {originals / 1000:.0f} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
