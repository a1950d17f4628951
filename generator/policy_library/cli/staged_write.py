"""Write a set of files into one folder all or nothing, even if the process is killed.

Every file is first written into a hidden staging folder beside the target folder
(the same file system, so a rename moves it). Only when all are written does the
commit begin: a journal naming each file is put in the staging folder, each file
about to be replaced is kept as a hard link, and each new file is renamed over its
name, which replaces it atomically (a reader sees the old file or the new one,
never a part of either). Removing the journal is the moment the write is done.

If anything fails, or a signal stops the process, the files already moved are put
back. A process killed outright cannot do that, so the next run finds its staging
folder (its lock is free: nobody holds it any more) and undoes it from the journal.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PREFIX = ".library-import-"
LOCK = "lock"
JOURNAL = "journal.json"
NEW = "new"
OLD = "old"
# Seconds a staging folder without its lock is taken to belong to an import still starting.
STARTING = 60


class WriteFailed(Exception):
    """A file could not be written; everything already written was taken back."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class Undone:
    """A staging folder left by a killed run, and what undoing it put back."""

    folder: Path
    restored: int
    removed: int


def write_all(folder: Path, files: list[tuple[str, str]]) -> None:
    """Write each `(name, text)` into `folder`, replacing files of the same name, or write nothing.

    Raises WriteFailed (or the KeyboardInterrupt that stopped it) after putting every file back.
    """
    names = [name for name, _ in files]
    if len(set(names)) != len(names) or any("/" in n or n.startswith(".") for n in names):
        raise ValueError("each file needs its own plain name")
    created_folder = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=PREFIX, dir=folder.parent))
    lock = _lock(staging)
    try:
        with _signals_interrupt():
            try:
                _stage(staging, files)
                _commit(staging, folder, names)
            except BaseException:
                _undo(staging, folder)
                shutil.rmtree(staging, ignore_errors=True)
                if created_folder:
                    with contextlib.suppress(OSError):
                        folder.rmdir()
                raise
            shutil.rmtree(staging, ignore_errors=True)
    finally:
        os.close(lock)


def undo_stopped(parent: Path) -> list[Undone]:
    """Undo every write into a folder of `parent` whose process was killed before it finished."""
    undone = []
    try:
        candidates = sorted(p for p in parent.iterdir() if p.name.startswith(PREFIX) and p.is_dir() and not p.is_symlink())
    except OSError:
        return []
    for staging in candidates:
        try:
            lock = os.open(staging / LOCK, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            # No lock yet: an import that is just starting, or one killed before it wrote anything.
            if _age(staging) < STARTING:
                continue
            lock = None
        try:
            if lock is not None:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # a running import
            journal = _read_journal(staging)
            restored, removed = _undo(staging, Path(journal["folder"])) if journal else (0, 0)
            shutil.rmtree(staging, ignore_errors=True)
            undone.append(Undone(staging, restored, removed))
        finally:
            if lock is not None:
                os.close(lock)
    return undone


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


def _lock(staging: Path) -> int:
    fd = os.open(staging / LOCK, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def _stage(staging: Path, files: list[tuple[str, str]]) -> None:
    (staging / NEW).mkdir()
    (staging / OLD).mkdir()
    for name, text in files:
        try:
            # O_EXCL and O_NOFOLLOW: a fresh file of our own, never through a link someone put there.
            fd = os.open(staging / NEW / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666)
            with open(fd, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
        except OSError as error:  # a full disk, most likely
            raise WriteFailed(staging.parent / name, error.strerror or str(error)) from error


def _commit(staging: Path, folder: Path, names: list[str]) -> None:
    replaced = []
    for name in names:
        target = folder / name
        if target.is_symlink():
            raise WriteFailed(target, "it is a link; import never writes through a link")
        if not os.path.lexists(target):
            continue
        try:
            os.link(target, staging / OLD / name, follow_symlinks=False)
        except FileNotFoundError:
            continue
        except OSError:
            # No hard links here (or none to this file): a copy keeps it just as well.
            try:
                shutil.copy2(target, staging / OLD / name, follow_symlinks=False)
            except OSError as error:
                raise WriteFailed(target, error.strerror or str(error)) from error
        replaced.append(name)
    _write_journal(staging, {"folder": str(folder.absolute()), "names": names, "replaced": replaced})
    for name in names:
        target = folder / name
        try:
            os.replace(staging / NEW / name, target)
        except OSError as error:
            raise WriteFailed(target, error.strerror or str(error)) from error
    # Done: from here on nothing is undone.
    os.unlink(staging / JOURNAL)


def _undo(staging: Path, folder: Path) -> tuple[int, int]:
    """Put back what a commit moved: the kept copies over their names, new names removed."""
    journal = _read_journal(staging)
    if journal is None:
        return 0, 0  # the commit had not begun (or had ended): the folder was not touched
    restored = removed = 0
    replaced = set(journal["replaced"])
    for name in journal["names"]:
        if os.path.lexists(staging / NEW / name):
            continue  # not moved yet: its name still holds what it held
        target = folder / name
        with contextlib.suppress(FileNotFoundError):  # already put back by an undo that was itself stopped
            if name in replaced:
                os.replace(staging / OLD / name, target)
                restored += 1
            else:
                os.unlink(target)
                removed += 1
    os.unlink(staging / JOURNAL)
    return restored, removed


def _write_journal(staging: Path, data: dict[str, object]) -> None:
    part = staging / (JOURNAL + ".part")
    part.write_text(json.dumps(data), encoding="utf-8")
    os.replace(part, staging / JOURNAL)


def _read_journal(staging: Path) -> dict[str, list[str] | str] | None:
    try:
        return json.loads((staging / JOURNAL).read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    except FileNotFoundError:
        return None


@contextlib.contextmanager
def _signals_interrupt() -> Iterator[None]:
    """While writing, SIGTERM and SIGHUP stop the process as Ctrl-C does, so that the write is undone."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
