"""Set-up for the headless workshop test: Debian's chromium, when it is missing and can be
installed (root and apt-get). pip's playwright drives it (``playwright install`` cannot
download browsers here). Set-up installs; the tests only look, and skip saying why."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys


def main() -> int:
    if shutil.which("chromium") or shutil.which("chromium-browser"):
        return 0
    if not (shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0):
        print("chromium is missing and cannot be installed here (needs root and apt-get): "
              "the browser test will be skipped", file=sys.stderr)
        return 0
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command, minutes in ((["apt-get", "update", "-qq"], 10),
                             (["apt-get", "install", "-y", "-qq", "chromium"], 15)):
        try:
            subprocess.run(command, env=env, check=False, capture_output=True,
                           timeout=minutes * 60)
        except subprocess.TimeoutExpired:
            print(f"{' '.join(command)} took over {minutes} minutes; the browser test will "
                  "be skipped", file=sys.stderr)
            return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
