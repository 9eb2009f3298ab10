"""Text from data stays text in every Streamlit element that renders Markdown (issue 22).

A small app renders hostile names through :func:`pii.safety.md_text` in st.markdown, st.title, st.header,
st.caption, the notices, a metric label, tab and expander labels; Chromium then reads the DOM: no link, no
coloured span, no icon, no KaTeX, no bold/strike/heading/image, and the text shown is the name as written.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.e2e.helpers import ROOT, free_port, launch_browser, stop_server, wait_health

HOSTILE = [
    "[Chỉ số](https://evil.example/x)",
    "Xem https://evil.example/a và www.evil.example hoặc lan@evil.example",
    ":red[CẢNH BÁO: số liệu sai, gọi 0912 345 678] :material/warning: :warning: :streamlit:",
    "**đậm** __đậm__ *nghiêng* ~~gạch~~ $x^2$ $$y$$ `mã`",
    "# Tiêu đề <b>b</b> <img src=x onerror=alert(1)> ![i](https://evil.example/p.png)",
    "a -> b <- c -- d >= e <= f ~= g | h |",
    "Hà Nội 47,75% (Đề án 06) & \\ ^ { }",
]

APP = '''
import streamlit as st
from pii.safety import md_text
names = {names!r}
st.title(md_text(names[0]))
for i, n in enumerate(names):
    st.markdown(md_text(n))
    st.header(md_text(n))
    st.caption(md_text(n))
    st.info(md_text(n))
    st.warning(md_text(n))
    st.metric(md_text(n), 1)
    with st.expander(md_text(n), expanded=True):
        st.write("x")
tabs = st.tabs([md_text(n) for n in names])
'''

_CHECK_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const bad = [...main.querySelectorAll('a, img, strong, em, del, s, code, .katex, [data-testid="stIconMaterial"],'
    + ' span[style*="color"], span[class*="Colored"], table, hr, li, p h1, p h2')];
  // Streamlit's own heading anchors (href="#…", no text) are not from the data
  // and the expanders' own arrow icons
  return bad.filter(e => !(e.tagName === 'A' && (e.getAttribute('href') || '').startsWith('#') && !e.textContent))
    .filter(e => !(e.textContent || '').startsWith('keyboard_arrow'))
    .map(e => e.tagName + ' ' + (e.getAttribute('href') || '') + ': ' + e.textContent.slice(0, 60));
}"""


@pytest.mark.e2e
def test_hostile_names_render_as_plain_text(tmp_path):
    from playwright.sync_api import sync_playwright

    script = tmp_path / "names_app.py"
    script.write_text(APP.format(names=HOSTILE), encoding="utf-8")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
                             "--server.port", str(port), "--server.address", "127.0.0.1",
                             "--browser.gatherUsageStats", "false"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_health(f"http://127.0.0.1:{port}", proc, 90)
        with sync_playwright() as p:
            browser = launch_browser(p)
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.goto(f"http://127.0.0.1:{port}/")
            page.wait_for_selector('[data-testid="stMain"] h1', timeout=120_000)
            page.locator('[data-testid="stTab"]').last.wait_for(timeout=60_000)
            page.wait_for_timeout(500)
            if os.environ.get("PII_SHOTS_DIR"):
                page.screenshot(path=os.path.join(os.environ["PII_SHOTS_DIR"], "md_text.png"), full_page=True)
            assert page.evaluate(_CHECK_JS) == []
            shown = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').innerText")
            shown = shown.replace("\u2060", "")
            for name in HOSTILE:
                assert name in shown, name
            tab_labels = [t.inner_text().replace("\u2060", "") for t in page.locator('[data-testid="stTab"]').all()]
            assert tab_labels == HOSTILE
            browser.close()
    finally:
        stop_server(proc)
