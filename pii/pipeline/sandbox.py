"""Check an upload in a separate worker process with memory and time limits (issue 12).

The page and the CLI call :func:`check_in_worker`; it runs
:func:`pii.pipeline.import_check.check_file` in a fresh Python process
(``python -m pii.pipeline.sandbox``) that

- limits its own address space (``RLIMIT_AS``, default 512 MB) and CPU time
  (``RLIMIT_CPU``, the budget: default 30 s of computing; the kernel stops it
  with SIGXCPU) before it imports anything heavy;
- is killed by the caller at the wall-clock backstop (default 3 x the budget):
  a busy server slows a check down without refusing a legitimate file, and
  nothing waits longer than the backstop;
- gets the file on stdin and sends back a pickled :class:`ImportReport` on stdout.

So a hostile file costs at most the budget, in another process: the server
and every other session keep running. At most ``PII_CHECK_WORKERS`` (default
2) workers run at once; a further upload waits for a free slot.

The budget (README, "Limits"): any file up to 20 MB is checked or refused within
``PII_CHECK_SECONDS`` seconds of CPU time (``PII_CHECK_WALL_SECONDS`` of wall time
at most) and ``PII_CHECK_MEMORY_MB`` MB of address space. The worker's peak resident memory is measured by the
kernel (``wait4`` rusage of that one child) and kept in ``report.worker``.
"""

from __future__ import annotations

import logging
import math
import os
import pickle
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from pii import settings
from pii.pipeline.problems import Problem

log = logging.getLogger("pii.sandbox")
_SLOTS: threading.BoundedSemaphore | None = None
_SLOTS_LOCK = threading.Lock()
# Fewer allocator arenas and no extra thread pools: the worker's address space
# stays ~ 330 MB instead of ~ 1.4 GB, so a tight RLIMIT_AS is possible.
_WORKER_ENV = {"MALLOC_ARENA_MAX": "2", "ARROW_DEFAULT_MEMORY_POOL": "system", "OMP_NUM_THREADS": "1",
               "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1",
               "OPENPYXL_DEFUSEDXML": "True"}


@dataclass
class WorkerStats:
    seconds: float  # wall time seen by the caller, start of the process to its end
    peak_rss_mb: float  # the worker's peak resident memory (kernel rusage)
    outcome: str  # "done", "timeout" (CPU budget), "wall" (wall backstop), "memory", "crash", "busy"
    incident: str | None = None
    budget_seconds: float = 0.0  # CPU
    budget_memory_mb: int = 0
    cpu_seconds: float = 0.0  # the worker's own CPU time (kernel rusage)
    wall_budget_seconds: float = 0.0


def _slots() -> threading.BoundedSemaphore:
    global _SLOTS
    with _SLOTS_LOCK:
        if _SLOTS is None:
            _SLOTS = threading.BoundedSemaphore(settings.check_workers())
        return _SLOTS


def check_in_worker(data: bytes, name: str, base: Path | None = None, **options: object):  # -> ImportReport
    """``check_file(data, name, base=base, **options)`` in a limited worker process.

    Always returns an ImportReport; a killed or crashed worker becomes a plain
    problem (with an incident id when it crashed: the trace is in the server log).
    ``report.worker`` holds the :class:`WorkerStats`.
    """
    from pii.pipeline import limits, paths
    from pii.pipeline.import_report import ImportReport

    on_progress = options.pop("on_progress", None)  # (done, total, step) while the worker runs (issue 19)

    seconds, memory_mb, wall = settings.check_seconds(), settings.check_memory_mb(), settings.check_wall_seconds()
    name = Path(name).name or "upload"
    import hashlib

    sha = hashlib.sha256(data).hexdigest()
    if len(data) > limits.MAX_BYTES:  # no process needed to say that
        report = ImportReport(name, str(options.get("kind") or "?"), sha)
        report.problems += limits.check_upload(data, name)
        report.worker = WorkerStats(0.0, 0.0, "done", None, seconds, memory_mb)
        return report
    slots = _slots()
    if not slots.acquire(timeout=wall):
        report = ImportReport(name, "?", sha)
        report.problems.append(Problem.of(name, None, None, "sbx_busy"))
        report.worker = WorkerStats(0.0, 0.0, "busy", None, seconds, memory_mb)
        return report
    try:
        request = {"data": data, "name": name, "base": str(Path(base or paths.data_dir())), "options": options,
                   "memory_mb": memory_mb, "cpu_seconds": max(1, math.ceil(seconds))}
        result, stats = _run(request, seconds, memory_mb, wall, on_progress)  # type: ignore[arg-type]
    finally:
        slots.release()
    if result is not None:
        report = result
    else:
        report = ImportReport(name, str(options.get("kind") or "?"), sha)
        if stats.outcome == "timeout":
            report.problems.append(Problem.of(name, None, None, "sbx_cpu_budget", seconds=f"{seconds:g}"))
        elif stats.outcome == "wall":
            report.problems.append(Problem.of(name, None, None, "sbx_wall_budget", seconds=f"{wall:g}"))
        elif stats.outcome == "memory":
            report.problems.append(Problem.of(name, None, None, "sbx_memory_budget", memory_mb=memory_mb))
        else:
            report.problems.append(Problem.of(name, None, None, "sbx_crash", incident=stats.incident))
    report.worker = stats
    return report


# Other checks of uploaded bytes that run in the same limited worker: name -> "module:function(data, name)".
TASKS = {"evidence": "pii.progress.evidence:inspect"}


def run_task(task: str, data: bytes, name: str) -> tuple[object | None, WorkerStats]:
    """``TASKS[task](data, name)`` in a limited worker (same CPU, memory and wall budgets as an import check);
    the result is None when the worker was stopped or crashed (``stats.outcome`` says why)."""
    seconds, memory_mb, wall = settings.check_seconds(), settings.check_memory_mb(), settings.check_wall_seconds()
    request = {"task": task, "data": data, "name": Path(name).name or "upload", "memory_mb": memory_mb,
               "cpu_seconds": max(1, math.ceil(seconds))}
    slots = _slots()
    if not slots.acquire(timeout=wall):
        return None, WorkerStats(0.0, 0.0, "busy", None, seconds, memory_mb)
    try:
        return _run(request, seconds, memory_mb, wall)
    finally:
        slots.release()


def _run(request: dict, seconds: float, memory_mb: int, wall: float,
         on_progress=None):  # -> tuple[ImportReport | None, WorkerStats]
    from pii.pipeline import progress

    request = {**request, "parent": os.getpid()}  # the worker stops if this process dies (_die_with_parent)
    env = {**os.environ, **_WORKER_ENV,
           "PYTHONPATH": os.pathsep.join([str(settings.REPO_ROOT), os.environ.get("PYTHONPATH", "")])}
    with tempfile.NamedTemporaryFile(prefix="pii-progress-", delete=False) as fh:
        env[progress.ENV] = fh.name  # the worker writes its step here; read below while waiting
    try:
        return _run_in(request, seconds, memory_mb, wall, env, on_progress)
    finally:
        with _suppress():
            os.unlink(env[progress.ENV])


def _run_in(request: dict, seconds: float, memory_mb: int, wall: float, env: dict, on_progress):
    from pii.pipeline import progress

    payload = pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)
    t0 = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "pii.pipeline.sandbox"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=str(settings.REPO_ROOT),
                            start_new_session=True)
    out: list[bytes] = []
    err: list[bytes] = []

    def feed() -> None:
        try:
            proc.stdin.write(payload)  # type: ignore[union-attr]
            proc.stdin.close()  # type: ignore[union-attr]
        except (BrokenPipeError, OSError):
            pass

    threads = [threading.Thread(target=feed, daemon=True),
               threading.Thread(target=lambda: out.append(proc.stdout.read()), daemon=True),  # type: ignore
               threading.Thread(target=lambda: err.append(proc.stderr.read()), daemon=True)]  # type: ignore
    for th in threads:
        th.start()
    timed_out = False
    hwm = 0.0
    seen = None
    while True:
        hwm = max(hwm, _vm_hwm_mb(proc.pid))
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if on_progress is not None and (now := progress.read(env[progress.ENV])) != seen:
            seen = now
            if now:
                on_progress(*now)
        if time.monotonic() - t0 > wall:
            timed_out = True
            with _suppress():
                os.killpg(proc.pid, signal.SIGKILL)  # the worker and anything it started
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)  # we reaped it ourselves (wait4 gives its rusage)
    cpu = usage.ru_utime + usage.ru_stime
    for th in threads:
        th.join(timeout=5)
    elapsed = time.monotonic() - t0
    # The kernel's ru_maxrss would also count the caller's pages the child had between fork and exec;
    # VmHWM is the high-water mark of the worker's own image (sampled here, reported by it at the end).
    peak = hwm
    stderr = b"".join(err).decode("utf-8", "replace")
    if timed_out:
        log.warning("import check of %s stopped after %.1f s (peak %.0f MB)", request["name"], elapsed, peak)
        return None, WorkerStats(elapsed, peak, "wall", None, seconds, memory_mb, cpu, wall)
    if proc.returncode == -signal.SIGXCPU:  # the kernel stopped it at the CPU budget
        log.warning("import check of %s used its %.0f s CPU budget (%.1f s wall)", request["name"], seconds, elapsed)
        return None, WorkerStats(elapsed, peak, "timeout", None, seconds, memory_mb, cpu, wall)
    raw = b"".join(out)
    if proc.returncode == 0 and raw:
        try:
            reply = pickle.loads(raw)
        except Exception:  # noqa: BLE001 - a damaged reply is a crash like any other
            log.exception("the reply of the import-check worker for %s could not be read", request["name"])
            reply = None
        if isinstance(reply, dict) and reply.get("outcome") == "memory":
            return None, WorkerStats(elapsed, peak, "memory", None, seconds, memory_mb, cpu, wall)
        if isinstance(reply, dict) and "report" in reply:
            peak = max(peak, float(reply.get("peak_mb") or 0.0))
            return reply["report"], WorkerStats(elapsed, peak, "done", None, seconds, memory_mb, cpu, wall)
    if proc.returncode in (-signal.SIGKILL, -signal.SIGSEGV, -signal.SIGABRT) or any(
            sign in stderr for sign in ("MemoryError", "std::bad_alloc", "Cannot allocate memory",
                                        "failed to map segment", "cannot allocate memory")):
        log.warning("import check of %s ran out of memory (rc %s, peak %.0f MB)", request["name"],
                    proc.returncode, peak)
        return None, WorkerStats(elapsed, peak, "memory", None, seconds, memory_mb, cpu, wall)
    incident = uuid.uuid4().hex[:8]
    log.error("import check of %s crashed (incident %s, rc %s):\n%s", request["name"], incident, proc.returncode,
              stderr[-20000:])
    return None, WorkerStats(elapsed, peak, "crash", incident, seconds, memory_mb, cpu, wall)


def _vm_hwm_mb(pid: int | str) -> float:
    """Peak resident memory of a live process since its exec (VmHWM), in MB; 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class _suppress:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return exc[0] is not None and issubclass(exc[0], OSError)  # type: ignore[arg-type]


def _die_with_parent(parent: int) -> None:
    """The worker stops when the process that started it is gone (issue 22: a check kept running after its CLI
    was killed). It runs in its own session (the caller kills the group at the wall clock), so no signal
    reaches it from a killed terminal: the kernel's parent-death signal (Linux prctl PR_SET_PDEATHSIG) plus a
    thread that watches for re-parenting (portable, and covers a parent gone before the prctl)."""
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(70)
            time.sleep(0.2)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def _worker_main() -> int:
    """The worker: limits first, then read the request, check, reply."""
    reply_fd = os.dup(1)
    os.dup2(2, 1)  # anything a library prints goes to stderr, never into the reply
    request = pickle.loads(sys.stdin.buffer.read())
    _die_with_parent(int(request.get("parent") or os.getppid()))
    limit = int(request["memory_mb"]) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    cpu = int(request["cpu_seconds"])
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))  # SIGXCPU at the budget, SIGKILL 5 s later
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    try:
        if request.get("task"):
            import importlib

            module, func = TASKS[request["task"]].split(":")
            report = getattr(importlib.import_module(module), func)(request["data"], request["name"])
        else:
            from pii.pipeline.import_check import check_file

            report = check_file(request["data"], request["name"], base=Path(request["base"]), **request["options"])
        reply: dict = {"report": report, "peak_mb": _vm_hwm_mb("self")}
    except MemoryError:
        reply = {"outcome": "memory"}
    with os.fdopen(reply_fd, "wb") as fh:
        fh.write(pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL))
    return 0


if __name__ == "__main__":
    sys.exit(_worker_main())
