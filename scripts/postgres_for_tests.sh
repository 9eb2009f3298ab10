#!/usr/bin/env bash
# Starts Debian's PostgreSQL for the progress-store tests (issue 23) and prints
# the connection URL the tests read from PII_TEST_POSTGRES_URL. Installs the
# server first on a machine without it. Called by scripts/test.sh.
set -euo pipefail
SUDO=""
AS_PG="runuser -u postgres --"
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; AS_PG="sudo -u postgres"; fi
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
ver=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1"/"$2}' | grep -qx "$ver/main"; then
  $SUDO pg_createcluster "$ver" main >/dev/null
fi
port=$(pg_lsclusters -h | awk -v v="$ver" '$1==v && $2=="main" {print $3}')
if ! pg_lsclusters -h | awk -v v="$ver" '$1==v && $2=="main" {print $4}' | grep -q online; then
  $SUDO pg_ctlcluster "$ver" main start >&2
fi
for _ in $(seq 1 30); do
  $AS_PG psql -p "$port" -qtAc "select 1" >/dev/null 2>&1 && break
  sleep 1
done
$AS_PG psql -p "$port" -qtAc "select 1 from pg_roles where rolname='pii_test'" | grep -q 1 ||
  $AS_PG psql -p "$port" -qc "create role pii_test login password 'pii_test' createdb" >&2
$AS_PG psql -p "$port" -qtAc "select 1 from pg_database where datname='pii_test'" | grep -q 1 ||
  $AS_PG psql -p "$port" -qc "create database pii_test owner pii_test" >&2
echo "postgresql+psycopg://pii_test:pii_test@127.0.0.1:$port/pii_test"
