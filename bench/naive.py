#!/usr/bin/env python3
"""The floor for Python: one process, one loop, YAML + Markdown + Jinja2 per exercise file.

    python bench/naive.py CONTENT_DIR OUTPUT_DIR     # prints the seconds taken

No taxonomy, no list pages, no validation, links, sanitising or search: only the work any
Python generator must do per page, with the fastest choices (C YAML loader, one reused
Markdown instance, one compiled template). Our full build is compared against it.
"""
from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import jinja2
import markdown
import yaml

PAGE = jinja2.Environment(autoescape=True).from_string("""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ meta.title }}</title></head>
<body><main><h1>{{ meta.title }}</h1>
<ul>{% for point in meta.key_points or [] %}<li>{{ point }}</li>{% endfor %}</ul>
{{ body|safe }}
</main></body></html>
""")


def main() -> int:
    content, output = Path(sys.argv[1]), Path(sys.argv[2])
    shutil.rmtree(output, ignore_errors=True)
    started = time.perf_counter()
    md = markdown.Markdown(extensions=["tables", "fenced_code"])
    for path in sorted((content / "exercises").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.load(front, Loader=yaml.CSafeLoader)
        md.reset()
        target = output / "exercises" / path.stem / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(PAGE.render(meta=meta, body=md.convert(body)), encoding="utf-8")
    print(f"{time.perf_counter() - started:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
