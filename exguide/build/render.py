"""The render stage: Jinja2 with autoescape and StrictUndefined, errors located in templates."""
from __future__ import annotations

import functools
import json
import os
import traceback
from pathlib import Path

import jinja2
import jinja2.ext
from markupsafe import Markup

from exguide.errors import Diagnostic, error
from exguide.site.demos import DemoArt
from exguide.site.figure import build_figure
from exguide.site.export import media_of
from exguide.site.jsonld import exercise_jsonld
from exguide.site.library import Library
from exguide.site.page import Page
from exguide.site.thumbs import thumb_name
from exguide.site.urls import Urls
from exguide.site.video import player_url, watch_url
from exguide.content.sources import display_path


def json_script(value) -> Markup:
    """JSON safe inside <script>: no '</script>', no HTML comment openers, no U+2028/9."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return Markup(text)


def figure_thumb(targets: tuple[str, ...], secondary: tuple[str, ...]) -> str:
    """The site URL of the muscle-figure thumbnail of a card without a photo."""
    return Urls.figure(thumb_name(targets, secondary))


def tidy_source(source: str) -> str:
    """An HTML template's source without its indentation and blank lines, which would otherwise be
    copied into every page: a few hundred bytes of each exercise page.

    The source keeps every line break it had (between two lines of text or tags a browser sees
    one space either way). Where trim_blocks swallows the break after a line ending in a tag
    (``%}``, ``#}``), the indentation of the next line was all the space there was: a single
    space stays, or one blank line if that was what there was. No template holds a <pre> or
    <textarea>, the only places where the amount of white space shows.
    """
    out: list[str] = []
    blank = False
    for line in source.split("\n"):
        text = line.lstrip(" \t")
        if not text:
            blank = True
            continue
        if out and out[-1].endswith(("%}", "#}")):
            if blank:
                out.append("")
            elif text != line and not text.startswith(("{%", "{#")):
                text = " " + text
        out.append(text)
        blank = False
    return "\n".join(out) + ("\n" if blank else "")


class TidySource(jinja2.ext.Extension):
    """Hands Jinja2 each .html template as ``tidy_source`` makes it (other templates as written)."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return tidy_source(source) if name and name.endswith(".html") else source


def make_environment(templates_dir: Path, lib: Library, extra_globals: dict | None = None,
                     env_class: type[jinja2.Environment] = jinja2.Environment,
                     bytecode_cache: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """One environment per build; templates see ``site``, ``u`` and the page's own context.

    The reuse layer (reuse/session.py) passes a tracking ``env_class`` and assumes the
    globals below depend only on the settings, the taxonomy and the exercise count.
    """
    env = env_class(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=jinja2.select_autoescape(["html", "xml", "svg"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=[TidySource],
        bytecode_cache=bytecode_cache,  # compiled templates kept between builds (reuse/templates.py)
    )
    urls = lib.urls
    env.filters["href"] = urls.href
    env.filters["absolute"] = urls.absolute
    env.filters["json_script"] = json_script
    env.globals.update({
        "u": urls,
        "site": {"settings": lib.settings, "taxonomy": lib.taxonomy, "exercise_count": len(lib.exercises)},
        # drawn once per build (the pipeline hands in the one it keeps while the muscles are the same)
        "body_figure": (extra_globals or {}).get("body_figure") or build_figure(list(lib.taxonomy.muscles.values())),
        "demo_art": DemoArt(lib.taxonomy),
        "exercise_jsonld": functools.partial(exercise_jsonld, lib),
        "picture": lib.pictures.get,  # src -> media.Picture; the reuse layer tracks what pages read of each
        "pictures_of": lambda exercise: [lib.pictures[s] for s in media_of(exercise) if s in lib.pictures],
        "figure_thumb": figure_thumb,
        "player_url": player_url,
        "watch_url": watch_url,
        **(extra_globals or {}),
    })
    return env


def render_page(env: jinja2.Environment, page: Page) -> str:
    """One page's text. Raises Jinja2's errors; ``render_pages`` turns them into diagnostics."""
    template = env.get_template(page.template)
    return template.render(page={"title": page.title, "url": page.url, "kind": page.kind,
                                 "description": page.description}, **page.context)


def render_pages(env: jinja2.Environment, pages: list[Page], templates_dir: Path) -> tuple[dict[str, str], list[Diagnostic]]:
    """Every page rendered, or the template errors (one per template and message)."""
    out: dict[str, str] = {}
    problems: list[Diagnostic] = []
    for page in pages:
        try:
            out[page.output_path] = render_page(env, page)
        except Exception as exc:  # noqa: BLE001 - any template failure becomes a located diagnostic
            problems.append(template_error(exc, templates_dir, page))
    return out, problems


def template_error(exc: Exception, templates_dir: Path, page: Page | None = None) -> Diagnostic:
    """'templates/x.html:N: error: template: message' for a Jinja2 failure."""
    where = f" (rendering {page.output_path})" if page else ""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        path = exc.filename or str(templates_dir / (exc.name or "?"))
        return error(display_path(Path(path)), exc.lineno or 0, "template", f"syntax error: {exc.message}")
    if isinstance(exc, jinja2.TemplateNotFound):
        # one message per missing file, however many pages need it
        used_by = f" (needed by {page.template})" if page and page.template != exc.name else ""
        return error(display_path(templates_dir / str(exc.name)), 0, "template",
                     f"missing template '{exc.name}'{used_by}; restore it from the repository")
    root = str(templates_dir.resolve())
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename and os.path.abspath(frame.filename).startswith(root):
            return error(display_path(Path(frame.filename)), frame.lineno or 0, "template",
                         f"{type(exc).__name__}: {exc}{where}")
    return error(display_path(templates_dir / (page.template if page else "")), 0, "template",
                 f"{type(exc).__name__}: {exc}{where}")
