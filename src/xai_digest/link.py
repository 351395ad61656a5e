"""Stage 4 — link: records to cross-article links (facts, related, entities, timeline)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from xai_digest.model import Record


@dataclass
class Links:
    facts: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    clusters: list[list[str]] = field(default_factory=list)


def link_records(records: list[Record]) -> Links:
    return Links()
