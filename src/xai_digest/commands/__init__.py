"""Thin command layer over the pipeline: each module has ``add_parser`` and ``run``."""
