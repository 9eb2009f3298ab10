"""The demo generator's constants and its one error (every step imports them)."""

from __future__ import annotations

DEMO_SOURCE_ID = "demo_synthetic"
DEMO_TITLE = "DỮ LIỆU MINH HỌA / ILLUSTRATIVE DATA"
MARGIN = 0.001  # smallest gap kept around a unit whose rank is published
DECIMALS = 4  # synthetic values keep 4 decimals so interpolation never collapses into ties
PUBLISHED_FILES = ("published_scores.csv", "scores_plan152.csv")
IMPORTS_DIR = "imports"
DEMO_VERSION = "4"  # bump when the generator changes, so cached demo folders are rewritten
ATTEMPTS = 12  # orderings tried per edition before giving up (most seeds need one or two)


class DemoInconsistent(RuntimeError):
    """The generator could not honour a published figure (never silently)."""
