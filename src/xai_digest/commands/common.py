"""Helpers shared by the commands: report printing and exit codes."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from xai_digest.model import Report


def print_reports(reports: Iterable[Report], quiet: bool = False) -> int:
    """Print each report to stderr as ``file:line: level: message``; return the count."""
    count = 0
    for report in reports:
        count += 1
        if not quiet or report.level == "error":
            print(f"{report}" if report.level == "warning" else f"{report} [error]", file=sys.stderr)
    return count


def exit_code(reports: list[Report], strict: bool) -> int:
    """0 unless --strict and anything was reported (1)."""
    return 1 if strict and reports else 0
