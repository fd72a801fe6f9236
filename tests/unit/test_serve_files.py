"""What the preview server answers: files inside its folder only, and the overlay while a build fails."""
from __future__ import annotations

from exguide.errors import error
from exguide.build.pipeline import BuildOptions, BuildResult
from exguide.commands.serve import Preview


def _preview(tmp_path, ok=True):
    site = tmp_path / "preview" / "site"
    (site / "exercises" / "squat").mkdir(parents=True)
    (site / "exercises" / "squat" / "index.html").write_text("<html><head></head><body>Squat</body></html>")
    (site / "404.html").write_text("<html><head></head><body>Not here</body></html>")
    (tmp_path / "secret.txt").write_text("private")
    (site / "leak.txt").symlink_to(tmp_path / "secret.txt")
    preview = Preview(BuildOptions(output_dir=site, in_place=True, drafts=True, search=False), search=False)
    preview.result = BuildResult(ok=ok, diagnostics=[] if ok else [
        error("content/exercises/squat.yaml", 6, "level",
              "expected one of beginner, intermediate, advanced; got 'expert'")])
    return preview


def _get(preview, path):
    seen = {}

    def start_response(status, headers):
        seen["status"], seen["headers"] = status, dict(headers)

    body = b"".join(preview.wsgi({"REQUEST_METHOD": "GET", "PATH_INFO": path}, start_response))
    return seen["status"], seen["headers"], body


def test_pages_and_files_inside_the_folder_are_served(tmp_path):
    preview = _preview(tmp_path)
    status, headers, body = _get(preview, "/exercises/squat/")
    assert status == "200 OK" and b"Squat" in body
    assert headers["Content-Type"] == "text/html; charset=utf-8" and headers["Cache-Control"] == "no-store"
    status, headers, _ = _get(preview, "/exercises/squat")
    assert status == "302 Found" and headers["Location"] == "/exercises/squat/"


def test_nothing_outside_the_folder_is_served(tmp_path):
    preview = _preview(tmp_path)
    for path in ("/../secret.txt", "/exercises/../../secret.txt", "/leak.txt", "/%2e%2e/secret.txt", "/nope/"):
        status, _, body = _get(preview, path)
        assert status == "404 Not Found", path
        assert b"private" not in body and b"Not here" in body


def test_a_failing_build_answers_pages_with_the_overlay(tmp_path):
    status, _, body = _get(_preview(tmp_path, ok=False), "/exercises/squat/")
    assert status == "500 Build Failed"
    assert (b"content/exercises/squat.yaml:6: error: level: expected one of beginner, intermediate, advanced; "
            b"got &#x27;expert&#x27;") in body
    assert b"build failed: 1 error in 1 file" in body
