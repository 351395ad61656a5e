"""Linking time at 1k, 10k and 50k synthetic records (no parsing: records are made directly).

Names follow a Zipf-like law over a pool that grows with the corpus, as a news archive's
does; every record has ~8 entities, ~6 figures and ~10 keywords and a date in 2024-2026.

Usage:  python benchmarks/link_scale.py [--sizes 1000 10000 50000] [--write]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from results import write_section  # noqa: E402
from xai_digest.link import link_records  # noqa: E402
from xai_digest.model import Entity, Figure, Record  # noqa: E402

MEASURES = ["funding", "debt", "revenue", "valuation", "gpus", "spending"]


def zipf_pick(rng: random.Random, pool: int) -> int:
    return min(pool - 1, int(pool ** rng.random()) - 1)


def make_records(n: int, seed: int = 7) -> list[Record]:
    rng = random.Random(seed)
    pool = max(200, n // 4)
    records = []
    for i in range(n):
        names = sorted({f"Org{zipf_pick(rng, pool)}" for _ in range(8)})
        date = f"{rng.choice([2024, 2025, 2026])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        figures = [
            Figure(text="x", unit="USD", value=rng.choice([1, 2, 5, 10, 20, 50, 125, 200]) * 10**8,
                   qualifier=rng.choice(["none", "approx", "max"]), subject=rng.choice(names),
                   measure=rng.choice(MEASURES), date=date[:7])
            for _ in range(6)
        ]
        keywords = [f"kw{zipf_pick(rng, pool * 2)}" for _ in range(10)]
        records.append(Record(id=str(i), source_file=f"{i:06d}.txt", format="plain", title=str(i), date=date,
                              entities=[Entity(name, "organization") for name in names], figures=figures, keywords=keywords))
    return records


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 10000, 50000])
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    rows, times = [], {}
    for n in args.sizes:
        records = make_records(n)
        start = time.perf_counter()
        links = link_records(records)
        seconds = time.perf_counter() - start
        times[n] = seconds
        rows.append(f"| {n:,} | {seconds:.2f} s | {len(links.facts):,} | {len(links.timeline):,} |")
        print(rows[-1], flush=True)
    ratios = [f"{b:,}/{a:,}: {times[b] / times[a]:.1f}x time for {b / a:.0f}x articles" for a, b in zip(args.sizes, args.sizes[1:])]
    table = "\n".join(["| records | link time | facts | timeline events |", "|---|---|---|---|", *rows, "", *[f"- {r}" for r in ratios]])
    print("\n".join(ratios))
    if args.write:
        write_section("link-scale", "Linking scale (`python benchmarks/link_scale.py --write`)", table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
