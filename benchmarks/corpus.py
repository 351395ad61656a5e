"""Synthetic corpus: N articles of about 8 KB made from the seed paragraphs.

Each article gets a title, a date in 2024–2026, and paragraphs drawn from the
five seeds with their figures and company names varied, so that linking has
real work (shared entities, repeated and differing figures).  The same
articles are written three ways: text seeds for xai-digest, Markdown with
metadata for Pelican, and Markdown with front matter for Hugo.

Usage:  python benchmarks/corpus.py N OUT_DIR
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from xai_digest.parse import load_rules, parse_text  # noqa: E402
from xai_digest.read import decode_bytes  # noqa: E402

COMPANIES = ["xAI", "OpenAI", "Anthropic", "Nvidia", "SpaceX", "Microsoft", "Google", "Meta", "Tesla", "Nebius",
             "CoreWeave", "Oracle", "SoftBank", "Mistral AI", "Fluidstack", "IREN", "AMD", "Amazon"]
TARGET_BYTES = 8 * 1024


@dataclass
class Article:
    slug: str
    title: str
    date: str
    paragraphs: list[str]


def seed_paragraphs() -> list[str]:
    rules = load_rules(None)
    paragraphs = []
    for path in sorted((ROOT / "seeds").iterdir()):
        record, _ = parse_text(decode_bytes(path.read_bytes()).text, path.name, rules)
        paragraphs += [p for p in record.paragraphs() if len(p) > 60 and not p.isascii()]
    return paragraphs


def vary(paragraph: str, rng: random.Random) -> str:
    """Swap company names and scale amounts, so figures repeat and differ across articles."""
    for company in ("xAI", "Anthropic", "OpenAI", "SpaceX", "Nvidia"):
        if company in paragraph and rng.random() < 0.5:
            paragraph = paragraph.replace(company, rng.choice(COMPANIES))
    return re.sub(r"(\d+)(億ドル)", lambda m: f"{int(m.group(1)) * rng.choice([1, 1, 1, 2, 3])}{m.group(2)}", paragraph)


def make_articles(n: int, seed: int = 20251008) -> list[Article]:
    rng = random.Random(seed)
    pool = seed_paragraphs()
    articles = []
    for i in range(n):
        company = rng.choice(COMPANIES)
        amount = rng.choice([20, 50, 100, 125, 200, 500])
        title = f"{company}、{amount}億ドル規模の計算資源投資を発表（{i:05d}）"
        date = f"{rng.choice([2024, 2025, 2026])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        paragraphs = [f"{company}は{date[:4]}年{int(date[5:7])}月、約{amount}億ドルの資金調達を発表した。"]
        while sum(len(p.encode()) for p in paragraphs) < TARGET_BYTES:
            paragraphs.append(vary(rng.choice(pool), rng))
        articles.append(Article(f"a{i:05d}", title, date, paragraphs))
    return articles


def write_xai(articles: list[Article], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for a in articles:
        body = "\n\n".join(a.paragraphs)
        (folder / f"{a.slug}.md").write_text(f'---\ntitle: "{a.title}"\ndate: {a.date}\n---\n\n{body}\n', encoding="utf-8")


def write_pelican(articles: list[Article], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for a in articles:
        body = "\n\n".join(a.paragraphs)
        (folder / f"{a.slug}.md").write_text(f"Title: {a.title}\nDate: {a.date}\nSlug: {a.slug}\n\n{body}\n", encoding="utf-8")


def write_hugo(articles: list[Article], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for a in articles:
        body = "\n\n".join(a.paragraphs)
        companies = sorted({c for c in COMPANIES if c in body})[:6]
        keywords = ", ".join(f'"{c}"' for c in companies)
        (folder / f"{a.slug}.md").write_text(
            f'---\ntitle: "{a.title}"\ndate: {a.date}\nkeywords: [{keywords}]\n---\n\n{body}\n', encoding="utf-8"
        )


def main() -> int:
    n, out = int(sys.argv[1]), Path(sys.argv[2])
    articles = make_articles(n)
    write_xai(articles, out / "xai" / "seeds")
    write_pelican(articles, out / "pelican" / "content")
    write_hugo(articles, out / "hugo" / "content" / "posts")
    print(f"wrote {n} articles to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
