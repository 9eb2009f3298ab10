"""Screenshots of app pages in headless Debian Chromium, for looking at them.

usage: python scripts/screenshot.py BASE_URL OUT_DIR PATH[?query] [PATH ...]
e.g.   python scripts/screenshot.py http://localhost:8600 /tmp/shots "overview?lang=en"
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def main(base: str, out: str, paths: list[str], width: int = 1366, height: int = 768) -> None:
    Path(out).mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        for path in paths:
            page.goto(f"{base}/{path}")
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
            name = path.replace("?", "_").replace("&", "_").replace("=", "-").replace("/", "_") or "root"
            page.screenshot(path=f"{out}/{name}.png", full_page=True)
            print(f"{out}/{name}.png")
        browser.close()


if __name__ == "__main__":
    # SHOT_HEIGHT=2400 captures a whole page: Streamlit scrolls an inner
    # container, so full_page alone stops at the first screen.
    import os

    main(sys.argv[1], sys.argv[2], sys.argv[3:], height=int(os.environ.get("SHOT_HEIGHT", 768)))
