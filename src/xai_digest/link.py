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

import bisect
import hashlib
import heapq
import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from xai_digest.model import Figure, Record

APPROX_TOLERANCE = 0.10  # 約 allows ±10 %
RELATED_LIMIT = 5
TIME_SIGMA_DAYS = 45.0
PRUNE_SHARE = 0.2  # a feature in more than 20 % of articles (and 50+) says nothing
SWEEP_WINDOW = 64  # neighbours compared in the value sweep; union-find chains the rest
MAX_POSTINGS = 100  # …and one in more than 500 is never walked: keeps the cost linear


@dataclass
class Links:
    facts: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    clusters: list[list[str]] = field(default_factory=list)
    fact_index: dict[tuple[str, int], dict[str, Any]] = field(default_factory=dict)
    fact_files: dict[int, list[str]] = field(default_factory=dict)  # id(fact) → its articles, in order

    def files_of(self, fact: dict[str, Any]) -> list[str]:
        return self.fact_files.get(id(fact)) or list(dict.fromkeys(m["source_file"] for m in fact["members"]))


def link_records(records: list[Record]) -> Links:
    """Compute every link; also fills ``record.related``."""
    records = sorted(records, key=lambda r: r.source_file)
    links = Links()
    links.facts = find_facts(records)
    for fact in links.facts:
        files = list(dict.fromkeys(member["source_file"] for member in fact["members"]))
        links.fact_files[id(fact)] = files
        for member in fact["members"]:
            links.fact_index[(member["source_file"], member["figure_index"])] = fact
    related = related_articles(records, links.facts)
    for record in records:
        record.related = related.get(record.source_file, [])
    links.timeline = timeline(records)
    links.entities = entity_pages(records, links.timeline)
    links.clusters = story_clusters(records, links.facts)
    return links


def link_inputs(record: Record) -> str:
    """A digest of every field of a record that linking reads (and nothing else)."""
    figures = [(f.text, f.unit, f.value, f.low, f.high, f.qualifier, f.per, f.subject, f.date, f.measure, f.sentence)
               for f in record.figures]
    entities = [(e.name, e.kind) for e in record.entities]
    payload = [record.source_file, record.date, figures, entities, record.keywords, record.events]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()


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
        self._digests: dict[str, str] = {}

    def link(self, records: list[Record]) -> Links:
        inputs = sorted((r.source_file, self._digest(r)) for r in records)
        self._digests = {key: self._digests[key] for key in (getattr(r, "content_key", None) for r in records) if key}
        if self.links is not None and inputs == self.inputs:
            for record in records:
                record.related = self.related.get(record.source_file, [])
            return self.links
        links = link_records(records)
        self.inputs, self.links = inputs, links
        self.related = {r.source_file: r.related for r in records}
        return links

    def _digest(self, record: Record) -> str:
        key = getattr(record, "content_key", None)
        if not key:
            return link_inputs(record)
        if key not in self._digests:  # content key → digest: an unchanged record is not hashed again
            self._digests[key] = link_inputs(record)
        return self._digests[key]


# --- facts -----------------------------------------------------------------------


def _bounds(figure: Figure) -> tuple[float, float]:
    """The interval a figure allows, from its value or range and its qualifier."""
    if figure.value is None:
        low, high = float(figure.low or 0), float(figure.high or 0)
    else:
        low = high = float(figure.value)
    if figure.qualifier == "approx":
        low, high = low * (1 - APPROX_TOLERANCE), high * (1 + APPROX_TOLERANCE)
    elif figure.qualifier == "min":
        high = high * (1 + APPROX_TOLERANCE)
    elif figure.qualifier == "max":
        low = low * (1 - APPROX_TOLERANCE)
    return low, high


def dates_compatible(a: str | None, b: str | None) -> bool:
    """2025-10 and 2025-10-08 fit; 2025-07 and 2025-10 do not; an undated figure fits any."""
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


def compatible(a: Figure, b: Figure, a_bounds: tuple[float, float] | None = None, b_bounds: tuple[float, float] | None = None) -> bool:
    """Can two figures of the same subject and measure be one fact?  (Bounds may be passed in, precomputed.)"""
    if a.unit != b.unit or a.per != b.per or not dates_compatible(a.date, b.date):
        return False
    a_low, a_high = a_bounds or _bounds(a)
    b_low, b_high = b_bounds or _bounds(b)
    if a.value is not None and b.value is not None and "none" in (a.qualifier, b.qualifier):
        # an exact figure must fall inside what the other allows
        if a.qualifier == "none":
            return b_low <= float(a.value) <= b_high
        return a_low <= float(b.value) <= a_high
    return a_low <= b_high and b_low <= a_high


def _member(record: Record, index: int, figure: Figure) -> dict[str, Any]:
    member: dict[str, Any] = {"source_file": record.source_file, "figure_index": index, "text": figure.text}
    if figure.value is not None:
        member["value"] = figure.value
    else:
        member["low"], member["high"] = figure.low, figure.high
    member.update(qualifier=figure.qualifier, date=figure.date, sentence=figure.sentence)
    return member


def find_facts(records: list[Record]) -> list[dict[str, Any]]:
    """Corroborated and differing facts, grouped by subject, measure, unit and rate."""
    groups: dict[tuple, list[tuple[Record, int, Figure]]] = defaultdict(list)
    for record in records:
        for index, figure in enumerate(record.figures):
            if figure.subject and figure.measure:
                groups[(figure.subject, figure.measure, figure.unit, figure.per)].append((record, index, figure))
    facts = []
    for (subject, measure, unit, per), members in sorted(groups.items(), key=lambda g: tuple(str(x) for x in g[0])):
        if len({r.source_file for r, _, _ in members}) < 2:
            continue
        components = _corroborating_components(members)
        header = {"subject": subject, "measure": measure, "unit": unit, "per": per}
        singles = []
        for component in components:
            files = {members[i][0].source_file for i in component}
            chosen = [members[i] for i in sorted(component, key=lambda i: (members[i][0].source_file, members[i][1]))]
            if len(files) >= 2:
                facts.append({"kind": "corroborated", **header, "members": [_member(r, i, f) for r, i, f in chosen]})
            else:
                singles.extend(chosen)
        singles = _comparable_across_articles(singles)
        if len({r.source_file for r, _, _ in singles}) >= 2 and len({_bounds(f) for _, _, f in singles}) >= 2:
            facts.append({"kind": "differing", **header, "members": [_member(r, i, f) for r, i, f in singles]})
    return facts


def _magnitude(figure: Figure) -> float:
    low, high = _bounds(figure)
    return max((low + high) / 2, 1e-9)


def _comparable_across_articles(singles: list[tuple[Record, int, Figure]]) -> list[tuple[Record, int, Figure]]:
    """Keep figures within 10x of a figure from another article with a compatible date:
    a 10万ドル account threshold is not a rival estimate of a 50億ドル revenue.

    Sorted by magnitude, each figure looks at up to SWEEP_WINDOW neighbours on
    each side, so a large group costs n·log n, not n².
    """
    ordered = sorted(singles, key=lambda item: _magnitude(item[2]))
    magnitudes = [_magnitude(f) for _, _, f in ordered]
    kept = []
    for i, (record, index, figure) in enumerate(ordered):
        low, high = magnitudes[i] / 10, magnitudes[i] * 10
        lo = bisect.bisect_left(magnitudes, low, 0, i)
        hi = bisect.bisect_right(magnitudes, high, i)
        neighbours = list(range(max(lo, i - SWEEP_WINDOW), i)) + list(range(i + 1, min(hi, i + 1 + SWEEP_WINDOW)))
        for j in neighbours:
            other_record, _, other = ordered[j]
            if other_record.source_file != record.source_file and dates_compatible(figure.date, other.date):
                kept.append((record, index, figure))
                break
    kept.sort(key=lambda item: (item[0].source_file, item[1]))
    return kept


def _corroborating_components(members: list[tuple[Record, int, Figure]]) -> list[list[int]]:
    """Union-find over compatible pairs, found by a sweep over value-sorted intervals."""
    parent = list(range(len(members)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    bounds = [_bounds(m[2]) for m in members]
    order = sorted(range(len(members)), key=lambda i: bounds[i])
    for position, i in enumerate(order):
        i_high = bounds[i][1]
        i_file = members[i][0].source_file
        for j in order[position + 1 : position + 1 + SWEEP_WINDOW]:
            if bounds[j][0] > i_high:
                break
            if members[j][0].source_file == i_file:
                continue
            root_i, root_j = find(i), find(j)
            # already joined: the pair cannot change the components, so skip the comparison
            if root_i != root_j and compatible(members[i][2], members[j][2], bounds[i], bounds[j]):
                parent[root_i] = root_j
    components: dict[int, list[int]] = defaultdict(list)
    for i in range(len(members)):
        components[find(i)].append(i)
    return sorted(components.values(), key=lambda c: min(c))


# --- related articles ------------------------------------------------------------


def _features(record: Record, facts_by_file: dict[str, list[str]]) -> dict[str, tuple[float, str]]:
    """Feature → (weight, label shown as a reason)."""
    features: dict[str, tuple[float, str]] = {}
    for entity in record.entities:
        if entity.kind != "outlet":
            features[f"e:{entity.name}"] = (1.0, entity.name)
    for label in facts_by_file.get(record.source_file, []):
        features[f"f:{label}"] = (3.0, label)
    for keyword in record.keywords:
        features.setdefault(f"k:{keyword}", (0.5, keyword))
    return features


def _days(date: str | None) -> float | None:
    if not date or len(date) < 7 or date[4] != "-":
        return None
    try:
        year, month = int(date[:4]), int(date[5:7])
        day = int(date[8:10]) if len(date) >= 10 and date[7] == "-" else 15
    except ValueError:
        return None
    return year * 365.25 + (month - 1) * 30.44 + day


def related_articles(records: list[Record], facts: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Top related articles per record, scored over shared rare features."""
    facts_by_file: dict[str, list[str]] = defaultdict(list)
    for fact in facts:
        if fact["kind"] != "corroborated":
            continue
        label = fact["members"][0]["text"]
        for member in fact["members"]:
            facts_by_file[member["source_file"]].append(label)
    features = {r.source_file: _features(r, facts_by_file) for r in records}
    postings: dict[str, list[str]] = defaultdict(list)
    for name, feats in features.items():
        for key in feats:
            postings[key].append(name)
    total = len(records)
    limit = min(max(50, int(total * PRUNE_SHARE)), MAX_POSTINGS)
    idf = {key: math.log(1 + total / len(names)) for key, names in postings.items()}
    dates = {r.source_file: _days(r.date) for r in records}
    result: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        own = features[record.source_file]
        scores: dict[str, float] = defaultdict(float)
        for key, (weight, _) in own.items():
            names = postings[key]
            if len(names) > limit:
                continue
            gain = weight * idf[key]
            for other in names:
                scores[other] += gain
        scores.pop(record.source_file, None)
        shortlist = heapq.nlargest(RELATED_LIMIT * 4, ((score, other) for other, score in scores.items()))
        ranked = []
        for score, other in shortlist:
            a, b = dates[record.source_file], dates[other]
            if a is not None and b is not None:
                score *= 0.5 + 0.5 * math.exp(-((a - b) ** 2) / (2 * TIME_SIGMA_DAYS**2))
            ranked.append((round(score, 4), other))
        ranked.sort(key=lambda item: (-item[0], item[1]))
        links = []
        for score, other in ranked[:RELATED_LIMIT]:
            shared = [
                (own[key][0] * idf[key], own[key][1])
                for key in own.keys() & features[other].keys()
                if not key.startswith("k:") and len(postings[key]) <= limit
            ]
            if shared:
                labels = [label for _, label in sorted(shared, key=lambda g: (-g[0], g[1]))[:4]]
                links.append({"source_file": other, "score": score, "reasons": "共通: " + ", ".join(labels)})
        result[record.source_file] = links
    return result


def story_clusters(records: list[Record], facts: list[dict[str, Any]]) -> list[list[str]]:
    """Articles about the same story: those that report one corroborated fact, joined transitively."""
    parent = {r.source_file: r.source_file for r in records}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for fact in facts:
        if fact["kind"] != "corroborated":
            continue
        files = [m["source_file"] for m in fact["members"]]
        for other in files[1:]:
            parent[find(other)] = find(files[0])
    groups: dict[str, list[str]] = defaultdict(list)
    for name in parent:
        groups[find(name)].append(name)
    return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: g[0])


# --- timeline and entities -------------------------------------------------------


def timeline(records: list[Record]) -> list[dict[str, Any]]:
    """Every record's dated events (found by the analyzer), in date order, with their source."""
    events = [{**event, "source_file": record.source_file} for record in records for event in record.events]
    events.sort(key=lambda e: (e["date"], e["source_file"], e["text"]))
    return events


def entity_pages(records: list[Record], events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per canonical entity: kind, articles, figures about it, events naming it."""
    pages: dict[str, dict[str, Any]] = {}
    for record in records:
        for entity in record.entities:  # names are unique within a record (analyze merges aliases)
            page = pages.setdefault(entity.name, {"name": entity.name, "kind": entity.kind, "articles": [], "figures": [], "events": []})
            page["articles"].append(record.source_file)
        for index, figure in enumerate(record.figures):
            if figure.subject in pages:
                pages[figure.subject]["figures"].append(_member(record, index, figure) | {"unit": figure.unit, "per": figure.per, "measure": figure.measure})
    for event in events:
        for name in event["entities"]:
            if name in pages:
                pages[name]["events"].append(event)
    return sorted(pages.values(), key=lambda p: (-len(p["articles"]), p["name"]))
