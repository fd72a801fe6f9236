from exguide.site.markup import LinkContext, MarkdownRenderer


def render(body: str, raw: bool = False) -> tuple[str, list]:
    files = {"cat-cow.md": "/r/exercises/cat-cow/"}
    ctx = LinkContext("content/exercises/x.md", body, 10, files.get,
                      lambda src: "/r/images/" + src if src == "a.svg" else None, exercise_names=list(files))
    return MarkdownRenderer(allow_raw_html=raw).render(ctx), ctx.problems


def test_links_to_exercise_files_become_page_urls():
    html, problems = render("See [Cat-Cow](cat-cow.md#how) and ![pic](a.svg).")
    assert problems == []
    assert '<a href="/r/exercises/cat-cow/#how">Cat-Cow</a>' in html
    assert 'src="/r/images/a.svg"' in html


def test_bad_links_are_reported_with_their_line():
    _, problems = render("Intro\n\n[x](../secret.md) [y](javascript:alert(1)) [z](/etc/passwd) [w](cat-cw.md)")
    messages = sorted(p.message for p in problems)
    assert all(p.line == 12 for p in problems)
    assert messages == [
        "link '../secret.md': '..' and '.' are not allowed in paths; link to an exercise file like (cat-cow.md)",
        "link '/etc/passwd': absolute paths are not allowed; link to an exercise file like (cat-cow.md)",
        "link 'cat-cw.md' points to no exercise file (did you mean 'cat-cow.md'?)",
        "link 'javascript:alert(1)' uses a scheme that is not allowed; use https:// or mailto:",
    ]


def test_raw_html_is_sanitised_by_default():
    html, _ = render('<script>alert(1)</script><img src="a.svg" onerror="alert(1)"><iframe src="x"></iframe>'
                     '<a href="javascript:alert(1)">x</a>\n\nok')
    for bad in ("<script", "onerror", "<iframe", "javascript:"):
        assert bad not in html


def test_raw_html_can_be_allowed_by_setting():
    html, _ = render("<div class=\"note\">kept</div>\n\nok", raw=True)
    assert '<div class="note">kept</div>' in html


def test_headings_get_ids_for_anchors():
    html, _ = render("## How to do it\n\ntext")
    assert '<h2 id="how-to-do-it">How to do it</h2>' in html


def test_the_same_plain_text_is_converted_once_and_text_with_links_every_time(monkeypatch):
    renderer = MarkdownRenderer()
    converted = []
    real = renderer._md.convert
    monkeypatch.setattr(renderer._md, "convert", lambda text: converted.append(text) or real(text))
    answers = {"cat-cow.md": "/a/"}

    def ctx(body, path="content/exercises/x.md"):
        return LinkContext(path, body, 1, answers.get, lambda src: None, exercise_names=list(answers))

    plain = "Brace, then *lift*.\n\n## Why\n\nIt works."
    first, second = renderer.render(ctx(plain)), renderer.render(ctx(plain, "content/exercises/y.md"))
    assert first == second and "<em>lift</em>" in first and converted == [plain]

    linked = "See [Cat-Cow](cat-cow.md)."
    assert '<a href="/a/">' in renderer.render(ctx(linked))
    answers["cat-cow.md"] = "/b/"  # the answer changed: the same text must give the new link
    assert '<a href="/b/">' in renderer.render(ctx(linked))
    broken = ctx("See [x](nothing.md).")
    renderer.render(broken)
    again = ctx("See [x](nothing.md).", "content/exercises/z.md")
    renderer.render(again)
    assert [p.path for p in broken.problems + again.problems] == ["content/exercises/x.md", "content/exercises/z.md"]
