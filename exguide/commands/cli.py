"""Command line: build (default), check, serve, new, import. Exit 0 ok, 1 content errors, 2 usage."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from exguide.errors import WARNING, summary
from exguide.build.pipeline import PROJECT_ROOT, BuildOptions, build

COMMANDS = ("build", "check", "serve", "new", "import")
CACHE_DIR = PROJECT_ROOT / ".cache"  # the build memo between runs; never inside output/


def _add_site_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", metavar="DIR", type=Path, default=PROJECT_ROOT / "content",
                        help="content folder with exercises/, muscles.yaml, categories.yaml, equipment.yaml "
                             "(default: content/)")
    parser.add_argument("--output", metavar="DIR", type=Path, default=PROJECT_ROOT / "output",
                        help="where the site is written (default: output/); replaced only after a good build")
    parser.add_argument("--config", metavar="FILE", type=Path, default=PROJECT_ROOT / "site.yaml",
                        help="site settings file (default: site.yaml)")
    parser.add_argument("--base-url", metavar="PATH", default=None,
                        help="path the site is served under, e.g. /some-repo/ for a GitHub project site "
                             "(overrides base_url in site.yaml)")
    parser.add_argument("--drafts", action="store_true", help="include exercises marked draft: true")
    parser.add_argument("--strict", action="store_true", help="fail the build on warnings too")
    parser.add_argument("--no-search", action="store_true", help="skip the search index (faster previews)")
    parser.add_argument("--cache-dir", metavar="DIR", type=Path, default=CACHE_DIR,
                        help="where the build remembers its last run, to redo only what changed (default: .cache/)")
    parser.add_argument("--no-cache", action="store_true",
                        help="build everything from nothing, ignoring and not updating .cache/ "
                             "(the output is the same either way)")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Build the exercise-guide site from content/ into output/.",
        epilog="Commands: build (default) · check (validate without writing) · serve (live preview) · "
               "new TITLE (start an exercise file) · new routine TITLE (start a routine) · import free-exercise-db FILE --into DIR. "
               "Run 'build.py COMMAND --help' for each. Exit status: 0 ok, 1 content errors, 2 usage errors.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_site_options(sub.add_parser("build", help="build the site into output/ (the default)",
                                     usage="build.py [build] [options]",
                                     description=parser.description, epilog=parser.epilog))
    _add_site_options(sub.add_parser("check", help="validate content, links and images without writing"))
    return parser


def options_from(args: argparse.Namespace, write: bool = True) -> BuildOptions:
    return BuildOptions(content_dir=args.content, output_dir=args.output, config_path=args.config,
                        base_url=args.base_url, drafts=args.drafts, strict=args.strict, write=write,
                        search=write and not args.no_search,
                        cache_dir=None if args.no_cache or not write else args.cache_dir)


def report(result, strict: bool, out=sys.stderr) -> None:
    """Every diagnostic, one per line, then the summary line."""
    for diagnostic in result.diagnostics:
        print(diagnostic.format(), file=out)
    closing = summary(result.diagnostics, strict)
    if closing:
        print(closing, file=out)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS:
        argv.insert(0, "build")  # so `build.py --help` documents the build's own options
    if argv[0] in ("serve", "new", "import"):
        return _dispatch_extra(argv)
    parser = make_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if exc.code in (0, None) else 2
    started = time.perf_counter()
    result = build(options_from(args, write=args.command == "build"))
    report(result, args.strict)
    if not result.ok:
        return 1
    warnings = sum(1 for d in result.diagnostics if d.severity == WARNING)
    elapsed = time.perf_counter() - started
    if args.command == "check":
        print(f"check passed: {result.pages} pages, {warnings} warnings ({elapsed:.2f} s)")
    else:
        print(f"built {result.pages} pages ({result.files} files) into {args.output} in {elapsed:.2f} s"
              + (f", {warnings} warnings" if warnings else ""))
    return 0


def _dispatch_extra(argv: list[str]) -> int:
    """Commands that live in their own modules, imported only when used."""
    command = argv[0]
    if command == "serve":
        from exguide.commands.serve import main as serve_main
        return serve_main(argv[1:])
    if command == "new":
        from exguide.commands.new import main as new_main
        return new_main(argv[1:])
    from exguide.commands.importer import main as import_main
    return import_main(argv[1:])
