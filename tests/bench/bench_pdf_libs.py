"""Benchmark (issue 19): which library reads the text of a 63-profile, ~190-page report PDF (fpdf2, generated
here) for the least CPU and memory. Each library runs in a fresh process (as the worker would); reported:
CPU seconds (user + system) and peak resident MB of that process, and the characters it read.

- pypdfium2 (PDFium, C++; pdfplumber's own dependency for rendering): page.get_textpage().get_text_range()
- pdfminer.six (pure Python; under pdfplumber): pdfminer.high_level.extract_text
- pdfplumber text: page.extract_text() per page
- pdfplumber tables: page.extract_tables() per page (the appendix reader's path before issue 19)

usage: .venv/bin/python tests/bench/bench_pdf_libs.py [--pdf FILE]
Results: tests/bench/results/pdf_libs.json and pdf_libs.md
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "tests" / "bench" / "results"

CODE = {
    "pypdfium2": "import pypdfium2 as p\nd=p.PdfDocument(data)\nn=0\nfor i in range(len(d)):\n"
                 "    n+=len(d[i].get_textpage().get_text_range())\n",
    "pdfminer.six": "import io\nfrom pdfminer.high_level import extract_text\nn=len(extract_text(io.BytesIO(data)))\n",
    "pdfplumber text": "import io, pdfplumber\nn=0\nwith pdfplumber.open(io.BytesIO(data)) as pdf:\n"
                       "    for pg in pdf.pages:\n        n+=len(pg.extract_text() or '')\n        pg.flush_cache()\n",
    "pdfplumber tables": "import io, pdfplumber\nn=0\nwith pdfplumber.open(io.BytesIO(data)) as pdf:\n"
                         "    for pg in pdf.pages:\n        n+=sum(len(t) for t in pg.extract_tables())\n"
                         "        pg.flush_cache()\n",
}
HARNESS = """import resource, sys
data = open(sys.argv[1], 'rb').read()
{code}
u = resource.getrusage(resource.RUSAGE_SELF)
print(u.ru_utime + u.ru_stime, u.ru_maxrss / 1024, n)
"""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pdf", type=Path)
    args = ap.parse_args()
    if args.pdf:
        path = args.pdf
    else:
        from tests.fixtures import edition as E

        fw, units = E.framework(2023), E.units("63")
        path = Path(tempfile.mkdtemp()) / "profiles_63.pdf"
        path.write_bytes(E.profiles_fpdf(fw, units, E.figures(fw, [u["province_id"] for u in units])))
    import pypdfium2

    pages = len(pypdfium2.PdfDocument(path.read_bytes()))
    out = {"pdf_bytes": path.stat().st_size, "pages": pages, "libraries": {}}
    for lib, code in CODE.items():
        try:
            res = subprocess.run([sys.executable, "-c", HARNESS.format(code=code), str(path)], capture_output=True,
                                 text=True, timeout=600)
            cpu, peak, n = res.stdout.split()
            out["libraries"][lib] = {"cpu_s": float(cpu), "peak_mb": float(peak), "chars": int(n)}
        except (subprocess.TimeoutExpired, ValueError) as err:
            out["libraries"][lib] = {"error": str(err)[:200]}
        print(lib, out["libraries"][lib], flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "pdf_libs.json").write_text(json.dumps(out, indent=2), encoding="utf-8")
    lines = [f"{pages} pages, {out['pdf_bytes'] / 1e3:.0f} KB (fpdf2, 63 profiles)", "",
             "| library | CPU s | peak MB | read (characters; tables: rows) |", "|---|---|---|---|"]
    for lib, r in out["libraries"].items():
        lines.append(f"| {lib} | {r.get('cpu_s', float('nan')):.1f} | {r.get('peak_mb', float('nan')):.0f} | "
                     f"{r.get('chars', '—')} |")
    (RESULTS / "pdf_libs.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
