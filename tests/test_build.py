"""The build as a user runs it: golden output, failure safety, drafts, determinism, CLI."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.golden import BASIC, EXPECTED, build_golden, golden_files
from tests.support.sites import build_site, run_build


def test_golden_site_matches_file_by_file(tmp_path):
    build_golden(tmp_path / "out")
    got, want = golden_files(tmp_path / "out"), golden_files(EXPECTED)
    assert sorted(got) == sorted(want), "file list differs; run `make golden` if the change is intended"
    for name in want:
        assert got[name] == want[name], f"{name} differs; run `make golden` if the change is intended"


def test_seed_page_shows_what_the_guide_shows(tmp_path):
    build_golden(tmp_path / "out")
    html = (tmp_path / "out" / "exercises" / "mid-back-release" / "index.html").read_text()
    assert re.search(r"<h1[^>]*>Mid-Back Release</h1>", html)
    for expected in (">Recovery Stretches</a>",
                     '<a class="muscle-link" href="/muscles/thoracic-erector-spinae/" data-pagefind-filter="muscle">'
                     'Thoracic erector spinae</a>',
                     '<img src="/images/roller.svg" alt="A foam roller"', "Key points",
                     "Arms crossed over the chest", "Reps:</span> 1", "Duration:</span> 30–60 sec",
                     "Roll slowly from the middle of the back"):
        assert expected in html
    muscle = (tmp_path / "out" / "muscles" / "thoracic-erector-spinae" / "index.html").read_text()
    assert 'href="/exercises/mid-back-release/"' in muscle


def test_drafts_only_with_the_flag(tmp_path):
    build_golden(tmp_path / "plain")
    assert not (tmp_path / "plain" / "exercises" / "secret").exists()
    build_site(tmp_path / "drafts", "--no-search", "--drafts", content=BASIC / "content",
               config=BASIC / "site.yaml")
    page = (tmp_path / "drafts" / "exercises" / "secret" / "index.html").read_text()
    assert "badge-draft" in page


def test_same_input_gives_byte_identical_output(tmp_path):
    build_golden(tmp_path / "a")
    build_golden(tmp_path / "b")
    assert golden_files(tmp_path / "a") == golden_files(tmp_path / "b")


def test_base_url_option_prefixes_every_link(tmp_path):
    build_site(tmp_path / "out", "--no-search", "--base-url", "/some-repo", content=BASIC / "content",
               config=BASIC / "site.yaml")
    html = (tmp_path / "out" / "index.html").read_text()
    assert 'href="/some-repo/assets/css/site.css"' in html
    assert 'href="/muscles/' not in html


def copy_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(BASIC, site, ignore=shutil.ignore_patterns("expected"))
    return site


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_failed_build_leaves_previous_output_untouched(tmp_path):
    site = copy_site(tmp_path)
    out = tmp_path / "output"
    build_site(out, content=site / "content", config=site / "site.yaml")
    before = snapshot(out)
    bad = site / "content" / "exercises" / "squat.yaml"
    bad.write_text(bad.read_text().replace("targets: [quads]", "targets: [quadz]"))
    done = run_build("--output", str(out), "--content", str(site / "content"), "--config", str(site / "site.yaml"))
    assert done.returncode == 1
    assert "targets: unknown muscle 'quadz' (did you mean 'quads'?)" in done.stderr
    assert done.stderr.strip().endswith("build failed: 1 error in 1 file")
    assert snapshot(out) == before
    assert "Traceback" not in done.stderr


def test_all_errors_are_reported_together_sorted(tmp_path):
    site = copy_site(tmp_path)
    ex = site / "content" / "exercises"
    (ex / "squat.yaml").write_text((ex / "squat.yaml").read_text().replace("level: intermediate", "level: easy"))
    (ex / "hamstring-stretch.md").write_text((ex / "hamstring-stretch.md").read_text()
                                             .replace("category: recovery-stretches\n", ""))
    done = run_build("check", "--content", "content", "--config", "site.yaml", cwd=site)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "content/exercises/hamstring-stretch.md:1: error: missing required field 'category'",
        "content/exercises/squat.yaml:6: error: level: expected one of beginner, intermediate, advanced; "
        "got 'easy'",
        "build failed: 2 errors in 2 files",
    ]


def test_output_that_is_not_ours_is_never_replaced(tmp_path):
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.txt").write_text("years of work")
    done = run_build("--no-search", "--output", str(precious), "--content", str(BASIC / "content"),
                     "--config", str(BASIC / "site.yaml"))
    assert done.returncode == 1
    assert "was not written by this tool" in done.stderr
    assert (precious / "thesis.txt").read_text() == "years of work"


def test_help_documents_the_options():
    done = run_build("--help")
    assert done.returncode == 0
    for option in ("--content", "--output", "--base-url", "--drafts", "--strict"):
        assert option in done.stdout


def test_usage_error_exits_2():
    assert run_build("--no-such-option").returncode == 2


def test_shipped_site_builds_and_the_seed_is_listed_on_its_muscle(site_root):
    page = (site_root / "exercises" / "mid-back-release" / "index.html").read_text()
    assert "Mid-Back Release" in page and "Thoracic erector spinae" in page
    muscle = (site_root / "muscles" / "thoracic-erector-spinae" / "index.html").read_text()
    assert "/exercises/mid-back-release/" in muscle
    for name in ("sitemap.xml", "robots.txt", ".nojekyll", "404.html", "index.html"):
        assert (site_root / name).exists()
