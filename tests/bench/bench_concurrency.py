"""Benchmark: N concurrent users for a fixed time on loopback, as Streamlit
websocket clients (the protocol the browser speaks, without a renderer, so the
2-core machine measures the server and not 20 Chromium tabs).

Each user opens the app on a page, then repeatedly changes a selectbox on the
page (edition, peer group, or the page's level/measure pickers), or moves to
another page. A "rerun" is timed from sending the new widget state to the
server's script_finished message. Errors: exception elements in the page,
script runs that did not finish successfully, closed sockets, timeouts.

usage: .venv/bin/python tests/bench/bench_concurrency.py [--users 20] [--seconds 60] [--port 8609]
                                                         [--url http://127.0.0.1:PORT (use a running server)]
Results: tests/bench/results/concurrency.json. Budget: 0 errors, p95 ≤ 1 s.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pages import RESULTS, machine, pct  # noqa: E402

from tests.e2e.helpers import start_server, stop_server  # noqa: E402

PAGES = ["", "strengths", "heatmap", "indicator", "compare", "trends", "plan_tracker", "what_if", "about"]
BUDGET_P95_S = 1.0


class Client:
    """One Streamlit session over the websocket (no browser)."""

    def __init__(self, base: str, timeout: float = 60) -> None:
        import websocket

        self.ws = websocket.create_connection(base.replace("http", "ws") + "/_stcore/stream",
                                              subprotocols=["streamlit"], timeout=timeout)
        self.selectboxes: dict[str, tuple[str, list[str], str]] = {}  # label -> (id, options, current)
        self.page = ""
        self.ignored = 0

    def close(self) -> None:
        try:
            self.ws.close()
        except Exception:  # closing a broken socket is not a finding
            pass

    def run(self, page: str, query: str = "", widgets: list | None = None) -> tuple[float, list[str]]:
        """One script run; returns (seconds until script_finished, errors)."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_name = page
        for w in widgets or []:
            msg.rerun_script.widget_states.widgets.append(w)
        errors: list[str] = []
        self.selectboxes = {}
        t0 = time.perf_counter()
        self.ws.send_binary(msg.SerializeToString())
        while True:
            raw = self.ws.recv()
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                el = fwd.delta.new_element
                et = el.WhichOneof("type")
                if et == "exception":
                    errors.append(f"exception on /{page}: {el.exception.message[:200]}")
                elif et == "selectbox":
                    sb = el.selectbox
                    current = sb.raw_value if sb.HasField("raw_value") else (
                        sb.options[sb.default] if sb.HasField("default") and sb.options else "")
                    self.selectboxes[sb.label] = (sb.id, list(sb.options), current)
            elif kind == "script_finished":
                status = fwd.script_finished
                # 0 = FINISHED_SUCCESSFULLY; a rerun request ends a run early and
                # another run follows, so keep reading until a run completes
                if status in (0,):
                    return time.perf_counter() - t0, errors
                if status == 1:  # FINISHED_WITH_COMPILE_ERROR
                    return time.perf_counter() - t0, errors + [f"compile error on /{page}"]
            elif kind == "page_not_found":
                return time.perf_counter() - t0, errors + [f"page not found: /{page}"]

    def change(self, label: str) -> tuple[float, list[str]] | None:
        """Pick another option in the selectbox ``label`` (a rerun of this page)."""
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        if label not in self.selectboxes:
            return None
        wid, options, current = self.selectboxes[label]
        others = [o for o in options if o != current]
        if not others:
            return None
        choice = random.choice(others[:12])
        w = WidgetState(id=wid, string_value=choice)
        dt, errors = self.run(self.page, widgets=[w])
        if label in self.selectboxes and self.selectboxes[label][2] != choice:
            self.ignored += 1  # the page did not take the new value (counted, not timed differently)
        return dt, errors


def user(base: str, seconds: float, seed: int, out: dict, lock: threading.Lock) -> None:
    rnd = random.Random(seed)
    random.seed(seed)
    times: list[tuple[str, float]] = []
    errors: list[str] = []
    client = None
    deadline = time.perf_counter() + seconds
    try:
        client = Client(base)
        client.page = rnd.choice(PAGES)
        dt, err = client.run(client.page, "lang=vi")
        times.append(("open", dt))
        errors += err
        while time.perf_counter() < deadline:
            if rnd.random() < 0.25:
                client.page = rnd.choice(PAGES)
                dt, err = client.run(client.page)
                times.append(("navigate", dt))
                errors += err
                continue
            labels = [lb for lb in client.selectboxes if lb in
                      ("Kỳ công bố PII", "Nhóm so sánh", "Cấp chỉ số", "Chỉ số", "Chọn chỉ số")]
            if not labels:
                client.page = rnd.choice(PAGES)
                continue
            res = client.change(rnd.choice(labels))
            if res is not None:
                times.append(("rerun", res[0]))
                errors += res[1]
            time.sleep(rnd.uniform(0.2, 1.0))  # a user reads before the next click
    except Exception as err:  # any transport failure is an error of the run
        errors.append(f"{type(err).__name__}: {err}")
    finally:
        if client:
            client.close()
    with lock:
        out["times"] += times
        out["errors"] += errors
        out["ignored"] = out.get("ignored", 0) + (client.ignored if client else 0)


def run(base: str, users: int, seconds: float) -> dict:
    out: dict = {"times": [], "errors": []}
    lock = threading.Lock()
    threads = [threading.Thread(target=user, args=(base, seconds, i, out, lock)) for i in range(users)]
    t0 = time.perf_counter()
    for th in threads:
        th.start()
        time.sleep(0.05)
    for th in threads:
        th.join(timeout=seconds + 180)
    wall = time.perf_counter() - t0
    result: dict = {"users": users, "seconds": seconds, "wall_s": round(wall, 1), "errors": len(out["errors"]),
                    "error_samples": out["errors"][:10], "changes_not_applied": out.get("ignored", 0)}
    for kind in ("open", "navigate", "rerun"):
        vals = [t for k, t in out["times"] if k == kind]
        if vals:
            result[kind] = {"count": len(vals), "median_s": round(statistics.median(vals), 3),
                            "p95_s": round(pct(vals, 95), 3), "max_s": round(max(vals), 3)}
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--port", type=int, default=8609)
    ap.add_argument("--url", default=None)
    ap.add_argument("--out", default=str(RESULTS / "concurrency.json"))
    args = ap.parse_args()
    proc = None
    base = args.url
    if base is None:
        proc = start_server(args.port)
        base = f"http://127.0.0.1:{args.port}"
    try:
        import psutil

        server = psutil.Process(proc.pid) if proc else None
        warm = Client(base)
        warm.run("", "lang=vi")  # first run of the process: imports, caches
        warm.close()
        result = run(base, args.users, args.seconds)
        if server is not None:
            result["server_rss_mb_after"] = round(server.memory_info().rss / 2**20, 1)
    finally:
        if proc:
            stop_server(proc)
    result["machine"] = machine()
    result["budget"] = {"errors": 0, "rerun_p95_s": BUDGET_P95_S}
    RESULTS.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(result, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
