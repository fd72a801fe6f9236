"""The reuse layer as the pipeline sees it: stage calls wrapped, their results kept in a Memo.

The pipeline calls a stage's plain function through one of these wrappers, which hand
back the kept result while everything it was made from is unchanged and call the
function otherwise. Stages never see the memo. Nothing here knows a model class: items
are keyed by what the caller says, records are whatever the content stage yields.
"""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Callable, Hashable, Iterable, Mapping, Sequence

from exguide.build.parallel import MIN_ITEMS, fork_map
from exguide.content.filekinds import NotRegularFile, read_regular
from exguide.reuse.digest import sha1
from exguide.reuse.fingerprint import Fingerprints, TemplateKeys, globals_key
from exguide.reuse.memo import Entry, Memo, OutputState
from exguide.reuse.rendering import Rendered, check_changed_links, remember_rendered, render_changed
from exguide.reuse.store import save_memo
from exguide.reuse.templates import BytecodeStore
from exguide.reuse.tracking import TrackingEnvironment

RACY = 2.0  # seconds: a file changed this recently may change again without its time moving
FILE_LIMIT = 50_000_000  # bytes hashed at most: a larger file is refused by its stage anyway


class Session:
    """One build's view of the memo. Made at the start of each build (it turns the live caches)."""

    def __init__(self, memo: Memo):
        self.memo = memo
        self._link_key = memo.link_key
        memo.live.turn()

    def keeper(self, name: str) -> Callable:
        """``(key, inputs, make) -> result``: ``make()``, or the same object as last build while ``inputs`` are equal.

        Only within one process (`serve`); a stage that takes such a function stays a plain
        function of its inputs, since the kept object equals what ``make()`` would give."""
        return self.memo.live[name].get

    def interned(self, name: str) -> dict:
        """A dict this process keeps from build to build, for a stage to hand out the same
        immutable objects again (e.g. the Path of each file found) instead of making them anew."""
        return self.memo.live.table(name)

    def once(self, name: str, make: Callable, inputs: Hashable):
        """``make()``, or the very same result as last build while ``inputs`` are equal."""
        return self.memo.live[name].get(name, inputs, make)

    def files(self, name: str, paths: Sequence[Path], read: Callable[[Path], object], salt: str,
              parallel_from: int = MIN_ITEMS) -> list:
        """``read(path)`` for each path, reused while the file's bytes and ``salt`` are the same.

        A file whose size, time and inode match is not even opened; one changed too recently
        for its time to be trusted is read and hashed. Reads run in parallel once there are
        ``parallel_from`` of them."""
        table = self.memo.tables.get(name, {})
        kept: dict[str, Entry] = {}
        results: list = [None] * len(paths)
        inputs: list = [None] * len(paths)
        stats: list = [None] * len(paths)
        changed = len(paths) != len(table)
        now = time.time()
        todo = []
        for index, path in enumerate(paths):
            text = str(path)
            entry = table.get(text)
            try:
                stat = stats[index] = _stat_key(text, now)
                if entry is not None and entry.stat is not None and entry.stat == stat:
                    digest = entry.inputs[0]
                else:
                    digest = sha1(read_regular(path, FILE_LIMIT))
            except OSError:
                todo.append(index)  # ``read`` reports why
                continue
            inputs[index] = (digest, salt)
            if entry is not None and entry.inputs == inputs[index]:
                results[index] = entry.result
                if entry.stat != stat:
                    changed = True
                    entry = Entry(entry.inputs, entry.result, stat=stat)
                kept[text] = entry
            else:
                todo.append(index)
        for index, result in zip(todo, fork_map(lambda i: read(paths[i]), todo, min_items=parallel_from)):
            results[index] = result
            if inputs[index] is not None:
                kept[str(paths[index])] = Entry(inputs[index], result, stat=stats[index])
        self._store(name, kept, changed or bool(todo))
        return results

    def each(self, name: str, items: Iterable, key: Callable, inputs: Callable, make: Callable,
             parallel_from: int | None = None) -> list:
        """``make(item)`` for each item, reused while ``inputs(item)`` equals what it was made from; with
        ``parallel_from``, the items to make run in forked workers once there are that many."""
        table = self.memo.tables.get(name, {})
        kept: dict = {}
        found = []
        todo = []
        for item in items:
            k, now = key(item), inputs(item)
            entry = table.get(k)
            if entry is None or entry.inputs != now:
                todo.append((k, now, item))
                entry = None
            found.append((k, entry))
        made_now = (fork_map(lambda job: make(job[2]), todo, min_items=parallel_from) if parallel_from
                    else [make(item) for _k, _now, item in todo])
        fresh = {k: Entry(now, result) for (k, now, _item), result in zip(todo, made_now)}
        out = []
        for k, entry in found:
            entry = entry or fresh[k]
            kept[k] = entry
            out.append(entry.result)
        self._store(name, kept, bool(todo) or len(kept) != len(table))
        return out

    def asking(self, name: str, items: Sequence, key: Callable, inputs: Callable, make: Callable,
               answer: Callable, keep: Callable[[object], bool] = lambda result: True) -> list:
        """``make(item, ask)`` for each item, in parallel; ``ask(question)`` is ``answer(question)``, recorded.

        A kept result is reused while ``inputs(item)`` is equal and every question it asked
        gets the same answer now: dependencies found while working, not declared. Results
        for which ``keep`` is false (e.g. ones with errors) are made again next time."""
        table = self.memo.tables.get(name, {})
        kept: dict = {}
        out: list = [None] * len(items)
        now: list = [None] * len(items)
        todo = []
        for index, item in enumerate(items):
            k = key(item)
            now[index] = inputs(item)
            entry = table.get(k)
            if (entry is not None and entry.inputs == now[index]
                    and all(answer(question) == said for question, said in entry.answers)):
                out[index] = entry.result
                kept[k] = entry
            else:
                todo.append(index)

        def make_recorded(index: int):
            answers = []

            def ask(question):
                said = answer(question)
                answers.append((question, said))
                return said
            return make(items[index], ask), tuple(answers)

        for index, (result, answers) in zip(todo, fork_map(make_recorded, todo)):
            out[index] = result
            if keep(result):
                kept[key(items[index])] = Entry(now[index], result, answers)
        self._store(name, kept, bool(todo) or len(kept) != len(table))
        return out

    def render(self, make_env: Callable, pages: list, records: Mapping[str, object], globals_parts: tuple,
               **how) -> tuple[Rendered, list]:
        """Render the pages whose inputs changed (rendering.render_changed), reads tracked on ``records``.

        ``make_env(env_class, bytecode_cache)`` makes the Jinja2 environment; ``globals_parts``
        is what its globals are made from."""
        env = make_env(env_class=TrackingEnvironment, bytecode_cache=BytecodeStore(self.memo.bytecode))
        env.track(records)
        prints = Fingerprints(TemplateKeys(env, self.memo.template_refs),
                              globals_key(*globals_parts, sorted(env.globals), sorted(env.filters)),
                              records, self.memo.live)
        return render_changed(self.memo, env, pages, records, prints, **how)

    def check_links(self, rendered: Rendered, files: set[str], urls, sources: dict[str, str]) -> list:
        """Link problems of the pages that could have new ones (rendering.check_changed_links)."""
        problems, self._link_key = check_changed_links(self.memo, rendered, files, urls, sources)
        return problems

    def digest(self, path: str, data: bytes) -> str:
        """sha1 of ``data``; the very same bytes object as last build (a kept export) is not hashed again."""
        return self.memo.live["digests"].get(path, (data,), lambda: sha1(data))

    @property
    def output(self) -> OutputState:
        """What the output folder holds, for the write stage to compare with and update."""
        return self.memo.output

    def remember(self, rendered: Rendered, written: list[str], save_to: Path | None) -> None:
        """The build is written: the memo now describes the output; keep it for next time."""
        remember_rendered(self.memo, rendered)
        self.memo.link_key = self._link_key
        if save_to and (self.memo.changed or written):
            self.memo.changed = False
            save_memo(save_to, self.memo)

    def _store(self, name: str, kept: dict, changed: bool) -> None:
        self.memo.tables[name] = kept
        self.memo.changed |= changed


def _stat_key(path: str, now: float) -> tuple | None:
    stat = os.stat(path)
    if now - stat.st_mtime < RACY:
        return None
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


def file_inputs(paths: Sequence[Path], root: Path) -> tuple:
    """What a few small files are, for ``once``: where each really is, and its bytes if that is
    inside ``root`` (never read what a link leads to outside it; the stage refuses it unread)."""
    top = os.path.realpath(root)
    out = []
    for path in paths:
        real = os.path.realpath(path)
        if not real.startswith(top + os.sep):
            out.append((real, None))
            continue
        try:
            out.append((real, read_regular(path, FILE_LIMIT)))
        except NotRegularFile as exc:  # the stage refuses it unread, and says what it is
            out.append((real, exc.kind))
        except OSError:
            out.append(None)
    return tuple(out)
