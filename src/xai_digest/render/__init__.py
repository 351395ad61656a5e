"""Stage 5 — render: records and links to ``site/`` through Jinja templates.

Templates come from the project's ``templates/`` folder first and the ones
shipped with the package second, so a site's look is changed by copying one
template and editing it.  Autoescape is on for every template (HTML and XML);
nothing from a seed is marked safe.  Page choices live in ``pages``, charts
in ``charts``, Japanese formatting in ``format``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from importlib import resources
from pathlib import Path
from typing import Any, overload

import budoux
from jinja2 import ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from xai_digest.cache import code_version
from xai_digest.forking import ForkedCall, can_fork, fork_map, worker_count
from xai_digest.link import Links
from xai_digest.model import Record, record_json
from xai_digest.output import SiteWriter, WrittenFiles
from xai_digest.parse.dates import japanese_date
from xai_digest.parse.text import LANGUAGE_NAMES, foreign_body
from xai_digest.render import charts, entries, pages
from xai_digest.render.fingerprint import Fingerprints, record_digest
from xai_digest.render.entries import json_array_chunks
from xai_digest.render.format import FILTERS
from xai_digest.render.markdown import render_markdown
from xai_digest.search import SearchDoc

PACKAGE_TEMPLATES = Path(str(resources.files("xai_digest").joinpath("templates")))
INDEX_PAGE_SIZE = 50
FACTS_PAGE_SIZE = 100
COMPACT_JSON_ABOVE = 200
STATIC_FILES = ("static/style.css", "static/favicon.svg", "static/search.js")
_PHRASES = budoux.load_default_japanese_parser()


@lru_cache(maxsize=1 << 14)
def phrases(text: str | None) -> Markup:
    """Escape ``text`` and allow line breaks only between phrases (BudouX), for headings.

    Remembered: a title is a heading on its page, the index, tag pages and again in every later
    build of ``serve`` (BudouX takes ~0.3 ms a title; a figure edit that re-renders a big
    archive's index pages parsed 6,000 titles again).
    """
    if not text:
        return Markup("")
    return Markup("<wbr>").join(escape(chunk) for chunk in _PHRASES.parse(text))


#: How long a title may be where it names an article beside a figure (the facts page, 照合).
LABEL_MAX_CHARS = 24


def make_environment(templates_dir: Path | None, cache_dir: Path | None = None) -> Environment:
    """The Jinja environment; with ``cache_dir``, templates compiled by an earlier build are reused."""
    loaders = []
    if templates_dir is not None and templates_dir.is_dir():
        loaders.append(FileSystemLoader(str(templates_dir)))
    loaders.append(FileSystemLoader(str(PACKAGE_TEMPLATES)))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(enabled_extensions=("html", "xml"), default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(cache_dir),
    )
    env.filters.update(FILTERS)
    env.filters["phrases"] = phrases
    env.filters["markdown"] = render_markdown
    env.filters["listed_entities"] = pages.listed_entities
    return env


def _bytecode_cache(cache_dir: Path | None) -> FileSystemBytecodeCache | None:
    """Compiled templates in ``cache_dir/templates/<code version>/`` (compiling them costs a
    one-edit build ~0.25 s).  Jinja checks each template's source checksum; the code version
    stands for the environment's options and filters.  Other versions' folders are removed."""
    if cache_dir is None:
        return None
    root = cache_dir / "templates"
    folder = root / code_version()[:16]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for other in root.iterdir():
            if other != folder:
                shutil.rmtree(other, ignore_errors=True)
    except OSError:
        return None  # a read-only cache: compile as without one
    return FileSystemBytecodeCache(str(folder))


def dump_json(data: Any, compact: bool = False) -> str:
    """Deterministic JSON: UTF-8 text, field order as the schema's; indented unless ``compact``."""
    if compact:
        return compact_json(data) + "\n"
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def compact_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def sort_newest_first(records: list[Record]) -> list[Record]:
    """Newest first; undated articles last, in file order."""
    dated = sorted((r for r in records if r.date), key=lambda r: (r.date or "", r.source_file), reverse=True)
    undated = sorted((r for r in records if not r.date), key=lambda r: r.source_file)
    return dated + undated


def surface_forms(records: list[Record]) -> dict[str, list[str]]:
    """Each entity's spellings in the articles (e.g. イーロン・マスク, マスク氏), first seen first."""
    forms: dict[str, list[str]] = defaultdict(list)
    for record in records:
        for entity in record.entities:
            known = forms[entity.name]
            known += [m for m in entity.mentions if m not in known]
    return forms


def public_fact(fact: dict[str, Any]) -> dict[str, Any]:
    """A fact as published in facts.json (without the internal figure index)."""
    members = [{k: v for k, v in m.items() if k != "figure_index"} for m in fact["members"]]
    return {**fact, "members": members}


@dataclass
class RenderMemo:
    """What a long-running process (``serve``) keeps between renders.

    ``link_data``: the link-derived data files of the last Links object,
    reused while linking was skipped; ``fingerprint_parts``: see
    ``Fingerprints``.  (Unchanged articles.json entries come from the current
    file, for ``build`` too: see ``entries``.)
    """

    link_data: tuple[Links, dict[str, str]] | None = None
    fingerprint_parts: dict[Any, Any] = field(default_factory=dict)


@dataclass
class Page:
    """One page of a paginated list: ``base`` (e.g. ``facts/``) is page 1, ``base/page/N/`` the rest."""

    items: list[Any]
    number: int
    total: int
    base: str

    @property
    def url(self) -> str:
        return self.base if self.number == 1 else f"{self.base}page/{self.number}/"

    @property
    def path(self) -> str:
        return f"{self.url}index.html"

    @property
    def root(self) -> str:
        """The way back to the site root from this page."""
        return "../" * self.url.count("/") or "./"

    @property
    def pager(self) -> dict[str, Any]:
        return {"number": self.number, "total": self.total,
                "href": lambda n: self.root + (self.base if n == 1 else f"{self.base}page/{n}/")}


def paginate(items: list[Any], size: int, base: str) -> list[Page]:
    chunks = [items[i : i + size] for i in range(0, len(items), size)] or [[]]
    return [Page(chunk, number, len(chunks), base) for number, chunk in enumerate(chunks, 1)]


class SiteRenderer:
    """Renders every page of the site for one set of records and links."""

    def __init__(
        self, records: list[Record], links: Links, env: Environment, site: dict[str, Any], previous: dict[str, str] | None = None,
        content_pages: list[dict[str, Any]] | None = None, memo: RenderMemo | None = None, jobs: int | None = None,
    ) -> None:
        self.content_pages = content_pages or []
        self.previous_fingerprints = previous or {}
        self.fingerprints: dict[str, str] = {}
        self.rendered: list[str] = []  # fingerprinted pages rendered (not reused) this time
        self.queued: list[tuple[str, Callable[[], str]]] = []  # of those, the ones not written yet
        self._rows: dict[str, list[pages.FigureRow]] = {}
        self._charts: dict[int, Markup] = {}
        self.jobs = jobs
        self.memo = memo
        self.records = sort_newest_first(records)
        self.links = links
        self.env = env
        self.site = site
        self.by_file = {r.source_file: r for r in records}
        self.entity_names: dict[str, str] = site.get("entity_names", {})  # how the site writes a name
        self.entity_slugs = pages.entities_with_pages(links)
        self.tags: dict[str, list[Record]] = defaultdict(list)
        for record in self.records:
            for tag in record.tags:
                self.tags[tag].append(record)
        self.tag_slugs = {tag: pages.tag_slug(tag) for tag in self.tags}
        self.labels = {f: self.label(f) for f in self.by_file}
        self._href_cache: dict[str, dict[str, str]] = {}
        self._entity_links: dict[tuple[str, str], Markup] = {}
        self._source_links: dict[tuple[str, str], Markup] = {}
        self.surface_forms = surface_forms(self.records)
        salt = _environment_salt(env, site, self.content_pages)
        kept = memo.fingerprint_parts if memo is not None else None
        self.fingerprint = Fingerprints(salt, self.by_file, links, self.entity_slugs, self.tag_slugs, kept)

    # --- helpers for templates -------------------------------------------------

    def article_href(self, root: str, source_file: str) -> str:
        record = self.by_file.get(source_file)
        return f"{root}articles/{record.slug}/" if record else ""

    def label(self, source_file: str) -> str:
        """How a line about another article names it: its site, else its title, cut visibly."""
        record = self.by_file.get(source_file)
        if record is None:
            return source_file
        title = record.title or source_file
        return record.site or (title if len(title) <= LABEL_MAX_CHARS else title[: LABEL_MAX_CHARS - 1] + "…")

    def source_link(self, root: str, source_file: str) -> Markup:
        """Another article as a figure row names it: a link with its label, and the date it reported on.

        Made once per (root, article): each figure row lists every other report of its fact, and three
        template calls and a macro for each took a fifth of an article page's rendering.
        """
        key = (root, source_file)
        link = self._source_links.get(key)
        if link is None:
            link = Markup('<a href="{}">{}</a>{}').format(self.article_href(root, source_file), self.label(source_file),
                                                         self.reported_on(source_file))
            self._source_links[key] = link
        return link

    def reported_on(self, source_file: str) -> Markup:
        """``（2025年10月8日付）`` after another article's name: the date it reported on, when it has one."""
        record = self.by_file.get(source_file)
        if record is None or not record.date:
            return Markup("")
        return Markup('<span class="reported">（{}付）</span>').format(japanese_date(record.date))

    def entity_link(self, root: str, name: str) -> Markup:
        """A link to the entity's page where it has one, else its name (escaped either way).

        Made once per (root, name): a name is linked in many rows of many pages.
        """
        key = (root, name)
        link = self._entity_links.get(key)
        if link is None:
            slug = self.entity_slugs.get(name)
            shown = self.entity_name(name)
            link = escape(shown) if slug is None else Markup('<a href="{}entities/{}/">{}</a>').format(root, slug, shown)
            self._entity_links[key] = link
        return link

    def entity_name(self, name: str) -> str:
        """How the site writes an entity's name (content/entities.yaml's ``ja``), else the name."""
        return self.entity_names.get(name, name)

    def context(self, root: str, **extra: Any) -> dict[str, Any]:
        return {
            "entity_link": lambda name: self.entity_link(root, name),
            "entity_name": self.entity_name,
            "content_pages": self.content_pages,
            "site": self.site,
            "root": root,
            "entity_slugs": self.entity_slugs,
            "tag_slugs": self.tag_slugs,
            "article_href": lambda source_file: self.article_href(root, source_file),
            "source_link": lambda source_file: self.source_link(root, source_file),
            "reported_on": self.reported_on,
            "record_for": self.by_file.get,
            "label": self.label,
            **extra,
        }

    def render(self, template: str, root: str, **extra: Any) -> str:
        return self.env.get_template(template).render(**self.context(root, **extra))

    # --- pages -----------------------------------------------------------------

    def needs_render(self, writer: SiteWriter, path: str, fingerprint: str) -> bool:
        """Record ``path``'s fingerprint; False if the current site has the page with it (then it is hard-linked)."""
        self.fingerprints[path] = fingerprint
        if self.previous_fingerprints.get(path) == fingerprint and writer.reuse_file(path):
            return False
        self.rendered.append(path)
        return True

    def queue_page(self, writer: SiteWriter, path: str, fingerprint: str, render: Callable[[], str]) -> None:
        """Queue ``path`` for ``render_queued`` unless the current site has it with this fingerprint."""
        if self.needs_render(writer, path, fingerprint):
            self.queued.append((path, render))

    def render_queued(self, writer: SiteWriter) -> None:
        """The queued pages, rendered in forked workers when there are many (one pass for articles,
        entity, facts, index and tag pages alike, so no kind of page is left to one core)."""
        queued, self.queued = self.queued, []
        workers = worker_count(self.jobs, len(queued), PAGES_PER_WORKER_AT_LEAST)
        if workers < 2 or not can_fork():
            _write_pages(writer, queued)
            return
        # interleaved parts: the pages of one story (similar cost) spread over the workers
        for files in fork_map(_write_pages_part, (writer, queued), workers, workers * 4):
            writer.adopt(files)

    def write_all(self, writer: SiteWriter) -> None:
        data_files = self.data_files_beside(writer)
        try:
            self.write_pages(writer)
            if data_files is None:
                self.write_data(writer)
            else:
                writer.adopt(data_files.wait())
        except BaseException:
            if data_files is not None:
                data_files.cancel()  # its files would land in a tree about to be deleted
            raise

    def data_files_beside(self, writer: SiteWriter) -> ForkedCall | None:
        """The data files (articles.json and the link exports: ~2 s of a one-edit build of 10,000
        articles), written by a process forked now while this one writes the pages; None: this
        process writes them after the pages.  Not for a small site (not worth a fork), nor for
        ``serve``, whose memo keeps the link exports' text, which a forked process could not keep."""
        if self.memo is not None or self.jobs == 1 or len(self.records) < DATA_FILES_FORKED_FROM or not can_fork():
            return None
        return ForkedCall(writer.files_written_by, (self.write_data, writer))

    def write_pages(self, writer: SiteWriter) -> None:
        """Every page and the static files: the fingerprinted pages are queued as their fingerprints
        are made, then rendered together."""
        self.write_index(writer)
        self.write_articles(writer)
        self._rows.clear()  # every figure row (index and article fingerprints) is done with: room for the rest
        self.write_entities(writer)
        self.queue_page(writer, "timeline/index.html", self.fingerprint.timeline(),
                        lambda: self.render("timeline.html", "../", events=self.links.timeline))
        self.write_tags(writer)
        self.write_facts(writer)
        writer.write_text("404.html", self.render("404.html", "/"))
        for page in self.content_pages:
            writer.write_text(f"{page['slug']}/index.html", self.render("page.html", "../", page=page))
        dated = [r for r in self.records if r.date]
        self.queue_page(writer, "feed.xml", self.fingerprint.records_page("feed", None, dated),
                        lambda: self.render("feed.xml", "", records=dated))
        writer.write_text("sitemap.xml", self.render("sitemap.xml", "", paths=self.sitemap_paths()))
        writer.write_text("robots.txt", self.render("robots.txt", ""))
        for name in STATIC_FILES:
            source, _, _ = self.env.loader.get_source(self.env, name)
            writer.write_text(name, source)
        self.render_queued(writer)

    def write_articles(self, writer: SiteWriter) -> None:
        for record in self.records:
            self.queue_page(writer, f"articles/{record.slug}/index.html",
                            self.fingerprint.article(record, lambda record=record: self.rows(record)),
                            partial(self.article, record))

    def write_index(self, writer: SiteWriter) -> None:
        """Newest first, INDEX_PAGE_SIZE articles a page: index.html, page/2/, page/3/ …"""
        for page in paginate(self.records, INDEX_PAGE_SIZE, ""):
            chunk, root = page.items, page.root
            figures = {r.source_file: self.key_figures(r) for r in chunk}
            self.queue_page(writer, page.path, self.fingerprint.index_page(page.number, page.total, chunk, figures),
                            lambda chunk=chunk, root=root, pager=page.pager, figures=figures: self.render(
                                "index.html", root, records=chunk, key_figures=lambda r: figures[r.source_file], pager=pager))

    def rows(self, record: Record) -> list[pages.FigureRow]:
        """The record's figure rows, computed once (read only: ``article`` makes its own to set anchors)."""
        if record.source_file not in self._rows:
            self._rows[record.source_file] = pages.figure_rows(record, self.links)
        return self._rows[record.source_file]

    def key_figures(self, record: Record) -> list[Any]:
        """Up to three figures for the index: ones other articles confirm first, then the largest amounts."""
        facts = self.fingerprint.facts_of(record)
        key = ("key_figures", record_digest(record), tuple(map(id, facts)))
        return self.fingerprint.remember(key, lambda: (self._key_figures(record), facts), one_page=True)[0]

    def _key_figures(self, record: Record) -> list[Any]:
        rows = [row for row in self.rows(record) if not pages.minor_count(row.figure)]
        rows.sort(key=lambda r: (r.status != "corroborated", r.figure.unit not in ("USD", "JPY"), -pages.figure_size(r.figure)))
        seen, chosen = set(), []
        for row in rows:
            key = (row.figure.value, row.figure.low, row.figure.unit)
            if key not in seen:
                seen.add(key)
                chosen.append(row)
        return chosen[:3]

    def article(self, record: Record) -> str:
        rows = pages.figure_rows(record, self.links)
        blocks = pages.body_blocks(record, pages.paragraph_segments(record, rows))
        analysis, foreign = None, foreign_body(record.prose())
        if not record.impact_analysis and not record.editor_comment and foreign is None:
            analysis = pages.auto_analysis(record, rows)
        fact_charts = [self.fact_chart_html(row.fact) for row in pages.first_row_per_fact(rows)]
        return self.render(
            "article.html",
            "../../",
            record=record,
            rows=rows,
            blocks=blocks,
            analysis=analysis,
            fact_charts=fact_charts,
            foreign_language=LANGUAGE_NAMES.get(foreign),
        )

    def fact_chart_html(self, fact: dict[str, Any]) -> Markup:
        """A fact's chart (the ``bar_chart`` macro), drawn once for all the articles that report the fact."""
        key = id(fact)
        if key not in self._charts:
            self._charts[key] = self.env.get_template("_macros.html").module.bar_chart(self.fact_chart(fact, "../../"))
        return self._charts[key]

    def fact_chart(self, fact: dict[str, Any], root: str) -> charts.BarChart:
        """How each article put a fact's number, for a page at ``root``."""
        return charts.fact_chart(fact, self.links.reports_of(fact), self.labels, self._hrefs(root), self.entity_name(fact["subject"]))

    def _hrefs(self, root: str) -> dict[str, str]:
        if root not in self._href_cache:
            self._href_cache[root] = {f: self.article_href(root, f) for f in self.by_file}
        return self._href_cache[root]

    def write_entities(self, writer: SiteWriter) -> None:
        listed = [p for p in self.links.entities if p["name"] in self.entity_slugs]
        self.queue_page(writer, "entities/index.html", self.fingerprint.entity_list(listed),
                        lambda: self.render("entities.html", "../", entities=listed))
        for page in listed:
            mentions = self.surface_forms[page["name"]]
            self.queue_page(writer, f"entities/{self.entity_slugs[page['name']]}/index.html",
                            self.fingerprint.entity(page, mentions), lambda page=page, mentions=mentions: self.entity(page, mentions))

    def entity(self, page: dict[str, Any], mentions: list[str]) -> str:
        chart = charts.amounts_over_time(self.entity_name(page["name"]), page["figures"], self._hrefs("../../"))
        return self.render("entity.html", "../../", entity=page, chart=chart, mentions=mentions)

    def write_tags(self, writer: SiteWriter) -> None:
        tags = sorted(self.tags.items())
        self.queue_page(writer, "tags/index.html", self.fingerprint.of("tags", [(t, self.tag_slugs[t], len(r)) for t, r in tags]),
                        lambda: self.render("tags.html", "../", tags=tags))
        for tag, records in tags:
            self.queue_page(writer, f"tags/{self.tag_slugs[tag]}/index.html", self.fingerprint.records_page("tag", tag, records),
                            lambda tag=tag, records=records: self.render("tag.html", "../../", tag=tag, records=records))

    def fact_pages(self) -> list[Page]:
        """Corroborated facts first, then differing ones, FACTS_PAGE_SIZE a page: facts/, facts/page/2/ …"""
        ordered = [f for f in self.links.facts if f["kind"] == "corroborated"] + [f for f in self.links.facts if f["kind"] == "differing"]
        return paginate(ordered, FACTS_PAGE_SIZE, "facts/")

    def write_facts(self, writer: SiteWriter) -> None:
        """A facts page re-renders only when one of its facts (or their articles) changes."""
        totals = {kind: sum(1 for f in self.links.facts if f["kind"] == kind) for kind in ("corroborated", "differing")}
        for page in self.fact_pages():
            fingerprint = self.fingerprint.facts_page(page.items, page.number, page.total, totals)
            self.queue_page(writer, page.path, fingerprint,
                            lambda page=page: self.facts_page(page.items, page.root, page.pager, totals))

    def facts_page(self, chunk: list[dict[str, Any]], root: str, pager: dict[str, Any], totals: dict[str, int]) -> str:
        items = [(fact, self.fact_chart(fact, root)) for fact in chunk]
        corroborated = [item for item in items if item[0]["kind"] == "corroborated"]
        differing = [item for item in items if item[0]["kind"] == "differing"]
        return self.render("facts.html", root, corroborated=corroborated, differing=differing, totals=totals, pager=pager)

    def sitemap_paths(self) -> list[str]:
        paths = ["", "timeline/", "facts/", "entities/", "tags/"]
        paths += [page.url for page in paginate(self.records, INDEX_PAGE_SIZE, "")[1:]]
        paths += [page.url for page in self.fact_pages()[1:]]
        paths += [f"{page['slug']}/" for page in self.content_pages]
        paths += [f"articles/{r.slug}/" for r in self.records]
        paths += [f"entities/{slug}/" for slug in sorted(self.entity_slugs.values())]
        paths += [f"tags/{slug}/" for slug in sorted(self.tag_slugs.values())]
        return paths

    def write_data(self, writer: SiteWriter) -> None:
        records = sorted(self.records, key=lambda r: r.source_file)
        compact = len(records) > COMPACT_JSON_ABOVE  # a big archive's exports are for programs
        if compact:  # streamed an entry at a time; unchanged entries copied from the current file
            kept = entries.KeptEntries(writer.out_dir)
            writer.write_stream(entries.ARTICLES, kept.chunks((_entry_key(r), partial(record_json, r)) for r in records))
            writer.write_text(entries.INDEX, kept.index_text())
        else:
            writer.write_text(entries.ARTICLES, dump_json([r.to_dict() for r in records]))
        if compact and self.memo is None:  # a big archive: each file streamed, an entry at a time
            for name, items in self.link_exports().items():
                writer.write_stream(name, json_array_chunks(compact_json(item) for item in items))
            return
        for name, text in self.link_data(compact).items():
            writer.write_text(name, text)

    def link_exports(self) -> dict[str, Iterable[Any]]:
        """The link-derived data files' entries (facts made public one at a time)."""
        return {
            "data/facts.json": (public_fact(f) for f in self.links.facts),
            "data/entities.json": (self.entity_export(e) for e in self.links.entities),
            "data/timeline.json": self.links.timeline,
            "data/clusters.json": self.links.clusters,
        }

    def entity_export(self, entity: dict[str, Any]) -> dict[str, Any]:
        """An entity as exported, with ``ja`` (how the site writes its name) when that is not ``name``."""
        shown = self.entity_name(entity["name"])
        if shown == entity["name"]:
            return entity
        exported = {"name": entity["name"], "ja": shown}
        exported.update(entity)
        return exported

    def link_data(self, compact: bool) -> dict[str, str]:
        """facts, entities, timeline and clusters JSON; reused while the links are the same object."""
        if self.memo is not None and self.memo.link_data is not None and self.memo.link_data[0] is self.links:
            return self.memo.link_data[1]
        data = {name: dump_json(list(items), compact) for name, items in self.link_exports().items()}
        if self.memo is not None:
            self.memo.link_data = (self.links, data)
        return data


#: Below this many article pages per worker, forking costs more than it saves.
PAGES_PER_WORKER_AT_LEAST = 50


def _entry_key(record: Record) -> str | None:
    """What a record's articles.json entry is made from (None: no content key, always encoded)."""
    content_key = getattr(record, "content_key", None)
    return entries.entry_key(content_key, record.slug, record.related) if content_key else None


#: From this many articles a build writes the data files in a forked process beside the pages.
DATA_FILES_FORKED_FROM = 200


def _write_pages(writer: SiteWriter, queued: list[tuple[str, Callable[[], str]]]) -> None:
    for path, render in queued:
        writer.write_text(path, render())


def _write_pages_part(shared: tuple[SiteWriter, list[tuple[str, Callable[[], str]]]], part: int, parts: int) -> WrittenFiles:
    """In a forked worker: render every ``parts``-th queued page from ``part``; return the files written."""
    writer, queued = shared
    return writer.files_written_by(_write_pages, writer, queued[part::parts])


def _environment_salt(env: Environment, site: dict[str, Any], content_pages: list[dict[str, Any]]) -> str:
    """Templates (project overrides included), site settings, content pages (every footer links them) and
    code: any change re-renders every page."""
    digest = hashlib.sha256(code_version().encode())
    digest.update(json.dumps([site, content_pages], sort_keys=True, default=str).encode())
    for name in sorted(env.list_templates()):
        source, _, _ = env.loader.get_source(env, name)
        digest.update(name.encode())
        digest.update(source.encode("utf-8"))
    return digest.hexdigest()


class SearchDocuments(Sequence[SearchDoc]):
    """What the search finds: articles newest first (their digest text, not the original or the
    figure tables), then entity pages by name and surface forms.  Each document is made when asked
    for: a big archive's texts are never all in memory at once."""

    def __init__(self, records: list[Record], links: Links, entity_names: dict[str, str] | None = None) -> None:
        self.entity_names = entity_names or {}  # an entity page is found under how the site writes its name
        self.records = sort_newest_first(records)
        self.forms = surface_forms(records)
        self.entities = sorted(pages.entities_with_pages(links).items(), key=lambda item: item[1])

    def __len__(self) -> int:
        return len(self.records) + len(self.entities)

    @overload
    def __getitem__(self, index: int) -> SearchDoc: ...
    @overload
    def __getitem__(self, index: slice) -> list[SearchDoc]: ...

    def __getitem__(self, index: int | slice) -> SearchDoc | list[SearchDoc]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        index %= len(self)
        if index < len(self.records):
            record = self.records[index]
            parts = [record.lead or ""]
            parts += [f"{k.heading} {k.body}" for k in record.key_points]
            parts += [record.impact_analysis or "", record.editor_comment or ""]
            parts += [p for p in record.paragraphs() if p != record.lead]  # a lead taken from the body: once
            return SearchDoc(f"articles/{record.slug}/", record.title or record.slug, "\n".join(p for p in parts if p),
                             japanese_date(record.date))
        name, slug = self.entities[index - len(self.records)]
        shown = self.entity_names.get(name, name)
        return SearchDoc(f"entities/{slug}/", shown, "、".join(sorted({*self.forms[name], name} - {shown})))


#: Fingerprints of the pages, kept inside the site so they always describe the files beside them.
FINGERPRINTS = ".xai-digest/pages.json"


def render_site(
    records: list[Record], links: Links, writer: SiteWriter, env: Environment, site: dict[str, Any],
    content_pages: list[dict[str, Any]] | None = None, memo: RenderMemo | None = None, jobs: int | None = None,
) -> list[str]:
    """Write every page and data file of the site into ``writer``; returns the pages rendered anew.

    A page whose fingerprint (everything it shows) equals the one recorded in
    the current site is hard-linked instead of rendered again.
    """
    try:
        previous = json.loads((writer.out_dir / FINGERPRINTS).read_text("utf-8"))
    except (OSError, ValueError):
        previous = {}
    renderer = SiteRenderer(records, links, env, site, previous, content_pages, memo, jobs)
    renderer.write_all(writer)
    if memo is not None:  # keep only what this build used: no growth over a long editing session
        memo.fingerprint_parts = {key: memo.fingerprint_parts[key] for key in renderer.fingerprint.used}
    writer.write_text(FINGERPRINTS, json.dumps(renderer.fingerprints, sort_keys=True, indent=0) + "\n")
    return renderer.rendered
