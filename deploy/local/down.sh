#!/usr/bin/env bash
# Stops everything deploy/local/up.sh started and removes DEPLOY_DIR (make deploy-local-stop).
set -uo pipefail
cd "$(dirname "$0")/../.."
. deploy/local/env.sh
[ -d "$DEPLOY_DIR" ] || { echo "nothing to stop in $DEPLOY_DIR"; exit 0; }

stop_pid() {  # stop_pid FILE: TERM, then KILL after 10 s
  [ -f "$1" ] || return 0
  local pid; pid=$(cat "$1" 2>/dev/null) || return 0
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
}

[ -f "$DEPLOY_DIR/nginx/nginx.conf" ] && nginx -p "$DEPLOY_DIR/nginx" -c "$DEPLOY_DIR/nginx/nginx.conf" -s quit 2>/dev/null
stop_pid "$RUN/nginx.pid"
for pidfile in "$RUN"/app*.pid; do stop_pid "$pidfile"; done
stop_pid "$RUN/redis.pid"
stop_pid "$RUN/pgbouncer.pid"
for node in replica primary; do
  [ -d "$DEPLOY_DIR/pg/$node" ] && as_postgres "$PGBIN/pg_ctl" -D "$DEPLOY_DIR/pg/$node" -m fast -w stop >/dev/null 2>&1
done
rm -rf "$DEPLOY_DIR"
echo "stopped; removed $DEPLOY_DIR"
