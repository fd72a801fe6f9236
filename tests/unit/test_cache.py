"""The build memo is only unpickled when we signed it: a smuggled .cache file runs nothing."""
import os
import pickle

from exguide.reuse.store import load_memo, memo_file, save_memo
from exguide.reuse.memo import Memo


class _Exploit:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_forged_memo_is_never_unpickled(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    marker = tmp_path / "pwned"
    path = memo_file(tmp_path / ".cache", tmp_path / "output")
    path.parent.mkdir(parents=True)
    path.write_bytes(os.urandom(32) + pickle.dumps(_Exploit(str(marker))))
    memo = load_memo(path, "v1")
    assert not marker.exists()
    assert isinstance(memo, Memo) and memo.version == "v1"


def test_signed_memo_round_trips(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    path = memo_file(tmp_path / ".cache", tmp_path / "output")
    save_memo(path, Memo(version="v2"))
    assert load_memo(path, "v2").version == "v2"
    # a tampered byte breaks the signature, and the build starts from an empty memo
    blob = bytearray(path.read_bytes())
    blob[-1] ^= 1
    path.write_bytes(bytes(blob))
    assert load_memo(path, "v2") == Memo(version="v2")
