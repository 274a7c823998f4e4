#!/usr/bin/env bash
# Smoke test of the built service against an external PostgreSQL 15 (the P3_DB_URL deployment).
#
# Creates a throwaway PostgreSQL cluster in a temp dir (as a non-root user: PostgreSQL refuses to run as root),
# starts it on a free loopback port with synchronous_commit on, creates a database and a password-protected role,
# runs app/target/app-*.jar against it with P3_DB_URL/P3_DB_USER/P3_DB_PASSWORD and P3_ADMIN_KEY, and exercises
# the API: version, create tenant, issue key, use key, revoke, revoked key refused, 409 on a second revoke, and
# Flyway's tables in that database. Everything it started is stopped on exit. Every wait is bounded.
#
# Usage: scripts/smoke-external-postgres.sh   (after ./mvnw verify or package; run from anywhere)
# Env:   PG_BIN (default /usr/lib/postgresql/15/bin), SMOKE_KEEP=1 keeps the temp dir for inspection.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
HEALTH_TIMEOUT_SECONDS=180

say() { echo "smoke: $*"; }
fail() {
  echo "smoke: FAILED: $*" >&2
  exit 1
}

# ---- prerequisites -----------------------------------------------------------------------------------------------
apt_updated=0
apt_install() {
  [ "$(id -u)" -eq 0 ] || fail "'$*' is missing and installing it needs root (apt-get install $*)"
  if [ "$apt_updated" -eq 0 ]; then
    timeout 300 apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq --no-install-recommends "$@"
}
if [ ! -x "$PG_BIN/initdb" ]; then
  say "installing postgresql-15 (no default cluster)"
  mkdir -p /etc/postgresql-common
  [ -f /etc/postgresql-common/createcluster.conf ] || echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.conf
  apt_install postgresql-15
fi
command -v curl >/dev/null 2>&1 || apt_install curl
command -v java >/dev/null 2>&1 || fail "java is not on the PATH"

JAR=""
for candidate in "$ROOT"/app/target/app-*.jar; do
  [ -f "$candidate" ] && JAR=$candidate
done
[ -n "$JAR" ] || fail "no app/target/app-*.jar: build it first (./mvnw verify)"

# ---- scratch space and cleanup ----------------------------------------------------------------------------------
WORK=$(mktemp -d /tmp/p3-smoke.XXXXXX)
chmod 755 "$WORK"
APP_PID=""
PG_STARTED=0

if [ "$(id -u)" -eq 0 ]; then
  PG_OS_USER=postgres
  if ! id "$PG_OS_USER" >/dev/null 2>&1; then
    PG_OS_USER=p3smoke
    id "$PG_OS_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_OS_USER"
  fi
  as_pg() { runuser -u "$PG_OS_USER" -- "$@"; }
else
  PG_OS_USER=$(id -un)
  as_pg() { "$@"; }
fi

cleanup() {
  local status=$?
  set +e
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID"
    for _ in $(seq 1 30); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
    kill -0 "$APP_PID" 2>/dev/null && kill -9 "$APP_PID"
  fi
  if [ "$PG_STARTED" -eq 1 ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -m fast -t 30 -w stop >/dev/null
  fi
  if [ "$status" -ne 0 ]; then
    for log in "$WORK/app.log" "$WORK/postgres.log"; do
      [ -f "$log" ] && { echo "---- last lines of $log" >&2; tail -n 60 "$log" >&2; }
    done
  fi
  if [ "${SMOKE_KEEP:-0}" = "1" ]; then
    echo "smoke: kept $WORK" >&2
  else
    rm -rf "$WORK"
  fi
  if [ "$status" -eq 0 ]; then
    echo "SMOKE PASSED: the service ran against an external PostgreSQL 15 (tenant, key, revoke, 409, version, Flyway tables)"
  else
    echo "SMOKE FAILED (exit $status)" >&2
  fi
}
trap cleanup EXIT

# A loopback port below the kernel's ephemeral range (so no outgoing connection holds it) that nothing listens on.
# Another process may still take it before PostgreSQL binds it; the start below then retries on another port.
free_port() {
  local low port
  low=$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  [ "$low" -gt 11000 ] || low=32768
  for _ in $(seq 1 100); do
    port=$((10000 + RANDOM % (low - 10000)))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  fail "no free loopback port found"
}

random_hex() { head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# ---- PostgreSQL 15 ----------------------------------------------------------------------------------------------
DB_PASSWORD=$(random_hex)
mkdir -p "$WORK/sock"
chown "$PG_OS_USER" "$WORK/sock"
say "initdb as $PG_OS_USER, PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}')"
install -d -o "$PG_OS_USER" -m 700 "$WORK/pgdata"
as_pg "$PG_BIN/initdb" -D "$WORK/pgdata" -U postgres -E UTF8 --no-locale --auth-local=trust \
  --auth-host=scram-sha-256 >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log" >&2; fail "initdb failed"; }
touch "$WORK/postgres.log"
chown "$PG_OS_USER" "$WORK/postgres.log"
for attempt in 1 2 3; do
  PG_PORT=$(free_port)
  : >"$WORK/postgres.log"
  if as_pg "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -l "$WORK/postgres.log" -w -t 60 -o "-c listen_addresses=127.0.0.1 \
      -c port=$PG_PORT -c unix_socket_directories=$WORK/sock -c synchronous_commit=on -c fsync=on" start >/dev/null; then
    PG_STARTED=1
    break
  fi
  grep -q "could not bind" "$WORK/postgres.log" || fail "PostgreSQL did not start within 60 s"
  say "port $PG_PORT was taken meanwhile; trying another ($attempt/3)"
done
[ "$PG_STARTED" -eq 1 ] || fail "PostgreSQL could not bind a loopback port"
say "PostgreSQL listening on 127.0.0.1:$PG_PORT"

psql_admin() {
  as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$WORK/sock" -p "$PG_PORT" -U postgres "$@"
}
psql_admin -d postgres -c "CREATE ROLE p3 LOGIN PASSWORD '$DB_PASSWORD'" -c "CREATE DATABASE p3 OWNER p3"
[ "$(psql_admin -d postgres -At -c 'SHOW synchronous_commit')" = "on" ] || fail "synchronous_commit is not on"

# ---- the service ------------------------------------------------------------------------------------------------
ADMIN_KEY="smoke-admin-$(random_hex)"
say "starting $(basename "$JAR") with P3_DB_URL (HTTP on a port of the kernel's choosing)"
P3_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/p3" P3_DB_USER=p3 P3_DB_PASSWORD="$DB_PASSWORD" \
  P3_ADMIN_KEY="$ADMIN_KEY" P3_PORT=0 P3_DATA_DIR="$WORK/data" \
  java -jar "$JAR" --server.address=127.0.0.1 </dev/null >"$WORK/app.log" 2>&1 &
APP_PID=$!

deadline=$((SECONDS + HEALTH_TIMEOUT_SECONDS))
APP_PORT=""
until [ -n "$APP_PORT" ]; do
  kill -0 "$APP_PID" 2>/dev/null || fail "the service exited during startup"
  [ "$SECONDS" -lt "$deadline" ] || fail "the service did not open its HTTP port within ${HEALTH_TIMEOUT_SECONDS} s"
  sleep 1
  APP_PORT=$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$WORK/app.log" | head -n 1)
done
BASE="http://127.0.0.1:$APP_PORT"
until curl -sf --max-time 5 "$BASE/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
  kill -0 "$APP_PID" 2>/dev/null || fail "the service exited during startup"
  [ "$SECONDS" -lt "$deadline" ] || fail "the service was not healthy within ${HEALTH_TIMEOUT_SECONDS} s"
  sleep 2
done
say "healthy after $((SECONDS - deadline + HEALTH_TIMEOUT_SECONDS)) s"
grep -q "Embedded PostgreSQL" "$WORK/app.log" && fail "an embedded PostgreSQL was started although P3_DB_URL is set"

# call METHOD PATH KEY [JSON]: prints the status; the body is left in $WORK/body.
call() {
  local method=$1 path=$2 key=$3 body=${4:-}
  local args=(-s -o "$WORK/body" -w '%{http_code}' --max-time 30 -X "$method" "$BASE$path")
  [ -n "$key" ] && args+=(-H "X-API-Key: $key")
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data "$body")
  curl "${args[@]}"
}
expect() { # expect STATUS DESCRIPTION METHOD PATH KEY [JSON]
  local want=$1 what=$2
  shift 2
  local got
  got=$(call "$@")
  [ "$got" = "$want" ] || fail "$what: expected $want, got $got: $(head -c 400 "$WORK/body")"
  say "$what → $got"
}
field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" "$WORK/body"; }

expect 200 "GET /api/version" GET /api/version ""
grep -q '"version"' "$WORK/body" || fail "no version in $(cat "$WORK/body")"

expect 201 "create tenant" POST /api/tenants "$ADMIN_KEY" '{"name":"Smoke Mesh"}'
TENANT=$(field tenantId)
[ -n "$TENANT" ] || fail "no tenantId in $(cat "$WORK/body")"

expect 201 "issue key" POST "/api/tenants/$TENANT/api-keys" "$ADMIN_KEY" '{"roles":["admin"]}'
KEY_ID=$(field keyId)
KEY=$(field apiKey)
[ -n "$KEY_ID" ] && [ -n "$KEY" ] || fail "no keyId/apiKey in the issue answer"

expect 200 "use key (rename own tenant)" POST "/api/tenants/$TENANT/rename" "$KEY" '{"name":"Smoke Mesh renamed"}'
expect 200 "revoke key" POST "/api/api-keys/$KEY_ID/revoke" "$ADMIN_KEY"
expect 403 "revoked key refused" POST "/api/tenants/$TENANT/rename" "$KEY" '{"name":"again"}'
grep -q '"code":"revoked_api_key"' "$WORK/body" || fail "revoked key: wrong code in $(cat "$WORK/body")"
expect 409 "second revoke" POST "/api/api-keys/$KEY_ID/revoke" "$ADMIN_KEY"
grep -q '"code":"api_key_already_revoked"' "$WORK/body" || fail "second revoke: wrong code in $(cat "$WORK/body")"

# ---- what landed in the external database -----------------------------------------------------------------------
psql_p3() { # over TCP with the role's password, as the service connects
  as_pg env PGPASSWORD="$DB_PASSWORD" "$PG_BIN/psql" -X -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U p3 -d p3 \
    -c "$1"
}
tables=$(psql_p3 "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN
  ('flyway_schema_history', 'domainevententry', 'tokenentry', 'tenant_view', 'api_key_view', 'auth_api_key', 'scheduled_tasks')")
[ "$tables" = "7" ] || fail "expected Flyway to have created 7 tables in the external database, found $tables"
failed_migrations=$(psql_p3 "SELECT count(*) FROM flyway_schema_history WHERE NOT success")
[ "$failed_migrations" = "0" ] || fail "$failed_migrations failed Flyway migrations"
say "Flyway: $(psql_p3 "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL") migrations applied"
events=$(psql_p3 "SELECT count(*) FROM domainevententry WHERE aggregateidentifier IN ('$TENANT', '$KEY_ID')")
[ "$events" -ge 4 ] || fail "expected the tenant's and key's events in domainevententry, found $events"
say "$events events of the smoke tenant and key are in the external event store"
if psql_p3 "SELECT count(*) FROM domainevententry WHERE position('$KEY' in convert_from(payload, 'UTF8')) > 0" | grep -qv '^0$'; then
  fail "the plaintext API key appears in an event payload"
fi
