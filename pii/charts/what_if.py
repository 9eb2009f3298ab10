"""What-if figures: PII change by pillar (waterfall) and leverage bars."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from pii import fmt
from pii.charts.responsive import responsive
from pii.charts.theme import FOCUS, NEUTRAL, PEER, REFERENCE, apply_theme
from pii.i18n import t


def pillar_waterfall(contrib: pd.DataFrame, base: float, new: float, lang: str = "vi",
                     title: str | None = None) -> go.Figure:
    """Published (recomputed) PII, each pillar's contribution to the change, simulated PII."""
    known = contrib.dropna(subset=["pii_delta"])
    x = [t("wi_waterfall_base", lang)] + known["code"].tolist() + [t("wi_waterfall_new", lang)]
    y = [base] + known["pii_delta"].tolist() + [new]
    measure = ["absolute"] + ["relative"] * len(known) + ["total"]
    text = [fmt.number(base, lang)] + [fmt.number(v, lang, signed=True) if abs(v) > 1e-12 else "0"
                                      for v in known["pii_delta"]] + [fmt.number(new, lang)]
    fig = go.Figure(go.Waterfall(
        x=x, y=y, measure=measure, text=text, textposition="outside", cliponaxis=False,
        # the two totals are the focus province's PII (focus colour); the steps between are context
        increasing=dict(marker=dict(color=NEUTRAL)), decreasing=dict(marker=dict(color=REFERENCE)),
        totals=dict(marker=dict(color=FOCUS)), connector=dict(line=dict(color=NEUTRAL, width=1)),
        hovertemplate="%{x}: %{text}<extra></extra>",
    ))
    lo = min(base, new) - max(0.5, abs(new - base))
    hi = max(base, new) + max(0.5, abs(new - base))
    apply_theme(fig, lang, title, height=340)
    # zoomed to the change so a gain of 0,3 point shows; the axis title says it does not start at 0
    fig.update_yaxes(range=[max(0.0, lo), min(100.0, hi) + 0.3],
                     title=t("ex_axis_not_zero_short" if lo > 0 else "score", lang))
    fig.update_layout(showlegend=False)
    fig.update_xaxes(tickangle=0, tickfont=dict(size=11))  # codes stay level: rotated they collapsed at 390 px
    return responsive(fig, legend_below=False)


def leverage_bars(df: pd.DataFrame, value_col: str, lang: str = "vi", title: str | None = None,
                  names: dict[str, str] | None = None) -> go.Figure:
    """Horizontal bars of PII gain per indicator (largest at the top)."""
    d = df.dropna(subset=[value_col]).head(10).iloc[::-1]
    names = names or {}
    labels = [f"{c} {_short(names.get(c, ''))}".strip() for c in d["code"]]
    text = [fmt.number(v, lang, decimals=3) for v in d[value_col]]
    fig = go.Figure(go.Bar(x=d[value_col].tolist(), y=labels, orientation="h", marker_color=PEER,
                           text=text, textposition="outside", cliponaxis=False,
                           hovertemplate="%{y}: %{text}<extra></extra>"))
    apply_theme(fig, lang, title, height=40 * len(d) + 90)
    top = float(d[value_col].max()) if len(d) else 1.0
    fig.update_xaxes(range=[0, top * 1.25], title=t("wi_col_gain", lang), tickformat=",.2f")
    fig.update_yaxes(automargin=True)
    fig.update_layout(showlegend=False)
    return fig


def _short(text: str, n: int = 42) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
