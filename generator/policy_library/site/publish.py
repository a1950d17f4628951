"""No half-published site: build into a hidden sibling folder, swap it in on success.

MkDocs cleans `site_dir` and then writes page after page into it, so a build
that fails half-way (a template error, a failing plugin step, a strict-mode
warning) would leave a half-written site where the old one was. Instead the
plugin points `site_dir` at a staging folder beside it; when `mkdocs build`
ends without an error the staging folder replaces the old site by renames on
the same file system, and when it fails the staging folder is removed and the
old site is left as it was, byte for byte.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.library")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class StagedSite:
    """One build's staging folder for the site folder `target`."""

    def __init__(self, target: Path) -> None:
        target = Path(target)
        # A site folder that is a link is replaced where it points, and the link kept.
        self.target = target.resolve() if target.is_symlink() else target.absolute()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.building-", dir=self.target.parent))
        # mkdtemp makes a private folder; the site must be readable like any other.
        self.staging.chmod(0o777 & ~_umask())
        self.failed = False

    def fail(self) -> None:
        """The build failed: the old site stays, the staging folder goes."""
        self.failed = True
        shutil.rmtree(self.staging, ignore_errors=True)

    def finish(self) -> None:
        """At the end of the command: publish if the build ended without an error."""
        # MkDocs calls this from a `finally:`; an exception in flight (an interrupt,
        # or an error raised after `on_build_error`) means the build did not succeed.
        if self.failed or sys.exc_info()[1] is not None or not self.staging.is_dir():
            self.fail()
            return
        self.publish()

    def publish(self) -> None:
        old = None
        if self.target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.old-", dir=self.target.parent))
            old.rmdir()
            os.rename(self.target, old)
        os.rename(self.staging, self.target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        log.info(f"Published the site to {self.target}")
