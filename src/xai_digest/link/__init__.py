"""Stage 4 — link: all records to cross-article links.

* facts: the same figure reported by several articles (corroborated) and the
  same subject + measure with numbers that disagree (differing);
* related articles with the reasons, from an inverted index over entities,
  facts and keywords weighted by rarity, with a Gaussian time decay
  (after Miranda et al. 2018); very common features are pruned so the cost
  stays well below quadratic;
* entity pages' data, a timeline of dated events, and story clusters.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from xai_digest.link.facts import FactGroups, compatible, dates_compatible, find_facts
from xai_digest.link.pages import entity_pages, story_clusters, timeline
from xai_digest.link.related import RelatedIndex, related_articles
from xai_digest.model import Record

__all__ = [
    "Links", "LinkMemo", "link_records", "link_inputs", "link_digests", "compatible", "dates_compatible", "find_facts",
    "related_articles", "entity_pages", "story_clusters", "timeline",
]


@dataclass
class Links:
    facts: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    clusters: list[list[str]] = field(default_factory=list)
    fact_index: dict[tuple[str, int], dict[str, Any]] = field(default_factory=dict)
    fact_reports: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # id(fact) → see ``reports_of``

    def reports_of(self, fact: dict[str, Any]) -> list[dict[str, Any]]:
        """One member per article of the fact (its first), in member order: its articles, how many,
        and what a figure row or chart shows of each, without walking every member (one article
        may repeat a figure thousands of times)."""
        reports = self.fact_reports.get(id(fact))
        return reports if reports is not None else _first_member_per_article(fact)


def _first_member_per_article(fact: dict[str, Any]) -> list[dict[str, Any]]:
    firsts: dict[str, dict[str, Any]] = {}
    for member in fact["members"]:
        firsts.setdefault(member["source_file"], member)
    return list(firsts.values())


def link_records(records: list[Record], kept: LinkMemo | None = None,
                 related: dict[str, list[dict[str, Any]]] | None = None) -> Links:
    """Compute every link; also fills ``record.related``.

    ``kept`` (serve): the previous run's fact groups and related index,
    reused for what did not change; ``related`` (build): the related lists
    of a build whose records linked the same (see ``link.stored``), used as
    they are.  The links are the same either way.
    """
    records = sorted(records, key=lambda r: r.source_file)
    links = Links()
    links.facts = find_facts(records, kept.fact_groups if kept is not None else None)
    for fact in links.facts:
        links.fact_reports[id(fact)] = _first_member_per_article(fact)
        for member in fact["members"]:
            links.fact_index[(member["source_file"], member["figure_index"])] = fact
    if related is None:
        related = _related_lists(records, links.facts, kept)
    for record in records:
        record.related = related.get(record.source_file, [])
    links.timeline = timeline(records)
    links.entities = entity_pages(records, links.timeline)
    links.clusters = story_clusters(records, links.facts)
    return links


def _related_lists(records: list[Record], facts: list[dict[str, Any]], kept: LinkMemo | None) -> dict[str, list[dict[str, Any]]]:
    """Each article's related articles: ``kept``'s index updated for what changed, or a new index."""
    if kept is not None and kept.related_index is not None and kept.related_index.update(records, facts):
        return kept.related_index.related
    index = RelatedIndex(records, facts)
    if kept is not None:
        kept.related_index = index
    return index.related


def link_inputs(record: Record) -> str:
    """A digest of every field of a record that linking reads (and nothing else)."""
    figures = [(f.text, f.unit, f.value, f.low, f.high, f.qualifier, f.per, f.subject, f.date, f.measure, f.change, f.sentence)
               for f in record.figures]
    entities = [(e.name, e.kind) for e in record.entities]
    payload = [record.source_file, record.date, figures, entities, record.keywords, record.events]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()


def link_digests(records: list[Record], known: dict[str, str]) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """Every record's (source_file, link-input digest), sorted, and the content key → digest map of
    exactly these records.  ``known``, such a map from an earlier build, spares hashing a record
    whose content key it holds (same key, same record)."""
    inputs: list[tuple[str, str]] = []
    by_key: dict[str, str] = {}
    for record in records:
        key = getattr(record, "content_key", None)
        digest = known.get(key) if key else None
        if digest is None:
            digest = link_inputs(record)
        if key:
            by_key[key] = digest
        inputs.append((record.source_file, digest))
    return sorted(inputs), by_key


class LinkMemo:
    """The previous build's links, reused while no record changed anything linking reads.

    For a long-running process (``serve``): fixing a typo or rewording a
    sentence without figures or names keeps every link, so the edit skips
    linking altogether.  Digests are remembered by record content key.
    """

    def __init__(self) -> None:
        self.inputs: list[tuple[str, str]] | None = None
        self.links: Links | None = None
        self.related: dict[str, list[dict[str, Any]]] = {}
        self.fact_groups: FactGroups = {}
        self.related_index: RelatedIndex | None = None
        self._digests: dict[str, str] = {}

    def link(self, records: list[Record]) -> Links:
        inputs, self._digests = link_digests(records, self._digests)
        if self.links is not None and inputs == self.inputs:
            for record in records:
                record.related = self.related.get(record.source_file, [])
            return self.links
        links = link_records(records, self)
        self.inputs, self.links = inputs, links
        self.related = {r.source_file: r.related for r in records}
        return links
