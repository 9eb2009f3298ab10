"""Streamlit's own scripts and styles sent pre-compressed (issue 21).

Streamlit 1.67 leaves its static bundles uncompressed (compressing them per request costs the worker CPU; its
comment says a reverse proxy should). HAProxy compresses them (scripts/serve_cluster.py), but Debian 12's
HAProxy has only libslz's fast gzip: Plotly's 4.7 MB chart bundle becomes 2.2 MB, where ``gzip -9`` gives 1.4 MB and
brotli (quality 11) 1.06 MB, and a phone on "Fast 3G" pays every byte. The bundles are content-hashed and
immutable, so each is compressed once, at the best level, and kept on disk:

- a request for ``/static/js/*.js`` or ``/static/css/*.css`` whose ``Accept-Encoding`` takes ``br`` (or ``gzip``)
  gets the stored ``.br`` (or ``.gz``) file with ``Content-Encoding`` set and Streamlit's cache lifetime
  (``public, immutable, max-age=1 year``); HAProxy passes an encoded response through untouched;
- a bundle not stored yet is sent as before (HAProxy gzips it) and queued: one background process at the lowest
  CPU priority (``nice 19``) writes ``.gz`` then ``.br`` for the queued files (atomically: the two workers share
  the folder), so the next visitor gets them.

``install(cache_dir)`` wraps Streamlit's static handler (scripts/serve.py calls it before the server starts).
``python scripts/precompressed.py SRC DEST_BASE [SRC DEST_BASE ...]`` is the background compressor.
"""

from __future__ import annotations

import gzip
import mimetypes
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Any, Any], Awaitable[None]]

# the hashed bundles (Streamlit marks them immutable); fonts (woff2) and images are compressed already
PREFIXES = ("static/js/", "static/css/")
SUFFIXES = (".js", ".css")
MIN_BYTES = 1024  # below this the headers cost more than compression saves
IMMUTABLE = "public, immutable, max-age=31536000"  # Streamlit's lifetime for hashed static files
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))  # preferred first


def accepted_encodings(header: str) -> set[str]:
    """Codings an ``Accept-Encoding`` header takes (``q=0`` refuses one)."""
    out = set()
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        q = params.strip()
        if q.startswith("q=") and q[2:].strip() in ("0", "0.0", "0.00", "0.000"):
            continue
        if name.strip():
            out.add(name.strip().lower())
    return out


def compress_file(src: Path, dest_base: Path) -> None:
    """Write ``dest_base.gz`` (gzip -9) and ``dest_base.br`` (brotli 11, if the brotli package is installed),
    each through a temporary name so a reader never sees half a file."""
    data = src.read_bytes()
    dest_base.parent.mkdir(parents=True, exist_ok=True)
    outputs: list[tuple[str, Callable[[bytes], bytes]]] = [(".gz", lambda d: gzip.compress(d, 9, mtime=0))]
    try:
        import brotli

        outputs.append((".br", lambda d: brotli.compress(d, quality=11)))
    except ImportError:  # gzip alone still beats the proxy's fast gzip
        pass
    for ext, fn in outputs:
        target = dest_base.with_name(dest_base.name + ext)
        if target.exists():
            continue
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        tmp.write_bytes(fn(data))
        os.replace(tmp, target)


class PrecompressedStatic:
    """ASGI wrapper around Streamlit's static files (see the module docstring)."""

    def __init__(self, app: ASGIApp, static_dir: Path, cache_dir: Path, background: bool = True) -> None:
        self.app, self.static_dir, self.cache_dir = app, static_dir.resolve(), cache_dir
        self.background = background
        self._queued: set[str] = set()
        self._queue: queue.Queue[tuple[Path, Path]] = queue.Queue()
        self._thread: threading.Thread | None = None

    def _dest(self, rel: str) -> Path:
        return self.cache_dir / rel

    def _source(self, rel: str) -> Path | None:
        if not rel.startswith(PREFIXES) or not rel.endswith(SUFFIXES) or ".." in rel.split("/"):
            return None
        src = (self.static_dir / rel).resolve()
        if self.static_dir not in src.parents or not src.is_file() or src.stat().st_size < MIN_BYTES:
            return None
        return src

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        from starlette._utils import get_route_path

        rel = get_route_path(scope).lstrip("/")
        src = self._source(rel)
        if src is None:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        accepted = accepted_encodings(headers.get("accept-encoding", ""))
        for enc, ext in ENCODINGS:
            stored = self._dest(rel).with_name(self._dest(rel).name + ext)
            if enc in accepted and stored.is_file():
                from starlette.responses import FileResponse

                media = mimetypes.guess_type(src.name)[0] or "application/octet-stream"
                if media.startswith("text/") or media.endswith("javascript"):
                    media += "; charset=utf-8"
                resp = FileResponse(stored, media_type=media, headers={
                    "Content-Encoding": enc, "Cache-Control": IMMUTABLE, "Vary": "Accept-Encoding"})
                await resp(scope, receive, send)
                return
        self.schedule(src, rel)
        await self.app(scope, receive, send)

    def schedule(self, src: Path, rel: str) -> None:
        """Queue ``rel`` for the background compressor (once per process)."""
        if rel in self._queued or not self.background:
            return
        self._queued.add(rel)
        self._queue.put((src, self._dest(rel)))
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="precompress", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        """Hand what was queued to one niced child process at a time (the worker's event loop and scripts
        keep the CPU; the GIL is not held while brotli works)."""
        while True:
            batch = [self._queue.get()]
            threading.Event().wait(1.0)  # a page asks for ~100 bundles at once: one child for them all
            while not self._queue.empty():
                batch.append(self._queue.get_nowait())
            args = [str(x) for pair in batch for x in pair]
            try:
                subprocess.run(["nice", "-n", "19", sys.executable, __file__, *args], check=False,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=1800)
            except (OSError, subprocess.TimeoutExpired):
                pass  # the files stay uncompressed here; HAProxy still gzips them


def cache_dir() -> Path:
    """Where the compressed bundles live: ``PII_STATIC_CACHE`` or ~/.cache/pii/static/<streamlit version>."""
    import streamlit

    raw = os.environ.get("PII_STATIC_CACHE")
    return Path(raw) if raw else Path.home() / ".cache" / "pii" / "static" / streamlit.__version__


def install(cache: Path | None = None) -> None:
    """Wrap Streamlit's static handler (call before the server starts)."""
    from streamlit.web.server.starlette import starlette_static_routes as routes

    original = routes.create_streamlit_static_handler
    target = cache or cache_dir()

    def handler(directory: str, base_url: str | None) -> Any:
        return PrecompressedStatic(original(directory=directory, base_url=base_url), Path(directory), target)

    routes.create_streamlit_static_handler = handler


if __name__ == "__main__":
    pairs = sys.argv[1:]
    for i in range(0, len(pairs) - 1, 2):
        try:
            compress_file(Path(pairs[i]), Path(pairs[i + 1]))
        except OSError:
            continue
