"""What a check of one upload found (the result the page, the CLI and the worker pass around)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from pii.pipeline.problems import ProblemList


@dataclass
class ImportReport:
    """What a check found; ``ok`` means publishing is allowed."""

    file: str
    kind: str
    sha256: str
    rows_in_file: int = 0
    problems: ProblemList = field(default_factory=ProblemList)  # capped: first N, then a count per kind
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    outputs: dict[str, pd.DataFrame] = field(default_factory=dict)  # imports/<name>.csv -> rows to store
    tables: dict[str, pd.DataFrame] | None = None
    seconds: float = 0.0
    how: dict = field(default_factory=dict)  # how the file was read (pii.pipeline.preview.how_lines)
    figures: pd.DataFrame | None = None  # every figure read, matched and compared (preview)
    checks: list[tuple[str, str]] = field(default_factory=list)  # (vi, en) lines: what the checks compared
    sources_changed: int = 0  # figures whose value stays but whose source changes (counted in ``changed``)
    worker: object | None = None  # pii.pipeline.sandbox.WorkerStats when checked in the worker process

    @property
    def ok(self) -> bool:
        return not self.problems and self.tables is not None

    @property
    def problem_count(self) -> int:
        return self.problems.total if isinstance(self.problems, ProblemList) else len(self.problems)

    def problem_frame(self, lang: str = "vi") -> pd.DataFrame:
        msg = "message_vi" if lang == "vi" else "message_en"
        shown = self.problems.summary() if isinstance(self.problems, ProblemList) else self.problems
        return pd.DataFrame([{"file": p.file, "row": p.row, "column": p.column, "message": getattr(p, msg),
                              "value": p.value} for p in shown],
                            columns=["file", "row", "column", "message", "value"])
