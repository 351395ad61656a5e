"""The whole build: load, link, render, index for search, check links, swap in atomically."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, TemplateError, TemplateSyntaxError

from xai_digest import search as search_index
from xai_digest.analyze.entities import Gazetteer
from xai_digest.config import load_content_pages, load_site_settings
from xai_digest.forking import ForkedCall, ForkedError, long_lived_heap, release_freed_memory
from xai_digest.link import LinkMemo, Links
from xai_digest.link.stored import link_with_stored
from xai_digest.linkcheck import IdsCache, check_links
from xai_digest.manifest import MANIFEST, input_digest, manifest_text, unchanged_build
from xai_digest.model import Record, Report
from xai_digest.output import OutputRefused, SiteWriter, check_output_dir, clean_stale_staging
from xai_digest.pipeline import KeptResults, Progress, Project, load_records, read_seeds
from xai_digest.render import RenderMemo, SearchDocuments, make_environment, render_site


@dataclass
class BuildResult:
    articles: int = 0
    pages: int = 0
    reports: list[Report] = field(default_factory=list)
    search: bool = False
    changed: int = 0
    cache_hits: int = 0
    rendered: list[str] = field(default_factory=list)  # pages rendered anew; the rest were unchanged and reused


@dataclass
class BuildMemory:
    """What ``serve`` keeps in memory between builds, so an edit costs what it changes.

    Records (an unchanged seed is not even read), the links (reused, or
    updated for what an edit can affect), compiled templates, fingerprint
    parts and link data files, the link check's anchor ids, and the previous
    site tree to patch.  A ``build`` from the command line starts without
    one; the output is the same byte for byte either way.
    """

    records: KeptResults = field(default_factory=KeptResults)
    links: LinkMemo = field(default_factory=LinkMemo)
    render: RenderMemo = field(default_factory=RenderMemo)
    spare: Path | None = None  # the previous site tree, patched into the next one instead of cloning
    spare_files: set[str] | None = None  # what it holds (SiteWriter.contents), when known
    live_files: set[str] | None = None  # what the last build's tree holds
    anchor_ids: IdsCache = field(default_factory=dict)  # the link check's ids of unchanged pages
    _environment: tuple[list[tuple[str, int, int]], Environment] | None = None

    def environment(self, templates: Path | None, cache_dir: Path | None = None) -> Environment:
        """The Jinja environment, templates compiled once; a new one when a template file appears or goes.

        (Jinja itself recompiles a template whose file changed.)
        """
        listing = _template_files(templates)
        if self._environment is None or self._environment[0] != listing:
            self._environment = (listing, make_environment(templates, cache_dir))
        return self._environment[1]


def _template_files(templates: Path | None) -> list[tuple[str, int, int]]:
    if templates is None or not templates.is_dir():
        return []
    return sorted((p.as_posix(), p.stat().st_mtime_ns, p.stat().st_size) for p in templates.rglob("*") if p.is_file())


class SearchUpdate:
    """Brings ``site/search/`` up to date with the documents: kept when its ``meta.json`` (which holds
    a digest of every documents chunk) is the one they give, or ``reuse`` (serve while editing);
    patched when only some documents' texts changed; else built anew beside the rendering
    (``finish`` waits for it) — in ``standby``, a process forked before the records were loaded,
    when the build made one (it gets the documents through a pipe; cancelled here when the index
    needs no building), else in a process forked now, which inherits them for free."""

    def __init__(self, writer: SiteWriter, records: list[Record], links: Links, reuse: bool, parallel: bool,
                 standby: ForkedCall | None = None, entity_names: dict[str, str] | None = None) -> None:
        self.job: ForkedCall | None = None
        source = self._source_to_build(writer, SearchDocuments(records, links, entity_names or {}), reuse)
        if source is None:
            if standby is not None:
                standby.cancel()
            return
        folder = writer.replace_tree(search_index.FOLDER)
        if standby is None:
            self.job = ForkedCall(search_index.write_index, (source, folder), parallel)
            return
        self.job = standby
        standby.start(search_index.write_index_from_chunks, (folder, source.meta),
                      (source.chunk_docs(n) for n in range(source.chunk_count)))

    @staticmethod
    def _source_to_build(writer: SiteWriter, documents: SearchDocuments, reuse: bool) -> search_index.IndexSource | None:
        """The documents when the index must be built anew; None when it was kept or patched."""
        live = writer.out_dir / search_index.FOLDER
        try:
            previous = (live / "meta.json").read_text("utf-8")
        except OSError:
            previous = ""
        if reuse and previous and writer.reuse_tree(search_index.FOLDER):
            return None
        source = search_index.IndexSource.of(documents)
        if previous == source.meta and writer.reuse_tree(search_index.FOLDER):
            return None
        patch = search_index.patch_index(source, live, previous) if previous else None
        if patch is not None and writer.reuse_tree(search_index.FOLDER):
            for relative, text in sorted(patch.items()):
                writer.write_text(f"{search_index.FOLDER}/{relative}", text)
            return None
        return source

    def finish(self) -> list[Report]:
        try:
            if self.job is not None:
                self.job.wait()
        except ForkedError as exc:
            return [Report("search", f"検索索引を作れませんでした: {exc}", level="error")]
        return []

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()


def check_output(out: Path, seeds: Path, content: Path, templates: Path | None, cache_dir: Path | None) -> None:
    """Raise ``OutputRefused`` when ``out`` is no place to swap a site into (see ``check_output_dir``)."""
    check_output_dir(out, MANIFEST, [p for p in (seeds, content, templates, cache_dir) if p is not None])


def build_site(
    seeds: Path,
    content: Path,
    templates: Path | None,
    out: Path,
    search: bool | str = True,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    jobs: int | None = None,
    memory: BuildMemory | None = None,
) -> BuildResult:
    """Build ``out`` from ``seeds`` + ``content``; the old site stays until the new one is whole.

    ``search``: True brings the search index up to date (kept, patched or built anew: see
    ``SearchUpdate``), False skips it, "reuse" keeps the current index even if pages changed (the
    dev server refreshes it when the editor pauses).  ``jobs``: worker processes for analysis,
    article pages and the link check (default: all cores; 1 forks nothing).  Raises
    ``OutputRefused`` before anything is read when ``out`` is no place for a site.
    """
    check_output(out, seeds, content, templates, cache_dir)
    search_key = str(search)  # "reuse" may leave a stale index: not the same site as True
    project = Project(seeds_dir=seeds, content_dir=content)
    # serve rebuilds only after a change and keeps its own state: it does not read every seed to check
    watching = memory is not None and bool(memory.records.results)
    reads = None if watching else read_seeds(project)
    if reads is not None:
        inputs = input_digest([r.content_key for r in reads.seeds if r.error is None], content, templates, search_key)
        previous = unchanged_build(out, inputs)
        if previous is not None:  # same inputs, site intact: the output would be the same bytes
            return BuildResult(articles=previous["articles"], pages=previous["pages"], search=previous["search"],
                               reports=[Report(**r) for r in previous["reports"]], cache_hits=previous["articles"])
    # a big archive's search index is built in a process forked now, before the records fill this one
    standby = ForkedCall.standby() if search is True and jobs != 1 and memory is None else None
    with long_lived_heap() as heap:
        writer: SiteWriter | None = None
        indexing: SearchUpdate | None = None
        try:
            settings, reports = load_site_settings(content)
            # how the pages write names (content/entities.yaml's ja); salts every page, like site.yaml
            settings["entity_names"] = Gazetteer.load(content / "entities.yaml").display_names()
            loaded = load_records(project, cache_dir=cache_dir, progress=progress, jobs=jobs,
                                  memory=memory.records if memory else None, reads=reads)
            reports += loaded.reports
            if reads is None:
                inputs = input_digest(loaded.content_keys, content, templates, search_key)
            reads = None  # the seeds' bytes: not needed once the records are loaded
            links = memory.links.link(loaded.records) if memory else link_with_stored(loaded.records, cache_dir)
            heap.settle()  # records and links stay as they are until the build ends
            if progress:
                progress("link", len(links.facts), len(loaded.records))
            settings["search"] = bool(search)
            spare = memory.spare if memory else None
            clean_stale_staging(out, keep=spare)
            writer = SiteWriter(out, start_from=spare, start_files=memory.spare_files if memory else None)
            if memory:
                memory.spare = None  # the writer owns it now (an aborted build deletes it)
            pages, page_reports = load_content_pages(content)
            reports += page_reports
            env = memory.environment(templates, cache_dir) if memory else make_environment(templates, cache_dir)
            if search:
                indexing = SearchUpdate(writer, loaded.records, links, reuse=search == "reuse", parallel=jobs != 1, standby=standby,
                                        entity_names=settings["entity_names"])
            rendered = render_site(loaded.records, links, writer, env, settings, pages, memory.render if memory else None, jobs)
            if progress:
                progress("render", len(writer.written), len(writer.written))
            article_count, cache_hits = len(loaded.records), loaded.cache_hits
            del loaded, links  # the pages are written: the link check's forked workers need not start with the records
            if memory is None:  # (serve keeps them)
                release_freed_memory()
            previous_site = (writer.out_dir / ".xai-digest").is_dir()
            changed_pages = {p for p in writer.changed if p.endswith(".html")} if previous_site else None
            reports += check_links(writer.staging, pages=changed_pages, files=set(writer.written),
                                   ids_cache=memory.anchor_ids if memory else None, jobs=jobs)
            if indexing is not None:  # it ran beside the rendering and the link check
                reports += indexing.finish()
                if progress:
                    progress("search", 1, 1)
            page_count = sum(1 for p in writer.written if p.endswith(".html"))
            writer.write_text(MANIFEST, manifest_text(inputs, reports, article_count, page_count, bool(search), writer.contents()))
        except BaseException:
            if indexing is not None:
                indexing.cancel()
            if standby is not None:
                standby.cancel()
            if writer is not None:
                writer.abort()
            raise
        old = writer.commit(keep_old=memory is not None)
    if memory:  # the swapped-out tree is the previous build's: its files are the ones that build wrote
        memory.spare, memory.spare_files, memory.live_files = old, memory.live_files, writer.contents()
    return BuildResult(
        articles=article_count,
        pages=page_count,
        reports=reports,
        search=bool(search),
        changed=len(writer.changed),
        cache_hits=cache_hits,
        rendered=rendered,
    )


def build_failure(exc: Exception) -> str | None:
    """What the editor is told when a build cannot run: a refused ``--out`` or a template that does
    not compile or render (with its file and line where Jinja knows them).  None: a bug, whose
    traceback should be seen."""
    if isinstance(exc, OutputRefused):
        return str(exc)
    if isinstance(exc, TemplateSyntaxError):
        return f"{exc.filename or exc.name}:{exc.lineno}: テンプレートの構文が正しくありません（{exc.message}）"
    if isinstance(exc, TemplateError):
        return f"テンプレートを描画できません（{type(exc).__name__}: {exc}）"
    return None
