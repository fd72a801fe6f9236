"""Safe YAML loading that keeps the line of every key and refuses what YAML does badly.

We bound the nesting first with libyaml's iterative event parser (its composer
recurses and can crash the interpreter on thousands of levels), then compose the
node tree (cheap, even for an alias bomb, since aliases share nodes), check it
(duplicate keys, aliases, impossible dates), note each key's line, and only then
construct plain Python values with the safe constructor.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from exguide.errors import Diagnostic, error

try:  # the C loader is several times faster; fall back when libyaml is absent
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

Path = tuple  # a key path into the document: ("dose", "reps") or ("targets", 0)


@dataclass
class YamlDoc:
    """A loaded YAML document: its value, the 1-based line of every key path, and problems."""

    data: object = None
    lines: dict = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def load_yaml(text: str, source_path: str, line_offset: int = 0) -> YamlDoc:
    """Parse ``text``; lines reported are ``line_offset`` + the line within ``text``."""
    doc = YamlDoc()
    bad = _CONTROL.search(text)
    if bad:  # libyaml refuses these with a message about string positions; say which line and what
        line = text.count("\n", 0, bad.start())
        doc.diagnostics.append(error(source_path, line + 1 + line_offset, _key_at(text.split("\n"), line),
                                     f"a control character (U+{ord(bad.group()):04X}) cannot appear in YAML; "
                                     "delete it (it is often pasted in by accident)"))
        return doc
    deep = _too_deep(text)
    if deep is not None:
        doc.diagnostics.append(error(source_path, deep + 1 + line_offset, _key_at(text.split("\n"), deep),
                                     f"YAML is nested more than {MAX_DEPTH} levels deep; flatten it"))
        return doc
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return doc
        problems: list[Diagnostic] = []
        try:
            _walk(node, (), doc.lines, problems, source_path, line_offset, set())
        except _AliasFound:
            pass
        if not problems:
            problems += _check_dates(loader, node, (), source_path, line_offset)
        if problems:
            doc.diagnostics.extend(problems)
            return doc
        doc.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        doc.diagnostics.append(_syntax_error(exc, text, source_path, line_offset))
    except (yaml.YAMLError, ValueError, OverflowError) as exc:  # a last resort, kept to one line
        doc.diagnostics.append(error(source_path, line_offset + 1, "", f"YAML error: {' '.join(str(exc).split())}"))
    finally:
        loader.dispose()
    return doc


# What YAML's reader refuses: C0 controls but tab, LF and CR; DEL; C1 controls but NEL; surrogates; U+FFFE/F.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
MAX_DEPTH = 32  # exercise files need 3 levels; libyaml's composer recurses and can crash far deeper


def _too_deep(text: str) -> int | None:
    """The 0-based line where nesting passes MAX_DEPTH, or None; libyaml's event parser is iterative."""
    loader = _Loader(text)
    depth = 0
    try:
        while True:
            event = loader.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return None
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # the real load reports syntax errors with their context
    finally:
        loader.dispose()


def _walk(node, path, lines, problems, source_path, offset, seen) -> None:
    """Record key lines; flag aliases and duplicate keys. Stops at the first alias."""
    if id(node) in seen:
        problems.append(
            error(source_path, node.start_mark.line + 1 + offset, _dotted(path),
                  "YAML aliases and anchors (&name / *name) are not allowed; write the value out")
        )
        raise _AliasFound()
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        first_line: dict[object, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                problems.append(error(source_path, key_node.start_mark.line + 1 + offset, _dotted(path),
                                      "YAML merge keys (<<) are not allowed; write the fields out"))
                continue
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node.value)
            line = key_node.start_mark.line + 1 + offset
            if key in first_line:
                problems.append(error(source_path, line, _dotted(path + (key,)),
                                      f"duplicate key '{key}' (first given on line {first_line[key]}); "
                                      "keep only one"))
                continue
            first_line[key] = line
            lines[path + (key,)] = line
            _walk(value_node, path + (key,), lines, problems, source_path, offset, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1 + offset
            _walk(item, path + (index,), lines, problems, source_path, offset, seen)


_TIMESTAMP = "tag:yaml.org,2002:timestamp"


def _check_dates(loader, node, path, source_path, offset) -> list[Diagnostic]:
    """Dates YAML recognises but cannot build (2026-13-45), located; the tree has no aliases here."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag != _TIMESTAMP:
            return []
        try:
            loader.construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            return [error(source_path, node.start_mark.line + 1 + offset, _dotted(path),
                          f"'{node.value}' is not a real date ({exc}); write it as YYYY-MM-DD")]
        return []
    found: list[Diagnostic] = []
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
            found += _check_dates(loader, value_node, path + (key,), source_path, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            found += _check_dates(loader, item, path + (index,), source_path, offset)
    return found


class _AliasFound(Exception):
    """Raised inside the walk to stop at the first alias: walking a bomb must stay cheap."""


def _dotted(path: tuple) -> str:
    """('dose', 'reps') -> 'dose.reps'; list indexes are left out of field names."""
    return ".".join(str(p) for p in path if not isinstance(p, int))


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, source_path: str, offset: int) -> Diagnostic:
    """A YAML parser error as one located diagnostic, in words an author can act on."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line if mark is not None else 0  # 0-based within ``text``
    lines = text.split("\n")
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    opened = exc.context_mark.line if exc.context_mark is not None else line
    message, line = _explain(problem, context, line, opened, mark, lines)
    # a line that is not 'key: value' belongs to no field; naming the key above it would mislead
    field_name = "" if problem.startswith("could not find expected ':'") else _key_at(lines, line)
    return error(source_path, line + 1 + offset, field_name, f"YAML syntax error: {message}")


def _explain(problem, context, line, opened, mark, lines) -> tuple[str, int]:
    """(message, 0-based line to report) for the common mistakes; the parser's words otherwise."""
    here = lines[line] if 0 <= line < len(lines) else ""
    char = here[mark.column] if mark is not None and 0 <= mark.column < len(here) else ""
    if "tab" in problem or char == "\t" or "\t" in here[: len(here) - len(here.lstrip())]:
        return "a tab character; indent YAML with spaces, not tabs", line
    if problem.startswith("found unexpected end of stream") and "quoted" in context:
        return "a quoted value is not closed; add the closing quote", opened
    if problem.startswith("did not find expected ',' or ']'"):
        return "a '[' list is not closed, or its items are not separated by ','; add the ']' or ','", opened
    if problem.startswith("did not find expected ',' or '}'"):
        return "a '{' mapping is not closed, or its entries are not separated by ','; add the '}' or ','", opened
    if problem.startswith(("did not find expected key", "did not find expected '-' indicator",
                           "expected <block end>")):
        return ("this line is not indented like the lines above it; line up keys and '- ' items "
                "with the same number of spaces"), line
    if problem.startswith("mapping values are not allowed"):
        return "a ': ' inside a value; put the value in quotes, or fix the indentation of this line", line
    if problem.startswith("could not find expected ':'"):
        return ("a line that is not 'key: value'; add the ':' after the field name, or indent the line "
                "to continue the value above"), opened
    if problem.startswith("found character that cannot start any token"):
        return f"a value cannot start with '{char or '?'}'; put the value in quotes", line
    if "alias" in problem or "anchor" in problem or "anchor" in context:
        return "YAML aliases and anchors (&name / *name) are not allowed; write the value out", line
    if problem.startswith("could not determine a constructor for the tag"):
        found = re.search(r"tag '([^']*)'", problem)
        tag = (found.group(1) if found else "?").replace("tag:yaml.org,2002:", "!!")
        return f"YAML tags such as '{tag}' are not allowed; write a plain value", line
    if problem.startswith("found unhashable key"):
        return "a key must be a plain name, not a list or mapping", line
    return problem + (f" ({context})" if context else ""), line


_KEY = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_][\w-]*)\s*:(?:\s|$)")


def _key_at(lines: list[str], index: int) -> str:
    """The dotted key a line belongs to, read from the indentation above it ('' when none)."""
    if not 0 <= index < len(lines):
        return ""
    line = lines[index].expandtabs(8)
    limit = len(line) - len(line.lstrip()) if line.strip() else 1_000
    names: list[str] = []
    for i in range(index, -1, -1):
        match = _KEY.match(lines[i].expandtabs(8))
        if not match:
            continue
        column = match.start(2)  # a '- key:' item's key sits after its dash, level with its siblings
        if i == index or (not names and column <= limit) or (names and column < limit):
            names.insert(0, match.group(2))
            limit = column
            if column == 0:
                break
    return ".".join(names)
