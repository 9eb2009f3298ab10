"""Benchmark: a phone on a mobile network, the app against the plain-Streamlit floor in one run.

Starts the app the way README command 1 does (``scripts/serve_cluster.py``: Streamlit workers behind HAProxy,
where compression and caching happen) and ``../shared/bench/floor_app.py`` under plain Streamlit, then runs
``../shared/bench/phone_network.py`` for each profile (Chrome's "Fast 3G" and 4G; cold = empty cache, warm = the
same browser context again) and keeps its table.

usage: .venv/bin/python tests/bench/bench_phone.py [--root DIR] [--profiles 3g 4g] [--rounds 1]
       [--pages / /heatmap] [--out tests/bench/results/phone.txt]
``--root`` serves another checkout of the app (e.g. a worktree of the old commit, for a before/after).
Results: the printed tables plus the load average before and after each profile (2 shared cores).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = Path(os.environ.get("PII_SHARED_BENCH", ROOT.parent / "shared" / "bench"))


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, timeout: float = 180) -> None:
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} not up after {timeout} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=ROOT, help="the checkout whose app is served")
    ap.add_argument("--profiles", nargs="*", default=["3g", "4g"])
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--pages", nargs="*", default=["/", "/heatmap"])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    root = args.root.resolve()
    python = str(root / ".venv" / "bin" / "python")
    app_port, floor_port = _free_port(), _free_port()
    state = Path(tempfile.mkdtemp(prefix="pii-phone-")) / "state.json"
    env = {k: v for k, v in os.environ.items() if k != "PII_DATA_DIR"}
    app = subprocess.Popen([python, str(root / "scripts" / "serve_cluster.py"), "--workers", str(args.workers),
                            "--port", str(app_port), "--address", "127.0.0.1", "--state", str(state)],
                           cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                           start_new_session=True)
    floor = subprocess.Popen([python, "-m", "streamlit", "run", str(BENCH / "floor_app.py"), "--server.headless",
                              "true", "--server.port", str(floor_port), "--server.address", "127.0.0.1",
                              "--browser.gatherUsageStats", "false"],
                             cwd=BENCH, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                             start_new_session=True)
    lines: list[str] = [f"# phone_network.py, app = {root} (serve_cluster.py, {args.workers} workers behind HAProxy)"]
    try:
        _wait(f"http://127.0.0.1:{app_port}/_stcore/health")
        _wait(f"http://127.0.0.1:{floor_port}/_stcore/health")
        base, fl = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{floor_port}"
        for pth in args.pages:  # first run of each page loads its modules in the worker: not what a phone measures
            for _ in range(args.workers):
                subprocess.run([python, "-c", "import urllib.request,sys; urllib.request.urlopen(sys.argv[1]).read()",
                                base + pth], check=False)
        for prof in args.profiles:
            before = os.getloadavg()
            out = subprocess.run([python, str(BENCH / "phone_network.py"), base, fl, "--profile", prof, "--rounds",
                                  str(args.rounds), "--pages", *args.pages], capture_output=True, text=True,
                                 check=False)
            lines += [f"## {prof} (load average before {before[0]:.2f}, after {os.getloadavg()[0]:.2f})",
                      out.stdout.strip(), out.stderr.strip()[-2000:]]
            print("\n".join(lines[-3:]), flush=True)
    finally:
        for proc in (app, floor):
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for proc in (app, floor):
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text("\n".join(x for x in lines if x) + "\n", encoding="utf-8")
    print(json.dumps({"load_avg_end": os.getloadavg()}))


if __name__ == "__main__":
    main()
