#!/usr/bin/env bash
# Load benchmark of the recommendations endpoint. Generates a planted rating set (USERS users
# with ratings, ITEMS items), imports it through POST /ratings/import into a fresh database,
# fits two models: the previous default (PREVIOUS, one mixture with K=16) and the current one
# (CURRENT, the ensemble with K chosen by data), then runs wrk on loopback with CONNECTIONS
# connections:
#   1. baseline: GET /ping, a bare JSON endpoint of the same server ({"status":"ok"}, no
#      database, no model; through the same Tomcat, security filters, Spring MVC and Jackson);
#   2. GET /users/{random user}/recommendations (limit 10) served by each model in turn (the
#      script activates one, then the other): one indexed read of the user's ratings, the
#      fold-in, the ranking, top 10.
# Warm-up: all three under load until C2's compile queue has drained (it takes about two
# minutes on 2 cores; figures taken before that drift by 30 % and more), at most WARMUP_MAX
# seconds. Then ROUNDS rounds, each a run of DURATION on the current model's recommendations,
# on the previous model's and on the baseline, back to back, so that all see the same state of
# the machine. Prints each round, the median round's requests/s and p99, the ratios, and the
# machine. Targets: the current model's p99 <= 25 ms and >= 50 % of the previous model's
# requests/s (issue 15); >= 50 % of the baseline's requests/s (issue 6). REUSE_DATABASE=1 keeps
# the database (and its models) for the next run, which then skips the import and the refits.
# wrk runs on the same machine and takes CPU from the server, the same for every phase. Not
# run by CI; see bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

USERS=${USERS:-10000}
ITEMS=${ITEMS:-20000}
RATINGS=${RATINGS:-1000000}
CLUSTERS=${CLUSTERS:-32}           # planted clusters of the generated data
PREVIOUS=${PREVIOUS:-'{"preset": "mixture", "clusters": 16}'}   # refit options of the previous default
CURRENT=${CURRENT:-'{}'}                                        # and of the current one
# the presets their versions store ('*': the newest version); jars before the ensemble
# (fcb6886) call the mixture 'default' and store no preset, so compare them with e.g.
# JAR=old.jar PREVIOUS='{"preset":"default","clusters":16}' CURRENT="$PREVIOUS" PREVIOUS_PRESET='*' CURRENT_PRESET='*'
PREVIOUS_PRESET=${PREVIOUS_PRESET:-mixture}
CURRENT_PRESET=${CURRENT_PRESET:-ensemble}
SEED=${SEED:-7}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}              # wrk threads
WARMUP_MAX=${WARMUP_MAX:-300}     # seconds; the warm-up ends earlier once C2's queue is drained
WARMUP_MIN=${WARMUP_MIN:-60}      # seconds
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-20s}
source bench/common.sh
bench_settings 18092 mixrec_bench_load

bench_needs java curl psql wrk awk # wrk: apt-get install -y wrk
bench_jar

CSV="$WORK/planted-$USERS-$ITEMS-$RATINGS-$CLUSTERS-$SEED.csv"
if [[ ! -f "$CSV" ]]; then
  echo "Generating $CSV"
  java -jar "$JAR" generate --users "$USERS" --items "$ITEMS" --ratings "$RATINGS" --clusters "$CLUSTERS" \
    --seed "$SEED" --format csv --out "$CSV.tmp" >/dev/null
  mv "$CSV.tmp" "$CSV"
fi
# the users that have ratings, as a Lua table for the request script
USERS_LUA="$WORK/users-$USERS-$ITEMS-$RATINGS-$CLUSTERS-$SEED.lua"
awk -F, 'NR > 1 && !seen[$1]++ { printf "%s\"%s\"", (n++ ? "," : "return {"), $1 } END { print "}" }' "$CSV" \
  >"$USERS_LUA"
cat >"$WORK/recommendations.lua" <<'LUA'
local users = dofile(os.getenv("MIXREC_USERS_LUA"))
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end
function init(args)
  math.randomseed(os.time() * 1000 + (id or 0))
end
function request()
  return wrk.format("GET", "/users/" .. users[math.random(#users)] .. "/recommendations")
end
LUA

cleanup() {
  stop_app
  if [[ "${REUSE_DATABASE:-0}" != 1 ]]; then
    drop_databases "$APP_DB"
  fi
}
trap cleanup EXIT

model_of() { # preset ('*': any) -> the newest active-capable version of it
  psql -qtAX -d "$APP_DB" -c "select version from model_versions where ('$1' = '*' or options->>'preset' = '$1')
    and status in ('active', 'succeeded', 'retired') order by version desc limit 1" 2>/dev/null
}
if [[ "${REUSE_DATABASE:-0}" == 1 ]] && [[ -n "$(model_of "$PREVIOUS_PRESET")" && -n "$(model_of "$CURRENT_PRESET")" ]]; then
  echo "Reusing database $APP_DB and its models"
  reuse=1
else
  psql -qX -d postgres -c "set client_min_messages = warning" -c "drop database if exists $APP_DB with (force)" \
    -c "create database $APP_DB" >/dev/null
  reuse=0
fi
echo "Starting $JAR on port $PORT (database $APP_DB, log $WORK/load.log)"
# as the container runs it (docker-entrypoint.sh): with the Vector API for the engine's kernels
java --add-modules jdk.incubator.vector ${BENCH_JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" \
  --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$APP_DB" --spring.datasource.username="$PGUSER" \
  --mixrec.security.api-keys[0].key="$KEY" --mixrec.security.api-keys[0].role=admin \
  --mixrec.refit.holdout-fraction=0 --mixrec.refit.cron=- >"$WORK/load.log" 2>&1 &
APP_PID=$!
wait_ready "$WORK/load.log"

if [[ "$reuse" == 0 ]]; then
echo "Importing $(($(wc -l <"$CSV") - 1)) ratings"
curl -sS --fail-with-body -H "X-API-Key: $KEY" -H 'Content-Type: text/csv' --data-binary @"$CSV" \
  "$BASE/ratings/import"
echo
echo "Refitting the previous default: $PREVIOUS"
refit_active "$KEY" "$PREVIOUS" >/dev/null
echo "Refitting the current default: $CURRENT"
refit_active "$KEY" "$CURRENT" >/dev/null
fi
PREVIOUS_VERSION=$(model_of "$PREVIOUS_PRESET")
CURRENT_VERSION=$(model_of "$CURRENT_PRESET")
echo "Models: previous default version $PREVIOUS_VERSION, current default version $CURRENT_VERSION"
serve() { # version: activate it and wait until the server serves it
  curl -sS -o /dev/null --fail-with-body -X POST -H "X-API-Key: $KEY" "$BASE/admin/models/$1/activate"
  until curl -sf -H "X-API-Key: $KEY" "$BASE/users/1/recommendations" | grep -q "\"modelVersion\":$1,"; do
    sleep 0.2
  done
}

to_ms() { # wrk latency (e.g. 812.00us, 3.41ms, 1.02s) in ms
  awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) }
         else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f", v }' <<<"$1"
}
# one wrk run: prints "requests/s p99-ms errors"
measure() { # path script duration
  local args=(-t"$THREADS" -c"$CONNECTIONS" --latency -d"$3" -H "X-API-Key: $KEY")
  [[ -n "$2" ]] && args+=(-s "$2")
  local out
  out=$(MIXREC_USERS_LUA="$USERS_LUA" wrk "${args[@]}" "$BASE$1")
  printf '%s %s %s\n' "$(awk '/^Requests\/sec/ { print $2 }' <<<"$out")" \
    "$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")" \
    "$(awk '/Non-2xx/ { printf "non-2xx:%s,", $NF } /Socket errors/ { gsub(/ /, ""); printf "%s", $0 }' <<<"$out")"
}
compile_queue() { # methods waiting for the JIT, or empty without jcmd
  command -v jcmd >/dev/null && jcmd "$APP_PID" Compiler.queue 2>/dev/null | grep -c '^[0-9]' || true
}
RECS=/users/1/recommendations
echo "== warm-up: all three until C2's queue is drained (at least ${WARMUP_MIN} s, at most ${WARMUP_MAX} s)"
warm_started=$SECONDS
while :; do
  serve "$CURRENT_VERSION"
  measure "$RECS" "$WORK/recommendations.lua" 10s >/dev/null
  serve "$PREVIOUS_VERSION"
  measure "$RECS" "$WORK/recommendations.lua" 5s >/dev/null
  measure /ping "" 5s >/dev/null
  queued=$(compile_queue)
  elapsed=$((SECONDS - warm_started))
  echo "   ${elapsed} s: ${queued:-?} methods queued for C2"
  if ((elapsed >= WARMUP_MAX)) || { ((elapsed >= WARMUP_MIN)) && [[ -n "$queued" ]] && ((queued < 10)); }; then
    break
  fi
done
warmed=$((SECONDS - warm_started))
echo "== $ROUNDS rounds of wrk -t$THREADS -c$CONNECTIONS --latency -d$DURATION: current model, previous model, /ping"
declare -a ROWS
for round in $(seq 1 "$ROUNDS"); do
  serve "$CURRENT_VERSION"
  read -r cr cp ce < <(measure "$RECS" "$WORK/recommendations.lua" "$DURATION")
  serve "$PREVIOUS_VERSION"
  read -r vr vp ve < <(measure "$RECS" "$WORK/recommendations.lua" "$DURATION")
  read -r pr pp pe < <(measure /ping "" "$DURATION")
  ratio=$(awk -v c="$cr" -v v="$vr" 'BEGIN { printf "%.1f", 100 * c / v }')
  printf '   round %d: current %9s req/s p99 %6s ms %s| previous %9s req/s p99 %6s ms %s| /ping %9s req/s p99 %6s ms %s| current/previous %s %%\n' \
    "$round" "$cr" "$cp" "${ce:+$ce }" "$vr" "$vp" "${ve:+$ve }" "$pr" "$pp" "${pe:+$pe }" "$ratio"
  ROWS+=("$ratio $cr $cp $vr $vp $pr $pp")
done
# the median round by the current / previous ratio
read -r ratio cr cp vr vp pr pp < <(printf '%s\n' "${ROWS[@]}" | sort -g | sed -n "$(((ROUNDS + 1) / 2))p")
serve "$CURRENT_VERSION"

echo
echo "== Results: $USERS users, $ITEMS items, $RATINGS ratings ($CLUSTERS planted clusters); wrk -t$THREADS" \
  "-c$CONNECTIONS -d$DURATION x $ROUNDS rounds after a ${warmed} s warm-up, on loopback; the median round:"
printf '%-58s %10s req/s   p99 %8s ms\n' "GET /ping (baseline)" "$pr" "$pp"
printf '%-58s %10s req/s   p99 %8s ms\n' "recommendations, previous default (version $PREVIOUS_VERSION)" "$vr" "$vp"
printf '%-58s %10s req/s   p99 %8s ms\n' "recommendations, current default (version $CURRENT_VERSION)" "$cr" "$cp"
awk -v r="$ratio" -v p="$cp" -v c="$cr" -v b="$pr" 'BEGIN {
  printf "current / previous default: %.1f %% of the requests/s (target >= 50 %%): %s\n", r,
    (r >= 50) ? "met" : "NOT met"
  printf "current default p99: %.2f ms (target <= 25 ms): %s\n", p, (p <= 25) ? "met" : "NOT met"
  printf "current default / baseline: %.1f %% of the requests/s\n", 100 * c / b
}'
echo "Machine: $(nproc) CPUs, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Java: $(java -version 2>&1 | head -2 | tr '\n' ' ')"
echo "PostgreSQL $(psql -qtAX -d postgres -c 'show server_version'); $(wrk --version 2>&1 | head -1)"
