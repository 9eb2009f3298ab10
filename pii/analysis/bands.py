"""Rank bands: where a rank sits among the N units ranked in an edition.

For 63 units the bands are 1–10, 11–30, 31–50, 51–63 (the issue's spec). For
any other N (34 merged units from PII 2025) the upper edges scale
proportionally: edge_k(N) = round(edge_k(63) * N / 63), so each band keeps the
same share of the field. For N = 34 that gives 1–5, 6–16, 17–27, 28–34. Edges
are forced strictly increasing so a tiny N never yields an empty band.
"""

from __future__ import annotations

from pii.fmt import is_missing
from pii.i18n import t

BASE_N = 63
BASE_EDGES = (10, 30, 50)  # upper edges of bands 0..2; band 3 ends at N
N_BANDS = 4
STRONG, FAIR, MIDDLE, WEAK = range(N_BANDS)


def band_edges(n: int) -> tuple[int, int, int, int]:
    """Upper rank of each band (the last is ``n``)."""
    n = int(n)
    if n < N_BANDS:
        raise ValueError(f"need at least {N_BANDS} ranked units for rank bands, got {n}")
    edges: list[int] = []
    for e in BASE_EDGES:
        # half-up rounding, not Python's banker's rounding, so the rule is the one written above
        edge = int(e * n / BASE_N + 0.5)
        edge = max(edge, (edges[-1] + 1) if edges else 1)
        edges.append(min(edge, n - (N_BANDS - 1 - len(edges))))
    return (*edges, n)  # type: ignore[return-value]


def band_ranges(n: int) -> list[tuple[int, int]]:
    """(first, last) rank of each band, best band first."""
    edges = band_edges(n)
    starts = (1, edges[0] + 1, edges[1] + 1, edges[2] + 1)
    return list(zip(starts, edges))


def band_of(rank: object, n: object) -> int | None:
    """Band index 0 (best) … 3 (worst) of ``rank`` among ``n`` units; None if
    either is missing (a missing rank has no band, it is never the worst)."""
    if is_missing(rank) or is_missing(n):
        return None
    r, n_ = int(rank), int(n)  # type: ignore[arg-type]
    if not 1 <= r <= n_:
        raise ValueError(f"rank {r} is outside 1..{n_}")
    for i, edge in enumerate(band_edges(n_)):
        if r <= edge:
            return i
    raise AssertionError("unreachable")


def band_name(band: int, lang: str = "vi") -> str:
    """Short name of a band: strong / fairly strong / middle / weak."""
    return t(f"band_{band}", lang)


def band_label(band: int, n: int, lang: str = "vi") -> str:
    """Name with the rank range, e.g. "Mạnh (1–10)"."""
    lo, hi = band_ranges(n)[band]
    return t("band_label", lang, name=band_name(band, lang), lo=lo, hi=hi)
