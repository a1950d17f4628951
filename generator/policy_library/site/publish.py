"""No half-published site: build into a hidden sibling folder, swap it in on success.

MkDocs cleans `site_dir` and then writes page after page into it, so a build
that fails half-way (a template error, a failing plugin step, a strict-mode
warning) would leave a half-written site where the old one was. Instead the
plugin points `site_dir` at a staging folder beside it; when `mkdocs build`
ends without an error the staging folder replaces the old site by renames on
the same file system, and when it fails the staging folder is removed and the
old site is left as it was, byte for byte.

The new site takes the old one's place in one step (Linux's renameat2 with
RENAME_EXCHANGE), so a web server reading site/ never finds it missing; where the
system cannot exchange, two renames follow each other as closely as they can.
Builds of one site take turns: each holds a lock on the site's parent folder from
before it makes its staging folder until it has published, so any staging folder
found while holding the lock belongs to a build that was killed, and is removed.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import functools
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.library")

AT_FDCWD = -100
RENAME_EXCHANGE = 2


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
        self.failed = False
        self._lock: int | None = None
        parent = self.target.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            self._lock = _take_turn(parent, self.target)
            _remove_stopped_builds(parent, self.target.name)
            self.staging = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.building-", dir=parent))
            # mkdtemp makes a private folder; the site must be readable like any other.
            self.staging.chmod(0o777 & ~_umask())
        except OSError as error:
            self._release()
            raise PluginError(
                f"cannot build the site in {parent}: {error.strerror} (make it writable, or build elsewhere with --site-dir); the old site was left as it was"
            ) from error

    def fail(self) -> None:
        """The build failed: the old site stays, the staging folder goes."""
        self.failed = True
        _remove(self.staging)
        self._release()

    def finish(self) -> None:
        """At the end of the command: publish if the build ended without an error."""
        # MkDocs calls this from a `finally:`; an exception in flight (an interrupt,
        # or an error raised after `on_build_error`) means the build did not succeed.
        if self.failed or sys.exc_info()[1] is not None or not self.staging.is_dir():
            self.fail()
            return
        try:
            self.publish()
        except OSError as error:
            self.fail()
            raise PluginError(
                f"cannot publish the site to {self.target}: {error.strerror} (make it and its folder writable, "
                "or build elsewhere with --site-dir); the old site was left as it was"
            ) from error
        self._release()

    def publish(self) -> None:
        if not os.path.lexists(self.target):
            os.rename(self.staging, self.target)
        elif exchange(self.staging, self.target):
            _remove(self.staging)  # which now holds the old site
        else:
            old = self.staging.with_name(self.staging.name.replace(".building-", ".old-", 1))
            os.rename(self.target, old)
            try:
                os.rename(self.staging, self.target)
            except OSError:
                os.rename(old, self.target)
                raise
            _remove(old)
        log.info(f"Published the site to {self.target}")

    def _release(self) -> None:
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step; False where the system or the file system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


@functools.cache
def _renameat2() -> ctypes._CFuncPtr | None:
    """glibc's renameat2 (Linux 3.15+, glibc 2.28+), or None."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def _take_turn(parent: Path, target: Path) -> int:
    """Lock the site's parent folder (released when the build publishes, fails or ends)."""
    fd = os.open(parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        log.info(f"Waiting for another build of {target} to finish")
        fcntl.flock(fd, fcntl.LOCK_EX)
    except OSError:
        os.close(fd)
        raise
    return fd


def _remove_stopped_builds(parent: Path, name: str) -> None:
    """Staging folders of builds that were killed: no build that is still running has one (we hold the lock)."""
    for path in parent.iterdir():
        if path.name.startswith((f".{name}.building-", f".{name}.old-")) and path.is_dir() and not path.is_symlink():
            log.info(f"Removing {path.name}, left by a build that was stopped")
            _remove(path)


def _remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
    if path.is_dir() and not path.is_symlink():
        # A read-only folder inside (a copied read-only tree): ours to make writable again.
        for folder, _, _ in os.walk(path):
            with contextlib.suppress(OSError):
                os.chmod(folder, 0o700)
        shutil.rmtree(path, ignore_errors=True)
