"""The build memo kept between command-line builds, under .cache/ (never inside output/).

One pickle per output folder. It is trusted only when it was written by the same code
(every module of this package, the Python and library versions) for the same folders
and options; anything else, or an unreadable file, means starting from an empty memo,
which gives the same site, only slower.

Unpickling runs code, and a pull request could smuggle a file into .cache/ with
`git add -f`; so every memo is signed with a key kept outside the project (in the
user's cache folder), and a memo whose signature does not check is never unpickled.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import sys
from importlib import metadata
from pathlib import Path

from exguide.reuse.memo import Memo

PACKAGE_DIR = Path(__file__).resolve().parent.parent
LIBRARIES = ("Jinja2", "MarkupSafe", "Markdown", "PyYAML", "nh3", "pagefind", "pagefind-bin", "pillow")
KEEP = 8  # memos of other output folders (tests, previews) beyond this are removed, oldest first


def code_version() -> str:
    """Changes whenever anything that shapes the output could have: our code, Python, libraries."""
    digest = hashlib.sha1(sys.version.encode())
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    return digest.hexdigest()


def memo_version(*parts: object) -> str:
    """The code version plus the folders and options a memo is valid for."""
    digest = hashlib.sha1(code_version().encode())
    digest.update(os.getcwd().encode())  # messages show paths relative to it
    for part in parts:
        digest.update(b"\0" + repr(part).encode())
    return digest.hexdigest()


def memo_file(cache_dir: Path, output_dir: Path) -> Path:
    name = hashlib.sha1(str(output_dir.resolve()).encode()).hexdigest()[:16]
    return cache_dir / "build" / f"{name}.pickle"


def signing_key() -> bytes | None:
    """This user's secret for signing memos, made on first use; None when it cannot be kept."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    path = base / "exguide" / "memo-key"
    try:
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(os.urandom(32))
        key = path.read_bytes()
    except OSError:
        return None
    return key if len(key) == 32 else None


def _sign(key: bytes, data: bytes) -> bytes:
    return hmac.new(key, data, hashlib.sha256).digest()


def load_memo(path: Path, version: str) -> Memo:
    """The memo saved at ``path`` if it is signed by us and for ``version``, else an empty one."""
    key = signing_key()
    try:
        blob = path.read_bytes() if key else b""
    except OSError:
        blob = b""
    signature, data = blob[:32], blob[32:]
    if not key or len(blob) <= 32 or not hmac.compare_digest(signature, _sign(key, data)):
        return Memo(version=version)
    try:
        memo = pickle.loads(data)
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return Memo(version=version)
    if not isinstance(memo, Memo) or memo.version != version:
        return Memo(version=version)
    return memo


def open_memo(options) -> Memo:
    """The last build's memo for this output folder and these options, or an empty one."""
    version = memo_version(options.content_dir.resolve(), options.templates_dir.resolve(),
                           options.assets_dir.resolve(), options.config_path.resolve(), options.base_url,
                           options.drafts, options.search, options.in_place)
    if options.cache_dir is None or not options.write:
        return Memo(version=version)
    return load_memo(memo_file(options.cache_dir, options.output_dir), version)


def save_memo(path: Path, memo: Memo) -> None:
    """Write the memo atomically (a killed build leaves the old one), and prune old memos."""
    key = signing_key()
    if key is None:
        return  # without a key we could not trust the memo later, so keep none
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        data = pickle.dumps(memo, protocol=pickle.HIGHEST_PROTOCOL)
        with temporary.open("wb") as handle:
            handle.write(_sign(key, data) + data)
        os.replace(temporary, path)
        _prune(path.parent, keep=path)
    except OSError:
        pass  # a cache that cannot be written only makes the next build slower


def _prune(folder: Path, keep: Path) -> None:
    memos = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in memos[KEEP:]:
        if old != keep:
            old.unlink(missing_ok=True)
