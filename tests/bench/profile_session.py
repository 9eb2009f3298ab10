"""Profile whole fresh sessions on a real server (app.py + sidebar + default edition + page), with pyinstrument
inside Streamlit's script thread, and time the same open for the floor app's script.

usage: .venv/bin/python tests/bench/profile_session.py [--pages ",heatmap,what_if"] [--opens 5]
Starts the app (scripts/serve.py) on a free port with the script runner patched to time every run (wall and
thread CPU) and to profile the last fresh open of each page. Writes tests/bench/results/profile_session_<page>.txt
and prints, per page, the median script wall/CPU of a fresh session (the server-side share of opening a session).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "tests" / "bench" / "results"


def serve(port: int, log_dir: Path, app: str | None) -> None:
    """The server process: Streamlit with a timed (and optionally profiled) script runner."""
    from streamlit.runtime.scriptrunner import script_runner as sr

    orig = sr.ScriptRunner._run_script
    flag = log_dir / "profile_next"

    def timed(runner, *a, **k):  # type: ignore[no-untyped-def]
        prof = None
        if flag.exists():
            from pyinstrument import Profiler

            flag.unlink()
            prof = Profiler(interval=0.0005)
            prof.start()
        t0, c0 = time.perf_counter(), time.thread_time()
        try:
            return orig(runner, *a, **k)
        finally:
            rec = {"wall": time.perf_counter() - t0, "cpu": time.thread_time() - c0}
            with open(log_dir / "runs.jsonl", "a", encoding="utf-8") as f:
                f.write(json.dumps(rec) + "\n")
            if prof is not None:
                prof.stop()
                # the call tree, then a flat list of the functions with the most time of their own
                text = prof.output_text(unicode=True, color=False) + "\n" + prof.output_text(
                    unicode=True, color=False, flat=True, show_all=True)[:6000]
                (log_dir / "profile.txt").write_text(text, encoding="utf-8")

    sr.ScriptRunner._run_script = timed
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    target = app or str(ROOT / "app.py")
    if app is None:
        PagesManager.uses_pages_directory = False  # as scripts/serve.py
    sys.argv = ["streamlit", "run", target, "--server.headless", "true", "--server.port", str(port),
                "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]
    sys.exit(cli.main())


def open_session(base: str, page: str, query: str = "") -> float:
    import websocket
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    t0 = time.perf_counter()
    ws = websocket.create_connection(base.replace("http", "ws", 1) + "/_stcore/stream",
                                     subprotocols=["streamlit"], timeout=120)
    try:
        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_name = page
        ws.send_binary(msg.SerializeToString())
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(ws.recv())
            if fwd.WhichOneof("type") == "script_finished" and fwd.script_finished == 0:
                return time.perf_counter() - t0
    finally:
        ws.close()


def _runs(log_dir: Path) -> list[dict]:
    path = log_dir / "runs.jsonl"
    if not path.exists():
        return []
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
    path.unlink()
    return rows


def measure(app: str | None, pages: list[str], opens: int, profile: bool) -> dict:
    import tempfile

    from tests.e2e.helpers import free_port, wait_health

    log_dir = Path(tempfile.mkdtemp(prefix="pii-profile-"))
    port = free_port()
    cmd = [sys.executable, __file__, "--serve", str(port), "--log-dir", str(log_dir)]
    if app:
        cmd += ["--app", app]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    out: dict = {}
    try:
        wait_health(base, proc, timeout=120)
        for page in pages:
            open_session(base, page)  # warm: imports, caches
            _runs(log_dir)
            walls, cpus, opens_s = [], [], []
            for _ in range(opens):
                opens_s.append(open_session(base, page))
                rows = _runs(log_dir)
                walls.append(sum(r["wall"] for r in rows))
                cpus.append(sum(r["cpu"] for r in rows))
            if profile:
                (log_dir / "profile_next").touch()
                open_session(base, page)
                for _ in range(100):  # the server writes the profile just after script_finished
                    if (log_dir / "profile.txt").exists():
                        break
                    time.sleep(0.1)
                _runs(log_dir)
                name = page or ("floor" if app else "overview")
                (RESULTS / f"profile_session_{name}.txt").write_text(
                    (log_dir / "profile.txt").read_text(encoding="utf-8"), encoding="utf-8")
                (log_dir / "profile.txt").unlink()
            out[page or "/"] = {"open_s": round(statistics.median(opens_s), 3),
                                "script_wall_ms": round(1000 * statistics.median(walls), 1),
                                "script_cpu_ms": round(1000 * statistics.median(cpus), 1)}
            print(f"{'floor' if app else 'app'} /{page:13s} open {out[page or '/']['open_s']:.3f} s  script wall "
                  f"{out[page or '/']['script_wall_ms']:6.1f} ms  cpu {out[page or '/']['script_cpu_ms']:6.1f} ms",
                  flush=True)
    finally:
        proc.terminate()
        proc.wait(15)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--serve", type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--log-dir", type=Path, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--app", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--pages", default=",strengths,heatmap,indicator,compare,trends,map,plan_tracker,what_if,briefing")
    ap.add_argument("--opens", type=int, default=5)
    ap.add_argument("--no-profile", action="store_true")
    ap.add_argument("--out", default=str(RESULTS / "session_cost.json"))
    args = ap.parse_args()
    if args.serve:
        serve(args.serve, args.log_dir, args.app)
        return
    os.environ.pop("PII_DATA_DIR", None)
    floor = measure(str(ROOT.parent / "shared" / "bench" / "floor_app.py"), [""], args.opens, not args.no_profile)
    app = measure(None, args.pages.split(","), args.opens, not args.no_profile)
    res = {"floor": floor, "app": app}
    Path(args.out).write_text(json.dumps(res, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
