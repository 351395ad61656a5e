"""Related articles: an inverted index over entities, corroborated facts and
keywords, weighted by rarity (idf), with a Gaussian time decay (after
Miranda et al. 2018).  Very common features are pruned so the cost stays
well below quadratic.

``RelatedIndex`` keeps its state so that a long-running process (serve) can
re-rank only the articles an edit can affect: those sharing a feature whose
holders changed, or sharing any feature with an article whose date changed.
The result is exactly what a fresh index computes.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from xai_digest.model import Record

RELATED_LIMIT = 5
TIME_SIGMA_DAYS = 45.0
PRUNE_SHARE = 0.2  # a feature in more than 20 % of articles (and 50+) says nothing
MAX_POSTINGS = 100  # …and one in more than 100 is never walked: keeps the cost linear

Features = dict[str, tuple[float, str]]  # feature → (weight, label shown as a reason)


def related_articles(records: list[Record], facts: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Top related articles per record, scored over shared rare features."""
    return RelatedIndex(records, facts).related


def fact_labels_by_file(facts: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Each article's corroborated facts, named by the first report's wording."""
    labels: dict[str, list[str]] = defaultdict(list)
    for fact in facts:
        if fact["kind"] != "corroborated":
            continue
        label = fact["members"][0]["text"]
        for member in fact["members"]:
            labels[member["source_file"]].append(label)
    return labels


def record_features(record: Record, fact_labels: dict[str, list[str]]) -> Features:
    features: Features = {}
    for entity in record.entities:
        if entity.kind != "outlet":
            features[f"e:{entity.name}"] = (1.0, entity.name)
    for label in fact_labels.get(record.source_file, []):
        features[f"f:{label}"] = (3.0, label)
    for keyword in record.keywords:
        features.setdefault(f"k:{keyword}", (0.5, keyword))
    return features


def days(date: str | None) -> float | None:
    if not date or len(date) < 7 or date[4] != "-":
        return None
    try:
        year, month = int(date[:4]), int(date[5:7])
        day = int(date[8:10]) if len(date) >= 10 and date[7] == "-" else 15
    except ValueError:
        return None
    return year * 365.25 + (month - 1) * 30.44 + day


class RelatedIndex:
    """Features, postings and the ranked related lists of one set of records."""

    def __init__(self, records: list[Record], facts: list[dict[str, Any]]) -> None:
        labels = fact_labels_by_file(facts)
        self.features = {r.source_file: record_features(r, labels) for r in records}
        self.dates = {r.source_file: days(r.date) for r in records}
        self.postings: dict[str, set[str]] = defaultdict(set)
        for name, features in self.features.items():
            for key in features:
                self.postings[key].add(name)
        self.total = len(records)
        self.limit = min(max(50, int(self.total * PRUNE_SHARE)), MAX_POSTINGS)
        self.related = {name: self.rank(name) for name in sorted(self.features)}

    def update(self, records: list[Record], facts: list[dict[str, Any]]) -> bool:
        """Re-rank what changed records can affect; False (nothing done) if articles came or went."""
        if {r.source_file for r in records} != self.features.keys():
            return False
        labels = fact_labels_by_file(facts)
        touched: set[str] = set()  # features whose holders or weight changed
        changed: set[str] = set()  # articles whose own features changed
        moved: list[str] = []  # articles whose date changed
        for record in records:
            name = record.source_file
            new, old = record_features(record, labels), self.features[name]
            if new != old:
                for key in old.keys() - new.keys():
                    self.postings[key].discard(name)
                for key in new.keys() - old.keys():
                    self.postings[key].add(name)
                touched |= {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}
                self.features[name] = new
                changed.add(name)
            date = days(record.date)
            if date != self.dates[name]:
                self.dates[name] = date
                moved.append(name)
        # Only shared features score a pair, so an unchanged article's list can change only through
        # a touched feature it holds (its idf or holders changed) or a shared one with a moved article.
        affected = set(changed)
        for key in touched:
            affected |= self.postings[key]  # also catches a feature crossing the prune limit
        for name in moved:
            affected.add(name)
            for key in self.features[name]:
                if len(self.postings[key]) <= self.limit:
                    affected |= self.postings[key]
        for key in [k for k in touched if not self.postings[k]]:
            del self.postings[key]
        for name in sorted(affected):
            self.related[name] = self.rank(name)
        return True

    def idf(self, key: str) -> float:
        return math.log(1 + self.total / len(self.postings[key]))

    def rank(self, name: str) -> list[dict[str, Any]]:
        own = self.features[name]
        scores: dict[str, float] = defaultdict(float)
        for key, (weight, _) in own.items():
            holders = self.postings[key]
            if len(holders) > self.limit:
                continue
            gain = weight * self.idf(key)
            for other in holders:
                scores[other] += gain
        scores.pop(name, None)
        ranked = []
        for score, other in _highest(scores, RELATED_LIMIT * 4):
            a, b = self.dates[name], self.dates[other]
            if a is not None and b is not None:
                score *= 0.5 + 0.5 * math.exp(-((a - b) ** 2) / (2 * TIME_SIGMA_DAYS**2))
            ranked.append((round(score, 4), other))
        ranked.sort(key=lambda item: (-item[0], item[1]))
        links = []
        # the reasons name shared entities and facts (not keywords) that were not pruned
        nameable = [(key, weight, label) for key, (weight, label) in own.items()
                    if not key.startswith("k:") and len(self.postings[key]) <= self.limit]
        for score, other in ranked[:RELATED_LIMIT]:
            theirs = self.features[other]
            shared = [(weight * self.idf(key), label) for key, weight, label in nameable if key in theirs]
            if shared:
                labels = [label for _, label in sorted(shared, key=lambda g: (-g[0], g[1]))[:4]]
                links.append({"source_file": other, "score": score, "shared": labels})
        return links


def _highest(scores: dict[str, float], count: int) -> list[tuple[float, str]]:
    """The ``count`` highest (score, name) pairs, highest first: the same as sorting every pair and
    slicing.  With many pairs, only those at or above the ``count``-th score are made and compared
    as tuples (an article of the 1,000-article corpus scores ~250 others: plain floats sort several
    times faster); with few (~25 in the 10,000-article one), sorting them all is quicker."""
    if len(scores) > 4 * count:
        floor = sorted(scores.values(), reverse=True)[count - 1]
        pairs = [(score, other) for other, score in scores.items() if score >= floor]
    else:
        pairs = list(zip(scores.values(), scores.keys()))
    pairs.sort(reverse=True)
    return pairs[:count]
