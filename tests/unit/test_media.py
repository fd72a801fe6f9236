"""The image pipeline on photos made here with Pillow: orientation, metadata, widths, formats, the cache."""
from __future__ import annotations

import io
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from exguide.build import parallel
from exguide.build.pipeline import BuildOptions, build
from exguide.reuse.blobs import FolderStore
from exguide.reuse.memo import Memo
from exguide.site import encode
from exguide.site.images import MediaOptions, publish_image
from exguide.site.media import Published, Refused
from exguide.site.svg import clean_svg
from tests.support.photos import jpeg, photo
from tests.support.sites import ROOT, SITES

BASIC = SITES / "basic" / "content"
META = (b"Exif", b"GPS", b"TestCam", b"xmpmeta", b"ns.adobe.com", b"secret comment", b"ICC_PROFILE", b"ICCP",
        b"iCCP", b"eXIf")


def _publish(tmp_path: Path, name: str, data: bytes, store: FolderStore | None = None,
             options: MediaOptions = MediaOptions()) -> Published | Refused:
    folder = tmp_path / "images"
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(data)
    return publish_image(folder, store, options, folder / name)


def _bytes(payload) -> bytes:
    return payload.read_bytes() if isinstance(payload, Path) else payload


def test_a_phone_photo_is_published_upright_in_three_widths_as_webp_and_jpeg(tmp_path):
    # 2400 × 1800 as stored, orientation 6: the camera was turned, the photo is 1800 wide and 2400 tall
    result = _publish(tmp_path, "phone.jpg", jpeg(photo(2400, 1800), orientation=6))
    picture = result.picture
    assert (picture.width, picture.height) == (1600, 2133)
    assert [(v.width, v.height, v.type) for v in picture.variants] == [
        (480, 640, "image/webp"), (960, 1280, "image/webp"), (1600, 2133, "image/webp")]
    assert [v.name for v in picture.fallback] == ["phone-480w.jpg", "phone-960w.jpg", "phone-1600w.jpg"]
    for variant in picture.variants + picture.fallback:
        image = Image.open(io.BytesIO(_bytes(result.files[variant.name])))
        assert image.size == (variant.width, variant.height)
        assert image.format == variant.type.split("/")[1].upper()
    small = Image.open(io.BytesIO(_bytes(result.files["phone-480w.jpg"]))).convert("RGB")
    # the red corner of the stored image is its top-left; turned upright (90° clockwise) it is top-right
    assert small.getpixel((470, 10))[0] > 200 > small.getpixel((470, 10))[1] + 100
    assert small.getpixel((10, 10))[0] < 200 or small.getpixel((10, 10))[1] > 100
    assert "phone.jpg" not in result.files  # the original is not published


def test_no_metadata_is_published(tmp_path):
    source = jpeg(photo(1200, 900), orientation=3)
    assert all(marker in source for marker in (b"Exif", b"xmpmeta", b"secret comment", b"ICC_PROFILE"))
    result = _publish(tmp_path, "gps.jpg", source)
    assert len(result.files) == 6  # 480, 960 and 1200 px, each as WebP and JPEG
    for name, payload in result.files.items():
        data = _bytes(payload)
        assert [m for m in META if m in data] == [], name
        image = Image.open(io.BytesIO(data))
        assert not image.getexif() and not {"exif", "icc_profile", "xmp", "comment"} & set(image.info), name


def test_widths_are_never_larger_than_the_image(tmp_path):
    assert encode.widths_for(4032) == [480, 960, 1600]
    assert encode.widths_for(1600) == [480, 960, 1600]
    assert encode.widths_for(1000) == [480, 1000]  # 960 is too close to the image itself to be worth a file
    assert encode.widths_for(300) == [300]
    result = _publish(tmp_path, "small.png", _png(photo(300, 200)))
    assert [(v.width, v.height) for v in result.picture.fallback] == [(300, 200)]
    assert result.picture.fallback[0].type == "image/jpeg"  # no transparency: a JPEG is smaller


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_transparency_keeps_a_png_fallback_and_a_gif_gives_its_first_frame(tmp_path):
    clear = photo(600, 400).convert("RGBA")
    clear.putalpha(128)
    result = _publish(tmp_path, "clear.png", _png(clear))
    assert [v.type for v in result.picture.fallback] == ["image/png", "image/png"]
    assert Image.open(io.BytesIO(result.files["clear-480w.webp"])).mode == "RGBA"
    frames = [Image.new("RGB", (200, 100), colour) for colour in ((0, 200, 0), (0, 0, 200))]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    result = _publish(tmp_path, "moving.gif", out.getvalue())
    first = Image.open(io.BytesIO(result.files["moving-200w.jpg"])).convert("RGB").getpixel((100, 50))
    assert first[1] > 150 and first[2] < 80  # green, the first frame


def test_webp_and_avif_sources_are_read(tmp_path):
    for fmt, name in (("WEBP", "a.webp"), ("AVIF", "b.avif")):
        out = io.BytesIO()
        photo(700, 500).save(out, fmt)
        result = _publish(tmp_path, name, out.getvalue())
        assert isinstance(result, Published), result
        assert result.picture.width == 700


def test_check_decodes_but_encodes_nothing(tmp_path):
    result = _publish(tmp_path, "c.jpg", jpeg(photo(2000, 1500)), options=MediaOptions(encode=False))
    assert set(result.files.values()) == {b""} and result.picture.width == 1600  # names for the link check only


def test_the_store_keeps_the_files_and_a_second_publish_decodes_nothing(tmp_path):
    store = FolderStore(tmp_path / "cache")
    data = jpeg(photo(1000, 750))
    before = encode.decoded
    first = _publish(tmp_path, "kept.jpg", data, store)
    assert encode.decoded == before + 1
    assert all(isinstance(p, Path) and p.is_file() for p in first.files.values())
    again = _publish(tmp_path, "kept.jpg", data, store)
    assert encode.decoded == before + 1
    assert again.picture == first.picture and again.files == first.files
    other = _publish(tmp_path, "kept.jpg", data, store, MediaOptions(originals=True))
    assert encode.decoded == before + 2  # other settings, another key
    assert other.files["kept.jpg"] == tmp_path / "images" / "kept.jpg" and other.picture.original == "kept.jpg"


def test_a_store_folder_appears_whole_or_not_at_all(tmp_path):
    store = FolderStore(tmp_path / "s")
    assert store.get("ab" * 20) is None
    folder = store.put("ab" * 20, {"x.txt": b"1"})
    assert store.get("ab" * 20) == folder and (folder / "x.txt").read_bytes() == b"1"
    assert store.put("ab" * 20, {"x.txt": b"1"}) == folder  # a second writer of the same key: no harm
    assert list((tmp_path / "s" / "tmp").iterdir()) == []
    assert store.prune(now=10**10) == 1 and store.get("ab" * 20) is None


# --- whole builds: the cache across command-line builds and in serve --------------------------------
@pytest.fixture
def photo_site(tmp_path, monkeypatch) -> BuildOptions:
    monkeypatch.setattr(parallel, "cores", lambda: 1)  # one process, so this process counts every decode
    content = tmp_path / "content"
    shutil.copytree(BASIC, content)
    (content / "images" / "squat-start.jpg").write_bytes(jpeg(photo(2000, 1500, seed=1)))
    (content / "images" / "squat-finish.jpg").write_bytes(jpeg(photo(2000, 1500, seed=2)))
    squat = content / "exercises" / "squat.yaml"
    squat.write_text(squat.read_text() + "images:\n  - src: squat-start.jpg\n    alt: Standing\n    caption: Start\n"
                     "  - src: squat-finish.jpg\n    alt: Down\n    caption: Finish\n")
    return BuildOptions(content_dir=content, output_dir=tmp_path / "out", config_path=SITES / "basic" / "site.yaml",
                        search=False, cache_dir=tmp_path / "cache")


def _decodes(options: BuildOptions, memo: Memo | None = None) -> int:
    before = encode.decoded
    result = build(options, memo)
    assert result.ok, [d.format() for d in result.diagnostics]
    return encode.decoded - before


def test_a_second_command_line_build_decodes_nothing_even_without_its_memo(photo_site):
    assert _decodes(photo_site) == 2
    page = (photo_site.output_dir / "exercises/squat/index.html").read_text()
    assert 'srcset="/images/squat-start-480w.webp 480w, /images/squat-start-960w.webp 960w' in page
    assert _decodes(photo_site) == 0
    shutil.rmtree(photo_site.cache_dir / "build")  # the memo gone (a code change): the media cache still holds
    assert _decodes(photo_site) == 0
    assert (photo_site.output_dir / "exercises/squat/index.html").read_text() == page
    (photo_site.content_dir / "images" / "squat-finish.jpg").write_bytes(jpeg(photo(2000, 1500, seed=3)))
    assert _decodes(photo_site) == 1  # only the photo that changed


def test_serve_keeps_its_decoded_images_between_builds(photo_site, tmp_path):
    options = replace(photo_site, cache_dir=None, in_place=True, output_dir=tmp_path / "serve" / "site")
    memo = Memo()
    assert _decodes(options, memo) == 2
    assert _decodes(options, memo) == 0
    assert _decodes(options, Memo()) == 0  # a new preview: its media cache sits beside the folder


def test_a_plain_build_encodes_into_the_staging_area_only(photo_site, tmp_path):
    plain = replace(photo_site, cache_dir=None, output_dir=tmp_path / "plain")
    assert _decodes(plain) == 2
    assert not (tmp_path / "cache").exists()
    assert sorted(p.name for p in (tmp_path / "plain" / "images").iterdir())[:3] == [
        "roller.svg", "squat-finish-1600w.jpg", "squat-finish-1600w.webp"]


def test_a_changed_picture_rerenders_only_the_pages_that_show_it(photo_site):
    memo = Memo()
    build(photo_site, memo)
    (photo_site.content_dir / "images" / "squat-start.jpg").write_bytes(jpeg(photo(1200, 900, seed=4)))
    result = build(photo_site, memo)
    assert result.ok
    assert "exercises/squat/index.html" in result.rendered  # its srcset changed: 1200 px now
    assert "exercises/hamstring-stretch/index.html" not in result.rendered
    assert "exercises/index.html" in result.rendered  # the card shows the first photo, whose size changed


# --- SVG ------------------------------------------------------------------------------------------
def test_the_shipped_svg_is_published_byte_for_byte():
    data = (ROOT / "content/images/mid-back-release.svg").read_bytes()
    out, size = clean_svg(data)
    assert out is data and size == (320, 150)


@pytest.mark.parametrize("svg,refused", [
    ('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "a <script>"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect onclick="x()"/></svg>', "'onclick'"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><use x:href="data:x"/></svg>',
     "a link to 'data:x'"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(https://e.example/#g)"/></svg>', "fill="),
    ('<svg xmlns="http://www.w3.org/2000/svg"><a href="https://e.example/"><rect/></a></svg>', "a link (<a>)"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="href" to="javascript:x"/></svg>', "<set>"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><h:script xmlns:h="http://www.w3.org/1999/xhtml"/></svg>',
     "a <script>"),
    ('<?xml-stylesheet href="https://e.example/x.css"?><svg xmlns="http://www.w3.org/2000/svg"/>', "stylesheet"),
    ('<!DOCTYPE svg SYSTEM "file:///etc/passwd"><svg xmlns="http://www.w3.org/2000/svg"/>', "DOCTYPE"),
    ('<svg xmlns="http://www.w3.org/2000/svg" style="background:url(//e.example/x)"/>', "style="),
    ('<html xmlns="http://www.w3.org/1999/xhtml"/>', "HTML element <html>"),
])
def test_unsafe_svg_is_refused(svg, refused):
    message = clean_svg(svg.encode())
    assert isinstance(message, str) and refused in message, message


def test_editor_metadata_is_dropped_and_the_drawing_kept():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:i="http://www.inkscape.org/namespaces/inkscape" '
           'viewBox="0 0 10 10" i:version="1.3"><metadata><rdf/></metadata><!-- note -->'
           '<defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs>'
           '<rect width="5" height="5" fill="url(#g)" data-x="1"/><i:guide/></svg>')
    out, size = clean_svg(svg.encode())
    assert size == (10, 10)
    assert out == (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g">'
                   b'<stop offset="0" stop-color="red"/></linearGradient></defs>'
                   b'<rect width="5" height="5" fill="url(#g)"/></svg>\n')


def test_a_billion_laughs_svg_is_refused_at_once():
    bomb = ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
        + ']><svg xmlns="http://www.w3.org/2000/svg">&i;</svg>')
    assert "DOCTYPE" in clean_svg(bomb.encode())


def test_check_finds_a_damaged_photo_and_passes_a_good_one_without_writing(photo_site, tmp_path):
    check = replace(photo_site, write=False, cache_dir=None, output_dir=tmp_path / "never")
    result = build(check)
    assert result.ok, [d.format() for d in result.diagnostics]
    assert not (tmp_path / "never").exists() and not (tmp_path / "cache").exists()
    good = (photo_site.content_dir / "images" / "squat-start.jpg").read_bytes()
    (photo_site.content_dir / "images" / "squat-start.jpg").write_bytes(good[:len(good) // 3])
    (message,) = [d.format() for d in build(check).diagnostics]
    assert message.startswith("content/") is False and "squat.yaml:" in message
    assert "images.src: 'squat-start.jpg' is damaged or cut short" in message


def test_a_photo_the_markdown_body_shows_is_published_under_its_own_name_without_metadata(photo_site):
    squat = photo_site.content_dir / "exercises" / "squat.yaml"
    squat.write_text(squat.read_text().replace("  Sit back and down, then stand.",
                                               "  Sit back and down, then stand.\n\n  ![Standing](squat-start.jpg)"))
    assert _decodes(photo_site) == 2
    page = (photo_site.output_dir / "exercises/squat/index.html").read_text()
    assert 'src="/images/squat-start.jpg"' in page and "squat-start-480w.webp" in page
    data = (photo_site.output_dir / "images" / "squat-start.jpg").read_bytes()
    assert Image.open(io.BytesIO(data)).size == (1600, 1200)
    assert [m for m in META if m in data] == []


def test_the_export_and_the_structured_data_list_every_published_file(photo_site):
    import json
    import re

    build(photo_site)
    record = json.loads((photo_site.output_dir / "api/exercises/squat.json").read_text())
    start = record["images"][0]
    assert (start["width"], start["height"], start["href"]) == (1600, 1200, "/images/squat-start-1600w.jpg")
    assert [(v["width"], v["type"]) for v in start["variants"]] == [
        (480, "image/webp"), (960, "image/webp"), (1600, "image/webp"),
        (480, "image/jpeg"), (960, "image/jpeg"), (1600, "image/jpeg")]
    assert all((photo_site.output_dir / v["href"].lstrip("/")).is_file() for v in start["variants"])
    assert start["original"] is None and record["video"] is None
    page = (photo_site.output_dir / "exercises/squat/index.html").read_text()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1))
    assert len(data["image"]) == 12 and data["image"][0] == {
        "@type": "ImageObject", "contentUrl": "https://example.org/images/squat-start-480w.webp", "width": 480,
        "height": 360,
        "encodingFormat": "image/webp"}


@pytest.mark.parametrize("url,found", [
    ("https://www.youtube.com/watch?v=abcdefghijk", ("youtube", "abcdefghijk")),
    ("https://youtu.be/abcdefghijk?t=3", ("youtube", "abcdefghijk")),
    ("https://www.youtube.com/shorts/abcdefghijk", ("youtube", "abcdefghijk")),
    ("https://vimeo.com/76979871", ("vimeo", "76979871")),
    ("https://player.vimeo.com/video/76979871", ("vimeo", "76979871")),
    ("http://vimeo.com/76979871", "use the https:// address"),
    ("https://www.dailymotion.com/video/x8", "videos from 'www.dailymotion.com' are not embedded"),
    ("https://vimeo.com/channels/staff", "is not a Vimeo video address"),
])
def test_video_addresses(url, found):
    from exguide.site.video import parse_video_url, player_url

    got = parse_video_url(url)
    assert got == found if isinstance(found, tuple) else found in got
    if isinstance(found, tuple):
        assert player_url(*found).startswith(("https://www.youtube-nocookie.com/embed/",
                                             "https://player.vimeo.com/video/"))
        assert found[0] == "youtube" or "dnt=1" in player_url(*found)
