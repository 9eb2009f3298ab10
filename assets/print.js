// Charts on paper: Plotly draws each chart as stacked SVG elements (main-svg)
// with a fixed pixel width (the screen's) and no viewBox, so a printed chart
// was cut at the right edge of an A4 page. When printing starts (beforeprint,
// or print media applied: the print dialog, page.pdf after emulate_media),
// give every chart SVG a viewBox of its own size; assets/style.css then lets
// it scale to the page width (@media print). The viewBox is removed after
// printing so the screen chart keeps Plotly's own pixel mapping.
(function () {
  const w = window.parent && window.parent.document ? window.parent : window;
  if (w.__piiPrintFit) return;
  w.__piiPrintFit = true;
  const doc = w.document;
  function svgs() { return doc.querySelectorAll('[data-testid="stPlotlyChart"] svg.main-svg'); }
  function fit() {
    svgs().forEach(function (s) {
      const width = parseFloat(s.getAttribute("width"));
      const height = parseFloat(s.getAttribute("height"));
      if (width > 0 && height > 0) {
        s.setAttribute("viewBox", "0 0 " + width + " " + height);
        s.setAttribute("preserveAspectRatio", "xMinYMin meet");
        s.classList.add("pii-print-fit");
      }
    });
  }
  function reset() {
    svgs().forEach(function (s) {
      if (s.classList.contains("pii-print-fit")) {
        s.removeAttribute("viewBox");
        s.removeAttribute("preserveAspectRatio");
        s.classList.remove("pii-print-fit");
      }
    });
  }
  w.matchMedia("print").addEventListener("change", function (e) { if (e.matches) fit(); else reset(); });
  w.addEventListener("beforeprint", fit);
  w.addEventListener("afterprint", reset);
  w.__piiPrintFitNow = fit;
})();
