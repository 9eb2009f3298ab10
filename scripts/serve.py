"""Start the app: ``python scripts/serve.py [streamlit run options]``.

Streamlit serves the first session of a fresh server in its legacy mode for
apps that have a ``pages/`` folder (each page file runs on its own, without
app.py's ``st.navigation``: wrong menu, no sections). This launcher tells
Streamlit up front that the app uses ``st.navigation``, then runs
``streamlit run app.py`` with the given options.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parent.parent / "app.py"


def preload() -> None:
    """Import what every session uses before the server starts (the first visitor does not pay for it),
    then move those long-lived objects out of the garbage collector's reach: with
    ``runner.postScriptGC = false`` (.streamlit/config.toml) Python's automatic collections only walk
    objects made since (gc.freeze)."""
    sys.path.insert(0, str(APP.parent))
    import duckdb  # noqa: F401
    import pandas  # noqa: F401
    import plotly.graph_objects  # noqa: F401

    import pii.charts.theme  # noqa: F401
    import pii.i18n  # noqa: F401
    import queries  # noqa: F401

    gc.collect()
    gc.freeze()


def upload_cap() -> list[str]:
    """Streamlit's upload cap = the importer's limit (issue 22): a bigger upload never reaches the server."""
    from pii.pipeline.limits import MAX_BYTES

    return ["--server.maxUploadSize", str(MAX_BYTES // (1024 * 1024))]


def recover_publish() -> None:
    """A publish killed half-way (a server killed during it) is finished or undone when the app starts."""
    from pii.pipeline import import_lock, paths

    done = import_lock.recover_at_start(paths.data_dir())
    if done:
        print(f"pii: recovered an interrupted publish ({done})", file=sys.stderr)


if __name__ == "__main__":
    preload()
    # issue 21: Streamlit's hashed scripts and styles go out brotli/gzip-9 compressed (scripts/precompressed.py)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import precompressed

    precompressed.install()
    recover_publish()
    PagesManager.uses_pages_directory = False
    cap = [] if any(a.startswith("--server.maxUploadSize") for a in sys.argv[1:]) else upload_cap()
    sys.argv = ["streamlit", "run", str(APP), *cap, *sys.argv[1:]]
    sys.exit(cli.main())
