"""Figure extraction quality: precision and recall.

* On the five seeds, against tests/fixtures/gold.yaml (a recall list: only recall
  is meaningful there, since the gold does not list every number).
* On benchmarks/articles/, against benchmarks/annotations.yaml (exhaustive: both).

Usage:  python benchmarks/extraction.py [--write]   (--write updates RESULTS.md's section)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from results import write_section  # noqa: E402
from xai_digest.pipeline import Project, load_records  # noqa: E402



def key(figure) -> tuple:
    if isinstance(figure, dict):
        return (figure["unit"], figure.get("value"), figure.get("low"), figure.get("high"))
    return (figure.unit, figure.value, figure.low, figure.high)


def score(found: list, expected: list[dict]) -> dict:
    remaining = [key(f) for f in found]
    tp = 0
    attrs_ok = attrs_total = 0
    for gold in expected:
        k = key(gold)
        if k in remaining:
            remaining.remove(k)
            tp += 1
            match = next(f for f in found if key(f) == k)
            for attr in ("qualifier", "per"):
                attrs_total += 1
                attrs_ok += getattr(match, attr) == gold.get(attr, "none" if attr == "qualifier" else None)
    return {"tp": tp, "found": len(found), "expected": len(expected), "attrs_ok": attrs_ok, "attrs_total": attrs_total}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    gold = yaml.safe_load((ROOT / "tests/fixtures/gold.yaml").read_text("utf-8"))
    seeds = {r.source_file: r for r in load_records(Project(ROOT / "seeds", ROOT / "content")).records}
    seed_rows = []
    for name, g in gold["seeds"].items():
        s = score(seeds[name].figures, g.get("figures", []))
        seed_rows.append((name, s))
    annotations = yaml.safe_load((ROOT / "benchmarks/annotations.yaml").read_text("utf-8"))["articles"]
    folder = ROOT / "benchmarks/articles"
    files = [folder / name for name in annotations]
    own = {r.source_file: r for r in load_records(Project(folder, ROOT / "content"), files=files).records}
    own_rows = [(name, score(own[name].figures, expected)) for name, expected in annotations.items()]

    lines = ["| set | article | gold figures | extracted | matched | precision | recall | qualifier+per right |", "|---|---|---|---|---|---|---|---|"]

    def add(label, name, s, with_precision):
        precision = f"{s['tp'] / s['found']:.2f}" if with_precision and s["found"] else "n/a"
        recall = f"{s['tp'] / s['expected']:.2f}" if s["expected"] else "n/a"
        attrs = f"{s['attrs_ok']}/{s['attrs_total']}"
        lines.append(f"| {label} | {name} | {s['expected']} | {s['found']} | {s['tp']} | {precision} | {recall} | {attrs} |")

    def total(rows):
        return {k: sum(s[k] for _, s in rows) for k in ("tp", "found", "expected", "attrs_ok", "attrs_total")}

    for name, s in seed_rows:
        add("seeds (recall list)", name, s, False)
    add("seeds (recall list)", "**all five**", total(seed_rows), False)
    for name, s in own_rows:
        add("own (exhaustive)", name, s, True)
    add("own (exhaustive)", "**all**", total(own_rows), True)
    table = "\n".join(lines)
    print(table)
    if args.write:
        write_section("extraction", "Figure extraction (`python benchmarks/extraction.py --write`)", table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
