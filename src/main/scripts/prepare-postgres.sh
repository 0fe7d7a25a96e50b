#!/usr/bin/env bash
# Prepares a local PostgreSQL for development and tests when no database is configured.
# A configured database (HUB_DB_HOST set) is used as is. Otherwise this makes sure a server
# answers on 127.0.0.1:5432 (starting or installing Debian's package if needed) and that the
# role "hub" and the databases "hub" (dev) and "hub_test" (tests) exist. It prints what it did.
set -euo pipefail

say() { echo "[prepare-postgres] $*"; }

if [ -n "${HUB_DB_HOST:-}" ]; then
  say "HUB_DB_HOST is set: using the configured database ${HUB_DB_HOST}:${HUB_DB_PORT:-5432}/${HUB_DB_NAME:-?} as is"
  exit 0
fi

as_postgres() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else sudo -n -u postgres "$@"; fi
}

server_answers() { pg_isready -q -h 127.0.0.1 -p 5432 >/dev/null 2>&1; }

if ! command -v pg_isready >/dev/null 2>&1 || ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
  if server_answers 2>/dev/null; then :; else
    say "PostgreSQL is not installed: installing Debian's postgresql package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
  fi
fi

if ! server_answers; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  say "PostgreSQL ${version} is installed but not answering on 127.0.0.1:5432: starting cluster ${version}/main"
  pg_ctlcluster --skip-systemctl-redirect "${version}" main start || pg_ctlcluster "${version}" main start
  for _ in $(seq 1 30); do server_answers && break; sleep 1; done
  server_answers || { say "PostgreSQL did not come up"; exit 1; }
fi

psql_admin() { as_postgres psql -v ON_ERROR_STOP=1 -qtAX -h /var/run/postgresql "$@" 2>/dev/null || psql -v ON_ERROR_STOP=1 -qtAX -h 127.0.0.1 -U postgres "$@"; }

if [ "$(psql_admin -c "select 1 from pg_roles where rolname = 'hub'")" != "1" ]; then
  psql_admin -c "create role hub login password 'hub'"
  say "created role hub"
fi
for db in hub hub_test ${HUB_DB_EXTRA_DATABASES:-}; do
  if [ "$(psql_admin -c "select 1 from pg_database where datname = '${db}'")" != "1" ]; then
    psql_admin -c "create database ${db} owner hub"
    say "created database ${db}"
  fi
done
say "PostgreSQL ready on 127.0.0.1:5432 (role hub, databases hub and hub_test)"
