"""Atomic site output: build into a fresh folder next to ``out``, then swap.

A build that dies half way leaves the previous site whole: the new tree is
only renamed into place once every file is written.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import sys
import tempfile
from pathlib import Path, PurePosixPath


class UnsafePath(ValueError):
    """A page path that would land outside the output folder."""


class SiteWriter:
    """Collects files under a staging folder; ``commit`` swaps it into place.

    A file whose bytes equal the current site's is hard-linked from it rather
    than rewritten, so an incremental build touches only what changed (and
    tools that watch mtimes see only those pages change).
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir.resolve()
        self.out_dir.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.out_dir.name}.new-", dir=self.out_dir.parent))
        self.written: list[str] = []
        self.changed: list[str] = []

    def path_for(self, relative: str) -> Path:
        parts = PurePosixPath(relative).parts
        if not parts or relative.startswith("/") or any(p in ("..", "") or "\\" in p or "\x00" in p for p in parts):
            raise UnsafePath(f"refusing to write {relative!r}: not a path inside the site")
        return self.staging.joinpath(*parts)

    def write_text(self, relative: str, text: str) -> None:
        self.write_bytes(relative, text.encode("utf-8"))

    def write_bytes(self, relative: str, data: bytes) -> None:
        path = self.path_for(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.written.append(relative)
        previous = self.out_dir.joinpath(*PurePosixPath(relative).parts)
        try:
            if previous.is_file() and not previous.is_symlink() and previous.stat().st_size == len(data) and previous.read_bytes() == data:
                os.link(previous, path)
                return
        except OSError:
            pass
        path.write_bytes(data)
        self.changed.append(relative)

    def reuse_file(self, relative: str) -> bool:
        """Hard-link one file of the current site into the new one (its content is known unchanged)."""
        source = self.out_dir.joinpath(*PurePosixPath(relative).parts)
        if not source.is_file() or source.is_symlink():
            return False
        target = self.path_for(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(source, target)
        self.written.append(relative)
        return True

    def reuse_tree(self, relative: str) -> bool:
        """Hard-link a whole folder of the current site (e.g. an unchanged search index)."""
        source = self.out_dir.joinpath(*PurePosixPath(relative).parts)
        if not source.is_dir():
            return False
        target = self.path_for(relative)
        shutil.copytree(source, target, copy_function=os.link)
        return True

    def commit(self) -> None:
        """Put the staged tree in place of ``out_dir`` in one atomic step.

        On Linux, renameat2(RENAME_EXCHANGE) swaps the two folders at once, so
        there is no moment without a whole site; elsewhere two renames leave a
        window of microseconds.  The old tree is then deleted.
        """
        if self.out_dir.exists() and _exchange(self.staging, self.out_dir):
            shutil.rmtree(self.staging, ignore_errors=True)
            return
        old = None
        if self.out_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.out_dir.name}.old-", dir=self.out_dir.parent))
            os.rmdir(old)
            os.rename(self.out_dir, old)
        os.rename(self.staging, self.out_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False where unsupported."""
    if sys.platform != "linux":
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


def clean_stale_staging(out_dir: Path) -> None:
    """Remove staging folders left by a build that was killed."""
    parent = out_dir.resolve().parent
    if not parent.is_dir():
        return
    for path in parent.glob(f".{out_dir.resolve().name}.*-*"):
        if path.is_dir() and (path.name.split(".")[-1].startswith(("new-", "old-"))):
            shutil.rmtree(path, ignore_errors=True)
