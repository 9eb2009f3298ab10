"""The multi-process server (scripts/serve_cluster.py, README command 1): two
Streamlit workers behind HAProxy on free ports, on a copy of the shipped data.

Checks: health through the proxy, a real browser session (websocket) through
the proxy with its affinity cookie, a publish (folder swap by rename) seen by
every worker, and a killed worker restarted."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest

from tests.e2e.helpers import ROOT, exceptions_on, free_port, wait_health, wait_ready

sys.path.insert(0, str(ROOT / "scripts"))
from serve_cluster import haproxy_binary  # noqa: E402

pytestmark = pytest.mark.skipif(haproxy_binary() is None and os.environ.get("CI") != "true",
                                reason="HAProxy not installed (scripts/install.sh installs it)")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    data = tmp_path_factory.mktemp("cluster") / "pii_data"
    shutil.copytree(ROOT / "pii_data", data, ignore=shutil.ignore_patterns("parquet.previous"))
    state = data.parent / "state.json"
    port = free_port()
    env = dict(os.environ, PII_DATA_DIR=str(data))
    log = open(data.parent / "cluster.log", "wb")  # noqa: SIM115 - the supervisor writes it until the end
    proc = subprocess.Popen([str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "scripts" / "serve_cluster.py"),
                             "--workers", "2", "--port", str(port), "--address", "127.0.0.1", "--state", str(state)],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while not state.exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.3)
        assert state.exists(), (data.parent / "cluster.log").read_text(errors="replace")[-3000:]
        wait_health(base, proc, timeout=60)
        yield {"base": base, "state": state, "data": data, "proc": proc}
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


def _state(cluster: dict[str, Any]) -> dict[str, Any]:
    return json.loads(cluster["state"].read_text(encoding="utf-8"))


def _get(url: str) -> tuple[int, dict[str, str], str]:
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.status, dict(r.headers), r.read().decode("utf-8", errors="replace")


def _metrics(base: str, query: str) -> list[str]:
    """Open the Overview in a new Streamlit session over the websocket; the metric values it shows."""
    import websocket
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    ws = websocket.create_connection(base.replace("http", "ws", 1) + "/_stcore/stream",
                                     subprotocols=["streamlit"], timeout=120)
    try:
        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_name = ""
        ws.send_binary(msg.SerializeToString())
        values: list[str] = []
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(ws.recv())
            kind = fwd.WhichOneof("type")
            if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                el = fwd.delta.new_element
                if el.WhichOneof("type") == "metric":
                    values.append(el.metric.body)
                assert el.WhichOneof("type") != "exception", el.exception.message
            elif kind == "script_finished" and fwd.script_finished == 0:
                return values
    finally:
        ws.close()


def test_health_through_proxy(cluster: dict[str, Any]) -> None:
    state = _state(cluster)
    assert len(state["workers"]) == 2
    assert len({w["port"] for w in state["workers"]}) == 2
    status, headers, body = _get(cluster["base"] + "/_stcore/health")
    assert (status, body) == (200, "ok")
    status, _, _ = _get(cluster["base"] + "/_cluster/health")
    assert status == 200
    # the first page request gets the affinity cookie naming one worker
    status, headers, body = _get(cluster["base"] + "/")
    assert status == 200 and "<html" in body.lower()
    assert headers.get("set-cookie", "").split(";")[0] in ("PII_WORKER=w1", "PII_WORKER=w2")


def test_browser_session_through_proxy(cluster: dict[str, Any], chromium: Any) -> None:
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = ctx.new_page()
        page.goto(cluster["base"] + "/?lang=vi&edition=2023", timeout=120_000)
        wait_ready(page)
        assert exceptions_on(page) == []
        assert "47,75" in page.locator('[data-testid="stMetricValue"]').all_inner_texts()
        cookies = {c["name"]: c["value"] for c in ctx.cookies()}
        assert cookies.get("PII_WORKER") in ("w1", "w2")
        # a rerun over the same websocket: switch the language
        page.get_by_text("English", exact=True).first.click()
        page.wait_for_timeout(500)
        wait_ready(page)
        assert "47.75" in page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    finally:
        ctx.close()


def test_publish_seen_by_every_worker(cluster: dict[str, Any]) -> None:
    from pii.pipeline.build import write_tables

    workers = [f"http://127.0.0.1:{w['port']}" for w in _state(cluster)["workers"]]
    query = "lang=vi&edition=2023&province=thai_nguyen"
    for base in workers:
        assert "47,75" in _metrics(base, query)
    parquet = cluster["data"] / "parquet"
    tables = {p.stem: pd.read_parquet(p) for p in sorted(parquet.glob("*.parquet"))}
    s = tables["scores"]
    hit = (s["edition"] == 2023) & (s["province_id"] == "thai_nguyen") & (s["code"] == "PII")
    assert hit.sum() == 1
    s.loc[hit, "score"] = 12.34  # a synthetic publish, only in this temporary copy
    write_tables(tables, parquet)  # what an import does: a new folder swapped in by rename
    for base in workers:
        shown = _metrics(base, query)
        assert "12,34" in shown and "47,75" not in shown, (base, shown)


def test_dead_worker_is_restarted(cluster: dict[str, Any]) -> None:
    before = _state(cluster)["workers"][0]
    os.kill(before["pid"], signal.SIGKILL)
    deadline = time.monotonic() + 60
    after = before
    while time.monotonic() < deadline:
        after = _state(cluster)["workers"][0]
        if after["pid"] != before["pid"]:
            break
        time.sleep(0.3)
    assert after["pid"] != before["pid"] and after["restarts"] == before["restarts"] + 1
    assert after["port"] == before["port"]
    wait_health(f"http://127.0.0.1:{after['port']}", timeout=120)
    # the proxy still answers during and after the restart
    assert _get(cluster["base"] + "/_stcore/health")[0] == 200
    # a new session through the proxy runs the page to the end (a live worker serves it)
    assert len(_metrics(cluster["base"], "lang=vi&edition=2023")) >= 3


def _raw_get(url: str, accept: str) -> tuple[dict[str, str], bytes]:
    req = urllib.request.Request(url, headers={"Accept-Encoding": accept})
    with urllib.request.urlopen(req, timeout=30) as r:
        return {k.lower(): ", ".join(r.headers.get_all(k)) for k in set(r.headers.keys())}, r.read()


def test_proxy_sends_text_compressed_and_keeps_cache_lifetimes(cluster: dict[str, Any]) -> None:
    """Issue 21: the page, Streamlit's scripts and styles go out compressed (the phone on Fast 3G waited for
    7.7 MB, nothing compressed); hashed bundles keep their year-long immutable lifetime; the websocket offers
    permessage-deflate through the proxy."""
    import base64
    import gzip
    import re
    import socket

    headers, body = _raw_get(cluster["base"] + "/", "gzip")
    assert headers.get("content-encoding") == "gzip"
    html = gzip.decompress(body).decode()
    main_js = re.search(r'src="\.?/?(static/js/index\.[^"]+\.js)"', html).group(1)
    plain_headers, plain = _raw_get(f"{cluster['base']}/{main_js}", "identity")
    assert "content-encoding" not in plain_headers and len(plain) > 100_000
    for accept, coding in (("gzip", "gzip"), ("gzip, deflate, br, zstd", ("br", "gzip"))):
        headers, body = _raw_get(f"{cluster['base']}/{main_js}", accept)
        assert headers.get("content-encoding") in coding, headers
        if headers["content-encoding"] == "gzip":
            assert gzip.decompress(body) == plain
        else:
            import brotli

            assert brotli.decompress(body) == plain
        assert len(body) < len(plain) * 0.55
        assert "immutable" in headers["cache-control"] and "max-age=31536000" in headers["cache-control"]
        assert "private" not in headers["cache-control"] and "set-cookie" not in headers
    host, port = cluster["base"].removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as s:
        key = base64.b64encode(os.urandom(16)).decode()
        s.sendall((f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                   f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                   "Sec-WebSocket-Protocol: streamlit\r\nSec-WebSocket-Extensions: permessage-deflate\r\n"
                   f"Origin: {cluster['base']}\r\n\r\n").encode())
        answer = s.recv(4096).decode("latin-1").lower()
    assert answer.startswith("http/1.1 101") and "permessage-deflate" in answer
