"""Building sites for tests, in-process or as the user would from the command line."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SITES = ROOT / "tests" / "sites"


def run_build(*args: str, cwd: Path = ROOT, timeout: int = 300) -> subprocess.CompletedProcess:
    """`python build.py ARGS` as a user runs it; returns the finished process."""
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


def build_site(output: Path, *extra: str, content: Path | None = None, config: Path | None = None,
               cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Build into ``output``; fails the test with the build's messages when it does not succeed."""
    args = ["--output", str(output)]
    if content is not None:
        args += ["--content", str(content)]
    if config is not None:
        args += ["--config", str(config)]
    done = run_build(*args, *extra, cwd=cwd)
    assert done.returncode == 0, f"build failed:\n{done.stdout}\n{done.stderr}"
    return done
