"""Screenshots of app pages in headless Debian Chromium, for looking at them.

usage: python scripts/screenshot.py [--width W] [--height H] [--pdf portrait|landscape] BASE_URL OUT_DIR PATH [...]
e.g.   python scripts/screenshot.py --width 390 http://localhost:8600 /tmp/shots "overview?lang=en"

``--width 390`` is a phone, 768 a tablet, 1440 a desktop (default 1366). The
height defaults to $SHOT_HEIGHT or 768; SHOT_HEIGHT=2400 captures a whole page
(Streamlit scrolls an inner container, so full_page alone stops at the first
screen). ``--pdf`` also prints each page to an A4 PDF (print media, as
Chromium's print dialog would) next to the PNG.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def _wait(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_selector("[data-testid='stApp']")
    page.wait_for_selector("[data-testid='stMain'] h1", timeout=60000)  # every page has a title
    page.wait_for_timeout(1500)
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30000)
    # elements are lazy-loaded: wait until no skeleton placeholder is left
    page.wait_for_function("!document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=30000)
    page.wait_for_function(
        "[...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')]"
        ".every(c => c.querySelector('.main-svg'))", timeout=30000)
    page.wait_for_timeout(1000)


def main(base: str, out: str, paths: list[str], width: int = 1366, height: int = 768,
         pdf: str | None = None) -> None:
    Path(out).mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("PII_CHROMIUM", "/usr/bin/chromium"), args=ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        for path in paths:
            page.goto(f"{base}/{path}")
            _wait(page)
            name = path.replace("?", "_").replace("&", "_").replace("=", "-").replace("/", "_") or "root"
            name = f"{name}_{width}"
            page.screenshot(path=f"{out}/{name}.png", full_page=True)
            print(f"{out}/{name}.png")
            if pdf:
                page.emulate_media(media="print")
                page.wait_for_timeout(1500)  # charts redraw without the sidebar
                # what the browser's print command fires first (assets/print.js fits the charts on it)
                page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
                page.wait_for_timeout(500)
                page.pdf(path=f"{out}/{name}_{pdf}.pdf", format="A4", landscape=pdf == "landscape",
                         print_background=True)
                page.emulate_media(media="screen")
                print(f"{out}/{name}_{pdf}.pdf")
        browser.close()


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--width", type=int, default=int(os.environ.get("SHOT_WIDTH", 1366)))
    ap.add_argument("--height", type=int, default=int(os.environ.get("SHOT_HEIGHT", 768)))
    ap.add_argument("--pdf", choices=["portrait", "landscape"], default=None)
    ap.add_argument("base")
    ap.add_argument("out")
    ap.add_argument("paths", nargs="+")
    a = ap.parse_args()
    main(a.base, a.out, a.paths, width=a.width, height=a.height, pdf=a.pdf)
