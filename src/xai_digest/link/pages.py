"""Story clusters, the timeline and entity pages' data."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from xai_digest.link.facts import figure_member
from xai_digest.model import Record


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


def timeline(records: list[Record]) -> list[dict[str, Any]]:
    """Every record's dated events (found by the analyzer), in date order, with their source."""
    events = [{**event, "source_file": record.source_file} for record in records for event in record.events]
    events.sort(key=lambda e: (e["date"], e["source_file"], e["text"]))
    return events


def entity_pages(records: list[Record], events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per canonical entity: kind, articles, figures about it, events naming it.

    Its articles are those that name it and those with a figure about it (a figure about
    Colossus 2 is its family's, Colossus, in an article that may never name Colossus alone),
    so the count a reader sees agrees with the figure table.  Entities are gathered from every
    record first: a figure's article may come before the first article naming its subject.
    """
    pages: dict[str, dict[str, Any]] = {}
    for record in records:
        for entity in record.entities:  # names are unique within a record (analyze merges aliases)
            page = pages.setdefault(entity.name, {"name": entity.name, "kind": entity.kind, "articles": [], "figures": [], "events": []})
            page["articles"].append(record.source_file)
    unnamed: dict[str, set[str]] = defaultdict(set)  # entity → articles with a figure about it that do not name it
    for record in records:
        named = {entity.name for entity in record.entities}
        for index, figure in enumerate(record.figures):
            page = pages.get(figure.subject or "")
            if page is not None:
                page["figures"].append(figure_member(record, index, figure) | {"unit": figure.unit, "per": figure.per, "measure": figure.measure})
                if figure.subject not in named:
                    unnamed[page["name"]].add(record.source_file)
    order = {record.source_file: position for position, record in enumerate(records)}
    for name, files in unnamed.items():
        pages[name]["articles"] = sorted([*pages[name]["articles"], *files], key=order.__getitem__)
    for event in events:
        for name in event["entities"]:
            if name in pages:
                pages[name]["events"].append(event)
    return sorted(pages.values(), key=lambda p: (-len(p["articles"]), p["name"]))
