// The phone menu closes after a tap on a page link (issue 21). Below 768 px Streamlit draws the sidebar over the
// page and leaves it open after navigating, so every navigation needed a second tap to see the page.
(function () {
  const w = window.parent && window.parent.document ? window.parent : window;
  if (w.__piiMenuClose) return;
  w.__piiMenuClose = true;
  const narrow = w.matchMedia("(max-width: 767.98px)");
  w.document.addEventListener("click", function (e) {
    const link = e.target.closest && e.target.closest('[data-testid="stSidebar"] [data-testid="stPageLink"] a');
    if (!link || !narrow.matches) return;
    w.setTimeout(function () {
      const close = w.document.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (close) close.click();
    }, 50);
  }, true);
})();
