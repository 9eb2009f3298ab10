"""Streamlit's hashed bundles sent pre-compressed (scripts/precompressed.py, issue 21): a bundle not stored yet goes
out as before and is queued; once stored, a browser that takes brotli gets the .br file (gzip the .gz), decoding to
the same bytes, with Streamlit's year-long immutable cache lifetime."""

from __future__ import annotations

import asyncio
import gzip
import sys
from pathlib import Path
from typing import Any

import brotli

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import precompressed  # noqa: E402


def _call(app: Any, path: str, accept: str) -> tuple[int, dict[str, str], bytes]:
    scope = {"type": "http", "method": "GET", "path": path, "root_path": "", "query_string": b"",
             "headers": [(b"accept-encoding", accept.encode())], "http_version": "1.1", "scheme": "http",
             "server": ("t", 80)}
    out: dict[str, Any] = {"body": b""}

    first = [True]

    async def receive() -> dict[str, Any]:
        if first.pop() if first else False:
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.sleep(3600)  # the client stays connected (Starlette listens for a disconnect)
        return {"type": "http.disconnect"}

    async def send(msg: dict[str, Any]) -> None:
        if msg["type"] == "http.response.start":
            out["status"] = msg["status"]
            out["headers"] = {k.decode().lower(): v.decode() for k, v in msg["headers"]}
        else:
            out["body"] += msg.get("body", b"")

    asyncio.run(app(scope, receive, send))
    return out["status"], out["headers"], out["body"]


async def _plain(scope: Any, receive: Any, send: Any) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/javascript")]})
    await send({"type": "http.response.body", "body": b"PLAIN"})


def test_stored_bundle_is_sent_compressed_with_the_immutable_lifetime(tmp_path: Path) -> None:
    static = tmp_path / "static"
    js = static / "static" / "js" / "PlotlyChart.abc123.js"
    js.parent.mkdir(parents=True)
    source = b"var plotly = {" + b"'trace': 1, " * 5000 + b"};"
    js.write_bytes(source)
    app = precompressed.PrecompressedStatic(_plain, static, tmp_path / "cache", background=False)
    # not stored yet: Streamlit's own answer (HAProxy gzips it)
    assert _call(app, "/static/js/PlotlyChart.abc123.js", "gzip, br")[2] == b"PLAIN"
    precompressed.compress_file(js, tmp_path / "cache" / "static" / "js" / "PlotlyChart.abc123.js")
    status, headers, body = _call(app, "/static/js/PlotlyChart.abc123.js", "gzip, deflate, br, zstd")
    assert status == 200 and headers["content-encoding"] == "br"
    assert brotli.decompress(body) == source and len(body) < len(source) / 20
    assert headers["cache-control"] == "public, immutable, max-age=31536000"
    assert headers["content-type"].startswith("text/javascript") and headers["vary"] == "Accept-Encoding"
    status, headers, body = _call(app, "/static/js/PlotlyChart.abc123.js", "gzip")
    assert headers["content-encoding"] == "gzip" and gzip.decompress(body) == source
    # a client that takes neither, a refused coding, a path outside the bundles: untouched
    assert _call(app, "/static/js/PlotlyChart.abc123.js", "identity")[2] == b"PLAIN"
    assert _call(app, "/static/js/PlotlyChart.abc123.js", "br;q=0, gzip;q=0")[2] == b"PLAIN"
    assert _call(app, "/static/js/../js/PlotlyChart.abc123.js", "br")[2] == b"PLAIN"
    assert _call(app, "/", "br")[2] == b"PLAIN"


def test_accept_encoding_parsing() -> None:
    assert precompressed.accepted_encodings("gzip, deflate, br, zstd") == {"gzip", "deflate", "br", "zstd"}
    assert precompressed.accepted_encodings("br;q=0, gzip;q=0.5") == {"gzip"}
    assert precompressed.accepted_encodings("") == set()
