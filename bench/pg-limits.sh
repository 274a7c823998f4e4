#!/usr/bin/env bash
# The raw PostgreSQL limits that the benchmarks report their figures against, measured on the same database and in
# the same run: A1 single-row event INSERT, A2 command-shaped append (read the aggregate's version, insert the next
# event, one transaction), B batched append (1000 event rows in one INSERT, one transaction; what telemetry
# batches compare with), C catch-up read in 1000-row pages.
#
# The bench's own copy of the team's reference measurement (shared/tools/pg-limits.sh): the same schema, payload,
# scripts and pgbench options, so the numbers are comparable. Three differences: test B is the bench's own; the output has a fifth column,
# pgbench's mean latency per transaction (for the latency ratios), and the arithmetic uses awk instead of bc.
#
# Connection from the usual libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE); PGHOST must be a
# loopback address. Usage: pg-limits.sh [seconds-per-run=15]   Output: one TSV row per test on stdout.
set -euo pipefail
secs=${1:-15}
[[ "$secs" =~ ^[0-9]+$ ]] && (( secs >= 1 && secs <= 600 )) || { echo "seconds-per-run must be 1..600" >&2; exit 2; }
case "${PGHOST:-}" in
  127.*|::1) ;;
  *) echo "PGHOST must be a loopback address (got '${PGHOST:-}')" >&2; exit 2 ;;
esac
command -v pgbench >/dev/null || { echo "pgbench not found (Debian: postgresql-contrib / postgresql-client)" >&2; exit 2; }
work=$(mktemp -d); trap 'rm -rf "$work"; psql -qX -c "DROP SCHEMA IF EXISTS p3_limits CASCADE" >/dev/null 2>&1 || true' EXIT
P='{"channelId":"ch-0000123","name":"Example Channel HD","country":"DE","lang":"de","categories":["news","sports","documentary"],"logo":"https://img.example.org/logos/ch-0000123.png","epg":{"source":"xmltv","tz":"Europe/Berlin","offsetMin":60},"streams":[{"url":"https://cdn.example.org/live/ch-0000123/index.m3u8","bitrate":4500000,"codec":"h264"}],"note":"lorem ipsum dolor sit amet consectetur"}'
M='{"correlationId":"5f0c6e3a-8a1e-4c1b-9d55-0d3b2f4a9e11","traceId":"00f067aa0ba902b7","user":"importer"}'
psql -qX -v ON_ERROR_STOP=1 <<SQL
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS p3_limits CASCADE; CREATE SCHEMA p3_limits;
CREATE TABLE p3_limits.events_w (global_seq bigserial PRIMARY KEY, aggregate_id text NOT NULL, seq bigint NOT NULL,
  event_type text NOT NULL, payload jsonb NOT NULL, metadata jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT events_w_agg_seq UNIQUE (aggregate_id, seq));
CREATE TABLE p3_limits.events_r (LIKE p3_limits.events_w INCLUDING ALL);
INSERT INTO p3_limits.events_r (aggregate_id, seq, event_type, payload, metadata)
  SELECT md5((g % 38000)::text)::uuid::text, g / 38000, 'ChannelUpdatedEvent', '$P', '$M' FROM generate_series(1, 300000) g;
VACUUM ANALYZE p3_limits.events_r;
SQL
cat >"$work/a1.sql" <<SQL
\set agg random(1, 100000)
\set s random(1, 4000000000000000000)
INSERT INTO p3_limits.events_w (aggregate_id, seq, event_type, payload, metadata) VALUES (md5(:agg::text)::uuid::text, :s, 'ChannelUpdatedEvent', '$P', '$M');
SQL
cat >"$work/a2.sql" <<SQL
\set agg random(1, 10000) + 1000000 * :client_id
BEGIN;
SELECT coalesce(max(seq), 0) + 1 AS nseq FROM p3_limits.events_w WHERE aggregate_id = md5(:agg::text)::uuid::text \gset
INSERT INTO p3_limits.events_w (aggregate_id, seq, event_type, payload, metadata) VALUES (md5(:agg::text)::uuid::text, :nseq, 'ChannelUpdatedEvent', '$P', '$M');
END;
SQL
cat >"$work/b.sql" <<SQL
INSERT INTO p3_limits.events_w (aggregate_id, seq, event_type, payload, metadata) SELECT md5(random()::text)::uuid::text, g, 'ChannelUpdatedEvent', '$P', '$M' FROM generate_series(1, 1000) g;
SQL
cat >"$work/c.sql" <<SQL
\set x random(0, 299000)
SELECT global_seq, aggregate_id, seq, event_type, payload, metadata, created_at FROM p3_limits.events_r WHERE global_seq > :x ORDER BY global_seq LIMIT 1000;
SQL
run() { # name script clients rows-per-tx
  psql -qX -c "TRUNCATE p3_limits.events_w" >/dev/null
  local out tps lat
  out=$(pgbench -n -M prepared -c "$3" -j $(( $3 > 1 ? 2 : 1 )) -T "$secs" -f "$2" 2>&1) || { echo "$out" >&2; exit 1; }
  tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out" | head -1)
  lat=$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' <<<"$out" | head -1)
  [ -n "$tps" ] || { echo "no tps in pgbench output:" >&2; echo "$out" >&2; exit 1; }
  awk -v n="$1" -v c="$3" -v t="$tps" -v r="$4" -v l="${lat:-}" 'BEGIN { printf "%s\t%s\t%s\t%.0f\t%s\n", n, c, t, t * r, l }'
}
printf 'test\tclients\ttx_per_s\trows_per_s\tlatency_avg_ms\n'
run warmup "$work/a1.sql" 8 1 >/dev/null
run A1_single_row_insert "$work/a1.sql" 1 1
run A1_single_row_insert "$work/a1.sql" 8 1
run A2_command_append "$work/a2.sql" 8 1
run B_batch_insert_1000 "$work/b.sql" 2 1000
run C_catchup_read_1000 "$work/c.sql" 1 1000
