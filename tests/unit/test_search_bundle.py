"""The search step: Pagefind indexes only what it should, and a broken bundle fails the build."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from exguide.site import search
from exguide.build.pipeline import BuildOptions, build
from exguide.site.search import BUNDLE_DIR, index_site, verify_bundle
from exguide.site.urls import Urls

ROOT = Path(__file__).resolve().parents[2]
BASIC = ROOT / "tests" / "sites" / "basic"

PAGE = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<nav>Home Search</nav>{body}<footer>Footer text</footer></body></html>"""


def _site(root: Path) -> Path:
    """Two exercise pages with a search body and filters, and a home page without one."""
    pages = {
        "exercises/mid-back-release/index.html": PAGE.format(title="Mid-Back Release", body=(
            '<article data-pagefind-body><h1>Mid-Back Release</h1><p>Roll the upper back on a foam roller.</p>'
            '<span hidden data-pagefind-filter="muscle">Thoracic erector spinae</span></article>')),
        "exercises/squat/index.html": PAGE.format(title="Squat", body=(
            '<article data-pagefind-body><h1>Squat</h1><p>Sit back and stand up.</p>'
            '<span hidden data-pagefind-filter="muscle">Quadriceps</span></article>')),
        "index.html": PAGE.format(title="Home", body="<main><p>Welcome, foam roller fans.</p></main>"),
    }
    for path, text in pages.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def indexed(tmp_path_factory) -> Path:
    """A tiny site indexed once by the real Pagefind; tests copy its bundle before breaking it."""
    site = _site(tmp_path_factory.mktemp("indexed"))
    assert index_site(site) == []
    return site / BUNDLE_DIR


@pytest.fixture
def bundle(indexed, tmp_path) -> Path:
    copy = tmp_path / BUNDLE_DIR
    shutil.copytree(indexed, copy)
    return copy


def messages(problems) -> list[str]:
    return [p.format() for p in problems]


def test_only_pages_with_a_search_body_are_indexed(indexed):
    entry = json.loads((indexed / "pagefind-entry.json").read_text())
    assert [lang["page_count"] for lang in entry["languages"].values()] == [2]


def test_a_complete_bundle_passes_and_loses_the_unused_default_ui(indexed):
    assert verify_bundle(indexed) == []
    assert (indexed / "pagefind.js").stat().st_size > 10_000
    assert not (indexed / "pagefind-ui.js").exists()
    assert not (indexed / "pagefind-component-ui.js").exists()


def test_the_search_page_loads_the_bundle_the_indexer_writes():
    assert Urls.search_bundle() == f"/{BUNDLE_DIR}/{search.SCRIPT}"


def test_a_truncated_pagefind_js_fails_with_a_clear_message(bundle):
    script = bundle / "pagefind.js"
    text = script.read_text()
    script.write_text(text[: len(text) // 2])
    assert messages(verify_bundle(bundle)) == [
        "error: search: Pagefind wrote a truncated pagefind/pagefind.js (it does not end by exporting "
        "options, filters, search); run the build again, or reinstall with 'make site'"]


def test_a_pagefind_js_cut_inside_its_export_list_fails(bundle):
    script = bundle / "pagefind.js"
    text = script.read_text()
    script.write_text(text[: text.rindex("search")] + "};")
    assert len(verify_bundle(bundle)) == 1


def test_an_empty_pagefind_js_fails_with_a_clear_message(bundle):
    (bundle / "pagefind.js").write_text("")
    assert messages(verify_bundle(bundle)) == [
        "error: search: Pagefind left pagefind/pagefind.js empty; run the build again, or reinstall with 'make site'"]


def test_missing_files_are_each_named(bundle):
    (bundle / "pagefind-worker.js").unlink()
    wasm = next(bundle.glob("wasm.en.pagefind"))
    wasm.write_bytes(b"")
    assert messages(verify_bundle(bundle)) == [
        "error: search: Pagefind did not write pagefind/pagefind-worker.js; run the build again, "
        "or reinstall with 'make site'",
        "error: search: Pagefind left pagefind/wasm.en.pagefind missing or empty; run the build again, "
        "or reinstall with 'make site'"]


def test_a_cut_entry_file_fails(bundle):
    entry = bundle / "pagefind-entry.json"
    entry.write_text(entry.read_text()[:40])
    assert messages(verify_bundle(bundle)) == [
        "error: search: Pagefind wrote an incomplete pagefind/pagefind-entry.json (it is not the JSON index "
        "description it should be); run the build again, or reinstall with 'make site'"]


def test_a_truncating_pagefind_fails_the_build_and_keeps_the_old_site(tmp_path, monkeypatch):
    output = tmp_path / "output"
    options = BuildOptions(content_dir=BASIC / "content", config_path=BASIC / "site.yaml", output_dir=output)
    assert build(options).ok
    before = sorted(p.relative_to(output).as_posix() for p in output.rglob("*"))

    real_run = subprocess.run

    def truncating_run(command, **kwargs):
        done = real_run(command, **kwargs)
        if "pagefind" not in command:
            return done
        site = Path(json.loads((Path(kwargs["cwd"]) / "pagefind.json").read_text())["site"])
        script = site / BUNDLE_DIR / "pagefind.js"
        script.write_text(script.read_text()[:1000])
        return done

    monkeypatch.setattr(search.subprocess, "run", truncating_run)
    result = build(options)
    assert not result.ok
    assert [d.format() for d in result.diagnostics] == [
        "error: search: Pagefind wrote a truncated pagefind/pagefind.js (it does not end by exporting "
        "options, filters, search); run the build again, or reinstall with 'make site'"]
    assert sorted(p.relative_to(output).as_posix() for p in output.rglob("*")) == before
    assert verify_bundle(output / BUNDLE_DIR) == []


def _parts_site(tmp_path: Path) -> BuildOptions:
    """The golden test site copied, split into parts of one page each."""
    content = tmp_path / "content"
    shutil.copytree(BASIC / "content", content)
    config = tmp_path / "site.yaml"
    config.write_text((BASIC / "site.yaml").read_text() + "search_pages_per_index: 1\n")
    return BuildOptions(content_dir=content, config_path=config, output_dir=tmp_path / "output",
                        cache_dir=tmp_path / "cache")


def _bundle_files(output: Path) -> dict[str, tuple]:
    return {p.relative_to(output).as_posix(): (p.stat().st_ino, p.read_bytes())
            for p in (output / BUNDLE_DIR).rglob("*") if p.is_file()}


def _part(path: str) -> str:
    """pagefind/part-2/... -> part-2; the main bundle's files -> main."""
    second = path.split("/")[1]
    return second if second.startswith("part-") else "main"


def test_an_edit_indexes_again_only_the_part_holding_the_page(tmp_path):
    options = _parts_site(tmp_path)
    assert build(options).ok
    output = options.output_dir
    indexed = [p for p in output.rglob("*.html") if "data-pagefind-body" in p.read_text()]
    before = _bundle_files(output)
    assert {_part(path) for path in before} == {"main", *(f"part-{n}" for n in range(2, len(indexed) + 1))}

    squat = options.content_dir / "exercises" / "squat.yaml"
    squat.write_text(squat.read_text() + "\n# a comment: nothing shown changes\n")
    again = build(options)
    assert again.ok and not again.indexed  # the same pages: no part indexed again
    assert _bundle_files(output) == before

    page = options.content_dir / "exercises" / "hamstring-stretch.md"
    page.write_text(page.read_text() + "\nA new sentence about kneecaps.\n")
    result = build(options)
    assert result.ok and result.indexed
    after = _bundle_files(output)
    changed = {_part(path) for path in set(before) | set(after) if before.get(path) != after.get(path)}
    assert len(changed) == 1, changed  # the edited page's part; every other part kept its very files
    assert all(after[path] == before[path] for path in before if _part(path) not in changed)


def test_a_part_the_site_no_longer_needs_leaves_no_folder_behind(tmp_path):
    options = _parts_site(tmp_path)
    assert build(options).ok
    page = options.content_dir / "exercises" / "hamstring-stretch.md"
    page.write_text(page.read_text() + "\nAnother sentence.\n")
    assert build(options).ok  # staged in a fresh folder; the first tree becomes the spare
    parts = sorted(p.name for p in (options.output_dir / BUNDLE_DIR).iterdir() if p.name.startswith("part-"))
    config = options.config_path
    config.write_text(config.read_text().replace("search_pages_per_index: 1", "search_pages_per_index: 2"))
    assert build(options).ok
    fewer = sorted(p.name for p in (options.output_dir / BUNDLE_DIR).iterdir() if p.name.startswith("part-"))
    assert len(fewer) < len(parts) and all(any((options.output_dir / BUNDLE_DIR / n).iterdir()) for n in fewer)
