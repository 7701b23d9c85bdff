#!/usr/bin/env bash
# Installs everything Danio needs on a Debian machine that has Node 20 and npm, run as root. Idempotent:
# pnpm 10.34.9 with npm when missing (pnpm 11 crashes on Node 20), Debian's Chromium with apt-get when
# missing (end-to-end tests drive /usr/bin/chromium; no browser is ever downloaded), then the locked
# dependencies. PostgreSQL and Redis are started when installed but stopped.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "10.34.9" ]; then
  echo "setup: installing pnpm 10.34.9 with npm"
  npm install -g pnpm@10.34.9
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "setup: installing Debian's chromium with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y chromium || { apt-get update && apt-get install -y chromium; }
fi

if command -v pg_ctlcluster >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  echo "setup: starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
fi
if command -v redis-server >/dev/null 2>&1 && ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "setup: starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no || true
fi

pnpm install --frozen-lockfile
