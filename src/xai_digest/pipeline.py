"""Running read → parse → overlay → analyze over a folder of seeds.

Every per-seed step takes plain data and returns plain data plus reports, so
one bad seed costs one report and never the rest of the site.
"""

from __future__ import annotations

import copy
import gc
import hashlib
import itertools
import os
import re
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from xai_digest.cache import RecordCache, project_salt
from xai_digest.forking import worker_count
from xai_digest.model import Record, Report
from xai_digest.overlay import apply_overlay, load_overlay, overlay_index
from xai_digest.parse import ReadingRules, load_rules, parse_text
from xai_digest.read import UnreadableError, decode_bytes

if TYPE_CHECKING:  # imported where a seed is analysed: see _new_analyzer
    from xai_digest.analyze.analyzer import Analyzer


@dataclass
class Project:
    """Where a build reads from."""

    seeds_dir: Path = Path("seeds")
    content_dir: Path = Path("content")

    def rules(self) -> ReadingRules:
        return load_rules(self.content_dir)


@dataclass
class Loaded:
    records: list[Record] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    cache_hits: int = 0
    cache_misses: int = 0
    content_keys: list[str] = field(default_factory=list)  # every readable seed's, in file order


@dataclass
class KeptResults:
    """What a long-running process (``serve``) keeps between loads.

    ``results`` by cache key; ``keys`` maps a seed's file signature (size,
    mtime, inode, and its overlay's) to its cache and content keys, so an
    unchanged seed is not even read again.
    """

    results: dict[str, tuple[Record | None, list[Report]]] = field(default_factory=dict)
    keys: dict[tuple, tuple[str, str]] = field(default_factory=dict)


def _file_signature(salt: str, path: Path, overlay: Path | None) -> tuple | None:
    try:
        seed = os.stat(path)
        extra = os.stat(overlay) if overlay is not None else None
    except OSError:
        return None
    described = [(seed.st_size, seed.st_mtime_ns, seed.st_ino, seed.st_dev)]
    if extra is not None:
        described.append((str(overlay), extra.st_size, extra.st_mtime_ns, extra.st_ino))
    return (salt, str(path), *described)


@dataclass
class SeedRead:
    """One seed as read: its bytes, overlay, and keys (``error`` when it could not be read).

    ``content_key`` names what the record is made from (file name, bytes,
    overlay, project data, code); ``key`` adds where the seed lives (the
    cache entry).  ``data`` is None when unreadable or not kept.
    """

    path: Path
    overlay: Path | None
    data: bytes | None = None
    overlay_bytes: bytes | None = None
    content_key: str = ""
    key: str = ""
    error: Report | None = None


def record_cache(project: Project, cache_dir: Path | None, analyze: bool = True) -> RecordCache:
    return RecordCache(cache_dir, project_salt(project.content_dir) + str(analyze))


def read_seed(cache: RecordCache, path: Path, overlay: Path | None, keep_bytes: bool = True) -> SeedRead:
    """Read and hash one seed; ``keep_bytes=False`` keeps only the keys (the bytes of a big
    archive's seeds are mostly not needed: their records come from the cache)."""
    read = SeedRead(path, overlay)
    try:
        read.data = path.read_bytes()
        read.overlay_bytes = overlay.read_bytes() if overlay is not None else None
    except OSError as exc:
        read.data = None
        read.error = Report(str(path), f"読み込めません（{exc.strerror}）。スキップしました", level="error")
        return read
    read.content_key = cache.key(path.name, read.data, read.overlay_bytes)
    read.key = hashlib.sha256(f"{read.content_key}\x00{path}".encode()).hexdigest()
    if not keep_bytes:
        read.data = read.overlay_bytes = None
    return read


@dataclass
class SeedReads:
    """All seeds read once (for the build's input digest, then for loading), and the folder's problems."""

    seeds: list[SeedRead]
    reports: list[Report]


def read_seeds(project: Project) -> SeedReads:
    files, reports = discover_seeds(project.seeds_dir)
    cache = record_cache(project, None)
    overlays = overlay_index(project.content_dir)
    return SeedReads([read_seed(cache, path, overlays.get(path.stem), keep_bytes=False) for path in files], reports)


def discover_seeds(seeds_dir: Path) -> tuple[list[Path], list[Report]]:
    """Regular files directly in ``seeds_dir``, sorted; anything else is reported."""
    reports: list[Report] = []
    if not seeds_dir.is_dir():
        return [], [Report(str(seeds_dir), "seeds フォルダがありません", level="error")]
    root = seeds_dir.resolve()
    paths = []
    for entry in sorted(os.scandir(seeds_dir), key=lambda e: e.name):  # one listing; entries know their type
        path = seeds_dir / entry.name
        if entry.name.startswith("."):
            continue
        if entry.is_symlink() and not path.resolve().is_relative_to(root):
            reports.append(Report(str(path), "seeds フォルダの外を指すシンボリックリンクです。たどりません", level="error"))
            continue
        if entry.is_dir():
            reports.append(Report(str(path), "記事ではなくフォルダです。スキップしました", level="error"))
            continue
        if not entry.is_file():
            reports.append(Report(str(path), "通常のファイルではありません。スキップしました", level="error"))
            continue
        paths.append(path)
    return paths, reports


def process_seed(
    path: Path, data: bytes, overlay: Path | None, rules: ReadingRules, analyzer: Analyzer | None
) -> tuple[Record | None, list[Report]]:
    """One seed's bytes to one record (or None with an error report)."""
    name = path.name
    shown = str(path)
    try:
        text = decode_bytes(data)
    except UnreadableError as exc:
        return None, [Report(shown, f"{exc}。スキップしました", level="error")]
    reports = [Report(shown, msg, line) for line, msg in text.warnings]
    record, parse_reports = parse_text(text.text, name, rules)
    reports += [Report(shown, r.message, r.line, r.level) for r in parse_reports]
    if not record.title and not record.paragraphs():
        reports.append(Report(shown, "ページの飾り（メニュー・広告など）しかなく、見出しも本文もありません。スキップしました", level="error"))
        return None, reports
    if overlay is not None:
        values, overlay_reports = load_overlay(overlay)
        reports += overlay_reports
        reports += apply_overlay(record, values, overlay)
    if analyzer is not None:
        reports += [Report(shown, note) for note in analyzer.analyze(record)]
    record.warnings = [f"{r.line}: {r.message}" if r.line else r.message for r in reports]
    return record, reports


def _new_analyzer(content_dir: Path) -> Analyzer:
    """The project's analyzer, its module imported only now: fugashi and the figure patterns cost
    ~0.1 s to load, which a build that analyses nothing (or only in its workers) does not pay."""
    from xai_digest.analyze.analyzer import Analyzer

    return Analyzer.for_project(content_dir)


_WORKER: tuple[ReadingRules, Analyzer] | None = None


def _init_worker(content_dir: Path) -> None:
    global _WORKER
    gc.enable()  # forked while the build keeps the collector off its records (``long_lived_heap``)
    _WORKER = (load_rules(content_dir), _new_analyzer(content_dir))


def _data_problems() -> list[Report]:
    """The reports of a worker's analyzer on the project's data files (the same in every worker)."""
    assert _WORKER is not None
    return _WORKER[1].problems


def _work(tasks: list[tuple[Path, bytes, Path | None]]) -> list[tuple[Record | None, list[Report]]]:
    assert _WORKER is not None
    rules, analyzer = _WORKER
    return [process_seed(*task, rules, analyzer) for task in tasks]


#: Seeds sent to a worker at once (one message each way).
ANALYSIS_BATCH = 16


def _analysed_in_pool(
    pool: ProcessPoolExecutor, tasks: Iterator[tuple[int, str, tuple[Path, bytes, Path | None]]], window: int,
    meanwhile: Callable[[], None] | None = None,
) -> Iterator[tuple[tuple[int, str], tuple[Record | None, list[Report]]]]:
    """Each task's (index, key) and result, in task order, with at most ``window`` batches in
    flight: only their seeds' bytes are in memory at a time (a cold 10,000-seed build: 80 MB less).
    ``meanwhile`` runs once the first batches are sent (this process loads cached records then)."""
    in_flight: deque[tuple[list[tuple[int, str]], Future]] = deque()

    def send(batch: list[tuple[int, str, tuple[Path, bytes, Path | None]]]) -> None:
        in_flight.append(([(index, key) for index, key, _ in batch], pool.submit(_work, [task for _, _, task in batch])))

    batches = iter(lambda: list(itertools.islice(tasks, ANALYSIS_BATCH)), [])
    for batch in itertools.islice(batches, window):
        send(batch)
    if meanwhile is not None:
        meanwhile()
    for batch in batches:
        names, future = in_flight.popleft()
        yield from zip(names, future.result())
        send(batch)
    for names, future in in_flight:
        yield from zip(names, future.result())


Progress = Callable[[str, int, int], None]


def load_records(
    project: Project,
    files: list[Path] | None = None,
    analyze: bool = True,
    cache_dir: Path | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    memory: KeptResults | None = None,
    reads: SeedReads | None = None,
) -> Loaded:
    """Read every seed (or the given files, or the given ``reads``) into records with their reports.

    Unchanged seeds come from ``memory`` (results kept by a long-running
    process such as ``serve``) or the cache on disk; the rest are read in
    parallel processes when there are enough of them to pay for the start-up.
    """
    loaded = Loaded()
    rules = project.rules()
    loaded.reports += rules.problems
    if reads is not None:
        files = [read.path for read in reads.seeds]
        loaded.reports += reads.reports
    elif files is None:
        files, reports = discover_seeds(project.seeds_dir)
        loaded.reports += reports
    loading = _Loading(record_cache(project, cache_dir, analyze), memory, progress, len(files))
    # the seeds' reads already found their overlays: content/articles/ is listed once per build
    overlays = overlay_index(project.content_dir) if reads is None else {r.path.stem: r.overlay for r in reads.seeds if r.overlay}
    given = {read.path: read for read in reads.seeds} if reads is not None else {}
    for index, path in enumerate(files):
        loading.sort_seed(index, path, overlays.get(path.stem), given.get(path))
    workers = _worker_count(jobs, len(loading.pending), len(loading.cached)) if analyze else 0
    if workers:  # the workers start before the cached records load (and analyse while they do)
        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(project.content_dir,)) as pool:
            loading.store(_analysed_in_pool(pool, loading.tasks(loading.pending), window=workers * 4, meanwhile=loading.load_cached))
            data_problems = pool.submit(_data_problems).result()
        here = loading.unreadable
    else:
        loading.load_cached()
        here = sorted(loading.pending + loading.unreadable, key=lambda seed: seed[0])
        data_problems = []
    analyzer = None
    if analyze and here:
        analyzer = _new_analyzer(project.content_dir)
        data_problems = analyzer.problems
    loaded.reports += data_problems  # the analyzer's data files' problems are reports too
    if here:
        loading.store(((index, key), process_seed(*task, rules, analyzer)) for index, key, task in loading.tasks(here))
    loading.finish(loaded)
    assign_slugs(loaded.records)
    return loaded


@dataclass
class _Loading:
    """One ``load_records`` call's seeds as they are sorted (kept, cached, to analyse) and their results by index."""

    cache: RecordCache
    memory: KeptResults | None
    progress: Progress | None
    total: int
    results: dict[int, tuple[Record | None, list[Report]]] = field(default_factory=dict)
    pending: list[tuple[int, SeedRead]] = field(default_factory=list)  # to analyse
    cached: list[tuple[int, SeedRead]] = field(default_factory=list)  # to load from the cache
    unreadable: list[tuple[int, SeedRead]] = field(default_factory=list)  # cached, but the entry could not be read
    keys: dict[int, str] = field(default_factory=dict)
    content_keys: dict[int, str] = field(default_factory=dict)
    seen: dict[tuple, tuple[str, str]] = field(default_factory=dict)  # file signatures → keys, for ``memory``

    def sort_seed(self, index: int, path: Path, overlay: Path | None, read: SeedRead | None) -> None:
        """A result now (kept by ``memory``, or the seed cannot be read), or a place in ``cached`` or ``pending``."""
        memory = self.memory
        signature = _file_signature(self.cache.salt, path, overlay) if memory is not None else None
        known = memory.keys.get(signature) if memory is not None and signature is not None else None
        if memory is not None and known is not None and known[0] in memory.results:
            # unchanged on disk since the last load (same size, mtime and inode): not even read again
            self.keys[index], self.content_keys[index] = known
            self.seen[signature] = known
            self.results[index] = memory.results[known[0]]
            self.cache.hits += 1
            return
        read = read or read_seed(self.cache, path, overlay)
        if read.error is not None:
            self.results[index] = (None, [read.error])
            return
        self.keys[index], self.content_keys[index] = read.key, read.content_key
        if signature is not None:
            self.seen[signature] = (read.key, read.content_key)
        kept = memory.results.get(read.key) if memory is not None else None
        if kept is not None:
            self.cache.hits += 1
            self.results[index] = kept
        elif self.cache.has(read.key):
            self.cached.append((index, read))
        else:
            self.pending.append((index, read))

    def load_cached(self) -> None:
        """The cached records; one whose entry cannot be read is analysed after the others."""
        for index, read in self.cached:
            result = self.cache.get(read.key)
            if result is not None:
                self.results[index] = result
            else:
                self.unreadable.append((index, read))
        if self.progress:
            self.progress("read", len(self.results), self.total)

    def tasks(self, seeds: list[tuple[int, SeedRead]]) -> Iterator[tuple[int, str, tuple[Path, bytes, Path | None]]]:
        """Each seed to analyse with its bytes, read when its turn comes: never all in memory."""
        for index, read in seeds:
            if read.data is None:  # hashed without keeping the bytes: read again (its keys again too)
                read = read_seed(self.cache, read.path, read.overlay)
                if read.error is not None:
                    self.results[index] = (None, [read.error])
                    continue
                self.keys[index], self.content_keys[index] = read.key, read.content_key
            yield index, read.key, (read.path, read.data, read.overlay)

    def store(self, analysed: Iterable[tuple[tuple[int, str], tuple[Record | None, list[Report]]]]) -> None:
        for (index, key), result in analysed:
            if result[0] is not None:
                result[0].share_strings()  # as the cache's records are
            self.results[index] = result
            self.cache.put(key, *result)
            if self.progress and len(self.results) % 100 == 0:
                self.progress("analyze", len(self.results), self.total)

    def finish(self, loaded: Loaded) -> None:
        """Records and reports in file order; ``memory`` keeps exactly this load's results."""
        if self.memory is not None:  # an edited seed's old record is dropped
            self.memory.results = {key: self.results[index] for index, key in self.keys.items()}
            self.memory.keys = self.seen
        for index in range(self.total):
            record, reports = self.results[index]
            loaded.reports += reports
            if record is not None:
                record = copy.copy(record)  # this build's slug, related and key never touch a kept original
                # what the record was made from (not where): lets the renderer skip unchanged pages cheaply
                record.content_key = self.content_keys[index]
                loaded.records.append(record)
        loaded.cache_hits, loaded.cache_misses = self.cache.hits, len(self.pending) + len(self.unreadable)
        if self.cache.write_error is not None and self.cache.directory is not None:
            loaded.reports.append(Report(str(self.cache.directory.parent), self.cache.write_error))
        loaded.content_keys = [self.content_keys[index] for index in sorted(self.content_keys)]


#: Below this many seeds to analyse, starting worker processes costs more than it saves ...
PARALLEL_MIN_SEEDS = 48
#: ... unless this many cached records load meanwhile: then one worker analyses beside the loading
#: (a one-edit build of a big archive; MeCab's memory stays out of the process holding the records).
OVERLAP_MIN_CACHED = 200


def _worker_count(jobs: int | None, pending: int, cached: int) -> int:
    """Worker processes for analysis; 0: analyse in this process."""
    if pending == 0 or (jobs or os.cpu_count() or 1) < 2:
        return 0
    if pending >= PARALLEL_MIN_SEEDS:
        return worker_count(jobs, pending, 16)
    return 1 if cached >= OVERLAP_MIN_CACHED else 0


def slugify(text: str) -> str:
    """A URL-safe slug: ASCII letters, digits and hyphens; never a path."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[^a-z0-9_-]+", "-", text).strip("-_")
    return text[:80] or "article"


def assign_slugs(records: list[Record]) -> None:
    """Stable, unique slugs from the overlay slug or seed name; collisions get -2, -3 …"""
    taken: set[str] = set()
    for record in sorted(records, key=lambda r: r.source_file):
        base = slugify(record.slug or Path(record.source_file).stem)
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        record.slug = slug
