"""Run N Streamlit processes behind HAProxy on one machine (README command 1).

``python scripts/serve_cluster.py [--workers N] [--port 8501] [--address 0.0.0.0] [streamlit options...]``

One Streamlit process runs every script of every session on one core, so a
meeting opening the same link at once queues behind one CPU. This supervisor:

- starts N workers (``scripts/serve.py``, i.e. ``streamlit run app.py``) on
  free internal ports bound to 127.0.0.1 (default N = ``PII_WORKERS`` or the
  number of cores);
- writes an HAProxy configuration and runs HAProxy (Debian package) in the
  foreground on ``--port``: WebSockets pass through (``timeout tunnel``), a
  cookie (``PII_WORKER``) set on the first page request pins a browser to one
  worker, so its ``/_stcore/stream`` websocket, its uploads
  (``/_stcore/upload_file/<session>/<file>``) and its media (``/media/<hash>``,
  kept in the worker's memory) all reach the process that owns the session;
  clients without the cookie are spread by least connections; every worker is
  health-checked on ``/_stcore/health`` and a dead one gets no new traffic;
- restarts a worker that exits (same port), with a back-off if it keeps dying;
- stops everything on SIGTERM/SIGINT; exits when HAProxy exits.

Data publishes need no coordination: the data folder is shared and every
worker reopens it when the folder's version changes (pages/common.get_db).
``--state FILE`` writes the workers' ports and pids as JSON (tests use it).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pii import settings  # noqa: E402

SERVE = ROOT / "scripts" / "serve.py"
COOKIE = "PII_WORKER"
HEALTH = "/_stcore/health"
CLUSTER_HEALTH = "/_cluster/health"  # answered by HAProxy itself: 503 when no worker is up
# what the proxy compresses (issue 21): the page, scripts, styles, JSON, SVG and GeoJSON; images and fonts
# (woff2) are compressed already
COMPRESSED_TYPES = ("text/html", "text/css", "text/javascript", "application/javascript", "text/plain",
                    "application/json", "application/geo+json", "image/svg+xml", "application/manifest+json",
                    "text/csv")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def haproxy_binary() -> str | None:
    """HAProxy from PATH or Debian's /usr/sbin (not on a normal user's PATH)."""
    return shutil.which("haproxy") or next(
        (p for p in ("/usr/sbin/haproxy", "/usr/local/sbin/haproxy") if os.access(p, os.X_OK)), None)


def haproxy_config(address: str, port: int, worker_ports: list[int]) -> str:
    """The proxy in front of the workers (see the module docstring for why each part is there)."""
    servers = "\n".join(f"  server w{i} 127.0.0.1:{p} cookie w{i}" for i, p in enumerate(worker_ports, 1))
    asset_servers = "\n".join(f"  server w{i} 127.0.0.1:{p}" for i, p in enumerate(worker_ports, 1))
    return f"""# written by scripts/serve_cluster.py: do not edit, it is rewritten on every start
global
  maxconn 4096
  log stdout format raw local0 notice

defaults
  mode http
  log global
  option dontlognull
  timeout connect 5s
  timeout client 1h
  timeout server 1h
  # a websocket is a tunnel once upgraded: a Streamlit session idles for a long time between clicks
  timeout tunnel 12h
  timeout http-request 30s
  # a browser whose worker died is sent to a live one (a new Streamlit session there)
  option redispatch
  retries 2

frontend pii
  bind {address}:{port}
  # issue 21: text goes out gzip-compressed (a phone on "Fast 3G" waited for 7.7 MB, the 480 KB main script
  # uncompressed: Streamlit leaves its static files and the page itself to the proxy). Debian 12's HAProxy 2.6
  # offers gzip/deflate only (no brotli: `haproxy -vv` lists identity, deflate, raw-deflate, gzip); its libslz
  # costs little CPU. Hashed static files keep Streamlit's "immutable, max-age=1 year" (HAProxy only adds
  # Vary: Accept-Encoding and a weak ETag). Websocket frames are compressed by Streamlit itself
  # (server.enableWebsocketCompression, permessage-deflate negotiated through this tunnel).
  compression algo gzip
  compression type {' '.join(COMPRESSED_TYPES)}
  monitor-uri {CLUSTER_HEALTH}
  monitor fail if {{ nbsrv(streamlit) lt 1 }}
  # Streamlit's own hashed scripts, styles and fonts are the same on every worker: no affinity cookie, so no
  # Set-Cookie and no "Cache-Control: private" (the cookie's nocache) on what browsers keep for a year
  use_backend assets if {{ path_beg /static/ }}
  default_backend streamlit
  # the browser's address for the sign-in throttle (pages/import_auth.py reads the last entry, added here)
  option forwardfor

backend streamlit
  # the least busy worker for a new browser; then the cookie keeps it there
  balance leastconn
  cookie {COOKIE} insert indirect nocache httponly
  option httpchk GET {HEALTH}
  http-check expect status 200
  default-server check inter 2s fall 2 rise 1
{servers}

backend assets
  balance roundrobin
  option httpchk GET {HEALTH}
  http-check expect status 200
  default-server check inter 2s fall 2 rise 1
{asset_servers}
"""


@dataclass
class Worker:
    index: int
    port: int
    extra: list[str]
    env: dict[str, str]
    log: Path | None
    proc: subprocess.Popen | None = None
    restarts: list[float] = field(default_factory=list)
    next_start: float = 0.0

    def start(self) -> None:
        cmd = [sys.executable, str(SERVE), "--server.headless", "true", "--server.port", str(self.port),
               "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false", *self.extra]
        out = open(self.log, "ab") if self.log else None  # noqa: SIM115 - the child keeps it open
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        if out:
            out.close()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)

    def reap(self, grace: float = 10) -> None:
        if not self.proc:
            return
        try:
            self.proc.wait(grace)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def wait_healthy(ports: list[int], timeout: float) -> None:
    """Wait until every worker answers its health check (the proxy starts after, so the first
    browser does not meet a 503)."""
    deadline = time.monotonic() + timeout
    pending = set(ports)
    while pending and time.monotonic() < deadline:
        for p in list(pending):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{p}{HEALTH}", timeout=2) as r:
                    if r.status == 200:
                        pending.discard(p)
            except OSError:
                pass
        time.sleep(0.3)


class Cluster:
    def __init__(self, n: int, address: str, port: int, extra: list[str], state: Path | None,
                 run_dir: Path, haproxy: str) -> None:
        self.address, self.port, self.state, self.run_dir, self.haproxy = address, port, state, run_dir, haproxy
        env = dict(os.environ)
        # one cookie secret for all workers: a browser re-sent to another worker keeps valid signed cookies
        env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))
        self.workers = [Worker(i, free_port(), extra, env, run_dir / f"worker{i}.log") for i in range(1, n + 1)]
        self.proxy: subprocess.Popen | None = None
        self.stopping = False

    def write_state(self) -> None:
        if not self.state:
            return
        data = {"port": self.port, "proxy_pid": self.proxy.pid if self.proxy else None, "run_dir": str(self.run_dir),
                "workers": [{"index": w.index, "port": w.port, "pid": w.proc.pid if w.proc else None,
                             "restarts": len(w.restarts)} for w in self.workers]}
        tmp = self.state.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
        tmp.replace(self.state)

    def start(self) -> None:
        for w in self.workers:
            w.start()
        wait_healthy([w.port for w in self.workers], timeout=120)
        cfg = self.run_dir / "haproxy.cfg"
        cfg.write_text(haproxy_config(self.address, self.port, [w.port for w in self.workers]), encoding="utf-8")
        check = subprocess.run([self.haproxy, "-c", "-q", "-f", str(cfg)], capture_output=True, text=True)
        if check.returncode != 0:
            raise SystemExit(f"haproxy rejected {cfg}:\n{check.stdout}{check.stderr}")
        # -db: stay in the foreground (this supervisor is the service); logs go to our stdout
        self.proxy = subprocess.Popen([self.haproxy, "-db", "-f", str(cfg)])
        self.write_state()
        print(f"serve_cluster: {len(self.workers)} Streamlit workers on ports "
              f"{', '.join(str(w.port) for w in self.workers)} behind HAProxy on {self.address}:{self.port} "
              f"(logs in {self.run_dir})", flush=True)

    def watch(self) -> int:
        """Restart dead workers until stopped; returns HAProxy's exit code."""
        while not self.stopping:
            if self.proxy and self.proxy.poll() is not None:
                print(f"serve_cluster: HAProxy exited with {self.proxy.returncode}", flush=True)
                return self.proxy.returncode or 1
            now = time.monotonic()
            changed = False
            for w in self.workers:
                if w.proc and w.proc.poll() is None:
                    continue
                if w.proc and not w.next_start:
                    # crash loop: at most 5 restarts a minute, then wait 30 s
                    w.restarts = [t for t in w.restarts if now - t < 60]
                    w.next_start = now + (30 if len(w.restarts) >= 5 else 0.5)
                    print(f"serve_cluster: worker {w.index} (port {w.port}) exited with {w.proc.returncode}; "
                          "restarting", flush=True)
                if w.next_start and now >= w.next_start:
                    w.restarts.append(now)
                    w.next_start = 0.0
                    w.start()
                    changed = True
            if changed:
                self.write_state()
            time.sleep(0.5)
        return 0

    def stop(self, *_: object) -> None:
        self.stopping = True

    def shutdown(self) -> None:
        if self.proxy and self.proxy.poll() is None:
            self.proxy.terminate()
        for w in self.workers:
            w.stop()
        for w in self.workers:
            w.reap()
        if self.proxy:
            try:
                self.proxy.wait(5)
            except subprocess.TimeoutExpired:
                self.proxy.kill()


def exec_single(port: int, address: str, extra: list[str]) -> None:
    """Single-process mode (development, or no HAProxy on this machine)."""
    os.execv(sys.executable, [sys.executable, str(SERVE), "--server.headless", "true", "--server.port", str(port),
                              "--server.address", address, *extra])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=None, help="Streamlit processes (default PII_WORKERS or cores)")
    ap.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8501))
    ap.add_argument("--address", default="0.0.0.0")
    ap.add_argument("--state", type=Path, default=None, help="write worker ports/pids here (JSON)")
    ap.add_argument("--dev", action="store_true", help="one Streamlit process, no proxy")
    args, extra = ap.parse_known_args(argv)
    n = args.workers or settings.workers()
    if args.dev or n == 1:
        exec_single(args.port, args.address, extra)
    haproxy = haproxy_binary()
    if not haproxy:
        print("serve_cluster: HAProxy is not installed (scripts/install.sh installs it); "
              "running ONE Streamlit process", file=sys.stderr, flush=True)
        exec_single(args.port, args.address, extra)
    run_dir = Path(tempfile.mkdtemp(prefix="pii-cluster-"))
    cluster = Cluster(n, args.address, args.port, extra, args.state, run_dir, haproxy)  # type: ignore[arg-type]
    signal.signal(signal.SIGTERM, cluster.stop)
    signal.signal(signal.SIGINT, cluster.stop)
    try:
        cluster.start()
        return cluster.watch()
    finally:
        cluster.shutdown()


if __name__ == "__main__":
    sys.exit(main())
