"""The incremental cache: one analysed record per seed, keyed by content.

A record is reused when the seed's bytes, its overlay's bytes, the project
data that analysis reads (entity aliases, reading rules) and the code that
makes records (not the renderer's or the linker's) are all unchanged.  Links
are computed from the records by ``build``, the related lists taken from the
cache while no record changed what linking reads (see ``link.stored``);
``serve`` keeps all links and updates only what an edit can affect
(``link.LinkMemo``).
The cache lives in ``.xai-digest-cache/`` (git-ignored) and can be deleted at
any time.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from xai_digest import __version__
from xai_digest.model import Record, Report, record_from_dict, record_json

DEFAULT_DIR = Path(".xai-digest-cache")


_PACKAGE = Path(__file__).resolve().parent
#: Where a record is made: ``pipeline.process_seed`` and the analyzer it loads (their imports are followed).
_RECORD_MAKERS = ("pipeline.py", "analyze/analyzer.py")
#: ``from xai_digest.x import a, b`` (names possibly in parentheses over lines) or ``import xai_digest.x``.
_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+(xai_digest(?:\.\w+)*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]+)|import[ \t]+(xai_digest(?:\.\w+)*))", re.M)


@lru_cache(maxsize=1)
def code_version() -> str:
    """Version plus a hash of the package's own files: any code or data edit re-renders every page
    and invalidates the build manifest (records: see ``record_code_version``)."""
    return _hash_files(p for p in _PACKAGE.rglob("*") if p.suffix in (".py", ".yaml") and "__pycache__" not in p.parts)


@lru_cache(maxsize=1)
def record_code_version() -> str:
    """Version plus a hash of the code that makes a record — the modules ``pipeline.py`` and the
    analyzer import, followed through the package — and the package's data files.  A change to
    rendering, linking or the commands keeps every cached record (analysing 10,000 seeds again
    takes ~90 s on two cores)."""
    return _hash_files(record_modules() | set(_PACKAGE.rglob("*.yaml")))


def record_modules() -> set[Path]:
    """The package's source files that importing the record makers runs."""
    seen: set[Path] = set()
    queue = [_PACKAGE / name for name in _RECORD_MAKERS]
    while queue:
        path = queue.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        for module, names, plain in _IMPORT.findall(_package_file(path).decode("utf-8")):
            queue += _module_files(module or plain)
            if names and _PACKAGE.joinpath(*module.split(".")[1:]).is_dir():  # from a package: names may be submodules
                queue += [f for name in re.findall(r"\w+", names) for f in _module_files(f"{module}.{name}")]
    return seen


@lru_cache(maxsize=None)
def _module_files(dotted: str) -> tuple[Path, ...]:
    """The files importing ``dotted`` runs: each package's ``__init__.py`` on the way, then the module."""
    parts = dotted.split(".")[1:]
    files = [_PACKAGE / "__init__.py"]
    for depth in range(1, len(parts) + 1):
        base = _PACKAGE.joinpath(*parts[:depth])
        files.append(base / "__init__.py" if base.is_dir() else base.with_suffix(".py"))
    return tuple(f for f in files if f.is_file())


def _hash_files(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(paths):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(_package_file(path))
    return digest.hexdigest()


@lru_cache(maxsize=None)
def _package_file(path: Path) -> bytes:
    """A file of the package, read once per process (both code versions and the import scan read it)."""
    return path.read_bytes()


def project_salt(content_dir: Path) -> str:
    """What every record depends on besides its own seed and overlay."""
    digest = hashlib.sha256(record_code_version().encode())
    for name in ("entities.yaml", "reading.yaml"):
        path = content_dir / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"-")
    return digest.hexdigest()


class RecordCache:
    def __init__(self, directory: Path | None, salt: str) -> None:
        self.directory = directory / "records" if directory is not None else None
        self.salt = salt
        self.hits = 0
        self.misses = 0
        self.write_error: str | None = None  # why entries could not be stored (then none are tried again)

    def key(self, name: str, seed: bytes, overlay: bytes | None) -> str:
        digest = hashlib.sha256(self.salt.encode())
        for part in (name.encode("utf-8"), seed, overlay if overlay is not None else b"\x00none"):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
        return digest.hexdigest()

    def has(self, key: str) -> bool:
        return self.directory is not None and (self.directory / f"{key}.json").is_file()

    def get(self, key: str) -> tuple[Record | None, list[Report]] | None:
        if self.directory is None:
            return None
        path = self.directory / f"{key}.json"
        try:
            data = json.loads(path.read_text("utf-8"))
            record = record_from_dict(data["record"]) if data["record"] is not None else None
            reports = [Report(**r) for r in data["reports"]]
            if record is not None:
                record.share_strings()  # 10,000 records loaded would otherwise each hold their own copies
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return record, reports

    def put(self, key: str, record: Record | None, reports: list[Report]) -> None:
        """Store one result; a cache that cannot be written (a file in its place, a full disk)
        is noted in ``write_error`` and the build goes on without storing."""
        if self.directory is None or self.write_error is not None:
            return
        text = '{"record":%s,"reports":%s}' % (
            record_json(record) if record is not None else "null",
            json.dumps([r.__dict__ for r in reports], ensure_ascii=False, separators=(",", ":")),
        )
        temp = None
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(text)
            os.replace(temp, self.directory / f"{key}.json")
        except OSError as exc:
            if temp is not None:
                Path(temp).unlink(missing_ok=True)
            self.write_error = f"キャッシュに書き込めません（{exc.strerror or exc}）。キャッシュに残さずにビルドを続けます"
