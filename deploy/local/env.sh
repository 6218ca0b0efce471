# The local topology's ports and paths; every one can be overridden from the environment.
DEPLOY_DIR=${DEPLOY_DIR:-/tmp/portal-deploy}
PG_PRIMARY_PORT=${PG_PRIMARY_PORT:-9532}
PG_REPLICA_PORT=${PG_REPLICA_PORT:-9533}
PGBOUNCER_PORT=${PGBOUNCER_PORT:-9534}
REDIS_PORT=${REDIS_PORT:-9579}
APP_PORTS=${APP_PORTS:-"9501 9502"}
NGINX_PORT=${NGINX_PORT:-9580}
# Seconds anonymous public GETs stay in the proxy's cache (the app sends the header).
EDGE_CACHE_SECONDS=${EDGE_CACHE_SECONDS:-5}
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
RUN="$DEPLOY_DIR/run"
LOG="$DEPLOY_DIR/log"

# PostgreSQL and PgBouncer refuse to run as root: run them as postgres when we are root.
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
