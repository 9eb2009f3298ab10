"""Benchmark of the exports (a script, not a test):

    .venv/bin/python tests/bench/bench_export.py [--runs 10]

Measures, on the shipped data (Thái Nguyên, PII 2023):
- cold start: first PNG export (starts Debian's Chromium through Kaleido);
- warm PNG export time per preset, median of ``--runs`` (decorate + render);
- warm SVG and PDF export (slide size), median;
- leadership pack build time as PPTX and as PDF (views + images + file);
- peak memory: Python heap (tracemalloc) and the process RSS + Chromium
  children's PSS (psutil), sampled every 0.2 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
import tracemalloc
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pii.export import PRESETS, decorate, source_line, to_image  # noqa: E402
from pii.export.image import stop_engine  # noqa: E402
from pii.export.packs import build_pack, leadership_items  # noqa: E402
from pii.export.pdf_pack import pdf_bytes  # noqa: E402
from pii.export.pptx_pack import pptx_bytes  # noqa: E402
from pii.panels.registry import build_view  # noqa: E402
from queries import PiiDB  # noqa: E402


def _pss(p: psutil.Process) -> int:
    try:
        return int(getattr(p.memory_full_info(), "pss", 0)) or p.memory_info().rss
    except psutil.AccessDenied:
        return p.memory_info().rss


class RssSampler:
    """Peak RSS of this process plus its children (the Chromium processes)."""

    def __init__(self) -> None:
        self.peak_self = 0
        self.peak_total = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            try:
                own = me.memory_info().rss
                # PSS for Chromium: its processes share most pages, so summing RSS would count them many times
                kids = sum(_pss(c) for c in me.children(recursive=True))
            except psutil.Error:
                continue
            self.peak_self = max(self.peak_self, own)
            self.peak_total = max(self.peak_total, own + kids)
            time.sleep(0.2)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def cpu_seconds() -> float:
    """CPU time of this process and its live children (Chromium): a measure
    that a busy machine inflates far less than wall time."""
    me = psutil.Process()
    total = sum(me.cpu_times()[:2])
    for c in me.children(recursive=True):
        try:
            total += sum(c.cpu_times()[:2])
        except psutil.Error:
            pass
    return total


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    tracemalloc.start()
    with RssSampler() as rss:
        db = PiiDB()
        r = build_view("overview", db, 2023, "thai_nguyen", "tdmnpb", "vi")
        line = source_line(2023, db.sources(r.sources), "vi", r.sources)

        def export(fmt: str, preset: str) -> bytes:
            p = PRESETS[preset]
            fig = decorate(r.fig, r.title, r.subtitle, line, None, "vi", width=p.width, height=p.height)
            return to_image(fig, fmt, preset)

        t0 = time.perf_counter()
        export("png", "slide")
        cold = time.perf_counter() - t0
        print(f"cold first PNG (Chromium start + render): {cold:.2f} s")
        for preset in PRESETS:
            cpu0 = cpu_seconds()
            times = timed(lambda p=preset: export("png", p), args.runs)
            cpu = (cpu_seconds() - cpu0) / args.runs
            px = PRESETS[preset].pixels
            print(f"warm PNG {preset:<6} {px[0]}×{px[1]}: median {statistics.median(times) * 1000:.0f} ms "
                  f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}, n={args.runs}); "
                  f"CPU {cpu * 1000:.0f} ms per export (Python + Chromium)")
        for fmt in ("svg", "pdf"):
            times = timed(lambda f=fmt: export(f, "slide"), args.runs)
            print(f"warm {fmt.upper()} slide: median {statistics.median(times) * 1000:.0f} ms (n={args.runs})")

        items = leadership_items(2023, "thai_nguyen")
        runs = max(3, args.runs // 3)
        times, size = [], 0
        cpu0 = cpu_seconds()
        for _ in range(runs):
            t0 = time.perf_counter()
            data = pptx_bytes(build_pack(items, db, "vi"))
            times.append(time.perf_counter() - t0)
            size = len(data)
        print(f"leadership pack PPTX (6 slides, {size / 1e6:.2f} MB): median {statistics.median(times):.2f} s "
              f"(min {min(times):.2f}, n={runs}); CPU {(cpu_seconds() - cpu0) / runs:.2f} s per pack")
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            data = pdf_bytes(build_pack(items, db, "vi"))
            times.append(time.perf_counter() - t0)
        print(f"leadership pack PDF (6 pages, {len(data) / 1e6:.2f} MB): median {statistics.median(times):.2f} s "
              f"(n={runs})")
    stop_engine()
    _, heap_peak = tracemalloc.get_traced_memory()
    print(f"peak Python heap (tracemalloc): {heap_peak / 1e6:.0f} MB")
    print(f"load average at the end: {', '.join(f'{x:.1f}' for x in psutil.getloadavg())} on {psutil.cpu_count()} CPUs")
    print(f"peak RSS of this process {rss.peak_self / 1e6:.0f} MB; plus Chromium children (PSS) "
          f"{rss.peak_total / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
