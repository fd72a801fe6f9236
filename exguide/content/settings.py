"""Site settings (site.yaml): a few keys, validated like content, unknown keys rejected."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from exguide.errors import Diagnostic, did_you_mean, error
from exguide.content.sources import display_path, read_text, type_name
from exguide.content.yamlread import load_yaml


@dataclass(frozen=True)
class Settings:
    title: str = "Exercise Guide"
    description: str = ""
    base_url: str = "/"  # the path the site is served under: "/" or "/repo/"
    site_url: str = ""  # "https://user.github.io" for canonical links; empty = no absolute links
    language: str = "en"
    cname: str = ""
    allow_raw_html: bool = False  # trusted sites may keep raw HTML in Markdown unsanitised
    publish_originals: bool = False  # publish each photo's original file too (metadata and all)
    page_size: int = 100  # exercise cards on one page of a term or the A-Z list (docs/performance.md)
    search_pages_per_index: int = 5000  # search_parts.DEFAULT_PAGES_PER_INDEX: a larger site is indexed in parts


_DOCS = {
    "title": "the site's name, shown in the header and the tab",
    "description": "one sentence for the home page and search engines",
    "base_url": "the path the site is served under: '/' or '/repo-name/' for a project site",
    "site_url": "the site's origin for canonical links, e.g. https://name.github.io",
    "language": "the pages' language code, e.g. en",
    "cname": "a custom domain; writes output/CNAME",
    "allow_raw_html": "true keeps raw HTML in Markdown as written (trusted authors only)",
    "publish_originals": "true also publishes each photo's original file, as it is (EXIF and GPS included), "
                         "linked from its page; default false",
    "page_size": "how many exercises one page of a muscle, group, category, equipment or the A–Z list shows "
                 "before the rest go on further pages (/muscles/hamstrings/page/2/); default 100",
    "search_pages_per_index": "how many pages one search index holds (default 5000); a larger site is indexed in "
                              "parts the search page merges: lower needs less memory to build, higher fewer "
                              "downloads per search",
}
_BOOLEANS = ("allow_raw_html", "publish_originals")
_COUNTS = ("page_size", "search_pages_per_index")


def normalise_base_url(value: str) -> str | None:
    """'/repo' -> '/repo/'; a full URL gives its path; None when it cannot be a path."""
    value = value.strip()
    if re.match(r"^https?://", value):
        value = "/" + value.split("://", 1)[1].partition("/")[2]
    if not value.startswith("/"):
        value = "/" + value
    if not value.endswith("/"):
        value += "/"
    if not re.match(r"^/(?:[A-Za-z0-9._~-]+/)*$", value) or "/../" in value or "/./" in value:
        return None
    return value


def load_settings(path: Path, base_url_override: str | None = None) -> tuple[Settings, list[Diagnostic]]:
    """Read site.yaml (a missing file means defaults); the CLI's --base-url wins over the file."""
    problems: list[Diagnostic] = []
    values: dict = {}
    source_path = display_path(path)
    lines: dict = {}
    if path.is_file():
        text, read_problems = read_text(path, source_path)
        problems.extend(read_problems)
        if text is not None:
            doc = load_yaml(text, source_path)
            problems.extend(doc.diagnostics)
            lines = doc.lines
            if doc.data is not None and not isinstance(doc.data, dict):
                problems.append(error(source_path, 1, "", f"expected 'key: value' settings, got {type_name(doc.data)}"))
            elif isinstance(doc.data, dict):
                values = doc.data
    out: dict = {}
    for key, value in values.items():
        line = lines.get((key,), 1)
        if key not in _DOCS:
            problems.append(error(source_path, line, str(key),
                                  f"unknown setting '{key}'{did_you_mean(str(key), list(_DOCS))}"))
            continue
        if key in _BOOLEANS:
            if not isinstance(value, bool):
                problems.append(error(source_path, line, key, f"expected true or false, got {type_name(value)}"))
                continue
            out[key] = value
            continue
        if key in _COUNTS:
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                problems.append(error(source_path, line, key, f"expected a whole number of 1 or more, got "
                                      f"{value if isinstance(value, int) and not isinstance(value, bool) else type_name(value)}"))
                continue
            out[key] = value
            continue
        if not isinstance(value, str):
            problems.append(error(source_path, line, key, f"expected text ({_DOCS[key]}), got {type_name(value)}"))
            continue
        out[key] = value.strip()
    if base_url_override is not None:
        out["base_url"] = base_url_override
        lines[("base_url",)] = 0
    if "base_url" in out:
        base = normalise_base_url(out["base_url"])
        if base is None:
            problems.append(error(source_path if lines.get(("base_url",)) else "", lines.get(("base_url",), 0),
                                  "base_url", f"'{out['base_url']}' is not a usable path; use '/' or '/repo-name/'"))
            out.pop("base_url")
        else:
            out["base_url"] = base
    if out.get("site_url"):
        if not re.match(r"^https?://[A-Za-z0-9.-]+(:\d+)?/?$", out["site_url"]):
            problems.append(error(source_path, lines.get(("site_url",), 0), "site_url",
                                  f"expected an origin like https://name.github.io (no path; put the path in "
                                  f"base_url), got '{out['site_url']}'"))
            out.pop("site_url")
        else:
            out["site_url"] = out["site_url"].rstrip("/")
    if out.get("language") and not re.match(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", out["language"]):
        problems.append(error(source_path, lines.get(("language",), 0), "language",
                              f"expected a language code like en or en-GB, got '{out['language']}'"))
        out.pop("language")
    if out.get("cname") and not re.match(r"^[A-Za-z0-9.-]+\.[A-Za-z]{2,}$", out["cname"]):
        problems.append(error(source_path, lines.get(("cname",), 0), "cname",
                              f"expected a domain like guide.example.org, got '{out['cname']}'"))
        out.pop("cname")
    return Settings(**out), problems


def settings_table() -> str:
    """The README's table of settings."""
    rows = ["| setting | meaning |", "|---|---|"]
    rows += [f"| `{k}` | {v} |" for k, v in _DOCS.items()]
    return "\n".join(rows)
