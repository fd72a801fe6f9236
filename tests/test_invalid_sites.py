"""Every broken site under tests/sites/invalid/ fails cleanly: exit 1, the exact expected messages,
no traceback, the previous output/ untouched, and an answer within seconds.

Each case folder is a tiny site (content/, site.yaml) plus expected.txt, the build's stderr word
for word. The build runs as a user runs it, from the case folder, so paths print as
content/exercises/x.md. Inputs too big to commit and symbolic links are made here (MAKERS);
template cases build in-process with a copy of templates/ (the CLI has no --templates option).
Regenerate the folders with tests/sites/invalid/generate.py.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import pytest

from tests.support.sites import ROOT, SITES, build_site, run_build

CASES_DIR = SITES / "invalid"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if (p / "site.yaml").is_file())
BLESS = os.environ.get("EXGUIDE_BLESS") == "1"  # record the current messages as expected.txt
TIMEOUT = 120  # generous: a hung build fails the test instead of hanging the suite


# --- inputs made at test time ---------------------------------------------------------------
FRONT = "---\ntitle: Plank\ncategory: strength\ntargets: [quadriceps]\n"


def _huge_file(site: Path) -> None:
    with open(site / "content/exercises/huge.md", "w") as out:
        out.write(FRONT + "key_points: [Brace]\n---\n")
        line = "A long line of text that goes on and on. " * 4 + "\n"
        out.write(line * (20_000_000 // len(line) + 1))


def _many_items(site: Path) -> None:
    (site / "content/exercises/plank.md").write_text(FRONT + "key_points:\n" + "  - x\n" * 100_000 + "---\n")
    (site / "content/exercises/rows.md").write_text(
        "---\ntitle: Rows\ncategory: strength\ntargets: [rhomboids]\nkey_points: [Pull]\n---\n"
        + "- item\n" * 100_000)


def _deep_markdown(site: Path) -> None:
    (site / "content/exercises/quotes.md").write_text(FRONT + "key_points: [Brace]\n---\nIntro.\n\n"
                                                      + ">" * 10_000 + " deep\n")
    (site / "content/exercises/lists.md").write_text(
        "---\ntitle: Lists\ncategory: strength\ntargets: [rhomboids]\nkey_points: [Pull]\n---\n"
        + "".join("    " * depth + "- level\n" for depth in range(40)))


def _linked_file(site: Path) -> None:
    os.symlink("../../outside/stolen.md", site / "content/exercises/stolen.md")


def _linked_folder(site: Path) -> None:
    os.symlink("../../outside/more", site / "content/exercises/more")


def _linked_image(site: Path) -> None:
    os.symlink("../../outside/secret.svg", site / "content/images/secret.svg")


def _linked_images_folder(site: Path) -> None:
    shutil.rmtree(site / "content/images")
    os.symlink("../outside/pictures", site / "content/images")


def _symlinked_taxonomy(site: Path) -> None:
    os.symlink("../outside/muscles.yaml", site / "content/muscles.yaml")


def _photo(size=(64, 48)) -> bytes:
    from tests.support.photos import jpeg, photo

    return jpeg(photo(*size), metadata=False)


def _png_named_jpg(site: Path) -> None:
    import io

    from tests.support.photos import photo

    out = io.BytesIO()
    photo(64, 48).save(out, "PNG")
    (site / "content/images/photo.jpg").write_bytes(out.getvalue())


def _truncated_jpeg(site: Path) -> None:
    data = _photo((640, 480))
    (site / "content/images/photo.jpg").write_bytes(data[: len(data) // 2])


def _too_many_pixels(site: Path) -> None:
    """A JPEG header saying 12000 × 9000 with nothing behind it: refused before anything is decoded."""
    data = bytearray(_photo((16, 16)))
    sof = data.index(b"\xff\xc0")
    data[sof + 5:sof + 9] = (9000).to_bytes(2, "big") + (12000).to_bytes(2, "big")
    (site / "content/images/photo.jpg").write_bytes(bytes(data))


def _file_too_big(site: Path) -> None:
    with open(site / "content/images/photo.jpg", "wb") as out:
        out.write(_photo())
        out.truncate(26_000_000)  # sparse: quick to make, 26 MB to the build


def _not_an_image(site: Path) -> None:
    (site / "content/images/photo.jpg").write_text("This is a text file, saved with the wrong name.\n")


def _two_photos_one_name(site: Path) -> None:
    import io

    from tests.support.photos import photo

    (site / "content/images/photo.jpg").write_bytes(_photo())
    out = io.BytesIO()
    photo(64, 48).save(out, "PNG")
    (site / "content/images/photo.png").write_bytes(out.getvalue())


MAKERS = {
    "image-names-collide": _two_photos_one_name,
    "image-not-what-its-name-says": _png_named_jpg,
    "image-truncated": _truncated_jpeg,
    "image-too-many-pixels": _too_many_pixels,
    "image-file-too-big": _file_too_big,
    "image-not-an-image": _not_an_image,
    "huge-file-20mb": _huge_file,
    "list-100000-items": _many_items,
    "deeply-nested-markdown": _deep_markdown,
    "symlink-out-of-content": _linked_file,
    "symlinked-folder-out-of-content": _linked_folder,
    "symlinked-image-out-of-content": _linked_image,
    "symlinked-images-folder-out-of-content": _linked_images_folder,
    "symlinked-taxonomy-out-of-content": _symlinked_taxonomy,
}


# --- the previous output every case must leave alone ----------------------------------------
@pytest.fixture(scope="session")
def previous_output(tmp_path_factory) -> Path:
    """A good site, built once; each case gets a copy with the same bytes and times."""
    out = tmp_path_factory.mktemp("previous") / "output"
    build_site(out, "--no-search", content=SITES / "basic" / "content", config=SITES / "basic" / "site.yaml")
    return out


def state(folder: Path) -> dict:
    """Every entry under ``folder``'s parent with its bytes and modification time: any write shows."""
    out = {}
    for path in sorted(folder.parent.rglob("*")):
        rel = path.relative_to(folder.parent).as_posix()
        stat = path.lstat()
        out[rel] = (stat.st_mtime_ns, path.read_bytes() if path.is_file() else None)
    return out


def run_case(name: str, site: Path, output: Path) -> tuple[int, str, float]:
    """(exit status, stderr, seconds) of building the case as its kind requires."""
    args = (site / "args.txt").read_text().split() if (site / "args.txt").exists() else []
    started = time.perf_counter()
    if (site / "templates").is_dir() or (site / "templates-remove.txt").exists():
        status, stderr = _build_in_process(site, output, args)
    else:
        done = run_build("--content", "content", "--config", "site.yaml", "--output", str(output), "--no-search",
                         *args, cwd=site, timeout=TIMEOUT)
        status, stderr = done.returncode, done.stderr
    return status, stderr, time.perf_counter() - started


def _build_in_process(site: Path, output: Path, args: list[str]) -> tuple[int, str]:
    """Template cases: the project's templates with the case's files laid over them."""
    from exguide.commands.cli import report
    from exguide.build.pipeline import BuildOptions, build

    overlay = site / "templates"
    templates = site / "templates-full"
    shutil.copytree(ROOT / "templates", templates)
    if overlay.is_dir():
        shutil.copytree(overlay, templates, dirs_exist_ok=True)
        shutil.rmtree(overlay)
    remove = site / "templates-remove.txt"
    for name in remove.read_text().split() if remove.exists() else []:
        (templates / name).unlink()
    templates.rename(site / "templates")
    here = Path.cwd()
    os.chdir(site)  # messages name templates/x.html relative to where the build runs
    try:
        result = build(BuildOptions(content_dir=Path("content"), output_dir=output, config_path=Path("site.yaml"),
                                    templates_dir=Path("templates"), strict="--strict" in args, search=False))
    finally:
        os.chdir(here)
    stderr = StringIO()
    report(result, "--strict" in args, out=stderr)
    return (0 if result.ok else 1), stderr.getvalue()


@pytest.mark.parametrize("name", CASES)
def test_invalid_site_fails_cleanly_and_keeps_the_previous_output(name, tmp_path, previous_output):
    site = tmp_path / "site"
    shutil.copytree(CASES_DIR / name, site, symlinks=True)
    if name in MAKERS:
        MAKERS[name](site)
    output = tmp_path / "out" / "output"
    shutil.copytree(previous_output, output)  # copy2: same bytes and times
    before = state(output)

    status, stderr, seconds = run_case(name, site, output)
    print(f"{name}: exit {status} in {seconds:.2f} s")

    assert "Traceback" not in stderr
    if BLESS:
        (CASES_DIR / name / "expected.txt").write_text(stderr)
    expected = (CASES_DIR / name / "expected.txt").read_text()
    assert stderr == expected
    assert status == 1
    assert state(output) == before, "the failed build changed the previous output or left files beside it"


def test_there_are_at_least_forty_cases():
    assert len(CASES) >= 40


def test_every_error_line_names_a_file_and_says_what_to_do():
    """A message without a file or a fix is a message nobody can act on."""
    for name in CASES:
        lines = (CASES_DIR / name / "expected.txt").read_text().splitlines()
        assert lines[-1].startswith("build failed: "), name
        for line in lines[:-1]:
            assert line.startswith(("content/", "site.yaml", "templates/", "error: two pages")), (name, line)
            if line.startswith("templates/"):
                continue  # Jinja's own words, located
            assert any(hint in line for hint in ("did you mean", ";", "use ", "add ", "write ", "remove ",
                                                 "restore ", "give ", "expected ", "must ",
                                                 "missing required field")), \
                (name, line)


# --- the two inputs that must simply work, and a warning that fails only with --strict ----------
def _small_site(tmp_path: Path, files: dict[str, bytes]) -> Path:
    site = tmp_path / "site"
    shutil.copytree(CASES_DIR / "unknown-category", site)
    (site / "content/exercises/plank.md").unlink()
    for rel, data in files.items():
        (site / rel).write_bytes(data)
    return site


def test_bom_and_crlf_files_simply_build(tmp_path):
    site = _small_site(tmp_path, {
        "content/exercises/plank.md": b"\xef\xbb\xbf---\r\ntitle: Plank\r\ncategory: strength\r\n"
                                      b"targets: [quadriceps]\r\nkey_points:\r\n  - Brace\r\n---\r\n"
                                      b"Hold **still**.\r\n",
        "content/exercises/bridge.yaml": b"\xef\xbb\xbftitle: Bridge\r\ncategory: strength\r\n"
                                         b"targets: [hamstrings]\r\nkey_points: [Lift]\r\nbody: |\r\n  Press up.\r\n",
        "content/muscles.yaml": b"\xef\xbb\xbf" + (CASES_DIR / "unknown-category/content/muscles.yaml").read_bytes()
                                .replace(b"\n", b"\r\n"),
    })
    out = tmp_path / "output"
    done = run_build("--content", "content", "--config", "site.yaml", "--output", str(out), "--no-search", cwd=site)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    page = (out / "exercises/plank/index.html").read_text()
    assert "<strong>still</strong>" in page and "\ufeff" not in page and "\r" not in page
    assert "Press up." in (out / "exercises/bridge/index.html").read_text()


def test_a_file_with_only_front_matter_and_no_body_builds(tmp_path):
    site = _small_site(tmp_path, {"content/exercises/plank.md": b"---\ntitle: Plank\ncategory: strength\n"
                                                                b"targets: [quadriceps]\nkey_points: [Brace]\n---"})
    done = run_build("--content", "content", "--config", "site.yaml", "--output", str(tmp_path / "o"), "--no-search",
                     cwd=site)
    assert done.returncode == 0, done.stderr


def test_an_ambiguous_alias_is_a_warning_naming_the_muscle_chosen(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(CASES_DIR / "ambiguous-muscle-strict", site)
    out = tmp_path / "output"
    done = run_build("--content", "content", "--config", "site.yaml", "--output", str(out), "--no-search", cwd=site)
    assert done.returncode == 0
    assert done.stderr == ("content/exercises/plank.md:4: warning: targets: 'mid back' is ambiguous "
                           "(thoracic-erector-spinae, rhomboids); using 'thoracic-erector-spinae'; "
                           "write the id to choose\n")
    assert "Thoracic erector spinae" in (out / "exercises/plank/index.html").read_text()


def test_the_generator_and_the_committed_cases_agree(tmp_path):
    """Editing a case folder by hand and not generate.py (or the reverse) is caught here."""
    done = subprocess.run([sys.executable, str(CASES_DIR / "generate.py"), "--check"], capture_output=True,
                          text=True, timeout=TIMEOUT)
    assert done.returncode == 0, done.stdout + done.stderr
