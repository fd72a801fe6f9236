"""Rebuild the golden test site's expected output: `make golden`. Review the diff before committing."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.golden import EXPECTED, build_golden, golden_files  # noqa: E402


def main() -> int:
    out = EXPECTED.parent / ".golden-build"
    shutil.rmtree(out, ignore_errors=True)
    build_golden(out)
    shutil.rmtree(EXPECTED, ignore_errors=True)
    for rel, data in golden_files(out).items():
        target = EXPECTED / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    shutil.rmtree(out)
    print(f"wrote {len(golden_files(EXPECTED))} files to {EXPECTED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
