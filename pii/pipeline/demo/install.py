"""Install the demo set once (``python -m pii demo --install``) and read it afterwards; the CLI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from pii.pipeline import paths
from pii.pipeline.demo.base import DEMO_SOURCE_ID, DEMO_VERSION
from pii.pipeline.demo.dataset import write_sources


def write_demo(base_dir: Path, seed: int = 2023, scale: int = 1) -> Path:
    """Write ``base_dir/sources`` and ``base_dir/parquet``; returns the parquet dir.

    ``PII_DATA_DIR=base_dir`` (or ``PiiDB(base_dir / "parquet")``) then reads it.
    """
    from pii.pipeline.build import build_tables, write_tables

    base_dir = Path(base_dir)
    base_dir.mkdir(parents=True, exist_ok=True)
    src = write_sources(base_dir / "sources", seed, scale)
    tables = build_tables(src)
    out = write_tables(tables, base_dir / "parquet", keep_previous=False)
    (base_dir / "DEMO_VERSION").write_text(_marker(seed, scale) + "\n", encoding="utf-8")
    return out


def installed_demo(base_dir: Path, seed: int = 2023) -> Path | None:
    """The demo folder if a complete one of this generator version is there, else None. Reads only: the app
    never writes the demo dataset on a visitor's request (issue 22); it is written when the server starts
    (scripts/serve.py) or by ``python -m pii demo --install``."""
    base_dir = Path(base_dir)
    try:
        ok = (base_dir / "parquet" / "scores.parquet").exists() and \
            (base_dir / "DEMO_VERSION").read_text(encoding="utf-8").strip() == _marker(seed, 1)
    except OSError:
        return None
    return base_dir if ok else None


def ensure_demo(base_dir: Path, seed: int = 2023) -> Path:
    """The demo folder, (re)written when missing or made by another generator version. Several server
    processes start at once (scripts/serve_cluster.py): one writes, the others wait for it (a file lock);
    the marker is written last, so a reader never takes a half-written folder."""
    import fcntl

    base_dir = Path(base_dir)
    base_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(base_dir.parent / f".{base_dir.name}.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            if installed_demo(base_dir, seed) is None:
                (base_dir / "DEMO_VERSION").unlink(missing_ok=True)
                write_demo(base_dir, seed=seed)
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
    return base_dir


def _marker(seed: int, scale: int) -> str:
    return f"{DEMO_VERSION} seed={seed} scale={scale}"


def main(argv: list[str] | None = None) -> int:
    from pii import settings

    ap = argparse.ArgumentParser(prog="python -m pii demo", description=__doc__.splitlines()[0])
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", type=Path, help="folder to write (gets sources/ and parquet/)")
    where.add_argument("--install", action="store_true",
                       help="write the app's demo dataset (PII_DEMO_DIR) if it is missing or outdated")
    ap.add_argument("--seed", type=int, default=2023)
    ap.add_argument("--scale", type=int, default=1, help="K>1 adds K-1 synthetic editions (2024 framework)")
    args = ap.parse_args(argv)
    if args.install:
        out_dir = ensure_demo(settings.demo_dir())
        print(f"demo data installed in {out_dir}")
        return 0
    if args.out.resolve() == paths.SHIPPED_DATA_DIR.resolve():
        print("refusing to overwrite the shipped data folder with synthetic data", file=sys.stderr)
        return 2
    out = write_demo(args.out, args.seed, args.scale)
    n = len(pd.read_parquet(out / "scores.parquet"))
    print(f"demo data written to {out} ({n} score rows; source '{DEMO_SOURCE_ID}'); "
          f"run the app with PII_DATA_DIR={args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
