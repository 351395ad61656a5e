"""Facts: the same figure reported by several articles (corroborated), and
the same subject + measure with numbers that disagree (differing)."""

from __future__ import annotations

import bisect
from collections import defaultdict
from typing import Any

from xai_digest.model import Figure, Record

APPROX_TOLERANCE = 0.10  # 約 allows ±10 %
SWEEP_WINDOW = 64  # neighbours compared in the value sweep; union-find chains the rest


def _bounds(figure: Figure) -> tuple[float, float]:
    """The interval a figure allows, from its value or range and its qualifier."""
    if figure.value is None:
        low, high = float(figure.low or 0), float(figure.high or 0)
    else:
        low = high = float(figure.value)
    if figure.qualifier == "approx":
        low, high = _widened(low, -1), _widened(high, 1)
    elif figure.qualifier == "min":
        high = _widened(high, 1)
    elif figure.qualifier == "max":
        low = _widened(low, -1)
    return low, high


def _widened(bound: float, direction: int) -> float:
    """``bound`` moved by APPROX_TOLERANCE of its size, down (-1) or up (1): by its size, so that a loss
    (約▲50億円, −50億) widens to −55億…−45億 and fits itself, as 約50億円 does."""
    return bound * (1 + direction * APPROX_TOLERANCE) if bound >= 0 else bound * (1 - direction * APPROX_TOLERANCE)


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


def figure_member(record: Record, index: int, figure: Figure) -> dict[str, Any]:
    member: dict[str, Any] = {"source_file": record.source_file, "figure_index": index, "text": figure.text}
    if figure.value is not None:
        member["value"] = figure.value
    else:
        member["low"], member["high"] = figure.low, figure.high
    member.update(qualifier=figure.qualifier, date=figure.date, sentence=figure.sentence)
    if figure.change:
        member["change"] = figure.change
    return member


FactGroups = dict[tuple, tuple[tuple, list[dict[str, Any]]]]


def find_facts(records: list[Record], kept: FactGroups | None = None) -> list[dict[str, Any]]:
    """Corroborated and differing facts, grouped by subject, measure, unit, rate and change (a rise is no level).

    ``kept`` (serve): each group's members and facts from the previous run; a
    group whose members are unchanged reuses its fact objects, so pages that
    show only unchanged facts keep their fingerprints cheaply.  It is updated
    in place to this run's groups.
    """
    groups: dict[tuple, list[tuple[Record, int, Figure]]] = defaultdict(list)
    for record in records:
        for index, figure in enumerate(record.figures):
            if figure.subject and figure.measure:
                groups[(figure.subject, figure.measure, figure.unit, figure.per, figure.change)].append((record, index, figure))
    facts: list[dict[str, Any]] = []
    current: FactGroups = {}
    for key, members in sorted(groups.items(), key=lambda g: tuple(str(x) for x in g[0])):
        if len({r.source_file for r, _, _ in members}) < 2:
            continue
        signature = tuple((r.source_file, i, f.text, f.value, f.low, f.high, f.qualifier, f.date, f.sentence) for r, i, f in members)
        previous = kept.get(key) if kept is not None else None
        group_facts = previous[1] if previous is not None and previous[0] == signature else _group_facts(key, members)
        current[key] = (signature, group_facts)
        facts.extend(group_facts)
    if kept is not None:
        kept.clear()
        kept.update(current)
    return facts


def _group_facts(key: tuple, members: list[tuple[Record, int, Figure]]) -> list[dict[str, Any]]:
    """The corroborated facts and the one differing fact of one subject + measure + unit + rate + change."""
    subject, measure, unit, per, change = key
    header = {"subject": subject, "measure": measure, "unit": unit, "per": per, "change": change}
    facts = []
    singles = []
    for component in _corroborating_components(members):
        files = {members[i][0].source_file for i in component}
        chosen = [members[i] for i in sorted(component, key=lambda i: (members[i][0].source_file, members[i][1]))]
        if len(files) >= 2:
            facts.append({"kind": "corroborated", **header, "members": [figure_member(r, i, f) for r, i, f in chosen]})
        else:
            singles.extend(chosen)
    singles = _comparable_across_articles(singles)
    if len({r.source_file for r, _, _ in singles}) >= 2 and len({_bounds(f) for _, _, f in singles}) >= 2:
        facts.append({"kind": "differing", **header, "members": [figure_member(r, i, f) for r, i, f in singles]})
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
    """Union-find over compatible pairs of figures from different articles.

    Figures alike in everything ``compatible`` reads (the same amount, date and qualifier: one
    fact reported by many outlets) are one class, joined at once when they come from two
    articles; the classes are joined by a sweep over their value-sorted intervals, each against
    the next SWEEP_WINDOW (union-find chains the rest).  A big group of one fact is mostly such
    repeats: its sweep is over a few distinct figures, not every report.
    """
    classes: dict[tuple, int] = {}
    class_of: list[int] = []
    figures: list[Figure] = []  # each class's first figure
    bounds: list[tuple[float, float]] = []  # its interval
    files: list[set[str]] = []  # its articles
    for record, _, figure in members:
        interval = _bounds(figure)
        key = (interval, figure.unit, figure.per, figure.date, figure.qualifier, figure.value)
        number = classes.setdefault(key, len(figures))
        if number == len(figures):
            figures.append(figure)
            bounds.append(interval)
            files.append(set())
        files[number].add(record.source_file)
        class_of.append(number)
    # a class of two articles is its own corroboration (unless its figure cannot fit itself)
    whole = [len(f) > 1 and compatible(figure, figure, b, b) for f, figure, b in zip(files, figures, bounds)]
    lone = [next(iter(f)) if len(f) == 1 else None for f in files]  # a class of one article: which
    parent = list(range(len(figures)))
    linked = [False] * len(figures)  # joined to another class
    order = sorted(range(len(figures)), key=lambda i: bounds[i])
    for position, i in enumerate(order):
        i_high, i_file = bounds[i][1], lone[i]
        root_i = i
        while parent[root_i] != root_i:
            root_i = parent[root_i]
        for j in order[position + 1 : position + 1 + SWEEP_WINDOW]:
            if bounds[j][0] > i_high:
                break
            if i_file is not None and lone[j] == i_file:
                continue  # only figures of one article: they do not corroborate each other
            root_j = j
            while parent[root_j] != root_j:
                parent[root_j] = parent[parent[root_j]]  # path halving
                root_j = parent[root_j]
            # already joined: the pair cannot change the components, so skip the comparison
            if root_i != root_j and compatible(figures[i], figures[j], bounds[i], bounds[j]):
                parent[root_i] = root_i = root_j
                linked[i] = linked[j] = True
    components: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, number in enumerate(class_of):
        root = number
        while parent[root] != root:
            root = parent[root]
        # a class of one article joined to nothing: each of its figures stands alone
        components[(root, -1) if linked[number] or whole[number] else (root, i)].append(i)
    return sorted(components.values(), key=lambda c: min(c))
