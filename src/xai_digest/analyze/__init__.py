"""Stage 3 — analyze: a parsed record gets figures, entities, quotes, sources,
keywords and reading time (``analyzer.Analyzer``).

The package itself imports nothing: parsing borrows ``sentences`` from it, and
a build with nothing to analyse (no change, or every record cached) should not
pay for loading fugashi and compiling the figure patterns.
"""
