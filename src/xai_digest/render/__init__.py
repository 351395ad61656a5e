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
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

import budoux
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from xai_digest.link import Links
from xai_digest.model import Record
from xai_digest.output import SiteWriter
from xai_digest.render import charts, pages
from xai_digest.render.format import FILTERS
from xai_digest.render.markdown import render_markdown

PACKAGE_TEMPLATES = Path(str(resources.files("xai_digest").joinpath("templates")))
INDEX_PAGE_SIZE = 50
COMPACT_JSON_ABOVE = 200
STATIC_FILES = ("static/style.css", "static/favicon.svg", "static/search.js")
_PHRASES = budoux.load_default_japanese_parser()


def phrases(text: str | None) -> Markup:
    """Escape ``text`` and allow line breaks only between phrases (BudouX), for headings."""
    if not text:
        return Markup("")
    return Markup("<wbr>").join(escape(chunk) for chunk in _PHRASES.parse(text))


def make_environment(templates_dir: Path | None) -> Environment:
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
    )
    env.filters.update(FILTERS)
    env.filters["phrases"] = phrases
    env.filters["markdown"] = render_markdown
    return env


def dump_json(data: Any, compact: bool = False) -> str:
    """Deterministic JSON: UTF-8 text, field order as the schema's; indented unless ``compact``."""
    if compact:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def sort_newest_first(records: list[Record]) -> list[Record]:
    """Newest first; undated articles last, in file order."""
    dated = sorted((r for r in records if r.date), key=lambda r: (r.date or "", r.source_file), reverse=True)
    undated = sorted((r for r in records if not r.date), key=lambda r: r.source_file)
    return dated + undated


def public_fact(fact: dict[str, Any]) -> dict[str, Any]:
    """A fact as published in facts.json (without the internal figure index)."""
    members = [{k: v for k, v in m.items() if k != "figure_index"} for m in fact["members"]]
    return {**fact, "members": members}


class SiteRenderer:
    """Renders every page of the site for one set of records and links."""

    def __init__(
        self, records: list[Record], links: Links, env: Environment, site: dict[str, Any], previous: dict[str, str] | None = None,
        content_pages: list[dict[str, Any]] | None = None,
    ) -> None:
        self.content_pages = content_pages or []
        self.previous_fingerprints = previous or {}
        self.fingerprints: dict[str, str] = {}
        self._fact_digests: dict[int, str] = {}
        self.salt = _environment_salt(env, site)
        self.records = sort_newest_first(records)
        self.links = links
        self.env = env
        self.site = site
        self.by_file = {r.source_file: r for r in records}
        self.entity_slugs = pages.entities_with_pages(links)
        self.tags: dict[str, list[Record]] = defaultdict(list)
        for record in self.records:
            for tag in record.tags:
                self.tags[tag].append(record)
        self.tag_slugs = {tag: pages.tag_slug(tag) for tag in self.tags}
        self.labels = {f: self.label(f) for f in self.by_file}
        self._href_cache: dict[str, dict[str, str]] = {}
        self.surface_forms: dict[str, list[str]] = defaultdict(list)
        for record in self.records:
            for entity in record.entities:
                forms = self.surface_forms[entity.name]
                forms += [m for m in entity.mentions if m not in forms]

    # --- helpers for templates -------------------------------------------------

    def article_href(self, root: str, source_file: str) -> str:
        record = self.by_file.get(source_file)
        return f"{root}articles/{record.slug}/" if record else ""

    def label(self, source_file: str) -> str:
        record = self.by_file.get(source_file)
        if record is None:
            return source_file
        return record.site or (record.title or source_file)[:24]

    def entity_link(self, root: str, name: str) -> Markup:
        """A link to the entity's page where it has one, else its name (escaped either way)."""
        slug = self.entity_slugs.get(name)
        if slug is None:
            return escape(name)
        return Markup('<a href="{}entities/{}/">{}</a>').format(root, slug, name)

    def context(self, root: str, **extra: Any) -> dict[str, Any]:
        return {
            "entity_link": lambda name: self.entity_link(root, name),
            "content_pages": self.content_pages,
            "site": self.site,
            "root": root,
            "entity_slugs": self.entity_slugs,
            "tag_slugs": self.tag_slugs,
            "article_href": lambda source_file: self.article_href(root, source_file),
            "record_for": self.by_file.get,
            "label": self.label,
            **extra,
        }

    def render(self, template: str, root: str, **extra: Any) -> str:
        return self.env.get_template(template).render(**self.context(root, **extra))

    # --- pages -----------------------------------------------------------------

    def write_all(self, writer: SiteWriter) -> None:
        self.write_index(writer)
        for record in self.records:
            path = f"articles/{record.slug}/index.html"
            fingerprint = self.article_fingerprint(record)
            self.fingerprints[path] = fingerprint
            if self.previous_fingerprints.get(path) == fingerprint and writer.reuse_file(path):
                continue  # nothing this page shows has changed: keep the old file, skip rendering
            writer.write_text(path, self.article(record))
        self.write_entities(writer)
        writer.write_text("timeline/index.html", self.render("timeline.html", "../", events=self.links.timeline))
        self.write_tags(writer)
        writer.write_text("facts/index.html", self.facts_page())
        writer.write_text("404.html", self.render("404.html", "/"))
        for page in self.content_pages:
            writer.write_text(f"{page['slug']}/index.html", self.render("page.html", "../", page=page))
        writer.write_text("feed.xml", self.render("feed.xml", "", records=[r for r in self.records if r.date]))
        writer.write_text("sitemap.xml", self.render("sitemap.xml", "", paths=self.sitemap_paths()))
        writer.write_text("robots.txt", self.render("robots.txt", ""))
        self.write_data(writer)
        for name in STATIC_FILES:
            source, _, _ = self.env.loader.get_source(self.env, name)
            writer.write_text(name, source)

    def write_index(self, writer: SiteWriter) -> None:
        """Newest first, INDEX_PAGE_SIZE articles a page: index.html, page/2/, page/3/ …"""
        chunks = [self.records[i : i + INDEX_PAGE_SIZE] for i in range(0, len(self.records), INDEX_PAGE_SIZE)] or [[]]
        for number, chunk in enumerate(chunks, 1):
            root = "./" if number == 1 else "../../"
            pager = {"number": number, "total": len(chunks),
                     "href": lambda n, root=root: root if n == 1 else f"{root}page/{n}/"}
            path = "index.html" if number == 1 else f"page/{number}/index.html"
            writer.write_text(path, self.render("index.html", root, records=chunk, key_figures=self.key_figures, pager=pager))

    def key_figures(self, record: Record) -> list[Any]:
        """Up to three figures for the index: ones other articles confirm first, then the largest amounts."""
        rows = pages.figure_rows(record, self.links)
        rows.sort(key=lambda r: (r.status != "corroborated", r.figure.unit not in ("USD", "JPY"), -(r.figure.value or r.figure.high or 0)))
        seen, chosen = set(), []
        for row in rows:
            key = (row.figure.value, row.figure.low, row.figure.unit)
            if key not in seen:
                seen.add(key)
                chosen.append(row)
        return chosen[:3]

    def article_fingerprint(self, record: Record) -> str:
        """A hash of everything an article page shows: its record and what it says of other articles."""
        rows = pages.figure_rows(record, self.links)
        names = {e.name for e in record.entities} | {f.subject for f in record.figures if f.subject}
        names |= {q.speaker for q in record.quotes if q.speaker}
        others = [(r.status, r.other_count, [(m["source_file"], m["text"], m.get("figure_index")) for m in r.others]) for r in rows]
        files = {f for r in rows if r.fact for f in self.links.files_of(r.fact)[: charts.MAX_BARS]}
        files |= {m["source_file"] for r in rows for m in r.others}
        files |= {link["source_file"] for link in record.related}
        facts = sorted({self._fact_digest(r.fact) for r in rows if r.fact})
        payload = json.dumps(
            [self.salt, self._record_digest(record), record.slug, record.related, others, facts,
             sorted((n, self.entity_slugs.get(n)) for n in names),
             sorted((f, self.labels.get(f), self.article_href("", f), (self.by_file[f].title if f in self.by_file else None)) for f in files),
             sorted((t, self.tag_slugs.get(t)) for t in record.tags)],
            ensure_ascii=False, default=str,
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def _record_digest(self, record: Record) -> str:
        """The record's content: its cache key when it has one (same seed, overlay and code), else a hash."""
        key = getattr(record, "content_key", None)
        if key:
            return key
        return hashlib.sha256(json.dumps(record.to_dict(), ensure_ascii=False, default=str).encode()).hexdigest()

    def _fact_digest(self, fact: dict[str, Any]) -> str:
        key = id(fact)
        if key not in self._fact_digests:
            self._fact_digests[key] = hashlib.sha256(
                json.dumps(fact, ensure_ascii=False, sort_keys=True, default=str).encode()
            ).hexdigest()
        return self._fact_digests[key]

    def article(self, record: Record) -> str:
        rows = pages.figure_rows(record, self.links)
        segments = pages.paragraph_segments(record, rows)
        analysis = None
        if not record.impact_analysis and not record.editor_comment:
            analysis = pages.auto_analysis(record, rows, self.by_file)
        fact_charts = []
        seen = set()
        for row in rows:
            if row.fact is not None and id(row.fact) not in seen:
                seen.add(id(row.fact))
                fact_charts.append(charts.fact_chart(row.fact, self.labels, self._hrefs("../../")))
        return self.render(
            "article.html",
            "../../",
            record=record,
            rows=rows,
            segments=segments,
            analysis=analysis,
            fact_charts=fact_charts,
        )

    def _hrefs(self, root: str) -> dict[str, str]:
        if root not in self._href_cache:
            self._href_cache[root] = {f: self.article_href(root, f) for f in self.by_file}
        return self._href_cache[root]

    def write_entities(self, writer: SiteWriter) -> None:
        listed = [p for p in self.links.entities if p["name"] in self.entity_slugs]
        writer.write_text("entities/index.html", self.render("entities.html", "../", entities=listed))
        for page in listed:
            chart = charts.amounts_over_time(page["name"], page["figures"], self._hrefs("../../"))
            writer.write_text(
                f"entities/{self.entity_slugs[page['name']]}/index.html",
                self.render("entity.html", "../../", entity=page, chart=chart, mentions=self.surface_forms[page["name"]]),
            )

    def write_tags(self, writer: SiteWriter) -> None:
        writer.write_text("tags/index.html", self.render("tags.html", "../", tags=sorted(self.tags.items())))
        for tag, records in sorted(self.tags.items()):
            writer.write_text(f"tags/{self.tag_slugs[tag]}/index.html", self.render("tag.html", "../../", tag=tag, records=records))

    def facts_page(self) -> str:
        hrefs, labels = self._hrefs("../"), self.labels
        items = [(fact, charts.fact_chart(fact, labels, hrefs)) for fact in self.links.facts]
        corroborated = [item for item in items if item[0]["kind"] == "corroborated"]
        differing = [item for item in items if item[0]["kind"] == "differing"]
        return self.render("facts.html", "../", corroborated=corroborated, differing=differing)

    def sitemap_paths(self) -> list[str]:
        pages_count = max(1, -(-len(self.records) // INDEX_PAGE_SIZE))
        paths = ["", "timeline/", "facts/", "entities/", "tags/"] + [f"page/{n}/" for n in range(2, pages_count + 1)]
        paths += [f"{page['slug']}/" for page in self.content_pages]
        paths += [f"articles/{r.slug}/" for r in self.records]
        paths += [f"entities/{slug}/" for slug in sorted(self.entity_slugs.values())]
        paths += [f"tags/{slug}/" for slug in sorted(self.tag_slugs.values())]
        return paths

    def write_data(self, writer: SiteWriter) -> None:
        records = sorted(self.records, key=lambda r: r.source_file)
        compact = len(records) > COMPACT_JSON_ABOVE  # a big archive's exports are for programs
        writer.write_text("data/articles.json", dump_json([r.to_dict() for r in records], compact))
        writer.write_text("data/facts.json", dump_json([public_fact(f) for f in self.links.facts], compact))
        writer.write_text("data/entities.json", dump_json(self.links.entities, compact))
        writer.write_text("data/timeline.json", dump_json(self.links.timeline, compact))
        writer.write_text("data/clusters.json", dump_json(self.links.clusters, compact))


def _environment_salt(env: Environment, site: dict[str, Any]) -> str:
    """Templates (project overrides included), site settings and code: any change re-renders every page."""
    from xai_digest.cache import code_version

    digest = hashlib.sha256(code_version().encode())
    digest.update(json.dumps(site, sort_keys=True, default=str).encode())
    for name in sorted(env.list_templates()):
        source, _, _ = env.loader.get_source(env, name)
        digest.update(name.encode())
        digest.update(source.encode("utf-8"))
    return digest.hexdigest()


#: Fingerprints of the article pages, kept inside the site so they always describe the files beside them.
FINGERPRINTS = ".xai-digest/pages.json"


def render_site(
    records: list[Record], links: Links, writer: SiteWriter, env: Environment, site: dict[str, Any],
    content_pages: list[dict[str, Any]] | None = None,
) -> None:
    """Write every page and data file of the site into ``writer``.

    An article page whose fingerprint (everything it shows) equals the one
    recorded in the current site is hard-linked instead of rendered again.
    """
    try:
        previous = json.loads((writer.out_dir / FINGERPRINTS).read_text("utf-8"))
    except (OSError, ValueError):
        previous = {}
    renderer = SiteRenderer(records, links, env, site, previous, content_pages)
    renderer.write_all(writer)
    writer.write_text(FINGERPRINTS, json.dumps(renderer.fingerprints, sort_keys=True, indent=0) + "\n")
