"""The whole public-domain corpus imports and builds cleanly (skipped only where the corpus is absent)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.sites import run_build

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "free-exercise-db" / "exercises.json"
RECORDS = 873

pytestmark = pytest.mark.skipif(not CORPUS.is_file(), reason=f"corpus not found at {CORPUS}")


def test_every_record_imports_and_the_result_builds_without_errors(tmp_path):
    lib, out = tmp_path / "imported", tmp_path / "site"
    done = run_build("import", "free-exercise-db", str(CORPUS), "--into", str(lib))
    assert done.returncode == 0, done.stderr
    assert f"imported {RECORDS} exercises" in done.stdout
    unmapped = done.stdout[done.stdout.index("unmapped values"):]
    for value in ("machine", "e-z curl bar", "other", "powerlifting", "olympic weightlifting", "strongman"):
        assert value in unmapped  # what our vocabularies lack is reported, not dropped
    assert "muscle " not in unmapped  # every muscle word of the data set resolves through the taxonomy
    assert len(list((lib / "exercises").glob("*.md"))) == RECORDS

    done = run_build("--content", str(lib), "--output", str(out), "--no-search", "--strict")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    listing = json.loads((out / "api" / "exercises.json").read_text(encoding="utf-8"))
    assert listing["count"] == RECORDS
    assert len({e["slug"] for e in listing["exercises"]}) == RECORDS
    records = [r for page in listing["pages"]
               for r in json.loads((out / page["href"].lstrip("/")).read_text(encoding="utf-8"))["exercises"]]
    assert [r["slug"] for r in records] == [e["slug"] for e in listing["exercises"]]
    assert all(r["source_url"].startswith("https://github.com/yuhonas/free-exercise-db/") for r in records)
    assert len(list((out / "exercises").glob("*/index.html"))) == RECORDS
