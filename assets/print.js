// Charts and tables on paper. Plotly charts and st.dataframe tables are drawn
// at the screen width (a chart drawn 1440 px wide was cut at the right edge of
// an A4 page). When printing starts (beforeprint, or print media applied: the
// print dialog, or page.pdf after emulate_media), give each one a zoom that
// fits the share of the page its column has, for A4 portrait (190 mm = 718 px
// of content) and landscape (277 mm = 1047 px); assets/style.css applies the
// one for the page's orientation. Zoom scales the drawing as it is, so the
// chart is not redrawn and nothing else moves.
(function () {
  const w = window.parent && window.parent.document ? window.parent : window;
  if (w.__piiPrintFit) return;
  w.__piiPrintFit = true;
  const doc = w.document;
  const PAGE_PX = { portrait: 718, landscape: 1047 };
  const SELECTOR = '[data-testid="stPlotlyChart"], [data-testid="stDataFrame"]';
  function fit() {
    reset();  // measure the drawing at its own size, not at a zoom set by an earlier call
    const main = doc.querySelector('[data-testid="stMainBlockContainer"]') || doc.querySelector('[data-testid="stMain"]');
    const mainW = main ? main.getBoundingClientRect().width : 0;
    doc.querySelectorAll(SELECTOR).forEach(function (el) {
      const width = el.getBoundingClientRect().width;
      const slot = el.parentElement ? el.parentElement.getBoundingClientRect().width : width;
      if (!(width > 0 && mainW > 0)) return;
      ["portrait", "landscape"].forEach(function (o) {
        const room = (Math.min(slot, mainW) / mainW) * PAGE_PX[o] * 0.98;
        el.style.setProperty("--pii-zoom-" + o, Math.min(1, room / width).toFixed(4));
      });
    });
  }
  function reset() {
    doc.querySelectorAll(SELECTOR).forEach(function (el) {
      el.style.removeProperty("--pii-zoom-portrait");
      el.style.removeProperty("--pii-zoom-landscape");
    });
  }
  w.matchMedia("print").addEventListener("change", function (e) { if (e.matches) fit(); else reset(); });
  w.addEventListener("beforeprint", fit);
  w.addEventListener("afterprint", reset);
})();
