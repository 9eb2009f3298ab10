"""Load benchmark with a realistic model, app and floor side by side in one run.

For each target — the floor app (../shared/bench/floor_app.py, one process), the app in one process
(scripts/serve.py) and the app with N processes behind HAProxy (scripts/serve_cluster.py) — one after the other:

1. burst: 20 sessions open the Overview at the same moment (a link shared in a meeting);
2. users: 50 users, each opens a random page, then thinks 3–10 s between actions: 70 % change a selectbox on
   the page (edition, peer group, level…; a "rerun"), 30 % go to another page ("navigate").

Reported per target and action: count, p50, p95, max (s), errors, throughput (actions/s). Sessions speak
Streamlit's websocket protocol (tests/bench/bench_concurrency.Client), no renderer, so the 2-core machine measures
the servers and not 50 browsers.

usage: .venv/bin/python tests/bench/bench_load.py [--users 50] [--seconds 90] [--burst 20] [--workers N]
                                                  [--targets floor,app1,appN]
Results: tests/bench/results/load.json (+ a markdown table on stdout).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_concurrency import PAGES, Client  # noqa: E402
from bench_pages import RESULTS, machine, pct  # noqa: E402

from tests.e2e.helpers import free_port, wait_health  # noqa: E402

FLOOR_APP = ROOT.parent / "shared" / "bench" / "floor_app.py"
LABELS = ("Kỳ công bố PII", "Nhóm so sánh", "Cấp chỉ số", "Chỉ số", "Chọn chỉ số")


def start(target: str, workers: int) -> tuple[subprocess.Popen, str]:
    py = str(ROOT / ".venv" / "bin" / "python")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "PII_DATA_DIR"}
    common = ["--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
              "--browser.gatherUsageStats", "false"]
    if target == "floor":
        cmd = [str(ROOT / ".venv" / "bin" / "streamlit"), "run", str(FLOOR_APP), *common]
    elif target == "app1":
        cmd = [py, str(ROOT / "scripts" / "serve.py"), *common]
    else:
        cmd = [py, str(ROOT / "scripts" / "serve_cluster.py"), "--workers", str(workers), "--port", str(port),
               "--address", "127.0.0.1"]
    log = open(Path(tempfile.gettempdir()) / f"pii_bench_load_{target}_{port}.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    wait_health(base, proc, timeout=180)
    return proc, base


def stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def stats(vals: list[float]) -> dict:
    if not vals:
        return {"count": 0}
    return {"count": len(vals), "p50_s": round(statistics.median(vals), 3), "p95_s": round(pct(vals, 95), 3),
            "max_s": round(max(vals), 3)}


def burst(base: str, n: int) -> dict:
    """n sessions open the Overview (the default page) at the same moment."""
    times: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    gate = threading.Barrier(n)

    def one() -> None:
        gate.wait()
        t0 = time.perf_counter()
        try:
            c = Client(base, timeout=180)
            _, err = c.run("", "lang=vi")
            c.close()
            with lock:
                times.append(time.perf_counter() - t0)
                errors.extend(err)
        except Exception as e:  # a refused or dropped connection is an error of the run
            with lock:
                errors.append(f"{type(e).__name__}: {e}")

    threads = [threading.Thread(target=one) for _ in range(n)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {**stats(times), "errors": len(errors), "error_samples": errors[:5],
            "wall_s": round(time.perf_counter() - t0, 2)}


def think_user(base: str, floor: bool, seconds: float, seed: int, out: dict, lock: threading.Lock) -> None:
    rnd = random.Random(seed)
    times: list[tuple[str, float]] = []
    errors: list[str] = []
    client = None
    deadline = time.perf_counter() + seconds
    try:
        time.sleep(rnd.uniform(0, 10))  # users arrive over the first 10 s
        client = Client(base, timeout=120)
        client.page = "" if floor else rnd.choice(PAGES)
        t0 = time.perf_counter()
        _, err = client.run(client.page, "lang=vi")
        times.append(("open", time.perf_counter() - t0))  # connect + first run, as session_open.py
        errors += err
        while True:
            time.sleep(rnd.uniform(3, 10))
            if time.perf_counter() > deadline:
                break
            if rnd.random() < 0.3:
                if not floor:
                    client.page = rnd.choice([p for p in PAGES if p != client.page])
                dt, err = client.run(client.page)
                times.append(("navigate", dt))
                errors += err
                continue
            labels = [lb for lb in client.selectboxes if lb in LABELS]
            if floor or not labels:
                dt, err = client.run(client.page)  # the floor has no widgets: a plain rerun
            else:
                res = client.change(rnd.choice(labels))
                if res is None:
                    continue
                dt, err = res
            times.append(("rerun", dt))
            errors += err
    except Exception as e:  # any transport failure is an error of the run
        errors.append(f"{type(e).__name__}: {e}")
    finally:
        if client:
            client.close()
    with lock:
        out["times"] += times
        out["errors"] += errors


def users(base: str, n: int, seconds: float, floor: bool) -> dict:
    out: dict = {"times": [], "errors": []}
    lock = threading.Lock()
    threads = [threading.Thread(target=think_user, args=(base, floor, seconds, i, out, lock)) for i in range(n)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 300)
    wall = time.perf_counter() - t0
    res: dict = {"users": n, "seconds": seconds, "wall_s": round(wall, 1), "errors": len(out["errors"]),
                 "error_samples": out["errors"][:5], "actions": len(out["times"]),
                 "throughput_per_s": round(len(out["times"]) / wall, 2)}
    for kind in ("open", "navigate", "rerun"):
        res[kind] = stats([t for k, t in out["times"] if k == kind])
    return res


def markdown(res: dict) -> str:
    rows = ["| target | burst p50 / p95 / max (s) | burst errors | users: open p50/p95 | navigate p50/p95 | "
            "rerun p50/p95 | errors | actions/s |", "|---|---|---|---|---|---|---|---|"]
    for name, r in res["targets"].items():
        b, u = r["burst"], r["users"]

        def pp(s: dict) -> str:
            return f"{s['p50_s']:.2f} / {s['p95_s']:.2f}" if s.get("count") else "—"

        rows.append(f"| {name} | {b.get('p50_s', float('nan')):.2f} / {b.get('p95_s', float('nan')):.2f} / "
                    f"{b.get('max_s', float('nan')):.2f} | {b['errors']} | {pp(u['open'])} | {pp(u['navigate'])} | "
                    f"{pp(u['rerun'])} | {u['errors']} | {u['throughput_per_s']} |")
    return "\n".join(rows) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=90)
    ap.add_argument("--burst", type=int, default=20)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--targets", default="floor,app1,appN")
    ap.add_argument("--out", default=str(RESULTS / "load.json"))
    args = ap.parse_args()
    res: dict = {"what": "burst of sessions opening the Overview + users with 3-10 s think time",
                 "machine": machine(), "workers": args.workers, "burst_size": args.burst,
                 "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "targets": {}}
    for target in args.targets.split(","):
        name = f"app{args.workers}" if target == "appN" else target
        proc, base = start(target, args.workers)
        try:
            warm = Client(base)
            warm.run("", "lang=vi")  # first run of the process(es): imports, caches
            warm.close()
            if target == "appN":  # warm every worker: one session per worker through the proxy
                for _ in range(args.workers * 2):
                    c = Client(base)
                    c.run("", "lang=vi")
                    c.close()
            r = {"burst": burst(base, args.burst)}
            print(f"{name:6s} burst {json.dumps(r['burst'])}", file=sys.stderr, flush=True)
            r["users"] = users(base, args.users, args.seconds, floor=target == "floor")
            print(f"{name:6s} users {json.dumps(r['users'])}", file=sys.stderr, flush=True)
            res["targets"][name] = r
        finally:
            stop(proc)
    res["machine"]["load_avg_at_end"] = os.getloadavg()
    fl = res["targets"].get("floor", {}).get("burst", {}).get("p95_s")
    appn = res["targets"].get(f"app{args.workers}", {}).get("burst", {}).get("p95_s")
    if fl and appn:
        res["burst_p95_ratio_appN_to_floor"] = round(appn / fl, 2)
    Path(args.out).write_text(json.dumps(res, indent=1, ensure_ascii=False), encoding="utf-8")
    print(markdown(res))
    if "burst_p95_ratio_appN_to_floor" in res:
        print(f"burst p95 app{args.workers} / floor (one process): {res['burst_p95_ratio_appN_to_floor']} "
              "(target ≤ 0.6)")


if __name__ == "__main__":
    main()
