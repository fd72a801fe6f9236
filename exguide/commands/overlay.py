"""The page the preview shows while the build is failing: every error exactly as the terminal prints it.

It reloads by itself like any preview page, so the site comes back once a save fixes the build.
"""
from __future__ import annotations

import html

from exguide.errors import Diagnostic, summary


def overlay(diagnostics: list[Diagnostic]) -> bytes:
    """The page shown while the build is failing: every message exactly as the terminal prints it."""
    lines = [d.format() for d in diagnostics]
    closing = summary(diagnostics, strict=False) or ""
    items = "\n".join(f'<li><code>{html.escape(line)}</code></li>' for line in lines)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Build failed · preview</title>
<style>
:root {{ color-scheme: light dark; --bg: #fff7f5; --fg: #2b1713; --accent: #b3261e; --box: #ffffff; }}
@media (prefers-color-scheme: dark) {{ :root {{ --bg: #1f1412; --fg: #f6e6e2; --accent: #ff8a80; --box: #2a1c19; }} }}
body {{ margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.5 system-ui, sans-serif; }}
main {{ max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }}
h1 {{ color: var(--accent); font-size: 1.5rem; margin: 0 0 .25rem; }}
ol {{ list-style: none; padding: 0; margin: 1rem 0; }}
li {{ background: var(--box); border-left: 4px solid var(--accent); border-radius: 4px; padding: .6rem .8rem;
      margin: 0 0 .5rem; overflow-wrap: anywhere; }}
code {{ font: 14px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; }}
.summary {{ font-weight: 600; }}
</style>
</head>
<body>
<main id="build-errors">
<h1>The preview cannot be rebuilt</h1>
<p>Fix the file and save it: this page reloads by itself and shows the site again once the build works.</p>
<ol class="diagnostics">
{items}
</ol>
<p class="summary"><code>{html.escape(closing)}</code></p>
</main>
</body>
</html>
""".encode("utf-8")
