"""xai-digest: a static site generator for a Japanese AI-industry news digest."""

__version__ = "0.1.0"
