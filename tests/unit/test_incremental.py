"""Incremental builds: which pages a change re-renders, and that the result equals a build from nothing."""
from __future__ import annotations

import filecmp
import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from exguide.build import parallel
from exguide.reuse.memo import Memo
from exguide.build.pipeline import BuildOptions, build
from tests.support.sites import ROOT, SITES

ALL_LISTS = {"index.html", "exercises/index.html", "muscles/index.html", "categories/index.html",
             "equipment/index.html", "search/index.html", "404.html", "sitemap.xml"}


@pytest.fixture
def site(tmp_path) -> BuildOptions:
    """A private copy of the basic site with the project's templates and assets, built once."""
    shutil.copytree(SITES / "basic", tmp_path / "site")
    shutil.copytree(ROOT / "templates", tmp_path / "site" / "templates")
    shutil.copytree(ROOT / "assets", tmp_path / "site" / "assets")
    root = tmp_path / "site"
    return BuildOptions(content_dir=root / "content", output_dir=tmp_path / "out", config_path=root / "site.yaml",
                        templates_dir=root / "templates", assets_dir=root / "assets", search=False)


def _differences(a: Path, b: Path) -> list[str]:
    def walk(cmp: filecmp.dircmp, prefix: str) -> list[str]:
        out = [prefix + n for n in cmp.left_only + cmp.right_only + cmp.diff_files + cmp.funny_files]
        for name, sub in cmp.subdirs.items():
            out += walk(sub, f"{prefix}{name}/")
        return out
    return walk(filecmp.dircmp(a, b, ignore=["pagefind"]), "")


def _same_as_plain_build(options: BuildOptions) -> None:
    plain = replace(options, output_dir=options.output_dir.parent / "plain", cache_dir=None)
    shutil.rmtree(plain.output_dir, ignore_errors=True)
    assert build(plain).ok
    assert _differences(options.output_dir, plain.output_dir) == []


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new))


def _pages_of(result) -> set[str]:
    return set(result.rendered)


def test_each_change_re_renders_exactly_the_pages_that_show_it(site):
    memo = Memo()
    first = build(site, memo)
    assert first.ok, [d.format() for d in first.diagnostics]
    content = site.content_dir / "exercises"

    nothing = build(site, memo)
    assert nothing.rendered == [] and nothing.written == []

    # prose is shown only on the exercise's own page
    _edit(content / "hamstring-stretch.md", "Hinge forward from the hips.", "Hinge forward slowly.")
    assert _pages_of(build(site, memo)) == {"exercises/hamstring-stretch/index.html"}
    _same_as_plain_build(site)

    # the title is on every card: its muscle, group, category and equipment pages, the A-Z list,
    # the exercise that lists it as related, and the routine that has it as a step
    _edit(content / "hamstring-stretch.md", "title: Hamstring Stretch", "title: Hamstring Reach")
    assert _pages_of(build(site, memo)) == {
        "exercises/hamstring-stretch/index.html", "exercises/index.html", "muscles/hamstrings/index.html",
        "groups/thighs/index.html", "categories/recovery-stretches/index.html", "equipment/none/index.html",
        "exercises/mid-back-release/index.html", "routines/cool-down/index.html"}
    _same_as_plain_build(site)

    # a template change re-renders the pages made from it, and no others
    _edit(site.templates_dir / "muscle.html", "<h1>", '<h1 class="term-title">')
    assert _pages_of(build(site, memo)) == {f"muscles/{m}/index.html" for m in
                                            ("hamstrings", "quadriceps", "rhomboids", "thoracic-erector-spinae")}
    _same_as_plain_build(site)


def test_json_exports_follow_the_titles_they_name_and_leave_the_rest_alone(site):
    """An exercise's export names its related exercises by title: reused records must not go stale."""
    memo = Memo()
    assert build(site, memo).ok
    api = site.output_dir / "api/exercises"
    _edit(site.content_dir / "exercises/hamstring-stretch.md", "title: Hamstring Stretch", "title: Hamstring Reach")
    result = build(site, memo)
    assert result.ok
    related = json.loads((api / "mid-back-release.json").read_text())["related"]
    assert [(r["slug"], r["title"]) for r in related] == [("hamstring-stretch", "Hamstring Reach")]
    exports = {path for path in result.written if path.startswith("api/")}
    # ...and the routine that has it as a step names it by title too
    assert exports == {"api/exercises.json", "api/exercise-pages/1.json", "api/exercises/hamstring-stretch.json",
                       "api/exercises/mid-back-release.json", "api/routines.json", "api/routines/cool-down.json"}
    _same_as_plain_build(site)


def test_a_title_that_moves_an_exercise_to_another_page_re_renders_the_pages_it_left_and_joined(site):
    """Paged lists (page_size 1 here: one card a page) follow the A–Z order through incremental builds."""
    site.config_path.write_text(site.config_path.read_text() + "page_size: 1\n")
    memo = Memo()
    first = build(site, memo)
    assert first.ok, [d.format() for d in first.diagnostics]
    az = ["exercises/index.html", "exercises/page/2/index.html", "exercises/page/3/index.html"]
    assert set(az) <= set(first.rendered)
    content = site.content_dir / "exercises"

    # a new title that keeps its place: only the pages showing its card (and its own, and its readers)
    _edit(content / "hamstring-stretch.md", "title: Hamstring Stretch", "title: Hamstring Reach")
    kept = _pages_of(build(site, memo))
    assert "exercises/index.html" in kept and not {az[1], az[2]} & kept
    assert "categories/recovery-stretches/index.html" in kept
    assert "categories/recovery-stretches/page/2/index.html" not in kept
    _same_as_plain_build(site)

    # one that moves it from first to last: every A–Z page (their letter index too), and on its category
    # both pages, since the other exercise moved up to page 1
    _edit(content / "hamstring-stretch.md", "title: Hamstring Reach", "title: Thigh Reach")
    moved = _pages_of(build(site, memo))
    assert set(az) <= moved
    assert {"categories/recovery-stretches/index.html", "categories/recovery-stretches/page/2/index.html"} <= moved
    assert "categories/strength/index.html" not in moved
    page3 = (site.output_dir / az[2]).read_text()
    assert "Thigh Reach" in page3 and 'id="letter-t"' in page3 and "Showing 3 of 3" in page3
    _same_as_plain_build(site)

    # a new exercise adds a page to the lists it is on; deleted, it takes that page away again
    (content / "wall-sit.md").write_text("---\ntitle: Wall Sit\ncategory: strength\ntargets: [quadriceps]\n"
                                         "key_points: [Back flat on the wall]\n---\n")
    assert build(site, memo).ok
    assert "page 3 of 4" in (site.output_dir / az[2]).read_text()
    assert (site.output_dir / "exercises/page/4/index.html").is_file()
    _same_as_plain_build(site)
    (content / "wall-sit.md").unlink()
    assert build(site, memo).ok
    assert not (site.output_dir / "exercises/page/4/index.html").exists()
    assert "page 3 of 3" in (site.output_dir / az[2]).read_text()
    _same_as_plain_build(site)


def test_taxonomy_and_settings_changes_re_render_what_uses_them(site):
    memo = Memo()
    first = build(site, memo)
    assert first.ok
    _edit(site.content_dir / "muscles.yaml", "description: Back of the thigh.",
          "description: The back of the thigh, from hip to knee.")
    result = build(site, memo)
    assert result.ok and "muscles/hamstrings/index.html" in result.rendered
    assert set(result.rendered) == set(first.rendered)  # names on every card come from the taxonomy
    _same_as_plain_build(site)
    _edit(site.config_path, "title: Golden Test Guide", "title: Golden Guide")
    assert set(build(site, memo).rendered) == set(first.rendered)
    _same_as_plain_build(site)


def test_a_preview_follows_a_change_to_how_bodies_are_rendered(site):
    """The preview reuses each body's key while its exercise is unchanged; the raw-HTML setting
    is part of that key, so turning it on shows the author's markup at once, and off again hides it."""
    memo = Memo()
    page = site.output_dir / "exercises/hamstring-stretch/index.html"
    _edit(site.content_dir / "exercises/hamstring-stretch.md", "Hinge forward from the hips.",
          'Hinge forward from the hips. <span class="author-note">Slowly.</span>')
    assert build(site, memo).ok
    assert 'class="author-note"' not in page.read_text()
    site.config_path.write_text(site.config_path.read_text() + "allow_raw_html: true\n")
    assert build(site, memo).ok
    assert '<span class="author-note">Slowly.</span>' in page.read_text()
    _same_as_plain_build(site)
    _edit(site.config_path, "allow_raw_html: true\n", "")
    assert build(site, memo).ok
    assert 'class="author-note"' not in page.read_text()
    _same_as_plain_build(site)


def test_added_deleted_and_renamed_files_leave_no_stale_page(site):
    memo = Memo()
    assert build(site, memo).ok
    content = site.content_dir / "exercises"
    new = content / "nordic-curl.md"
    new.write_text("---\ntitle: Nordic Curl\ncategory: strength\ntargets: [hamstrings]\n"
                   "key_points: [Lower slowly]\n---\nKneel.\n")
    added = build(site, memo)
    assert added.ok and "exercises/nordic-curl/index.html" in added.rendered
    assert "muscles/hamstrings/index.html" in added.rendered and ALL_LISTS <= set(added.rendered)
    _same_as_plain_build(site)

    new.rename(content / "nordic-hamstring-curl.md")
    assert build(site, memo).ok
    assert not (site.output_dir / "exercises/nordic-curl").exists()
    assert (site.output_dir / "exercises/nordic-hamstring-curl/index.html").is_file()
    _same_as_plain_build(site)

    (content / "nordic-hamstring-curl.md").unlink()
    assert build(site, memo).ok
    assert not (site.output_dir / "exercises/nordic-hamstring-curl").exists()
    _same_as_plain_build(site)


def test_a_cached_body_is_rendered_again_when_its_link_target_moves(site):
    memo = Memo()
    assert build(site, memo).ok
    # mid-back-release links to squat.yaml; its own text does not change, but the link breaks
    content = site.content_dir / "exercises"
    (content / "squat.yaml").rename(content / "back-squat.yaml")
    result = build(site, memo)
    assert not result.ok
    assert any(d.path.endswith("mid-back-release.md") and "squat.yaml" in d.message for d in result.diagnostics)


def test_a_warm_command_line_build_rewrites_nothing_and_an_edit_rewrites_only_what_changed(site, tmp_path):
    cached = replace(site, cache_dir=tmp_path / "cache")
    assert build(cached).ok  # memo saved to the cache folder, loaded again by each build below
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in cached.output_dir.rglob("*") if p.is_file()}

    warm = build(cached)
    assert warm.ok and warm.rendered == [] and warm.written == []
    after = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in cached.output_dir.rglob("*") if p.is_file()}
    assert after == before

    _edit(site.content_dir / "exercises" / "squat.yaml", "Sit back and down, then stand.",
          "Sit back and down, then drive up through the whole foot.")
    edited = build(cached)
    assert edited.ok and edited.rendered == ["exercises/squat/index.html"]
    after = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in cached.output_dir.rglob("*") if p.is_file()}
    rewritten = sorted(p.relative_to(cached.output_dir).as_posix() for p in after if after[p] != before.get(p))
    assert rewritten == sorted(edited.written)
    assert "exercises/squat/index.html" in rewritten and "index.html" not in rewritten
    # no staging left behind; the old tree is kept as the spare the next build stages into
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")] == [".out.spare"]
    _same_as_plain_build(cached)


def test_builds_staged_in_the_spare_give_the_same_site_as_a_plain_build(site, tmp_path):
    cached = replace(site, cache_dir=tmp_path / "cache")
    content = site.content_dir / "exercises"
    squat = content / "squat.yaml"
    original = squat.read_text()
    assert build(cached).ok
    steps = [
        lambda: _edit(squat, "Sit back and down, then stand.", "Sit back, then stand tall."),
        lambda: _edit(content / "hamstring-stretch.md", "Hinge forward from the hips.", "Hinge forward, back long."),
        lambda: squat.write_text(original),  # back to what the spare holds: two builds ago
        lambda: shutil.copy(content / "hamstring-stretch.md", content / "seated-hamstring-stretch.md"),
        lambda: (content / "seated-hamstring-stretch.md").unlink(),
    ]
    for step in steps:
        step()
        assert build(cached).ok
        _same_as_plain_build(cached)
    assert not (cached.output_dir / "exercises" / "seated-hamstring-stretch").exists()


def test_a_spare_the_memo_does_not_vouch_for_is_never_used(site, tmp_path):
    cached = replace(site, cache_dir=tmp_path / "cache")
    assert build(cached).ok
    _edit(site.content_dir / "exercises" / "squat.yaml", "Sit back and down, then stand.", "Sit, then stand.")
    assert build(cached).ok
    spare = tmp_path / ".out.spare"
    shutil.rmtree(spare)  # someone replaced the spare with a folder of their own
    (spare / "exercises" / "squat").mkdir(parents=True)
    (spare / "exercises" / "squat" / "index.html").write_text("not ours")
    (spare / "planted.html").write_text("not ours")
    _edit(site.content_dir / "exercises" / "squat.yaml", "Sit, then stand.", "Sit down, then stand up.")
    assert build(cached).ok
    assert not (cached.output_dir / "planted.html").exists()
    assert "Sit down, then stand up." in (cached.output_dir / "exercises" / "squat" / "index.html").read_text()
    _same_as_plain_build(cached)


def test_a_damaged_output_is_repaired_even_when_the_memo_says_it_is_current(site, tmp_path):
    cached = replace(site, cache_dir=tmp_path / "cache")
    assert build(cached).ok
    page = cached.output_dir / "exercises" / "squat" / "index.html"
    page.write_text("hand edited")
    (cached.output_dir / "muscles" / "quadriceps" / "index.html").unlink()
    assert build(cached).ok
    _same_as_plain_build(cached)


def test_the_search_bundle_is_reused_until_an_indexed_page_changes(site, tmp_path):
    cached = replace(site, cache_dir=tmp_path / "cache", search=True)
    first = build(cached)
    assert first.ok and first.indexed
    bundle = cached.output_dir / "pagefind" / "pagefind-entry.json"
    inode = bundle.stat().st_ino

    _edit(site.templates_dir / "muscle.html", "<h1>", '<h1 class="term-title">')  # muscle pages are not indexed
    second = build(cached)
    assert second.ok and not second.indexed and second.written
    assert bundle.stat().st_ino == inode

    _edit(site.content_dir / "exercises" / "squat.yaml", "Sit back and down, then stand.", "Sit back, then stand.")
    third = build(cached)
    assert third.ok and third.indexed


def test_parallel_rendering_gives_the_same_bytes_as_one_process(site, tmp_path, monkeypatch):
    content = site.content_dir / "exercises"
    source = (content / "hamstring-stretch.md").read_text()
    for n in range(parallel.MIN_ITEMS + 4):  # enough work for the worker processes to start
        (content / f"stretch-{n}.md").write_text(source.replace("title: Hamstring Stretch",
                                                                f"title: Stretch number {n}"))
    assert build(site).ok
    monkeypatch.setattr(parallel, "cores", lambda: 1)
    single = replace(site, output_dir=tmp_path / "single")
    assert build(single).ok
    assert _differences(site.output_dir, single.output_dir) == []
    assert len(list((site.output_dir / "exercises").iterdir())) > parallel.MIN_ITEMS


def test_fork_map_keeps_the_order_and_uses_other_processes():
    pids = parallel.fork_map(lambda n: (n, os.getpid()), list(range(200)), workers=2)
    assert [n for n, _ in pids] == list(range(200))
    if parallel.cores() > 1:
        assert os.getpid() not in {pid for _, pid in pids}
