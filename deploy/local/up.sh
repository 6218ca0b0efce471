#!/usr/bin/env bash
# Brings the production topology up on one machine (make deploy-local):
#   nginx :NGINX_PORT  buffering reverse proxy, load balancer and edge cache
#     → gunicorn app servers on APP_PORTS (two by default)
#       → PgBouncer :PGBOUNCER_PORT (transaction pooling)
#         → PostgreSQL primary :PG_PRIMARY_PORT and a streaming replica :PG_REPLICA_PORT
#       → Redis :REDIS_PORT (shared cache, rate limits, sessions)
# Everything lives under DEPLOY_DIR; deploy/local/down.sh stops it and removes it.
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=deploy/local
. "$HERE/env.sh"
PY=${PY:-.venv/bin/python}

need() { command -v "$1" >/dev/null || { echo "error: $1 is not installed (make deploy-local installs it)" >&2; exit 1; }; }
need nginx; need pgbouncer; need redis-server
[ -x "$PGBIN/initdb" ] || { echo "error: PostgreSQL's initdb not found in $PGBIN" >&2; exit 1; }
if [ -e "$DEPLOY_DIR/run/up" ]; then
  echo "error: a local deployment is already up in $DEPLOY_DIR (run make deploy-local-stop)" >&2
  exit 1
fi

mkdir -p "$DEPLOY_DIR"/{pg,pgbouncer,nginx,static} "$RUN" "$LOG"
chmod 755 "$DEPLOY_DIR"
[ "$(id -u)" = 0 ] && chown -R postgres: "$DEPLOY_DIR/pg" "$DEPLOY_DIR/pgbouncer" "$RUN" "$LOG"
chmod 777 "$RUN" "$LOG"

wait_for() {  # wait_for WHAT COMMAND…: up to 30 s
  local what=$1; shift
  for _ in $(seq 1 60); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "error: $what did not come up (logs in $LOG)" >&2; exit 1
}

echo "postgresql primary on :$PG_PRIMARY_PORT"
as_postgres "$PGBIN/initdb" -D "$DEPLOY_DIR/pg/primary" -U postgres --auth=trust -E UTF8 \
  --locale=C.UTF-8 >"$LOG/initdb.log"
cat >>"$DEPLOY_DIR/pg/primary/postgresql.conf" <<CONF
port = $PG_PRIMARY_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$RUN'
wal_level = replica
max_wal_senders = 5
hot_standby = on
timezone = 'UTC'
max_connections = 100
# Failed statements are logged without their text, so no personal data reaches the log.
log_min_error_statement = panic
CONF
as_postgres "$PGBIN/pg_ctl" -D "$DEPLOY_DIR/pg/primary" -l "$LOG/primary.log" -w start >/dev/null
as_postgres "$PGBIN/createdb" -h 127.0.0.1 -p "$PG_PRIMARY_PORT" -U postgres portal

echo "postgresql replica on :$PG_REPLICA_PORT (pg_basebackup, streaming)"
# --checkpoint=fast: the default, spread checkpoint makes pg_basebackup wait for up to
# checkpoint_timeout × 0.9 (minutes) before it copies anything.
as_postgres "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PRIMARY_PORT" -U postgres \
  -D "$DEPLOY_DIR/pg/replica" -R -X stream --checkpoint=fast
echo "port = $PG_REPLICA_PORT" | as_postgres tee -a "$DEPLOY_DIR/pg/replica/postgresql.auto.conf" >/dev/null
as_postgres "$PGBIN/pg_ctl" -D "$DEPLOY_DIR/pg/replica" -l "$LOG/replica.log" -w start >/dev/null

echo "pgbouncer on :$PGBOUNCER_PORT (transaction pooling)"
sed -e "s|@DIR@|$DEPLOY_DIR|g" -e "s|@RUN@|$RUN|g" -e "s|@LOG@|$LOG|g" \
  -e "s|@PORT@|$PGBOUNCER_PORT|g" -e "s|@PRIMARY@|$PG_PRIMARY_PORT|g" \
  -e "s|@REPLICA@|$PG_REPLICA_PORT|g" "$HERE/pgbouncer.ini" >"$DEPLOY_DIR/pgbouncer/pgbouncer.ini"
echo '"postgres" ""' >"$DEPLOY_DIR/pgbouncer/userlist.txt"
[ "$(id -u)" = 0 ] && chown postgres: "$DEPLOY_DIR"/pgbouncer/*
as_postgres pgbouncer -d "$DEPLOY_DIR/pgbouncer/pgbouncer.ini"
wait_for pgbouncer "$PGBIN/pg_isready" -h 127.0.0.1 -p "$PGBOUNCER_PORT" -d portal

echo "redis on :$REDIS_PORT"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
  --pidfile "$RUN/redis.pid" --logfile "$LOG/redis.log" --dir "$DEPLOY_DIR"

# The app servers' environment: production settings, local HTTP.
[ -f "$DEPLOY_DIR/secret" ] || "$PY" -c "import secrets; print(secrets.token_urlsafe(50))" >"$DEPLOY_DIR/secret"
cat >"$DEPLOY_DIR/app.env" <<ENV
export DEBUG=0
export SECRET_KEY=$(cat "$DEPLOY_DIR/secret")
export ALLOWED_HOSTS=127.0.0.1,localhost
export SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 SECURE_HSTS_SECONDS=0
export DATABASE_URL=postgres://postgres@127.0.0.1:$PGBOUNCER_PORT/portal
export DATABASE_REPLICA_URLS=postgres://postgres@127.0.0.1:$PGBOUNCER_PORT/portal_replica
export DATABASE_POOLED=1
export REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
export EDGE_CACHE_SECONDS=$EDGE_CACHE_SECONDS
export PRIVATE_MEDIA_ROOT=$DEPLOY_DIR/private-media
export FORWARDED_ALLOW_IPS=127.0.0.1 TRUSTED_PROXIES=127.0.0.1
export CERTIFICATE_VERIFY_RATE=${CERTIFICATE_VERIFY_RATE:-20/m}
export BENCH_HELLO=${BENCH_HELLO:-0} RATELIMIT_ENABLE=${RATELIMIT_ENABLE:-1}
export API_ANON_RATE=${API_ANON_RATE-120/min} API_USER_RATE=${API_USER_RATE-600/min}
ENV
. "$DEPLOY_DIR/app.env"

echo "migrate and load the real data (on the primary)"
DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PRIMARY_PORT/portal DATABASE_REPLICA_URLS= \
  bash -c "$PY manage.py migrate --noinput -v 0 && $PY manage.py load_authorities >/dev/null \
  && $PY manage.py import_notice data/seeds/000_fc6201608e7ab29d.txt >/dev/null \
  && $PY manage.py load_catalogue >/dev/null && $PY manage.py collectstatic --noinput -v 0"

n=0
for port in $APP_PORTS; do
  n=$((n + 1))
  echo "app server $n on :$port"
  mkdir -p "$DEPLOY_DIR/metrics/app$n"  # each app server adds up its own workers' metrics
  PROMETHEUS_MULTIPROC_DIR="$DEPLOY_DIR/metrics/app$n" \
  GUNICORN_BIND=127.0.0.1:$port WEB_CONCURRENCY=${WEB_CONCURRENCY:-2} .venv/bin/gunicorn \
    --daemon --pid "$RUN/app$n.pid" --error-logfile "$LOG/app$n.log" --capture-output \
    --name "portal-app$n"
  wait_for "app server $n" curl -fsS "http://127.0.0.1:$port/healthz"
done

echo "nginx on :$NGINX_PORT"
upstreams=""
for port in $APP_PORTS; do upstreams+="    server 127.0.0.1:$port max_fails=1 fail_timeout=5s;\n"; done
sed -e "s|@DIR@|$DEPLOY_DIR|g" -e "s|@RUN@|$RUN|g" -e "s|@LOG@|$LOG|g" \
  -e "s|@PORT@|$NGINX_PORT|g" -e "s|@UPSTREAMS@|$upstreams|" "$HERE/nginx.conf" \
  >"$DEPLOY_DIR/nginx/nginx.conf"
nginx -p "$DEPLOY_DIR/nginx" -c "$DEPLOY_DIR/nginx/nginx.conf" -t -q
nginx -p "$DEPLOY_DIR/nginx" -c "$DEPLOY_DIR/nginx/nginx.conf"
wait_for nginx curl -fsS "http://127.0.0.1:$NGINX_PORT/readyz"
touch "$RUN/up"
echo "up: http://127.0.0.1:$NGINX_PORT/ (readiness: /readyz; stop: make deploy-local-stop)"
