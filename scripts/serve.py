"""Start the app: ``python scripts/serve.py [streamlit run options]``.

Streamlit serves the first session of a fresh server in its legacy mode for
apps that have a ``pages/`` folder (each page file runs on its own, without
app.py's ``st.navigation``: wrong menu, no sections). This launcher tells
Streamlit up front that the app uses ``st.navigation``, then runs
``streamlit run app.py`` with the given options.
"""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parent.parent / "app.py"

if __name__ == "__main__":
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    sys.exit(cli.main())
