"""Safe YAML loading that keeps the line of every key and refuses what YAML does badly.

We compose the node tree first (cheap, even for an alias bomb, since aliases share
nodes), check it (duplicate keys, aliases), note each key's line, and only then
construct plain Python values with the safe constructor.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .errors import Diagnostic, error

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
        if problems:
            doc.diagnostics.extend(problems)
            return doc
        doc.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        doc.diagnostics.append(_syntax_error(exc, text, source_path, line_offset))
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        # e.g. a date like 2026-13-45 that the timestamp constructor rejects
        doc.diagnostics.append(error(source_path, line_offset + 1, "", f"YAML value error: {exc}"))
    finally:
        loader.dispose()
    return doc


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


class _AliasFound(Exception):
    """Raised inside the walk to stop at the first alias: walking a bomb must stay cheap."""


def _dotted(path: tuple) -> str:
    """('dose', 'reps') -> 'dose.reps'; list indexes are left out of field names."""
    return ".".join(str(p) for p in path if not isinstance(p, int))


_FRIENDLY = (
    ("found character '\\t' that cannot start any token", "a tab character; indent YAML with spaces, not tabs"),
    ("found unexpected end of stream", "a quoted string is not closed; add the closing quote"),
    ("mapping values are not allowed here",
     "a ': ' inside a value; put the value in quotes, or fix the indentation of this key"),
    ("found duplicate anchor", "YAML anchors are not allowed"),
)


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, source_path: str, offset: int) -> Diagnostic:
    """A YAML parser error as one diagnostic, keeping the parser's line."""
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line + 1 + offset) if mark is not None else offset + 1
    problem = (exc.problem or "").strip()
    # the C parser does not name the character; a tab is by far the most common one
    if mark is not None and problem.startswith("found character") and 0 <= mark.index < len(text) \
            and text[mark.index] == "\t":
        problem = "found character '\\t' that cannot start any token"
    for raw, friendly in _FRIENDLY:
        if problem.startswith(raw):
            problem = friendly
            break
    context = (exc.context or "").strip()
    if context and "tab" not in problem and "quote" not in problem:
        problem = f"{problem} ({context})"
    return error(source_path, line, "", f"YAML syntax error: {problem}")
