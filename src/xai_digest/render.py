"""Stage 5 — render: records and links to ``site/`` through Jinja templates.

Templates come from the project's ``templates/`` folder first and the ones
shipped with the package second, so a site's look is changed by copying one
template and editing it.  Autoescape is on for every template; nothing from a
seed is marked safe.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape

from xai_digest.link import Links
from xai_digest.model import Record
from xai_digest.output import SiteWriter
from xai_digest.parse.dates import japanese_date

PACKAGE_TEMPLATES = Path(str(resources.files("xai_digest").joinpath("templates")))


def make_environment(templates_dir: Path | None) -> Environment:
    loaders = []
    if templates_dir is not None and templates_dir.is_dir():
        loaders.append(FileSystemLoader(str(templates_dir)))
    loaders.append(FileSystemLoader(str(PACKAGE_TEMPLATES)))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["ja_date"] = japanese_date
    return env


def dump_json(data: Any) -> str:
    """Deterministic, readable JSON: UTF-8 text, sorted nothing (field order is the schema's)."""
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


def render_site(records: list[Record], links: Links, writer: SiteWriter, env: Environment, site: dict[str, Any]) -> None:
    """Write every page and data file of the site into ``writer``."""
    ordered = sort_newest_first(records)
    common = {"site": site}
    writer.write_text("index.html", env.get_template("index.html").render(records=ordered, root="./", **common))
    article = env.get_template("article.html")
    for record in ordered:
        writer.write_text(
            f"articles/{record.slug}/index.html",
            article.render(record=record, root="../../", **common),
        )
    writer.write_text("data/articles.json", dump_json([r.to_dict() for r in records]))
    writer.write_text("data/facts.json", dump_json([public_fact(f) for f in links.facts]))
    writer.write_text("data/entities.json", dump_json(links.entities))
    writer.write_text("data/timeline.json", dump_json(links.timeline))
    writer.write_text("data/clusters.json", dump_json(links.clusters))
    css, _, _ = env.loader.get_source(env, "static/style.css")
    writer.write_text("static/style.css", css)
