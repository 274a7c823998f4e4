#!/usr/bin/env bash
# Benchmarks the app against a throwaway PostgreSQL 15 cluster on loopback and reports every figure as a ratio to the
# raw PostgreSQL limits measured on that same cluster in the same run (bench/pg-limits.sh).
#
#   bench/run.sh                      # everything, defaults below
#   BENCH_DURATION=30 bench/run.sh    # longer command runs
#
# Steps: start a cluster in a temp dir (durability on) -> pg-limits -> build the bench (and the app jar if missing)
# -> start the app on the cluster -> BenchMain load -> stop the app and the cluster -> BenchMain startup (app on its
# embedded default database) -> BenchMain report (results.md / results.json in $BENCH_OUT, table printed).
#
# Settings (environment):
#   BENCH_DURATION=15        measured seconds per command and concurrency
#   BENCH_WARMUP=20 BENCH_WARMUP_MAX=120   warm-up before each command run: at least WARMUP seconds, then until the
#                            app's JIT compilers are quiet (under 5 % of the last 5 s), at most WARMUP_MAX (BenchMain's JitWarmup)
#   BENCH_CLIENTS=1,8        concurrencies for the command runs
#   BENCH_LIMITS_SECONDS=15  seconds per pgbench run
#   BENCH_EVENTS_TARGET=100000  seed (through the API) until the store holds this many events
#   BENCH_SEED_MAX_SECONDS=1800  upper bound on seeding time
#   BENCH_SCENARIOS=commands,floor,seed,replay,export   BENCH_EXPORT_RUNS=3   BENCH_REPLAY_RUNS=1
#                            (floor: GET /api/version and GET /api/reports at BENCH_CLIENTS, the web stack with no
#                            command behind it, over the command load's client)
#   BENCH_AUTOMATION=1       after the load scenarios (BenchMain automation): replay into a report projection, rule
#                            trigger latency with BENCH_AUTOMATION_RULES=100 active rules (BENCH_AUTOMATION_RULE_SECONDS=30
#                            of transfers at 20/s), policy-check overhead (BENCH_AUTOMATION_POLICY_SECONDS=20 per key)
#   BENCH_TELEMETRY=1        telemetry ingestion (BenchMain telemetry) after the load scenarios, on the same app:
#   BENCH_TELEMETRY_CLIENTS=2 BENCH_TELEMETRY_DURATION=20 (saturation seconds) BENCH_TELEMETRY_RATE=20000 (paced
#                            events/s) BENCH_TELEMETRY_PACED_SECONDS=20 BENCH_TELEMETRY_WARMUP=20 and
#                            BENCH_TELEMETRY_WARMUP_MAX=180 (seconds, discarded; the same JIT-quiet rule)
#   BENCH_STARTUP_COLD=3 BENCH_STARTUP_WARM=1 BENCH_STARTUP_FIRST=1   start-to-ready runs (all 0 to skip; medians reported):
#                            cold = empty P3_DATA_DIR; warm = restart on it; first = empty P3_DATA_DIR and java.io.tmpdir
#   BENCH_PGDATA=DIR         keep the cluster in DIR and reuse it (and its seeded events) on the next run
#   BENCH_APP_PORT, BENCH_PG_PORT   fixed ports instead of the first free ones (two benches at once race for them)
#   BENCH_OUT=DIR            results directory (default bench/results/<UTC time>)
#   APP_JAR=PATH             app jar to test (then nothing is built). Default: app/target/app-*.jar, after
#                            ./mvnw -q -DskipTests package. BENCH_BUILD_APP=missing builds only when no jar exists
#                            (a jar in app/target may come from another revision, so "exists" does not mean "current").
#   BENCH_APP_JAVA_OPTS=""   extra JVM options for the app under test (e.g. a GC comparison); none by default
#   BENCH_LIMITS_AFTER=1     measure the raw limits again after the app runs, to show how much the machine drifted
#   PG_BIN=/usr/lib/postgresql/15/bin     BENCH_INSTALL_PG=1  apt-get install postgresql postgresql-contrib if missing
#   BENCH_RUN_AS=postgres    the non-root user for PostgreSQL and the app when this script runs as root
# Only 127.0.0.1 is used; every wait below is bounded.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")

DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-20}
WARMUP_MAX=${BENCH_WARMUP_MAX:-120}
CLIENTS=${BENCH_CLIENTS:-1,8}
LIMITS_SECONDS=${BENCH_LIMITS_SECONDS:-15}
EVENTS_TARGET=${BENCH_EVENTS_TARGET:-100000}
SEED_MAX=${BENCH_SEED_MAX_SECONDS:-1800}
SCENARIOS=${BENCH_SCENARIOS:-commands,floor,seed,replay,export}
EXPORT_RUNS=${BENCH_EXPORT_RUNS:-3}
REPLAY_RUNS=${BENCH_REPLAY_RUNS:-1}
TELEMETRY=${BENCH_TELEMETRY:-1}
AUTOMATION=${BENCH_AUTOMATION:-1}
AUTOMATION_RULES=${BENCH_AUTOMATION_RULES:-100}
AUTOMATION_RULE_SECONDS=${BENCH_AUTOMATION_RULE_SECONDS:-30}
AUTOMATION_POLICY_SECONDS=${BENCH_AUTOMATION_POLICY_SECONDS:-20}
TELEMETRY_CLIENTS=${BENCH_TELEMETRY_CLIENTS:-2}
TELEMETRY_DURATION=${BENCH_TELEMETRY_DURATION:-20}
TELEMETRY_RATE=${BENCH_TELEMETRY_RATE:-20000}
TELEMETRY_PACED=${BENCH_TELEMETRY_PACED_SECONDS:-20}
TELEMETRY_WARMUP=${BENCH_TELEMETRY_WARMUP:-20}
TELEMETRY_WARMUP_MAX=${BENCH_TELEMETRY_WARMUP_MAX:-180}
STARTUP_COLD=${BENCH_STARTUP_COLD:-3}
STARTUP_WARM=${BENCH_STARTUP_WARM:-1}
STARTUP_FIRST=${BENCH_STARTUP_FIRST:-1}
BUILD_APP=${BENCH_BUILD_APP:-always}
LIMITS_AFTER=${BENCH_LIMITS_AFTER:-0}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
OUT=${BENCH_OUT:-$here/results/$(date -u +%Y%m%dT%H%M%SZ)}
DB=p3
DB_USER=p3

log() { printf '[run.sh %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now() { date +%s.%N; }
secs_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }
randhex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }

# Free TCP port on 127.0.0.1 in [from, from+200): bounded search.
free_port() {
  local p
  for ((p = $1; p < $1 + 200; p++)); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

# ---------------------------------------------------------------- prerequisites
if [ ! -x "$PG_BIN/initdb" ] || [ ! -x "$PG_BIN/pgbench" ]; then
  if [ "${BENCH_INSTALL_PG:-0}" = 1 ] && [ "$(id -u)" = 0 ]; then
    log "installing PostgreSQL (BENCH_INSTALL_PG=1)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql postgresql-contrib >&2
  else
    die "PostgreSQL 15 binaries not found in $PG_BIN. Install them (Debian: apt-get install -y postgresql postgresql-contrib) or rerun as root with BENCH_INSTALL_PG=1; set PG_BIN for another location."
  fi
fi
export PATH="$PG_BIN:$PATH"
command -v pgbench >/dev/null || die "pgbench not found"
command -v curl >/dev/null || die "curl not found"
command -v java >/dev/null || die "java (17+) not found"

# PostgreSQL refuses to run as root: as root, run the cluster and the app as an unprivileged user.
if [ "$(id -u)" = 0 ]; then
  RUNAS=${BENCH_RUN_AS:-postgres}
  if ! id "$RUNAS" >/dev/null 2>&1; then
    log "creating system user $RUNAS"
    useradd --system --no-create-home --shell /usr/sbin/nologin "$RUNAS"
  fi
  RUNAS_GID=$(id -g "$RUNAS")
  # setpriv execs (no wrapper process), so signals and PIDs reach the real program.
  AS_PREFIX="setpriv --reuid=$RUNAS --regid=$RUNAS_GID --init-groups --"
else
  RUNAS=$(id -un)
  AS_PREFIX=""
fi
as() { $AS_PREFIX "$@"; }

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
tmp=$(mktemp -d /tmp/p3-bench.XXXXXX)
chmod 755 "$tmp"
mkdir -p "$tmp/sock" "$tmp/home" "$tmp/app-data" "$tmp/startup"
touch "$tmp/postgres.log" "$tmp/app-gc.log"
[ "$(id -u)" = 0 ] && chown "$RUNAS:$RUNAS_GID" "$tmp/sock" "$tmp/home" "$tmp/app-data" "$tmp/startup" "$tmp/postgres.log" \
  "$tmp/app-gc.log"

# A cluster in BENCH_PGDATA outlives the run (it is outside $tmp); the default one goes with $tmp.
PGDATA_DIR=${BENCH_PGDATA:-$tmp/pgdata}

APP_PID=""
PG_STARTED=0
cleanup() {
  local rc=$?
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then stop_app; fi
  if [ "$PG_STARTED" = 1 ]; then as pg_ctl -D "$PGDATA_DIR" -m fast -w -t 60 stop >/dev/null 2>&1 || true; fi
  [ -f "$tmp/postgres.log" ] && cp "$tmp/postgres.log" "$OUT/postgres.log" 2>/dev/null || true
  [ -s "$tmp/app-gc.log" ] && cp "$tmp/app-gc.log" "$OUT/app-gc.log" 2>/dev/null || true
  rm -rf "$tmp"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stop_app() { # SIGTERM, wait up to 60 s, then SIGKILL
  local i
  kill -TERM "$APP_PID" 2>/dev/null || true
  for ((i = 0; i < 600; i++)); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$APP_PID" 2>/dev/null; then log "app did not stop within 60 s: SIGKILL"; kill -KILL "$APP_PID" 2>/dev/null || true; fi
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}

# ---------------------------------------------------------------- throwaway PostgreSQL
if [ -f "$PGDATA_DIR/PG_VERSION" ]; then
  log "reusing cluster in $PGDATA_DIR"
  [ -f "$PGDATA_DIR/bench-password" ] || die "$PGDATA_DIR has no bench-password: not a cluster made by bench/run.sh"
  DB_PASSWORD=$(cat "$PGDATA_DIR/bench-password")
  # The vault's master key generations live in the database: every app run on it needs the same passphrase.
  [ -f "$PGDATA_DIR/bench-master-key" ] || die "$PGDATA_DIR has no bench-master-key (made by an older bench/run.sh): delete it"
else
  log "initdb in $PGDATA_DIR (as $RUNAS)"
  mkdir -p "$PGDATA_DIR"
  chmod 700 "$PGDATA_DIR"
  [ "$(id -u)" = 0 ] && chown "$RUNAS:$RUNAS_GID" "$PGDATA_DIR"
  DB_PASSWORD=$(randhex 16)
  printf '%s\n' "$DB_PASSWORD" >"$tmp/pw"
  [ "$(id -u)" = 0 ] && chown "$RUNAS:$RUNAS_GID" "$tmp/pw"
  chmod 600 "$tmp/pw"
  as initdb -D "$PGDATA_DIR" -U "$DB_USER" --pwfile="$tmp/pw" --auth-local=scram-sha-256 --auth-host=scram-sha-256 \
    -E UTF8 --no-locale >"$tmp/initdb.log" 2>&1 || { cat "$tmp/initdb.log" >&2; die "initdb failed"; }
  rm -f "$tmp/pw"
  printf '%s\n' "$DB_PASSWORD" >"$PGDATA_DIR/bench-password"
  chmod 600 "$PGDATA_DIR/bench-password"
  randhex 32 >"$PGDATA_DIR/bench-master-key"
  chmod 600 "$PGDATA_DIR/bench-master-key"
fi
MASTER_KEY=$(cat "$PGDATA_DIR/bench-master-key")
PG_PORT=${BENCH_PG_PORT:-$(free_port 55432)} || die "no free port for PostgreSQL"
log "starting PostgreSQL on 127.0.0.1:$PG_PORT (synchronous_commit=on, fsync=on)"
t_pg=$(now)
as pg_ctl -D "$PGDATA_DIR" -l "$tmp/postgres.log" -w -t 120 start -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT \
  -c unix_socket_directories=$tmp/sock -c synchronous_commit=on -c fsync=on -c full_page_writes=on" >/dev/null \
  || { cat "$tmp/postgres.log" >&2; die "PostgreSQL did not start"; }
PG_START_SECONDS=$(secs_since "$t_pg")
PG_STARTED=1
export PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=$DB_USER PGPASSWORD=$DB_PASSWORD PGDATABASE=postgres
if [ -z "$(psql -qXAt -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]; then
  psql -qX -c "CREATE DATABASE $DB" >/dev/null
fi
export PGDATABASE=$DB
PG_VERSION=$(psql -qXAt -c "SHOW server_version")
PG_SETTINGS=$(psql -qXAt -F' ' -c "SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ', ' ORDER BY name) FROM pg_settings
  WHERE name IN ('synchronous_commit', 'fsync', 'full_page_writes', 'shared_buffers', 'wal_level', 'max_connections')")
log "PostgreSQL $PG_VERSION: $PG_SETTINGS"

# ---------------------------------------------------------------- raw limits (same cluster, same run)
log "raw PostgreSQL limits: 4 pgbench runs of ${LIMITS_SECONDS} s"
"$here/pg-limits.sh" "$LIMITS_SECONDS" >"$OUT/pg-limits.tsv"
column -t -s $'\t' "$OUT/pg-limits.tsv" >&2 2>/dev/null || cat "$OUT/pg-limits.tsv" >&2

# ---------------------------------------------------------------- builds
log "building bench"
(cd "$root" && ./mvnw -q -pl bench -am package -DskipTests) >&2
BENCH_JAR=$(ls "$here"/target/bench-*.jar 2>/dev/null | grep -v -- '-sources\|-javadoc' | head -1)
[ -n "$BENCH_JAR" ] || die "bench jar not built"
BENCH_CP="$BENCH_JAR:$here/target/lib/*"
bench() { java -Xmx1g -cp "$BENCH_CP" io.p3protocol.bench.BenchMain "$@"; }

find_app_jar() { ls "$root"/app/target/app-*.jar 2>/dev/null | grep -v '\.original$' | head -1 || true; }
if [ -z "${APP_JAR:-}" ]; then
  APP_JAR=$(find_app_jar)
  if [ -z "$APP_JAR" ] || [ "$BUILD_APP" = always ]; then
    log "building the app jar (./mvnw -q -DskipTests package)"
    (cd "$root" && ./mvnw -q -DskipTests package) >&2
    APP_JAR=$(find_app_jar)
  fi
fi
[ -n "$APP_JAR" ] && [ -f "$APP_JAR" ] || die "no app jar"
# A private copy: readable by $RUNAS, and immune to someone rebuilding app/target during the run.
cp "$APP_JAR" "$tmp/app.jar"
chmod 644 "$tmp/app.jar"
log "app jar: $APP_JAR ($(sha256sum "$tmp/app.jar" | cut -c1-12))"

ADMIN_KEY=$(randhex 32)

# ---------------------------------------------------------------- app on the bench cluster
if [ -n "$SCENARIOS" ] && [ "$SCENARIOS" != none ]; then
  APP_PORT=${BENCH_APP_PORT:-$(free_port 18080)} || die "no free port for the app"
  log "starting the app on 127.0.0.1:$APP_PORT against the bench cluster"
  # Not through as(): a backgrounded function would stay a subshell and $! would not be the app; exec makes it so.
  # The GC log (wall-clock stamps, never rotated) lets BenchMain count how many tail requests met a GC pause.
  # shellcheck disable=SC2086
  (cd "$tmp/home" && exec $AS_PREFIX env HOME="$tmp/home" P3_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$DB" \
    P3_DB_USER="$DB_USER" P3_DB_PASSWORD="$DB_PASSWORD" P3_ADMIN_KEY="$ADMIN_KEY" P3_MASTER_KEY="$MASTER_KEY" \
    P3_DATA_DIR="$tmp/app-data" \
    java "-Xlog:gc:file=$tmp/app-gc.log:utctime:filecount=0" ${BENCH_APP_JAVA_OPTS:-} -jar "$tmp/app.jar" --server.port="$APP_PORT" --server.address=127.0.0.1) >"$OUT/app.log" 2>&1 &
  APP_PID=$!
  t_app=$(now)
  ready=0
  for ((i = 0; i < 3000; i++)); do # <= 300 s
    kill -0 "$APP_PID" 2>/dev/null || break
    if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$APP_PORT/actuator/health" || true)" = 200 ]; then
      ready=1; break
    fi
    sleep 0.1
  done
  if [ "$ready" != 1 ]; then
    tail -n 40 "$OUT/app.log" >&2 || true
    die "the app did not become healthy on the bench cluster (log: $OUT/app.log)"
  fi
  log "app ready after $(secs_since "$t_app") s (external database; not the start-to-ready figure)"

  bench load --base-url "http://127.0.0.1:$APP_PORT" --api-key "$ADMIN_KEY" \
    --db-url "jdbc:postgresql://127.0.0.1:$PG_PORT/$DB" --db-user "$DB_USER" --db-password "$DB_PASSWORD" \
    --scenarios "$SCENARIOS" --duration "$DURATION" --warmup "$WARMUP" --warmup-max "$WARMUP_MAX" --clients "$CLIENTS" \
    --events-target "$EVENTS_TARGET" --seed-max-seconds "$SEED_MAX" --export-runs "$EXPORT_RUNS" \
    --replay-runs "$REPLAY_RUNS" --app-gc-log "$tmp/app-gc.log" --out "$OUT/load.json" \
    || log "BenchMain load failed (partial results kept)"
  if [ "$AUTOMATION" = 1 ]; then
    bench automation --base-url "http://127.0.0.1:$APP_PORT" --api-key "$ADMIN_KEY" \
      --db-url "jdbc:postgresql://127.0.0.1:$PG_PORT/$DB" --db-user "$DB_USER" --db-password "$DB_PASSWORD" \
      --rules "$AUTOMATION_RULES" --rule-seconds "$AUTOMATION_RULE_SECONDS" --policy-seconds "$AUTOMATION_POLICY_SECONDS" \
      --out "$OUT/automation.json" || log "BenchMain automation failed"
  fi
  # After the load scenarios: its ~10^6 events would otherwise slow the replay and the export measured above.
  if [ "$TELEMETRY" = 1 ]; then
    bench telemetry --base-url "http://127.0.0.1:$APP_PORT" --api-key "$ADMIN_KEY" --clients "$TELEMETRY_CLIENTS" \
      --warmup "$TELEMETRY_WARMUP" --warmup-max "$TELEMETRY_WARMUP_MAX" --duration "$TELEMETRY_DURATION" --paced-rate "$TELEMETRY_RATE" --paced-duration "$TELEMETRY_PACED" \
      --out "$OUT/telemetry.json" || log "BenchMain telemetry failed"
  fi
  stop_app
fi

if [ "$LIMITS_AFTER" = 1 ]; then
  log "raw PostgreSQL limits again, after the app runs"
  "$here/pg-limits.sh" "$LIMITS_SECONDS" >"$OUT/pg-limits-after.tsv" || log "second pg-limits run failed"
fi

# The cluster is no longer needed: stop it so the start-up runs have the machine to themselves.
as pg_ctl -D "$PGDATA_DIR" -m fast -w -t 60 stop >/dev/null || log "pg_ctl stop failed"
PG_STARTED=0

# ---------------------------------------------------------------- start to ready (embedded default)
if [ "$STARTUP_COLD" != 0 ] || [ "$STARTUP_WARM" != 0 ] || [ "$STARTUP_FIRST" != 0 ]; then
  owner_opts=()
  [ "$(id -u)" = 0 ] && owner_opts=(--launch-prefix "$AS_PREFIX env HOME=$tmp/home" --data-owner "$RUNAS")
  bench startup --jar "$tmp/app.jar" --admin-key "$ADMIN_KEY" --work-dir "$tmp/startup" --out "$OUT/startup.json" \
    --first-runs "$STARTUP_FIRST" --cold-runs "$STARTUP_COLD" --warm-runs "$STARTUP_WARM" "${owner_opts[@]}" \
    || log "BenchMain startup failed"
  cp "$tmp"/startup/*.log "$OUT/" 2>/dev/null || true
fi

# ---------------------------------------------------------------- report
git_rev=$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
bench report --limits "$OUT/pg-limits.tsv" --limits-after "$OUT/pg-limits-after.tsv" --load "$OUT/load.json" \
  --telemetry "$OUT/telemetry.json" --automation "$OUT/automation.json" --startup "$OUT/startup.json" \
  --pg-start-seconds "$PG_START_SECONDS" \
  --info "PostgreSQL=$PG_VERSION on 127.0.0.1, $PG_SETTINGS;App jar=$(basename "$APP_JAR") (sha256 $(sha256sum "$tmp/app.jar" | cut -c1-12)), commit $git_rev;Results=$OUT" \
  --out-json "$OUT/results.json" --out-md "$OUT/results.md"
log "results: $OUT/results.md and $OUT/results.json"
