"""Allow ``python -m xai_digest``."""

from xai_digest.cli import main

raise SystemExit(main())
