#!/usr/bin/env bash
# Command 1: install everything and start the app on the shipped data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh requirements.txt
# The parquet tables are committed; rebuild only if a source CSV is newer.
if [ ! -f pii_data/parquet/scores.parquet ] || [ -n "$(find pii_data/sources -newer pii_data/parquet/scores.parquet -name '*.csv' 2>/dev/null)" ]; then
  .venv/bin/python -m pii build
fi
# PII_WORKERS Streamlit processes (default: the number of cores) behind HAProxy on PORT, dead ones restarted
# (scripts/serve_cluster.py). PII_WORKERS=1 or --dev: one process, no proxy (development).
dev=0; args=()
for a in "$@"; do if [ "$a" = "--dev" ]; then dev=1; else args+=("$a"); fi; done
# --dev also reloads pages on save (the file watcher is off in .streamlit/config.toml: it costs every new session)
if [ "$dev" = 1 ]; then args=(--server.fileWatcherType auto --server.runOnSave true ${args[@]+"${args[@]}"}); fi
if [ "$dev" = 1 ] || [ "${PII_WORKERS:-}" = "1" ]; then
  # serve.py = `streamlit run app.py` that starts in st.navigation mode (see its docstring)
  exec .venv/bin/python scripts/serve.py --server.headless true --server.port "${PORT:-8501}" ${args[@]+"${args[@]}"}
fi
exec .venv/bin/python scripts/serve_cluster.py --port "${PORT:-8501}" ${args[@]+"${args[@]}"}
