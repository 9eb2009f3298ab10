"""Static images with Kaleido 1.x driving Debian's Chromium.

The browser is never downloaded: its path is set explicitly (``PII_CHROMIUM``,
else /usr/bin/chromium: :mod:`pii.settings`) and MathJax (a CDN fetch) is off.
One Kaleido server is started on first use and kept warm for the process, so
only the first export pays the browser start-up.
"""

from __future__ import annotations

import atexit
import os
import threading
from dataclasses import dataclass

import plotly.graph_objects as go

from pii import settings

FORMATS = ("png", "svg", "pdf")
MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "csv": "text/csv"}


@dataclass(frozen=True)
class Preset:
    """``width`` × ``height`` CSS px rendered at ``scale``: fonts keep one
    readable size in CSS px and the pixel size comes from the scale."""

    key: str
    width: int
    height: int
    scale: float

    @property
    def pixels(self) -> tuple[int, int]:
        return round(self.width * self.scale), round(self.height * self.scale)


PRESETS: dict[str, Preset] = {
    "slide": Preset("slide", 960, 540, 2),  # 1920×1080
    "social": Preset("social", 720, 720, 1.5),  # 1080×1080
    "link": Preset("link", 800, 420, 1.5),  # 1200×630 (link preview / Open Graph)
    # A4 landscape at 300 dpi is 3508×2480 px; 877×620 CSS px at 4× hits it exactly
    # (1169×827 at 3× gives 3507×2481) and prints 13 px text at about 12 pt.
    "a4": Preset("a4", 877, 620, 4),
}

_lock = threading.Lock()
_started = False
# Kaleido reloads its tab (re-parsing plotly.js) after every image; that reload was ~3/4 of a warm
# export (1.4 s → 0.35 s measured on the busy 2-core machine). The tab is reused and reloaded only
# every RELOAD_EVERY images, to bound page memory, and after any failed export (engine restart).
RELOAD_EVERY = 25


def _reuse_tabs() -> None:
    from kaleido.kaleido import Kaleido

    if getattr(Kaleido, "_pii_reuse_tabs", False):
        return
    reload_and_return = Kaleido._return_kaleido_tab

    async def return_tab(self, tab) -> None:  # type: ignore[no-untyped-def]
        tab._pii_uses = getattr(tab, "_pii_uses", 0) + 1
        if tab._pii_uses % RELOAD_EVERY == 0:
            await reload_and_return(self, tab)
        else:
            await self.tabs_ready.put(tab)

    Kaleido._return_kaleido_tab = return_tab
    Kaleido._pii_reuse_tabs = True




def ensure_engine() -> None:
    """Start the warm Kaleido server once per process (idempotent)."""
    global _started
    if _started:
        return
    import kaleido

    path = settings.chromium_path()
    if not os.path.exists(path):
        raise RuntimeError(f"Chromium not found at {path}; set PII_CHROMIUM (exports never download a browser)")
    # choreographer reads BROWSER_PATH too; set it so no code path goes looking for (or fetching) another browser
    os.environ["BROWSER_PATH"] = path
    _reuse_tabs()
    kaleido.start_sync_server(path=path, mathjax=False, n=1, silence_warnings=True)
    _started = True
    atexit.register(stop_engine)


def stop_engine() -> None:
    global _started
    if _started:
        import kaleido

        kaleido.stop_sync_server(silence_warnings=True)
        _started = False


def to_image(fig: go.Figure, fmt: str = "png", preset: str | Preset = "slide") -> bytes:
    """Render ``fig`` as PNG/SVG/PDF at a preset size (see PRESETS)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown image format {fmt!r}; use one of {FORMATS}")
    p = preset if isinstance(preset, Preset) else PRESETS[preset]
    import kaleido
    import plotly.io as pio

    opts = {"format": fmt, "width": p.width, "height": p.height, "scale": p.scale if fmt == "png" else 1}
    # maps: Kaleido would fetch base-map topojson from a CDN; honour the offline location plotly.io is set to
    extra = {"topojson": pio.defaults.topojson} if pio.defaults.topojson else {}
    with _lock:  # one warm browser tab: exports from several sessions queue here
        ensure_engine()
        try:
            return bytes(kaleido.calc_fig_sync(fig, opts=opts, **extra))
        except Exception:
            stop_engine()  # a failed render may leave the reused tab in a bad state: start clean next time
            raise


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG header (IHDR)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


_warm_thread: threading.Thread | None = None


def warm_up() -> None:
    """Start Chromium in the background (once per process) so the first
    export a user asks for does not wait for the browser start-up."""
    global _warm_thread
    if _started or (_warm_thread is not None and _warm_thread.is_alive()):
        return

    def run() -> None:
        try:
            to_image(go.Figure(go.Bar(x=[1], y=[1])), "svg", "social")
        except Exception:  # noqa: BLE001 — a failed warm-up must not break a page; the real export reports it
            pass

    _warm_thread = threading.Thread(target=run, name="kaleido-warm-up", daemon=True)
    _warm_thread.start()
