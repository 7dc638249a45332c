#!/usr/bin/env bash
# Bulk ingestion benchmark. The same generated CSV is imported
#   (a) through mixrec: curl --data-binary @file POST /ratings/import, into an empty database;
#   (b) through SQL: psql \copy into a staging table, then the equivalent INSERT ... ON CONFLICT,
#       into another empty database;
# REPEAT times, alternating, and the best time of each path counts. Then JSON batches of
# BATCH_SIZE ratings go through POST /ratings. Prints rows/s of both import paths, their
# ratio and the JSON ratings/s. Not run by CI; see bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-10000000}            # CSV data lines
USERS=${USERS:-200000}            # distinct users to draw from
ITEMS=${ITEMS:-40000}             # distinct items to draw from
SEED=${SEED:-42}
REPEAT=${REPEAT:-1}               # runs of each import path; the best counts
WORK_MEM=${WORK_MEM:-64MB}        # work_mem of the merge, for both paths
BATCHES=${BATCHES:-50}            # JSON batches ...
BATCH_SIZE=${BATCH_SIZE:-10000}   # ... of this many ratings
source bench/common.sh
bench_settings 18090 mixrec_bench_app
SQL_DB=${SQL_DB:-mixrec_bench_sql}

mkdir -p "$WORK"
CSV="$WORK/ratings-$ROWS-$USERS-$ITEMS-$SEED.csv"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
per_second() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }
minimum() { tr ' ' '\n' <<<"$*" | sort -g | head -1; }
json_field() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p" <<<"$2"; }

bench_jar

if [[ ! -f "$CSV" ]]; then
  echo "Generating $CSV ($ROWS rows, $USERS users, $ITEMS items)"
  # MovieLens-like columns; ratings 1..5 in steps of 0.5; times 2000..2025.
  awk -v n="$ROWS" -v users="$USERS" -v items="$ITEMS" -v seed="$SEED" 'BEGIN {
    srand(seed); print "userId,movieId,rating,timestamp"
    for (r = 0; r < n; r++)
      printf "u%d,m%d,%.1f,%d\n", int(rand() * users), int(rand() * items), 1 + int(rand() * 9) / 2,
        946684800 + int(rand() * 788918400)
  }' >"$CSV.tmp"
  mv "$CSV.tmp" "$CSV"
fi
echo "CSV: $CSV ($(du -hL "$CSV" | cut -f1))"

cleanup() {
  stop_app
  drop_databases "$APP_DB" "$SQL_DB"
}
trap cleanup EXIT

start_app() {
  java ${BENCH_JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" \
    --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$APP_DB" --spring.datasource.username="$PGUSER" \
    --mixrec.security.api-keys[0].key="$KEY" --mixrec.security.api-keys[0].role=write \
    --mixrec.ratings.import-work-mem="$WORK_MEM" >"$WORK/mixrec.log" 2>&1 &
  APP_PID=$!
  wait_ready "$WORK/mixrec.log"
}

# The SQL path: what a DBA would run by hand, with the same statements and work_mem as
# mixrec's merge (mixrec also keeps the line number, to break ties between duplicates).
cat >"$WORK/sql-path.sql" <<SQL
begin;
set local work_mem = '$WORK_MEM';
create temp table staging (user_ext text, item_ext text, rating real, ts bigint) on commit drop;
\\copy staging from '$CSV' with (format csv, header true)
analyze staging;
insert into users (external_id) select distinct user_ext from staging order by 1 on conflict (external_id) do nothing;
insert into items (external_id) select distinct item_ext from staging order by 1 on conflict (external_id) do nothing;
with upserted as (
    insert into ratings as stored (user_id, item_id, rating, rated_at)
    select distinct on (u.id, i.id) u.id, i.id, s.rating, to_timestamp(s.ts)
    from staging s
    join users u on u.external_id = s.user_ext
    join items i on i.external_id = s.item_ext
    order by u.id, i.id, s.ts desc
    on conflict (user_id, item_id) do update
        set rating = excluded.rating, rated_at = excluded.rated_at, updated_at = now()
        where excluded.rated_at >= stored.rated_at
          and (excluded.rating, excluded.rated_at) is distinct from (stored.rating, stored.rated_at)
    returning (stored.xmax = 0) as inserted
)
select count(*) filter (where inserted) as inserted from upserted;
commit;
SQL

app_times=()
sql_times=()
for run in $(seq 1 "$REPEAT"); do
  echo "Run $run of $REPEAT"
  fresh_database "$APP_DB"
  start_app
  start=$(now)
  response=$(curl -sS --fail-with-body -H "X-API-Key: $KEY" -H 'Content-Type: text/csv' \
    --data-binary @"$CSV" "$BASE/ratings/import")
  end=$(now)
  seconds=$(elapsed "$start" "$end")
  app_times+=("$seconds")
  app_inserted=$(json_field inserted "$response")
  echo "  (a) mixrec POST /ratings/import: ${seconds}s, $(per_second "$ROWS" "$seconds") rows/s"
  echo "      $response"
  grep -o 'Imported .*' "$WORK/mixrec.log" | tail -1 | sed 's/^/      /'
  if [[ "$run" -lt "$REPEAT" ]]; then stop_app; fi

  fresh_database "$SQL_DB"
  for migration in $(ls db/migration/V*__*.sql | sort -V); do
    psql -qX -v ON_ERROR_STOP=1 -d "$SQL_DB" -f "$migration" >/dev/null
  done
  start=$(now)
  sql_inserted=$(psql -qtAX -v ON_ERROR_STOP=1 -d "$SQL_DB" -f "$WORK/sql-path.sql" | grep -E '^[0-9]+$' | tail -1)
  end=$(now)
  seconds=$(elapsed "$start" "$end")
  sql_times+=("$seconds")
  echo "  (b) psql \\copy + INSERT ... ON CONFLICT: ${seconds}s, $(per_second "$ROWS" "$seconds") rows/s"
  echo "      inserted $sql_inserted"
done

# JSON batches into the database of the last mixrec import (users are new: inserts).
echo "JSON: $BATCHES batches of $BATCH_SIZE ratings through POST /ratings"
for b in $(seq 1 "$BATCHES"); do
  awk -v b="$b" -v n="$BATCH_SIZE" -v items="$ITEMS" 'BEGIN {
    srand(b); printf "["
    for (r = 0; r < n; r++)
      printf "%s{\"userId\":\"json-%d-%d\",\"itemId\":\"m%d\",\"rating\":%.1f,\"ratedAt\":%d}", (r ? "," : ""),
        b, int(r / 20), int(rand() * items), 1 + int(rand() * 9) / 2, 946684800 + int(rand() * 788918400)
    printf "]"
  }' >"$WORK/batch-$b.json"
done
start=$(now)
for b in $(seq 1 "$BATCHES"); do
  curl -sS --fail-with-body -o /dev/null -H "X-API-Key: $KEY" -H 'Content-Type: application/json' \
    --data-binary @"$WORK/batch-$b.json" "$BASE/ratings"
done
end=$(now)
json_seconds=$(elapsed "$start" "$end")
json_total=$((BATCHES * BATCH_SIZE))
rm -f "$WORK"/batch-*.json

app_best=$(minimum "${app_times[@]}")
sql_best=$(minimum "${sql_times[@]}")
echo
echo "== Results: $ROWS CSV rows, best of $REPEAT; work_mem $WORK_MEM; $(nproc) CPUs;" \
  "PostgreSQL $(psql -qtAX -d postgres -c 'show server_version')"
printf '%-40s %9s s %9s rows/s  (runs: %s s; %s inserted)\n' "mixrec POST /ratings/import" "$app_best" \
  "$(per_second "$ROWS" "$app_best")" "${app_times[*]}" "$app_inserted"
printf '%-40s %9s s %9s rows/s  (runs: %s s; %s inserted)\n' "psql \\copy + INSERT ... ON CONFLICT" "$sql_best" \
  "$(per_second "$ROWS" "$sql_best")" "${sql_times[*]}" "$sql_inserted"
awk -v a="$app_best" -v s="$sql_best" \
  'BEGIN { printf "mixrec / SQL throughput: %.1f %% (target >= 85 %%)\n", 100 * s / a }'
printf 'JSON batches of %d: %d ratings in %s s = %s ratings/s\n' "$BATCH_SIZE" "$json_total" "$json_seconds" \
  "$(per_second "$json_total" "$json_seconds")"
