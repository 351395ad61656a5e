"""Atomic site output: build into a fresh folder next to ``out``, then swap.

A build that dies half way leaves the previous site whole: the new tree is
only renamed into place once every file is written.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

#: What a writer wrote, as (written, changed): see ``SiteWriter.files_written_by``.
WrittenFiles = tuple[list[str], list[str]]


class UnsafePath(ValueError):
    """A page path that would land outside the output folder."""


class SiteWriter:
    """Collects files under a staging folder; ``commit`` swaps it into place.

    The staging folder starts as a hard-linked clone of the current site
    (``cp -al``: one pass in C instead of a mkdir and a link per page), or as
    ``start_from``, an older tree of the same site that a long-running
    process kept (``commit(keep_old=True)``): patching that costs only what
    changed since.  A file whose bytes change is unlinked and written anew,
    so the current site's files are never written through; a kept file is
    made the current site's own inode; whatever this build did not write or
    keep is deleted before the swap.  An incremental build thus touches only
    what changed (and tools that watch mtimes see only those pages change).

    Without ``start_from``, the tree the last build swapped out (kept beside
    the site as ``.<name>.prev``) is the older tree when there is one: a
    build from the command line then neither clones the whole site first
    nor deletes the old one after (on a 10,000-article site, seconds each).
    """

    def __init__(self, out_dir: Path, start_from: Path | None = None, start_files: set[str] | None = None) -> None:
        """``start_files``: what ``start_from`` holds, as its ``contents()``, when known (saves a walk)."""
        self.out_dir = out_dir.resolve()
        self.out_dir.parent.mkdir(parents=True, exist_ok=True)
        self.written: list[str] = []
        self.changed: list[str] = []
        self._kept_trees: list[str] = []
        self._start_files: set[str] | None = None
        live = self.out_dir.is_dir() and not self.out_dir.is_symlink()
        if start_from is None and live:
            start_from = _claim_spare(self.out_dir)
        if start_from is not None and start_from.is_dir() and start_from.parent.resolve() == self.out_dir.parent:
            self.staging = start_from
            self._exact_clone = False  # an older tree: kept files are checked against the live site
            self._start_files = start_files
        else:
            self.staging = Path(tempfile.mkdtemp(prefix=f".{self.out_dir.name}.new-", dir=self.out_dir.parent))
            self._exact_clone = True
            if live:
                _clone_tree(self.out_dir, self.staging)

    def path_for(self, relative: str) -> Path:
        return Path(self._checked(self.staging, relative))

    @staticmethod
    def _checked(root: Path | str, relative: str) -> str:
        parts = relative.split("/")
        if not relative or any(p in ("..", "", ".") or "\\" in p or "\x00" in p for p in parts):
            raise UnsafePath(f"refusing to write {relative!r}: not a path inside the site")
        return os.path.join(root, *parts)

    def write_text(self, relative: str, text: str) -> None:
        self.write_bytes(relative, text.encode("utf-8"))

    def write_bytes(self, relative: str, data: bytes) -> None:
        path = self.path_for(relative)
        self.written.append(relative)
        if _holds(path, data):
            return  # the staged file already holds these bytes
        if not self._exact_clone:
            live = Path(self._checked(self.out_dir, relative))
            if _holds(live, data) and _same_file(live, path):
                return  # changed since the older tree, but the live site has it already
        _remove(path)  # a staged file may be the live site's inode: never write through it
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.changed.append(relative)

    def write_stream(self, relative: str, chunks: Iterable[str | bytes]) -> None:
        """``write_text`` for a big file made in pieces (text, or bytes already UTF-8): never whole in memory."""
        path = self.path_for(relative)
        self.written.append(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(path.name + ".xai-part")
        with open(part, "wb") as out:
            for chunk in chunks:
                out.write(chunk if isinstance(chunk, bytes) else chunk.encode("utf-8"))
        if _same_bytes(part, path):
            part.unlink()
            return  # the staged file already holds these bytes
        live = Path(self._checked(self.out_dir, relative))
        if not self._exact_clone and _same_bytes(part, live) and _same_file(live, path):
            part.unlink()
            return
        os.replace(part, path)  # a new directory entry: a hard-linked live file is not written through
        self.changed.append(relative)

    def files_written_by(self, write: Callable[..., None], *args: Any) -> WrittenFiles:
        """Run ``write(*args)`` and return the files it wrote.  A forked process writing into the
        staging tree returns this to the parent, whose ``adopt`` keeps them (a file the parent's
        writer does not list is deleted as stale before the swap)."""
        written, changed = len(self.written), len(self.changed)
        write(*args)
        return self.written[written:], self.changed[changed:]

    def adopt(self, files: WrittenFiles) -> None:
        """Count as this writer's the files another process wrote into the staging tree."""
        written, changed = files
        self.written += written
        self.changed += changed

    def contents(self) -> set[str]:
        """The files written or kept, and the kept trees (as ``name/``): all the staged tree holds.
        A file written inside a kept tree (a patched search index) is listed as the tree, as a
        build that replaced the tree would list it."""
        trees = tuple(self._kept_trees)
        return {f for f in self.written if not f.startswith(trees)} | set(trees)

    def reuse_file(self, relative: str) -> bool:
        """Keep one file of the current site (its content is known unchanged)."""
        path = self._checked(self.staging, relative)
        if self._exact_clone:
            if not os.path.isfile(path) or os.path.islink(path):
                return False
        elif not _same_file(self._checked(self.out_dir, relative), path):
            return False
        self.written.append(relative)
        return True

    def reuse_tree(self, relative: str) -> bool:
        """Keep a whole folder of the current site (e.g. an unchanged search index)."""
        live = Path(self._checked(self.out_dir, relative))
        if not live.is_dir() or live.is_symlink():
            return False
        if not self._exact_clone:  # an older tree: link in what changed since (the search index is patched in place)
            _sync_tree(live, self.path_for(relative))
        self._kept_trees.append(relative.rstrip("/") + "/")
        return True

    def replace_tree(self, relative: str) -> Path:
        """An empty folder for a tool to fill (the search index); the clone's copy is dropped first."""
        path = self.path_for(relative)
        _remove(path)
        path.mkdir(parents=True)
        self._kept_trees.append(relative.rstrip("/") + "/")
        return path

    def remove_unwritten(self) -> None:
        """Delete what the starting tree held that this build did not write or keep: stale pages, empty folders."""
        held = self._start_files if self._start_files is not None else _tree_contents(self.staging, set(self._kept_trees))
        self._remove_listed(held - set(self.written))

    def _remove_listed(self, stale: set[str]) -> None:
        """Remove these files (outside kept trees) and the folders they leave empty."""
        kept_trees = tuple(self._kept_trees)
        folders: set[str] = set()
        for relative in stale:
            if kept_trees and relative.startswith(kept_trees):
                continue
            if relative.endswith("/"):  # a tree the older build kept and this one does not
                shutil.rmtree(self._checked(self.staging, relative.rstrip("/")), ignore_errors=True)
                continue
            path = self._checked(self.staging, relative)
            if os.path.islink(path) or os.path.isfile(path):
                os.unlink(path)
            parts = relative.split("/")
            folders.update("/".join(parts[:depth]) for depth in range(1, len(parts)))
        for folder in sorted(folders, key=lambda f: -f.count("/")):  # deepest first
            try:
                os.rmdir(self._checked(self.staging, folder))
            except OSError:
                pass  # not empty

    def commit(self, keep_old: bool = False) -> Path | None:
        """Put the staged tree in place of ``out_dir`` in one atomic step; return the old tree if kept.

        On Linux, renameat2(RENAME_EXCHANGE) swaps the two folders at once, so
        there is no moment without a whole site; elsewhere two renames leave a
        window of microseconds.  The old tree is then deleted, or kept for
        the next ``SiteWriter(start_from=…)`` (a dev server between builds)
        or, by default, left beside the site for the next build to patch.
        """
        self.remove_unwritten()
        if self.out_dir.exists() and _exchange(self.staging, self.out_dir):
            old: Path | None = self.staging
        else:
            old = None
            if self.out_dir.exists():
                old = _unused_name(self.out_dir, "old")
                os.rename(self.out_dir, old)
            os.rename(self.staging, self.out_dir)
        if old is None or keep_old:
            return old
        keep_as_spare(old, self.out_dir)
        return None

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


class OutputRefused(Exception):
    """``--out`` names a place a build would damage: the message says why, in Japanese."""


def check_output_dir(out_dir: Path, marker: str, inputs: Iterable[Path] = ()) -> None:
    """Refuse an output folder the swap would harm: a build moves the whole folder aside (as
    ``.<name>.prev``) and puts the new site in its place, so ``--out`` must not be a file, a
    folder holding the build's inputs (``--out .``), or a folder of other things (``--out src``).
    A folder with ``marker`` (the manifest every build writes) is a site this tool made."""
    out = out_dir.resolve()
    if out.exists() and not out.is_dir():
        raise OutputRefused(f"{out_dir}: 出力先がフォルダではなくファイルです。出力先には新しいフォルダか、以前に書き出したサイトを指定してください")
    for path in inputs:
        if out == (resolved := path.resolve()) or out in resolved.parents:
            raise OutputRefused(f"{out_dir}: 出力先が入力の {path} を含んでいます。サイトの入れ替えで入力ごと移動してしまうため、別のフォルダを指定してください")
    if out.is_dir() and not (out / marker).is_file() and any(out.iterdir()):
        raise OutputRefused(f"{out_dir}: xai-digest が書き出したサイトではないフォルダです（{marker} がありません）。"
                            "中身を移動してしまわないよう、空のフォルダか新しいパスを指定してください")


def spare_path(out_dir: Path) -> Path:
    """Where the tree a build swapped out waits for the next build: ``.site.prev`` beside ``site/``."""
    out_dir = out_dir.resolve()
    return out_dir.parent / f".{out_dir.name}.prev"


def keep_as_spare(old: Path, out_dir: Path) -> None:
    """Leave a swapped-out tree for the next build to patch (deleted if the place is taken)."""
    spare = spare_path(out_dir)
    try:
        os.rename(old, spare)
    except OSError:  # another build's spare is there already
        shutil.rmtree(old, ignore_errors=True)


def _claim_spare(out_dir: Path) -> Path | None:
    """The spare tree, renamed to a staging name of this build: two builds never patch one tree."""
    spare = spare_path(out_dir)
    if not spare.is_dir() or spare.is_symlink():
        return None
    claimed = _unused_name(out_dir, "new")
    try:
        os.rename(spare, claimed)
    except OSError:  # claimed by another build in the meantime
        return None
    return claimed


def _unused_name(out_dir: Path, kind: str) -> Path:
    """A fresh ``.site.<kind>-XXXX`` path beside the site, for a rename to land on (nothing there yet)."""
    path = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.{kind}-", dir=out_dir.parent))
    os.rmdir(path)
    return path


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.is_file() and not path.is_symlink() and path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _same_bytes(a: Path, b: Path) -> bool:
    """Do two files hold the same bytes (read a block at a time)?"""
    try:
        if b.is_symlink() or not b.is_file() or a.stat().st_size != b.stat().st_size:
            return False
        with open(a, "rb") as fa, open(b, "rb") as fb:
            while True:
                block = fa.read(1 << 20)
                if block != fb.read(1 << 20):
                    return False
                if not block:
                    return True
    except OSError:
        return False


def _same_file(live: Path | str, staged: Path | str) -> bool:
    """Make ``staged`` the live file's own inode; False if there is no live file."""
    try:
        live_stat = os.lstat(live)
    except OSError:
        return False
    if not stat.S_ISREG(live_stat.st_mode):
        return False
    try:
        if os.lstat(staged).st_ino == live_stat.st_ino:
            return True
    except OSError:
        pass
    _remove(Path(staged))
    os.makedirs(os.path.dirname(staged), exist_ok=True)
    os.link(live, staged)
    return True


def _tree_contents(root: Path, kept_trees: set[str]) -> set[str]:
    """Every file (and symlink) under ``root`` as a site path, not descending into ``kept_trees``.

    ``os.scandir`` entries know their type: a big site's ten thousand article folders cost no
    extra ``lstat`` each (``os.walk`` plus ``islink`` took three times as long)."""
    found = set()
    folders = [("", os.fspath(root))]
    while folders:
        prefix, folder = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue  # an unreadable folder: skipped, as os.walk does
        for entry in entries:
            relative = prefix + entry.name
            if not entry.is_dir(follow_symlinks=False):
                found.add(relative)
            elif relative + "/" not in kept_trees:
                folders.append((relative + "/", entry.path))
    return found


def _sync_tree(live: Path, staged: Path) -> None:
    """Make the folder ``staged`` hold exactly the live folder's files (as hard links)."""
    wanted = set()
    for folder, _, files in os.walk(live):
        relative = os.path.relpath(folder, live)
        for name in files:
            path = name if relative == "." else os.path.join(relative, name)
            wanted.add(path)
            _same_file(live / path, staged / path)
    for folder, _, files in os.walk(staged, topdown=False):
        relative = os.path.relpath(folder, staged)
        for name in files:
            if (name if relative == "." else os.path.join(relative, name)) not in wanted:
                os.unlink(os.path.join(folder, name))
        if folder != str(staged) and not os.listdir(folder):
            os.rmdir(folder)


def _clone_tree(source: Path, target: Path) -> None:
    """Hard-link every file of ``source`` into the (empty) folder ``target``."""
    cp = shutil.which("cp") if sys.platform == "linux" else None
    if cp is not None and subprocess.run([cp, "-al", "--", f"{source}/.", f"{target}/"], capture_output=True).returncode == 0:
        return
    shutil.rmtree(target)  # a partial clone: start over the slow, portable way
    shutil.copytree(source, target, copy_function=os.link, symlinks=True)


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


def clean_stale_staging(out_dir: Path, keep: Path | None = None) -> None:
    """Remove staging folders left by a build that was killed (all but ``keep``, a kept old tree)."""
    parent = out_dir.resolve().parent
    if not parent.is_dir():
        return
    for path in parent.glob(f".{out_dir.resolve().name}.*-*"):
        if keep is not None and path.resolve() == keep.resolve():
            continue
        if path.is_dir() and (path.name.split(".")[-1].startswith(("new-", "old-"))):
            shutil.rmtree(path, ignore_errors=True)
