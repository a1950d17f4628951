"""Deterministic builds: the one build time MkDocs writes comes from the input, not the clock.

MkDocs stamps every page's `update_date` (the sitemap's `<lastmod>` when the
site has a `site_url`) and the mtime in `sitemap.xml.gz` with today's date,
unless SOURCE_DATE_EPOCH is set (https://reproducible-builds.org/specs/source-date-epoch/).
The library sets it, when the builder has not, to the time of the commit
being built, so two builds of the same commit give byte-identical sites.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

VARIABLE = "SOURCE_DATE_EPOCH"


def commit_time(root: Path) -> int | None:
    """The committer time of HEAD of the repository holding `root`, if any."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    text = result.stdout.strip()
    return int(text) if result.returncode == 0 and text.isdigit() else None


def pin_build_time(root: Path) -> int:
    """Set SOURCE_DATE_EPOCH for this build unless already set; the epoch without git history."""
    if os.environ.get(VARIABLE, "").isdigit():
        return int(os.environ[VARIABLE])
    when = commit_time(root) or 0
    os.environ[VARIABLE] = str(when)
    return when
