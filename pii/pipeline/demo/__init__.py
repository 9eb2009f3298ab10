"""Deterministic synthetic dataset for tests, benchmarks and the app's demo mode.

Every figure that is published (``published_scores.csv``, ``scores_plan152.csv``,
published region averages) is kept verbatim with its own source; every other
score and rank is synthetic and carries the source ``demo_synthetic``. The
synthetic rows go through the same build and checks as real data, so the demo
set is as valid as the shipped one.

How consistency with the published figures is reached, per edition:

1. Desired values: each unit gets a latent strength (from its published PII
   where known); indicators are drawn around it and every aggregate is the
   mean of its children, so the desired set is already consistent.
2. Per code, an ordering of all units: units with a published rank sit exactly
   at that rank, units with a published score are placed so published scores
   decrease down the ranking, the rest follow their desired values. Units
   without a published score get values interpolated between published ones.
3. Top down (PII -> sub-indices -> pillars -> indices -> indicators), the free
   children of every node are shifted together ("water-filling") so their mean
   equals the parent exactly, without crossing any unit whose rank is published
   and without leaving the range their own published descendants allow.
4. Ranks are computed from the final scores (1 = best; equal scores share the
   better rank) and checked against every published rank; any mismatch raises
   :class:`DemoInconsistent` instead of shipping a wrong demo.

For PII 2025 the 18 index groups are not loaded, so pillars are not tied to
indicators: PII/INPUT/OUTPUT/pillars are made consistent, indicators are drawn
per code (still honouring published 2025 indicator ranks).

Published region averages and region ranks are kept verbatim in their tables;
the synthetic PII of units without a published PII is steered towards them
(within the room the published national ranks leave). What cannot be met is
listed in ``notes`` (with the shipped data and seed 2023: the 2023 averages of
all six regions and the 2024 averages of two, Tuyên Quang's 2023 and Cà Mau's
2024 region rank, each off by one place).

Steps, one module each: ``base`` (constants, the error), ``tree`` (the framework tree, water-filling),
``ordering`` (step 2), ``edition`` (steps 1–4 for one edition), ``steering`` (repairs, region figures),
``dataset`` (every edition, the sources folder), ``install`` (install once, read after; the CLI).
"""

from pii.pipeline.demo.base import DEMO_SOURCE_ID, DEMO_TITLE, DemoInconsistent
from pii.pipeline.demo.dataset import demo_source_row, generate_tables, synthetic_rows, write_sources
from pii.pipeline.demo.edition import generate_edition
from pii.pipeline.demo.install import ensure_demo, installed_demo, main, write_demo

__all__ = ["DEMO_SOURCE_ID", "DEMO_TITLE", "DemoInconsistent", "demo_source_row", "ensure_demo", "generate_edition",
           "generate_tables", "installed_demo", "main", "synthetic_rows", "write_demo", "write_sources"]
