"""Where the data lives (the folder itself is a setting: :mod:`pii.settings`)."""

from __future__ import annotations

from pathlib import Path

from pii.settings import REPO_ROOT, SHIPPED_DATA_DIR, data_dir

__all__ = ["OPTIONAL_TABLES", "REPO_ROOT", "SHIPPED_DATA_DIR", "TABLES", "data_dir", "sources_dir"]

# The list of tables (issue 20: one place): what the build writes as parquet and what the queries read.
TABLES = (
    "editions", "regions", "provinces", "province_members", "province_aliases", "framework",
    "crosswalk", "scores", "sources", "region_averages", "region_ranks", "units", "plans",
    "plan_assignments", "plan_actions", "targets", "peer_groups", "peer_group_members", "unit_successors",
    "checklists",
)
# added after the first data folders were written: the queries create them empty when a folder predates them
OPTIONAL_TABLES = ("checklists", "unit_successors")


def sources_dir(base: Path | None = None) -> Path:
    return (base or data_dir()) / "sources"
