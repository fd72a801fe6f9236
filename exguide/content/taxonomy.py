"""The site's vocabularies: muscles (in groups), categories and equipment.

Each is a taxonomy whose terms carry their own data (name, description, aliases).
Names and aliases resolve case- and hyphen-insensitively.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from exguide.errors import Diagnostic, did_you_mean, error
from exguide.content.model import REGIONS, VIEWS, Group, Muscle, Term
from exguide.content.filekinds import not_regular, problem
from exguide.content.sources import display_path, read_text, type_name
from exguide.content.yamlread import load_yaml

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FILES = ("muscles.yaml", "categories.yaml", "equipment.yaml")  # all load_taxonomy reads


def normalise(name: str) -> str:
    """'Thoracic-Erector  spinae' -> 'thoracic erector spinae'."""
    return " ".join(re.sub(r"[-_]+", " ", name.casefold()).split())


@dataclass(frozen=True)
class Resolution:
    """A name resolved to a term id; ``others`` lists the other candidates of an ambiguous alias."""

    id: str
    others: tuple[str, ...] = ()


@dataclass
class Vocabulary:
    """Terms of one taxonomy with a name index."""

    kind: str  # "muscle", "category", "equipment"
    source: str = ""  # the file that declares the terms, named in messages
    broken: bool = False  # that file failed to load (already reported): skip name checks
    ids: list[str] = field(default_factory=list)
    index: dict[str, list[str]] = field(default_factory=dict)  # normalised name -> ids, in file order

    def add(self, term_id: str, names: list[str]) -> None:
        self.ids.append(term_id)
        for name in [term_id, *names]:
            key = normalise(name)
            ids = self.index.setdefault(key, [])
            if term_id not in ids:
                ids.append(term_id)

    def resolve(self, name: str) -> Resolution | str:
        """The term a name means, or an error message with a suggestion."""
        ids = self.index.get(normalise(name))
        if not ids:
            hint = did_you_mean(normalise(name), list(self.index))
            return f"unknown {self.kind} '{name}'" + (hint or f"; use an id, name or alias from {self.source}")
        return Resolution(ids[0], tuple(ids[1:]))


@dataclass
class Taxonomy:
    """Everything declared under content/ besides the exercises."""

    muscles: dict[str, Muscle] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    categories: dict[str, Term] = field(default_factory=dict)
    equipment: dict[str, Term] = field(default_factory=dict)
    muscle_names: Vocabulary = field(default_factory=lambda: Vocabulary("muscle", "content/muscles.yaml"))
    category_names: Vocabulary = field(default_factory=lambda: Vocabulary("category", "content/categories.yaml"))
    equipment_names: Vocabulary = field(default_factory=lambda: Vocabulary("equipment", "content/equipment.yaml"))
    digest: str = ""


def load_taxonomy(content_dir: Path) -> tuple[Taxonomy, list[Diagnostic]]:
    """Read muscles.yaml, categories.yaml and equipment.yaml from ``content_dir``."""
    import hashlib

    tax = Taxonomy()
    problems: list[Diagnostic] = []
    digest = hashlib.sha1()
    root = content_dir.resolve()
    muscles_doc = _load(content_dir / FILES[0], problems, digest, root)
    tax.muscle_names.broken = muscles_doc is None
    if muscles_doc is not None:
        _read_muscles(tax, *muscles_doc, problems)
    for name, target, vocab in ((FILES[1], tax.categories, tax.category_names),
                                (FILES[2], tax.equipment, tax.equipment_names)):
        doc = _load(content_dir / name, problems, digest, root)
        vocab.broken = doc is None
        if doc is not None:
            _read_terms(target, vocab, *doc, problems)
    tax.digest = digest.hexdigest()
    return tax, problems


def _load(path: Path, problems: list[Diagnostic], digest, root: Path) -> tuple | None:
    """(data, lines, source_path) of a data file, or None after recording why not."""
    source_path = display_path(path)
    kind = not_regular(path)  # a named pipe here would hang the read, so it is never opened
    if kind is None and not path.is_file():
        problems.append(error(source_path, 0, "", "file is missing; every site declares its "
                                                  "muscles, categories and equipment"))
        return None
    if root not in path.resolve().parents:
        problems.append(error(source_path, 0, "", "symbolic link points outside the content folder; "
                                                  "copy the file into content/ instead"))
        return None
    if kind:
        problems.append(problem(source_path, kind))
        return None
    text, read_problems = read_text(path, source_path)
    if text is None:
        problems.extend(read_problems)
        return None
    digest.update(text.encode("utf-8"))
    doc = load_yaml(text, source_path)
    if doc.diagnostics:
        problems.extend(doc.diagnostics)
        return None
    return doc.data, doc.lines, source_path


def _entries(data, key, lines, source_path, problems) -> list[tuple[int, dict, tuple]]:
    """(index, entry, path) for a list of mappings at ``data[key]`` (or ``data`` when key is None)."""
    items = data.get(key) if (key and isinstance(data, dict)) else data
    path = (key,) if key else ()
    if not isinstance(items, list):
        problems.append(error(source_path, lines.get(path, 1), key or "",
                              f"expected a list of entries, got {type_name(items)}"))
        return []
    out = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            problems.append(error(source_path, lines.get(path + (index,), 1), key or "",
                                  f"each entry must be a mapping with id and name, got {type_name(item)}"))
            continue
        out.append((index, item, path + (index,)))
    return out


def _text(item, name, lines, path, source_path, problems, required=True) -> str:
    """A required (or optional) string field of a data entry."""
    value = item.get(name)
    line = lines.get(path + (name,), lines.get(path, 0))
    if value is None:
        if required:
            problems.append(error(source_path, lines.get(path, 0), name, f"missing required field '{name}'"))
        return ""
    if not isinstance(value, str) or not value.strip():
        problems.append(error(source_path, line, name, f"expected text, got {type_name(value)}"))
        return ""
    return value.strip()


def _aliases(item, lines, path, source_path, problems) -> tuple[str, ...]:
    value = item.get("aliases", [])
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(a, str) and a.strip() for a in value):
        problems.append(error(source_path, lines.get(path + ("aliases",), 0), "aliases",
                              "expected a list of names"))
        return ()
    return tuple(a.strip() for a in value)


def _check_keys(item, allowed, lines, path, source_path, problems) -> None:
    for key in item:
        if key not in allowed:
            problems.append(error(source_path, lines.get(path + (key,), 0), str(key),
                                  f"unknown field '{key}'{did_you_mean(str(key), list(allowed))}"))


def _check_id(term_id, seen, lines, path, source_path, problems) -> bool:
    line = lines.get(path + ("id",), lines.get(path, 0))
    if not _ID.match(term_id):
        problems.append(error(source_path, line, "id",
                              f"'{term_id}' is not a valid id; use lowercase letters, digits and hyphens"))
        return False
    if term_id in seen:
        problems.append(error(source_path, line, "id",
                              f"duplicate id '{term_id}' (first on line {seen[term_id]}); give each entry its own id"))
        return False
    seen[term_id] = line
    return True


def _read_muscles(tax: Taxonomy, data, lines, source_path, problems) -> None:
    if not isinstance(data, dict):
        problems.append(error(source_path, 1, "", "expected 'groups:' and 'muscles:' lists"))
        return
    _check_keys(data, ("groups", "muscles"), lines, (), source_path, problems)
    seen: dict[str, int] = {}
    for _, item, path in _entries(data, "groups", lines, source_path, problems):
        _check_keys(item, ("id", "name", "region", "description"), lines, path, source_path, problems)
        gid = _text(item, "id", lines, path, source_path, problems)
        name = _text(item, "name", lines, path, source_path, problems)
        region = _choice(item, "region", REGIONS, lines, path, source_path, problems)
        if gid and _check_id(gid, seen, lines, path, source_path, problems):
            tax.groups[gid] = Group(gid, name or gid, region or "upper",
                                    _text(item, "description", lines, path, source_path, problems, False))
    seen = {}
    fields = ("id", "name", "group", "region", "view", "aliases", "description")
    for _, item, path in _entries(data, "muscles", lines, source_path, problems):
        _check_keys(item, fields, lines, path, source_path, problems)
        mid = _text(item, "id", lines, path, source_path, problems)
        name = _text(item, "name", lines, path, source_path, problems)
        group = _text(item, "group", lines, path, source_path, problems)
        if group and group not in tax.groups:
            problems.append(error(source_path, lines.get(path + ("group",), 0), "group",
                                  f"unknown group '{group}'" + (did_you_mean(group, list(tax.groups))
                                                                 or f"; use one of {', '.join(tax.groups)}")))
        region = _choice(item, "region", REGIONS, lines, path, source_path, problems, required=False)
        if not region and group in tax.groups:
            region = tax.groups[group].region
        view = _choice(item, "view", VIEWS, lines, path, source_path, problems)
        aliases = _aliases(item, lines, path, source_path, problems)
        if mid and _check_id(mid, seen, lines, path, source_path, problems):
            tax.muscles[mid] = Muscle(mid, name or mid, group, region or "upper", view or "front", aliases,
                                      _text(item, "description", lines, path, source_path, problems, False))
            tax.muscle_names.add(mid, [name, *aliases])
    _check_alias_clashes(tax.muscles, lines, source_path, problems)


def _check_alias_clashes(muscles: dict[str, Muscle], lines, source_path, problems) -> None:
    """An alias may be shared (then it is ambiguous) but may not be another muscle's id or name."""
    own = {normalise(m.id): m.id for m in muscles.values()} | {normalise(m.name): m.id for m in muscles.values()}
    for index, muscle in enumerate(muscles.values()):
        for alias in muscle.aliases:
            owner = own.get(normalise(alias))
            if owner and owner != muscle.id:
                problems.append(error(source_path, lines.get(("muscles", index, "aliases"), 0), "aliases",
                                      f"alias '{alias}' of '{muscle.id}' is the name of muscle '{owner}'; "
                                      "remove it"))


def _choice(item, name, choices, lines, path, source_path, problems, required=True) -> str:
    value = item.get(name)
    if value is None:
        if required:
            problems.append(error(source_path, lines.get(path, 0), name, f"missing required field '{name}'"))
        return ""
    if value not in choices:
        problems.append(error(source_path, lines.get(path + (name,), 0), name,
                              f"expected one of {', '.join(choices)}; got '{value}'"))
        return ""
    return value


def _read_terms(target: dict, vocab: Vocabulary, data, lines, source_path, problems) -> None:
    seen: dict[str, int] = {}
    for _, item, path in _entries(data, None, lines, source_path, problems):
        _check_keys(item, ("id", "name", "aliases", "description"), lines, path, source_path, problems)
        tid = _text(item, "id", lines, path, source_path, problems)
        name = _text(item, "name", lines, path, source_path, problems)
        aliases = _aliases(item, lines, path, source_path, problems)
        if tid and _check_id(tid, seen, lines, path, source_path, problems):
            target[tid] = Term(tid, name or tid, aliases,
                               _text(item, "description", lines, path, source_path, problems, False))
            vocab.add(tid, [name, *aliases])
