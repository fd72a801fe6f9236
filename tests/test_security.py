"""Content is untrusted: anyone can send an exercise file as a pull request.

- Raw HTML in Markdown is sanitised (no script, handlers, javascript: URLs, frames) unless the
  site sets allow_raw_html; front-matter and taxonomy strings are always escaped.
- Inline JSON (JSON-LD) cannot end its <script> or break on U+2028/9.
- No path in content makes the build read or write outside content/ and output/: checked with
  Python's audit hooks on every file the build opens, renames or deletes.
- Every page carries a Content Security Policy, and search, the timer and the service worker
  still work under it (browser test against the shipped site, at / and under /some-repo/).
- The preview server listens on loopback, serves nothing outside its folder, answers only Host
  names of this machine or allowed with --allow-host (no DNS rebinding), and lets only its own
  pages open the live-reload websocket.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.support.sites import ROOT, SITES, run_build

CASES = SITES / "invalid"
TIMEOUT = 120

# --- what must never reach a page ------------------------------------------------------------
BANNED_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style"}
BANNED_IN_CONTENT = {"link", "meta", "noscript", "template", "form"}  # fine in our templates' <head>, not in prose
URL_ATTRS = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "srcset", "background", "cite"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")


class PageCheck(HTMLParser):
    """Collects what a hostile page could use to run code."""

    def __init__(self, allowed_script_prefix: str = "/assets/", fragment: bool = False):
        super().__init__(convert_charrefs=True)
        self.prefix = allowed_script_prefix
        self.fragment = fragment  # a body fragment: stricter, there are no template parts in it
        self.problems: list[str] = []
        self.json_scripts: list[str] = []
        self._script: list[str] | None = None
        self._in_body = fragment

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "body":
            self._in_body = True
        if tag in BANNED_TAGS or (tag == "link" and self._in_body) or (self.fragment and tag in BANNED_IN_CONTENT):
            self.problems.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}>")
            if name in URL_ATTRS and value is not None:
                squeezed = "".join(ch for ch in value if ord(ch) > 32).lower()
                if squeezed.startswith(BAD_SCHEMES):
                    self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "style" and value and ("url(" in value or "expression" in value):
                self.problems.append(f"<{tag} style={value!r}>")
            if name == "http-equiv" and (value or "").lower() == "refresh":
                self.problems.append("<meta http-equiv=refresh>")
        if tag == "script":
            src = attrs.get("src")
            if src is not None:
                if not src.startswith(self.prefix):
                    self.problems.append(f"<script src={src!r}>")
            elif attrs.get("type") == "application/ld+json":
                self._script = []
            else:
                self.problems.append("<script> inline")
            if src is not None or attrs.get("type") != "application/ld+json":
                self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.json_scripts.append("".join(self._script))
            self._script = None


def check_html(html: str, prefix: str = "/assets/", fragment: bool = False) -> PageCheck:
    checker = PageCheck(prefix, fragment)
    checker.feed(html)
    checker.close()
    return checker


# Raw HTML an attacker might put in a Markdown body; none of it may survive as markup.
PAYLOADS = [
    '<script>alert("s1")</script>',
    '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
    '<img src="https://evil.example/x.png" onerror="alert(2)">',
    '<a href="javascript:alert(3)">j1</a>',
    '<a href="JaVaScRiPt:alert(4)">j2</a>',
    '<a href="&#106;avascript:alert(5)">j3</a>',
    '<a href="java&#x09;script:alert(6)">j4</a>',
    '<a href=" javascript:alert(7)">j5</a>',
    '<a href="vbscript:msgbox(8)">j6</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">j7</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe srcdoc="<script>alert(9)</script>"></iframe>',
    '<object data="https://evil.example/x.swf"></object>',
    '<embed src="https://evil.example/x.swf">',
    '<svg onload="alert(10)"><circle r="1"/></svg>',
    '<svg><script>alert(11)</script></svg>',
    '<math><mtext><table><mglyph><style><img src="https://evil.example/m.png" onerror="alert(12)">',
    '<form action="javascript:alert(13)"><button formaction="javascript:alert(14)">go</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(15)">',
    '<base href="https://evil.example/">',
    '<style>body{background:url("javascript:alert(16)")}</style>',
    '<div style="background-image:url(javascript:alert(17))">styled</div>',
    '<details open ontoggle="alert(18)"><summary>t</summary></details>',
    '<p onclick="alert(19)" onmouseover="alert(20)">handlers</p>',
    '<scr<script>ipt>alert(21)</scr</script>ipt>',
    '<noscript><p title="</noscript><img src=https://evil.example/n.png onerror=alert(22)>"></noscript>',
    '<input autofocus onfocus="alert(23)">',
    '<video><source onerror="alert(24)"></video>',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<a href="https://example.org/" onclick="alert(25)">kept link, no handler</a>',
]


def render(body: str, allow_raw_html: bool = False) -> str:
    from exguide.site.markup import LinkContext, MarkdownRenderer

    return MarkdownRenderer(allow_raw_html).render(LinkContext("x.md", body, 1, lambda p: None, lambda p: None))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_raw_html_in_markdown_is_sanitised(payload):
    assert check_html(render(payload + "\n", allow_raw_html=True), fragment=True).problems, \
        "the check would not notice this payload"
    for body in (payload + "\n", f"Text before {payload} and after.\n", f"- item {payload}\n"):
        html = render(body)
        assert check_html(html, fragment=True).problems == [], (body, html)


def test_allow_raw_html_keeps_it_as_written():
    body = '<div class="callout" data-x="1"><span style="color: red">kept</span></div>\n'
    assert body.strip() in render(body, allow_raw_html=True)
    assert body.strip() not in render(body)


# --- a whole hostile site --------------------------------------------------------------------
HOSTILE_TITLE = "<script>alert('title')</script> Plank \u2028</script><!--"


def _base_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(CASES / "unknown-category", site)
    (site / "content/exercises/plank.md").unlink()
    return site


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """A site where every string an author controls tries to become markup; built at /some-repo/."""
    tmp = tmp_path_factory.mktemp("hostile")
    site = _base_site(tmp)
    front = {
        "title": HOSTILE_TITLE,
        "category": "strength",
        "targets": ["quadriceps"],
        "aliases": ['"><img src=x onerror=alert(1)>'],
        "key_points": ["<img src=x onerror=alert('kp')>", "</script><script>alert(1)</script>"],
        "cautions": ["<iframe src=javascript:alert(1)>"],
        "tags": ["<svg/onload=alert(1)>"],
        "dose": {"duration": "30 sec"},
        "images": [{"src": "roller.svg", "alt": '" onerror="alert(1)', "caption": "<b onmouseover=alert(1)>c</b>",
                    "credit": "<script>alert(1)</script>", "license": "<a href=javascript:alert(1)>x</a>"}],
        "author": "</title><script>alert(1)</script>",
        "source_url": "https://example.org/?q=<script>alert(1)</script>",
        "updated": "2026-11-24",
    }
    body = "Intro.\n\n" + "\n\n".join(PAYLOADS) + "\n\nSee [squat](squat.md).\n"
    (site / "content/exercises/plank.md").write_text("---\n" + json.dumps(front) + "\n---\n"
                                                     + body)
    muscles = site / "content/muscles.yaml"
    muscles.write_text(muscles.read_text().replace("description: Front of the thigh.",
                                                   "description: \"<img src=x onerror=alert('m')>\""))
    (site / "site.yaml").write_text('title: "</title><script>alert(1)</script>"\n'
                                    'description: "\\" onload=\\"alert(1)"\nsite_url: https://example.org\n')
    out = tmp / "output"
    done = run_build("--content", "content", "--config", "site.yaml", "--output", str(out), "--base-url",
                     "/some-repo/", "--no-search", cwd=site, timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr
    return out


def test_no_page_of_a_hostile_site_can_run_its_code(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        check = check_html(page.read_text(), "/some-repo/assets/")
        assert check.problems == [], (page.relative_to(hostile_site), check.problems)


def test_front_matter_strings_are_shown_as_text(hostile_site):
    html = (hostile_site / "exercises/plank/index.html").read_text()
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Plank" in html
    assert "&lt;img src=x onerror=alert(&#39;kp&#39;)&gt;" in html
    assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the site title, in every header
    muscle = (hostile_site / "muscles/quadriceps/index.html").read_text()
    assert "&lt;img src=x onerror=alert(&#39;m&#39;)&gt;" in muscle


def test_inline_json_cannot_close_its_script_and_keeps_the_data(hostile_site):
    html = (hostile_site / "exercises/plank/index.html").read_text()
    check = check_html(html, "/some-repo/assets/")
    assert check.json_scripts, "the exercise page has its JSON-LD"
    for text in check.json_scripts:
        assert "</" not in text and "<!--" not in text
        assert "\u2028" not in text and "\u2029" not in text
        assert HOSTILE_TITLE in json.dumps(json.loads(text), ensure_ascii=False)


def test_feeds_and_sitemaps_stay_well_formed(hostile_site):
    for path in sorted(hostile_site.rglob("*.xml")):
        ET.parse(path)  # raises on any markup a title smuggled in
    feed = hostile_site / "feed.xml"
    if feed.exists():
        titles = [e.text for e in ET.parse(feed).iter() if e.tag.endswith("title")]
        assert HOSTILE_TITLE in titles
    for path in sorted(hostile_site.rglob("*.json")):
        json.loads(path.read_text())


@pytest.mark.parametrize("value", [
    "</script><script>alert(1)</script>", "</SCRIPT >", "<!--<script>", "a\u2028b\u2029c", "&amp; <b>",
    {"nested": ["</script>", "\u2028"]},
])
def test_json_script_escapes_what_html_would_read(value):
    from exguide.build.render import json_script

    text = str(json_script(value))
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == value


def test_allow_raw_html_site_setting_keeps_raw_html_in_the_page(tmp_path):
    site = _base_site(tmp_path)
    (site / "site.yaml").write_text("title: Trusted\nallow_raw_html: true\n")
    raw = '<div class="callout"><iframe src="https://www.example.org/embed" title="demo"></iframe></div>'
    (site / "content/exercises/plank.md").write_text("---\ntitle: Plank\ncategory: strength\ntargets: [quadriceps]\n"
                                                     f"key_points: [Brace]\n---\n{raw}\n")
    out = tmp_path / "output"
    done = run_build("--content", "content", "--config", "site.yaml", "--output", str(out), "--no-search", cwd=site)
    assert done.returncode == 0, done.stderr
    assert raw in (out / "exercises/plank/index.html").read_text()


# --- no path leaves content/ and output/ ------------------------------------------------------
AUDITED = r"""
import json, os, sys
log = open(sys.argv[1], "w")
WATCH = {"open", "os.rename", "os.replace", "os.remove", "os.unlink", "os.rmdir", "os.mkdir", "os.link",
         "os.symlink", "shutil.rmtree", "shutil.copyfile", "shutil.move", "os.chmod", "os.truncate",
         "os.listdir", "os.scandir", "os.chdir"}

def plain(value):
    if isinstance(value, bytes):
        return os.fsdecode(value)
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    return value if isinstance(value, (str, int, type(None))) else repr(value)

def hook(event, args):
    if event in WATCH:
        log.write(json.dumps([event, [plain(a) for a in args]]) + "\n")

sys.path[:] = [p for p in sys.path if p not in ("", ".")]  # imports must not list the working folder
sys.addaudithook(hook)
sys.path.insert(0, sys.argv[2])
from exguide.commands.cli import main
code = main(sys.argv[3:])
log.flush()
sys.exit(code)
"""
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
WRITING_EVENTS = {"os.rename", "os.replace", "os.remove", "os.unlink", "os.rmdir", "os.mkdir", "os.link",
                  "os.symlink", "shutil.rmtree", "shutil.copyfile", "shutil.move", "os.chmod", "os.truncate"}


def audited_build(site: Path, out: Path, log: Path) -> tuple[subprocess.CompletedProcess, list]:
    done = subprocess.run([sys.executable, "-c", AUDITED, str(log), str(ROOT), "--content", "content", "--config",
                           "site.yaml", "--output", str(out), "--no-search"], cwd=site, capture_output=True,
                          text=True, timeout=TIMEOUT, env=os.environ | {"PYTHONDONTWRITEBYTECODE": "1"})
    events = [json.loads(line) for line in log.read_text().splitlines()]
    return done, events


def touched(events: list, cwd: Path) -> tuple[set[Path], set[Path]]:
    """(paths read or listed, paths written, moved or deleted), made absolute."""
    reads, writes = set(), set()
    for event, args in events:
        paths = [a for a in args if isinstance(a, str)]
        if event == "open":
            if not paths:
                continue  # an already-open file descriptor
            mode, flags = args[1], args[2] if len(args) > 2 else 0
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or bool((flags or 0) & WRITE_FLAGS)
            (writes if writing else reads).add(cwd / paths[0])
        elif event in WRITING_EVENTS:
            writes.update(cwd / p for p in paths[:2] if p)
        elif event in ("os.listdir", "os.scandir") and paths:
            reads.add(cwd / paths[0])
    return ({Path(os.path.normpath(p)) for p in reads}, {Path(os.path.normpath(p)) for p in writes})


def inside(path: Path, *roots: Path) -> bool:
    return any(path == r or r in path.parents for r in roots)


def bait(tmp_path: Path) -> Path:
    """Files outside content/ that a hostile site points at."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("---\ntitle: Secret\ncategory: strength\ntargets: [quadriceps]\n"
                                       "key_points: [secret]\n---\nSECRET\n")
    (outside / "secret.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    (outside / "muscles.yaml").write_text((CASES / "unknown-category/content/muscles.yaml").read_text())
    return outside


def test_a_good_build_writes_only_its_output_and_reads_nothing_outside(tmp_path):
    outside = bait(tmp_path)
    site = _base_site(tmp_path)
    (site / "content/exercises/plank.md").write_text(
        "---\ntitle: Plank\ncategory: strength\ntargets: [quadriceps]\nkey_points: [Brace]\nimages:\n"
        "  - src: roller.svg\n    alt: A roller\n---\nSee [squat](squat.md#how-to-do-it) and ![r](roller.svg).\n")
    out = tmp_path / "out" / "output"
    done, events = audited_build(site, out, tmp_path / "audit.jsonl")
    assert done.returncode == 0, done.stderr
    reads, writes = touched(events, site)
    # --output a/b/output may create a/b
    made_parents = {Path(os.path.normpath(site / args[0])) for event, args in events
                    if event == "os.mkdir" and Path(os.path.normpath(site / args[0])) in out.parents}
    stray = [p for p in writes - made_parents
             if not inside(p, out, out.parent / ".output.staging", out.parent / ".output.old", ROOT / ".cache")]
    assert stray == [], "the build wrote outside output/"
    assert not [p for p in reads if inside(p.resolve(), outside)]
    assert [p for p in reads if inside(p, site / "content")], "the audit saw the content being read"
    here = [p for p in reads if inside(p, tmp_path)]
    assert all(inside(p, site / "content", site / "site.yaml", out, out.parent) for p in here), here


def test_a_hostile_site_cannot_reach_files_outside_content(tmp_path):
    """Links, .., absolute paths and symbolic links all point at bait files; none is ever opened."""
    outside = bait(tmp_path)
    site = _base_site(tmp_path)
    content = site / "content"
    os.symlink(outside / "secret.md", content / "exercises/stolen.md")
    os.symlink(outside / "secret.svg", content / "images/secret.svg")
    os.symlink(outside, content / "exercises/linked-folder")
    (content / "muscles.yaml").unlink()
    os.symlink(outside / "muscles.yaml", content / "muscles.yaml")
    (content / "exercises/plank.md").write_text(
        "---\ntitle: Plank\ncategory: strength\ntargets: [quadriceps]\nkey_points: [Brace]\nimages:\n"
        f"  - src: secret.svg\n    alt: a\n  - src: ../../outside/secret.svg\n    alt: b\n"
        f"  - src: {outside / 'secret.svg'}\n    alt: c\n---\n"
        f"[a](../../outside/secret.md) [b]({outside / 'secret.md'}) ![c](../../outside/secret.svg) "
        f"[d](file://{outside / 'secret.md'})\n")
    out = tmp_path / "out" / "output"
    out.mkdir(parents=True)
    (out / ".exguide").write_text("")
    done, events = audited_build(site, out, tmp_path / "audit.jsonl")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    reads, writes = touched(events, site)
    assert [p for p in reads if inside(p.resolve(), outside)] == []
    assert [p for p in writes if not inside(p, ROOT / ".cache")] == []
    assert "SECRET" not in done.stderr


@pytest.mark.parametrize("target", ["content", ".", "content/exercises", "site.yaml"])
def test_output_may_not_be_the_content_or_the_project(tmp_path, target):
    site = _base_site(tmp_path)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    done = run_build("--content", "content", "--config", "site.yaml", "--output", target, "--no-search", cwd=site)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("error: ") and "choose another --output" in done.stderr
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


# --- Content Security Policy -----------------------------------------------------------------
# font-src, connect-src, manifest-src and media-src fall back to default-src, worker-src to script-src: all 'self'
POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' https:; "
          "frame-src https://www.youtube-nocookie.com https://player.vimeo.com; "
          "object-src 'none'; base-uri 'self'; form-action 'self'")
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation",
  e => window.__csp.push(e.effectiveDirective + " " + e.blockedURI));
"""
WORKER_ACTIVE = """async () => {
  const reg = await navigator.serviceWorker.getRegistration();
  return !!(reg && reg.active && reg.active.state === "activated");
}"""


def test_every_page_carries_the_policy_before_anything_loads(site_root):
    for page in sorted(site_root.rglob("*.html")):
        head = page.read_text().split("</head>")[0]
        tag = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
        assert tag in head, page.relative_to(site_root)
        assert head.index(tag) < min(i for i in (head.find("<script"), head.find("<link"), len(head)) if i >= 0)


def test_search_timer_and_service_worker_work_under_the_policy_and_inline_script_does_not(browser, served):
    from playwright.sync_api import expect

    base, _ = served
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    seen: list[str] = []

    def violations() -> list[str]:
        seen.extend(page.evaluate("window.__csp"))
        return seen

    try:
        page.goto(base + "search/?q=foam+roller")
        expect(page.locator("#search")).to_have_attribute("data-state", "ready")  # Pagefind's WASM ran
        expect(page.locator("#search-results .card-title").first).to_be_visible()
        assert violations() == []

        page.goto(base + "exercises/mid-back-release/")
        clock = page.locator("#timer-clock")
        expect(page.locator("#timer")).to_be_visible()
        start = clock.text_content()
        page.locator("#timer").get_by_role("button", name="Start").click()
        expect(clock).not_to_have_text(start, timeout=5000)  # the timer script runs and counts
        page.wait_for_function(WORKER_ACTIVE, timeout=15000)  # the service worker registered and started
        assert violations() == [] and refused == []

        # the policy is live: a script written into the page is refused
        ran = page.evaluate("""() => { const s = document.createElement("script");
            s.textContent = "window.__inline = 1"; document.head.append(s); return window.__inline === 1; }""")
        assert ran is False
        page.wait_for_function("() => window.__csp.length > 0")
        assert [v.split(" ")[0] for v in page.evaluate("window.__csp")] == ["script-src-elem"]
    finally:
        context.close()


# --- the dev server ---------------------------------------------------------------------------
TRAVERSALS = [
    "/../secret.txt", "/../../secret.txt", "/%2e%2e/secret.txt", "/%2e%2e/%2e%2e/secret.txt",
    "/%2E%2E%2Fsecret.txt", "/..%2fsecret.txt", "/..%2f..%2fsite%2fsite.yaml", "/assets/../../secret.txt",
    "/%252e%252e/secret.txt", "/..\\secret.txt", "/%5c..%5csecret.txt", "/.%2e/secret.txt",
    "/..%c0%afsecret.txt", "/%c0%ae%c0%ae/secret.txt", "//secret.txt", "/leak", "/leak-dir/secret.txt",
    "/%00../secret.txt", "/..;/secret.txt", "/exercises/../../secret.txt", "/../site/site.yaml",
    "/../../../../../../etc/passwd", "/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
]


def raw_get(url_base: str, target: str) -> tuple[int, bytes]:
    """A GET with the request target sent exactly as given (no client-side clean-up)."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url_base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.putrequest("GET", target, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.fixture
def dev_server(tmp_path):
    """serve on a copy of the basic site, with bait beside the preview folder and links planted in it."""
    from tests.test_faults import serving

    (tmp_path / "secret.txt").write_text("BAIT-OUTSIDE")
    with serving(tmp_path) as (url, site, process, _):
        preview = tmp_path / "preview"
        (preview / "secret.txt").write_text("BAIT-BESIDE-SITE")
        (site / "secret.txt").write_text("BAIT-IN-PROJECT")
        os.symlink(tmp_path / "secret.txt", preview / "site" / "leak")
        os.symlink(tmp_path, preview / "site" / "leak-dir")
        yield url, process


def test_dev_server_listens_on_loopback_only_by_default(dev_server):
    from exguide.commands.serve import make_parser

    url, process = dev_server
    assert make_parser().parse_args([]).host == "127.0.0.1"
    port = int(url.split(":")[2].split("/")[0])
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if int(hex_port, 16) == port and state == "0A":  # LISTEN
                listening.append(address)
    assert listening and all(a in ("0100007F", "00000000000000000000000001000000") for a in listening), listening


def test_dev_server_serves_nothing_outside_its_folder(dev_server):
    url, _ = dev_server
    assert raw_get(url, "/")[0] == 200
    for target in TRAVERSALS:
        status, body = raw_get(url, target)
        assert b"BAIT" not in body and b"root:" not in body and b"title:" not in body, target
        assert status in (302, 400, 404, 405), (target, status)


def test_dev_server_survives_a_thousand_concurrent_requests(dev_server):
    """1,000 requests from 100 threads at once; every one answered, all within a bound."""
    from concurrent.futures import ThreadPoolExecutor

    url, process = dev_server
    targets = ["/", "/exercises/squat/", "/assets/css/site.css", "/muscles/", "/nope/", "/%2e%2e/secret.txt",
               "/sitemap.xml", "/images/roller.svg"]
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=100) as pool:
        results = list(pool.map(lambda i: raw_get(url, targets[i % len(targets)])[0], range(1000)))
    seconds = time.monotonic() - started
    print(f"1000 requests answered in {seconds:.2f} s")
    assert results.count(200) == 1000 * 6 // 8 and results.count(404) == 1000 // 8 * 2
    assert process.poll() is None
    assert raw_get(url, "/")[0] == 200


# --- the dev server answers only this machine's names ------------------------------------------
EVIL_REFUSED = ("<p class=\"message\">refused a request for &#x27;evil.example&#x27;: this preview answers only "
                "requests for localhost, 127.0.0.1, [::1], the --host address and names given with --allow-host. "
                "If you opened the preview by this name yourself, restart it with: "
                "python build.py serve --allow-host evil.example</p>").encode()
WS_KEY = "dGhlIHNhbXBsZSBub25jZQ=="  # RFC 6455's sample key; the server must answer with its digest
WS_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    """One serve process, with preview.test allowed; yields its port."""
    from tests.test_faults import serving

    with serving(tmp_path_factory.mktemp("guarded"), "--allow-host", "preview.test") as (url, *_):
        yield int(url.split(":")[2].split("/")[0])


def request(port: int, target: str, headers: dict[str, str], version: str = "1.1") -> tuple[int, str, dict, bytes]:
    """Send exactly these request headers (Host included, or left out) to 127.0.0.1:port."""
    import socket

    headers = {"Connection": "close", **headers}
    lines = [f"GET {target} HTTP/{version}", *(f"{k}: {v}" for k, v in headers.items()), "", ""]
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall("\r\n".join(lines).encode("latin-1"))
        data = b""
        while b"\r\n\r\n" not in data or len(data.partition(b"\r\n\r\n")[2]) < _length(data):
            chunk = connection.recv(65536)
            if not chunk:
                break
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    _, status, reason = status_line.split(" ", 2)
    return int(status), reason, {k.lower(): v for k, v in (line.split(": ", 1) for line in header_lines)}, body


def _length(data: bytes) -> int:
    """The Content-Length a response announced (0 for a websocket's 101, which has no body)."""
    head = data.partition(b"\r\n\r\n")[0].lower()
    for line in head.split(b"\r\n")[1:]:
        if line.startswith(b"content-length:"):
            return int(line.split(b":")[1])
    return 0 if head.startswith(b"http/1.1 101 ") else 1 << 30


def test_dev_server_refuses_a_host_that_is_not_this_machine(guarded):
    """A page that pointed its own name at 127.0.0.1 (DNS rebinding) reads no draft and no page."""
    for target in ("/", "/exercises/secret/", "/livereload.js", "/livereload", "/nope/", "/forcereload"):
        for host in ("evil.example", f"evil.example:{guarded}"):
            status, reason, headers, body = request(guarded, target, {"Host": host})
            assert (status, reason) == (421, "Misdirected Request"), (target, host)
            assert EVIL_REFUSED in body and b"Secret" not in body and b"squat" not in body.lower()
            assert headers["content-type"] == "text/html; charset=utf-8"
    status, _, _, body = request(guarded, "/", {})  # no Host at all: not a browser; tornado refuses HTTP/1.1
    assert status == 400 and b"<html" not in body
    status, _, _, body = request(guarded, "/", {}, version="1.0")
    assert status == 421 and b"refused a request with no Host header" in body
    status, _, _, body = request(guarded, "/", {"Host": "localhost.evil.example"})
    assert status == 421 and b"--allow-host localhost.evil.example</p>" in body


def test_dev_server_answers_this_machine_by_each_of_its_names(guarded):
    for host in (f"localhost:{guarded}", f"127.0.0.1:{guarded}", f"[::1]:{guarded}", "localhost", "127.0.0.1",
                 "[::1]", f"LocalHost:{guarded}"):
        status, _, _, body = request(guarded, "/exercises/secret/", {"Host": host})
        assert status == 200 and b"badge-draft" in body, host


def test_dev_server_answers_a_name_allowed_with_allow_host(guarded):
    for host in (f"preview.test:{guarded}", "preview.test", "PREVIEW.test"):
        status, _, _, body = request(guarded, "/exercises/secret/", {"Host": host})
        assert status == 200 and b"badge-draft" in body, host
    status, _, _, body = request(guarded, "/", {"Host": f"other.test:{guarded}"})
    assert status == 421 and b"--allow-host other.test</p>" in body


def _upgrade(port: int, host: str, origin: str | None) -> tuple[int, str, dict, bytes]:
    headers = {"Host": host, "Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13",
               "Sec-WebSocket-Key": WS_KEY}
    if origin is not None:
        headers["Origin"] = origin
    return request(port, "/livereload", headers)


def test_live_reload_refuses_pages_of_other_sites(guarded):
    own = f"127.0.0.1:{guarded}"
    for origin in ("http://evil.example", f"http://evil.example:{guarded}", "http://localhost:1", "null",
                   f"https://{own}", None):
        status, reason, _, body = _upgrade(guarded, own, origin)
        assert (status, reason) == (403, "Forbidden"), origin
        shown = "a page that sent no Origin" if origin is None else f"&#x27;{origin}&#x27;"
        assert (f"<p class=\"message\">refused a live-reload connection from {shown}: only pages of this preview "
                "may connect</p>").encode() in body, origin


def test_live_reload_accepts_its_own_pages_and_speaks_to_them(guarded):
    import socket

    for host in (f"127.0.0.1:{guarded}", f"localhost:{guarded}", f"preview.test:{guarded}"):
        status, _, headers, _ = _upgrade(guarded, host, f"http://{host}")
        assert status == 101 and headers["sec-websocket-accept"] == WS_ACCEPT, host

    # the whole way: livereload's hello, sent as a browser sends it, is answered
    with socket.create_connection(("127.0.0.1", guarded), timeout=10) as connection:
        own = f"127.0.0.1:{guarded}"
        connection.sendall((f"GET /livereload HTTP/1.1\r\nHost: {own}\r\nOrigin: http://{own}\r\n"
                            "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                            f"Sec-WebSocket-Key: {WS_KEY}\r\n\r\n").encode())
        reply = b""
        while b"\r\n\r\n" not in reply:
            reply += connection.recv(4096)
        assert reply.startswith(b"HTTP/1.1 101 ")
        hello = json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]})
        mask = os.urandom(4)
        payload = bytes(b ^ mask[i % 4] for i, b in enumerate(hello.encode()))
        connection.sendall(bytes([0x81, 0x80 | len(payload)]) + mask + payload)  # one masked text frame
        frame = reply.partition(b"\r\n\r\n")[2]
        while len(frame) < 2 or len(frame) < 2 + (frame[1] & 0x7F):
            frame += connection.recv(4096)
        assert frame[0] == 0x81 and frame[1] < 126
        assert json.loads(frame[2:2 + frame[1]])["command"] == "hello"
