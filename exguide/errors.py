"""Diagnostics: problems found while building, collected and reported together.

Every stage returns diagnostics instead of raising, so one build can report every
mistake at once, compiler style: ``path:line: error: field: message``.
"""
from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, located as precisely as we know."""

    path: str = ""  # as shown to the user (project-relative where possible)
    line: int = 0  # 1-based; 0 when unknown
    severity: str = ERROR
    field: str = ""  # dotted field name, e.g. "dose.reps"; empty for file-level problems
    message: str = ""

    def format(self) -> str:
        """The one-line, compiler-style rendering used by the terminal and the overlay."""
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        field = f"{self.field}: " if self.field else ""
        return _one_line(f"{where}{self.severity}: {field}{self.message}")


_CONTROLS = {c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7F, 0xA0)]} | {0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t"}
_CONTROLS |= {0x2028: "\\u2028", 0x2029: "\\u2029"}


def _one_line(text: str) -> str:
    """Content quoted in a message (a value, a file name) may hold line breaks or terminal escape
    codes; shown escaped, it can neither split the report nor repaint the terminal."""
    return text.translate(_CONTROLS)


def error(path: str, line: int, field: str, message: str) -> Diagnostic:
    """An error at ``path:line`` about ``field``."""
    return Diagnostic(path, line, ERROR, field, message)


def warning(path: str, line: int, field: str, message: str) -> Diagnostic:
    """A warning at ``path:line`` about ``field``; fails the build only with --strict."""
    return Diagnostic(path, line, WARNING, field, message)


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Sorted by path then line; path-less (site-wide) problems last; duplicates dropped."""
    unique = set(diagnostics)
    return sorted(unique, key=lambda d: (d.path == "", d.path, d.line, d.field, d.message, d.severity))


def summary(diagnostics: list[Diagnostic], strict: bool) -> str | None:
    """The closing line of a failed build, or None when the build may go on."""
    failing = [d for d in diagnostics if d.severity == ERROR or (strict and d.severity == WARNING)]
    if not failing:
        return None
    files = {d.path for d in failing if d.path}
    n, m = len(failing), len(files)
    noun = "error" if n == 1 else "errors"
    # under --strict a warning counts as an error; say so, or "1 error" above a lone warning puzzles
    note = " (--strict counts warnings as errors)" if any(d.severity == WARNING for d in failing) else ""
    if m == 0:
        return f"build failed: {n} {noun}{note}"
    return f"build failed: {n} {noun} in {m} file{'s' if m != 1 else ''}{note}"


def has_failures(diagnostics: list[Diagnostic], strict: bool) -> bool:
    """True when the build must stop: any error, or any warning under --strict."""
    return summary(diagnostics, strict) is not None


def did_you_mean(word: str, choices: list[str]) -> str:
    """A ' (did you mean 'x'?)' suffix when a close choice exists, else ''."""
    import difflib

    close = difflib.get_close_matches(word.lower(), [c.lower() for c in choices], n=1, cutoff=0.6)
    if not close:
        return ""
    lowered = {c.lower(): c for c in choices}
    return f" (did you mean '{lowered[close[0]]}'?)"
