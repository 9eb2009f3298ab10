"""What building a view gives: the figure, its finding title, subtitle, alt text, notes and sources
(issue 20: its own module, below both view registries, so pii.views and pii.chart_views import it and not
each other)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go


@dataclass
class ViewResult:
    view_id: str
    fig: go.Figure
    title: str
    subtitle: str
    finding: str
    notes: list[str]
    sources: list[str]  # source ids, most-cited first
    table: pd.DataFrame | None = None  # a table view: PPTX draws it as a native table
    note: str | None = None  # footer note printed above the source line (legend of symbols)
    # ``title`` states the finding (issue 15: "Thái Nguyên xếp thứ 10/63, dẫn đầu vùng; …"),
    # ``subtitle`` says what / where / when; ``finding`` is the alt text with the numbers
