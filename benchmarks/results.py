"""Writing one marked section of benchmarks/RESULTS.md, leaving the others alone."""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def write_section(name: str, heading: str, body: str) -> None:
    """Replace the ``<!-- name:start -->…<!-- name:end -->`` block, or append it under ``heading``."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = RESULTS.read_text("utf-8") if RESULTS.exists() else "# Benchmark results\n"
    section = f"{start}\n{body}\n{end}"
    if start in text:
        before, rest = text.split(start, 1)
        text = before + section + rest.split(end, 1)[1]
    else:
        text += f"\n## {heading}\n\n{section}\n"
    RESULTS.write_text(text, "utf-8")
